//! Virtual memory: loading a program's image, translating every load and store through the
//! page table, and the page faults that translation raises.

use super::*;
use crate::abi::flags::{MAP_ANONYMOUS, MAP_PRIVATE, MAP_SHARED, PROT_WRITE};
use crate::abi::layout::{KERNEL_BASE, MMAP_TOP, STACK_LIMIT, STACK_TOP, TEXT_BASE};
use crate::abi::signal::{SIGKILL, SIGSEGV};
use crate::address_space::SegmentKind;
use crate::address_space::Vma;
use crate::event::{FaultKind, InvalidAccess};
use crate::file_system::Ino;
use crate::narrow;
use crate::open_file::FileKind;
use crate::page_table::Pte;

/// What an instruction does to memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads.
    Read,
    /// Writes.
    Write,
}

impl Kernel {
    /// The slot of a process in the table (see [`Kernel::process`]).
    pub(super) fn index_of(&self, pid: Pid) -> usize {
        pid as usize - 1
    }

    /// Builds a fresh address space for a program: a page-table frame, the text, rodata and
    /// data pages with their contents, and the top stack page with argv and the
    /// environment. Returns the space and the initial stack pointer; E2BIG when the
    /// arguments and environment do not fit in that page, ENOMEM (with nothing kept) when
    /// frames run out.
    pub(super) fn load_image(
        &mut self,
        pid: Pid,
        program: &Program,
        argv: &[String],
        env: &[String],
    ) -> Result<(AddressSpace, u64), Errno> {
        let page = self.settings.page_size;
        let (stack_page, sp) = argv_page(argv, env, page).ok_or(Errno::E2BIG)?;
        let root = self
            .frames
            .allocate(FrameUse::PageTable(pid))
            .ok_or(Errno::ENOMEM)?;
        let mut space = AddressSpace::for_program(program, page);
        space.page_table_base = root as u64 * page;
        space.envp = envp_of(sp, argv.len());
        let mut contents: Vec<(u64, &[u8])> = Vec::new();
        for (kind, bytes) in [
            (SegmentKind::Text, &[][..]),
            (SegmentKind::Rodata, &program.rodata[..]),
            (SegmentKind::Data, &program.data[..]),
        ] {
            let vma = *space.vma(kind).expect("every image has these regions");
            for addr in (vma.start..vma.end).step_by(narrow::host_index(page)) {
                let offset = narrow::host_index(addr - vma.start);
                let chunk = bytes.get(offset..).unwrap_or(&[]);
                contents.push((addr, &chunk[..chunk.len().min(narrow::host_index(page))]));
            }
        }
        contents.push((STACK_TOP - page, &stack_page));
        for (addr, bytes) in contents {
            let writable = space.vma_at(addr).is_some_and(|v| v.writable);
            let Some(frame) = self.frames.allocate(FrameUse::User) else {
                self.release_frames(&mut space);
                return Err(Errno::ENOMEM);
            };
            self.frames.write(frame, 0, bytes);
            space.page_table.map(space.vpn(addr), pte(frame, writable));
        }
        Ok((space, sp))
    }

    /// For each mapped frame, the processes whose page tables map it, lowest PID first.
    pub fn frame_owners(&self) -> BTreeMap<usize, Vec<Pid>> {
        let mut owners: BTreeMap<usize, Vec<Pid>> = BTreeMap::new();
        for p in &self.procs {
            for (_, pte) in p.memory.page_table.iter() {
                let list = owners.entry(pte.frame).or_default();
                if list.last() != Some(&p.pid) {
                    list.push(p.pid);
                }
            }
        }
        owners
    }

    /// Gives back every frame of an address space (and its page-table frame); returns the
    /// frames freed and those still mapped elsewhere with their remaining counts.
    pub(super) fn release_frames(
        &mut self,
        space: &mut AddressSpace,
    ) -> (Vec<usize>, Vec<(usize, u32)>) {
        let entries: Vec<Pte> = space
            .page_table
            .clear()
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        let (mut freed, still_shared) = self.release_entries(entries);
        let root = self.frames.frame_of(space.page_table_base);
        if self.frames.frame(root).usage != FrameUse::Free {
            self.frames.free(root);
            freed.push(root);
        }
        (freed, still_shared)
    }

    /// Drops the mappings of unmapped entries: returns the frames this freed and those still
    /// mapped elsewhere, with their remaining counts.
    fn release_entries(&mut self, entries: Vec<Pte>) -> (Vec<usize>, Vec<(usize, u32)>) {
        let mut freed = Vec::new();
        let mut still_shared = Vec::new();
        for e in entries {
            match self.frames.release(e.frame) {
                0 => freed.push(e.frame),
                left => still_shared.push((e.frame, left)),
            }
        }
        (freed, still_shared)
    }

    /// Translates a user address for an access, handling any page fault on the way (as
    /// Linux's page-fault handler: find the region, check the access, then fault the page
    /// in). Returns the frame and offset, or how the process dies (SIGSEGV, or SIGKILL when
    /// the machine is out of memory).
    fn translate(
        &mut self,
        pid: Pid,
        addr: u64,
        access: Access,
        events: &mut Vec<Event>,
    ) -> Result<(usize, usize), Termination> {
        self.fault_in(pid, addr, access, events)
            .map_err(|fault| fault.in_user_mode(pid, events))
    }

    /// The frame and offset of `addr` for an access, faulting its page in as needed; an
    /// address the process may not touch so is [`Fault::Invalid`], for the caller to turn
    /// into SIGSEGV (user mode) or EFAULT (a system call's copy).
    fn fault_in(
        &mut self,
        pid: Pid,
        addr: u64,
        access: Access,
        events: &mut Vec<Event>,
    ) -> Result<(usize, usize), Fault> {
        let i = self.index_of(pid);
        let page = self.settings.page_size;
        let vma = self
            .find_vma(i, addr, events)
            .map_err(|why| Fault::Invalid(addr, why))?;
        if access == Access::Write && !vma.writable {
            return Err(Fault::Invalid(addr, InvalidAccess::ReadOnly(vma.kind)));
        }
        let vpn = addr / page;
        let offset = narrow::host_index(addr % page);
        let entry = self.procs[i].memory.page_table.get(vpn).copied();
        let frame = match entry {
            None => self
                .demand_zero(i, addr, vma.writable, events)
                .map_err(Fault::Killed)?,
            Some(old) if access == Access::Write && old.cow => self
                .copy_on_write(i, addr, old.frame, events)
                .map_err(Fault::Killed)?,
            Some(e) => e.frame,
        };
        let e = self.procs[i]
            .memory
            .page_table
            .get_mut(vpn)
            .expect("mapped");
        e.accessed = true;
        e.dirty |= access == Access::Write;
        Ok((frame, offset))
    }

    /// The region holding `addr` in process slot `i`'s address space. An address just
    /// below the stack, within the stack limit, grows the stack down to it; anything else
    /// outside every region (or in the kernel's half) is an invalid access.
    fn find_vma(
        &mut self,
        i: usize,
        addr: u64,
        events: &mut Vec<Event>,
    ) -> Result<Vma, InvalidAccess> {
        if addr >= KERNEL_BASE {
            return Err(InvalidAccess::Kernel);
        }
        let space = &self.procs[i].memory;
        if let Some(vma) = space.vma_at(addr) {
            return Ok(*vma);
        }
        let stack = *space.vma(SegmentKind::Stack).expect("a stack");
        // The soft RLIMIT_STACK, within the room the layout leaves below the stack.
        let limit = self.procs[i].limits.stack.soft.min(STACK_LIMIT);
        if addr >= stack.start || addr < STACK_TOP - limit {
            return Err(InvalidAccess::Unmapped);
        }
        let start = addr / self.settings.page_size * self.settings.page_size;
        let pid = self.procs[i].pid;
        self.procs[i]
            .memory
            .vma_mut(SegmentKind::Stack)
            .expect("a stack")
            .start = start;
        events.push(Event::PageFault {
            pid,
            addr,
            kind: FaultKind::StackGrowth,
        });
        Ok(Vma { start, ..stack })
    }

    /// A first touch of a page: a zero-filled frame, mapped as the region allows.
    fn demand_zero(
        &mut self,
        i: usize,
        addr: u64,
        writable: bool,
        events: &mut Vec<Event>,
    ) -> Result<usize, Termination> {
        let pid = self.procs[i].pid;
        let frame = self.allocate_user_frame(pid, events)?;
        events.push(Event::PageFault {
            pid,
            addr,
            kind: FaultKind::DemandZero { frame },
        });
        let vpn = addr / self.settings.page_size;
        self.procs[i]
            .memory
            .page_table
            .map(vpn, pte(frame, writable));
        Ok(frame)
    }

    /// A write to a copy-on-write page on `shared`: a copy of the frame if others still map
    /// it, else the frame itself, made writable again.
    fn copy_on_write(
        &mut self,
        i: usize,
        addr: u64,
        shared: usize,
        events: &mut Vec<Event>,
    ) -> Result<usize, Termination> {
        let pid = self.procs[i].pid;
        let vpn = addr / self.settings.page_size;
        if self.frames.frame(shared).refcount > 1 {
            let copy = self.allocate_user_frame(pid, events)?;
            self.frames.copy(shared, copy);
            let left = self.frames.release(shared);
            events.push(Event::PageFault {
                pid,
                addr,
                kind: FaultKind::CopyOnWrite {
                    from: shared,
                    to: copy,
                    left,
                },
            });
            self.procs[i].memory.page_table.map(vpn, pte(copy, true));
            return Ok(copy);
        }
        events.push(Event::PageFault {
            pid,
            addr,
            kind: FaultKind::CowReuse { frame: shared },
        });
        let e = self.procs[i]
            .memory
            .page_table
            .get_mut(vpn)
            .expect("mapped");
        e.cow = false;
        e.writable = true;
        Ok(shared)
    }

    /// A free frame for a user page, or death by the OOM killer when there is none.
    fn allocate_user_frame(
        &mut self,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Result<usize, Termination> {
        self.frames.allocate(FrameUse::User).ok_or_else(|| {
            events.push(Event::OutOfMemory { pid });
            Termination::Signaled(SIGKILL)
        })
    }

    /// Reads `len` bytes of a process's memory through the page table, one translation per
    /// page the bytes span.
    pub(super) fn load(
        &mut self,
        pid: Pid,
        addr: u64,
        len: u64,
        events: &mut Vec<Event>,
    ) -> Result<Vec<u8>, Termination> {
        self.load_with(pid, addr, len, events)
            .map_err(|fault| fault.in_user_mode(pid, events))
    }

    /// Reads `len` bytes page by page, growing the result only as pages are read, so a
    /// huge length ends at the first page the process may not read instead of asking the
    /// host for all of it at once.
    fn load_with(
        &mut self,
        pid: Pid,
        addr: u64,
        len: u64,
        events: &mut Vec<Event>,
    ) -> Result<Vec<u8>, Fault> {
        let page = self.settings.page_size;
        let mut out = Vec::new();
        let mut done = 0u64;
        while done < len {
            let at = addr.wrapping_add(done);
            let (frame, offset) = self.fault_in(pid, at, Access::Read, events)?;
            let n = narrow::host_index((len - done).min(page - offset as u64));
            let start = out.len();
            out.resize(start + n, 0);
            self.frames.read_into(frame, offset, &mut out[start..]);
            done += n as u64;
        }
        Ok(out)
    }

    /// Fills `out` from a process's memory through the page table, one translation per page
    /// the bytes span.
    pub(super) fn load_into(
        &mut self,
        pid: Pid,
        addr: u64,
        out: &mut [u8],
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let page = narrow::host_index(self.settings.page_size);
        let mut done = 0;
        while done < out.len() {
            let at = addr.wrapping_add(done as u64);
            let (frame, offset) = self.translate(pid, at, Access::Read, events)?;
            let n = (out.len() - done).min(page - offset);
            self.frames
                .read_into(frame, offset, &mut out[done..done + n]);
            done += n;
        }
        Ok(())
    }

    /// Writes bytes into a process's memory through the page table, one translation per
    /// page they span.
    pub(super) fn store(
        &mut self,
        pid: Pid,
        addr: u64,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        self.store_with(pid, addr, bytes, events)
            .map_err(|fault| fault.in_user_mode(pid, events))
    }

    /// Writes `len` copies of `byte`, a page at a time (memset's, calloc's and strncpy's
    /// padding), so a huge length ends at the first page the process may not write.
    pub(super) fn fill(
        &mut self,
        pid: Pid,
        addr: u64,
        byte: u8,
        len: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let page = self.settings.page_size;
        let mut done = 0u64;
        while done < len {
            let at = addr.wrapping_add(done);
            let n = (len - done).min(page - at % page);
            self.store(pid, at, &vec![byte; narrow::host_index(n)], events)?;
            done += n;
        }
        Ok(())
    }

    /// Reads `len` bytes of a process's memory for a system call (copy_from_user): EFAULT,
    /// with no signal, when the range reaches past user space or a page the process may
    /// not read. The length is at most [`MAX_RW_COUNT`], as Linux clamps it.
    pub(super) fn copy_from_user(
        &mut self,
        pid: Pid,
        addr: u64,
        len: u64,
        events: &mut Vec<Event>,
    ) -> Result<Vec<u8>, UserFault> {
        let len = len.min(MAX_RW_COUNT);
        user_range(addr, len)?;
        Ok(self.load_with(pid, addr, len, events)?)
    }

    /// Writes bytes into a process's memory for a system call (copy_to_user): EFAULT, with
    /// no signal, when the range reaches past user space or a page it may not write.
    pub(super) fn copy_to_user(
        &mut self,
        pid: Pid,
        addr: u64,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<(), UserFault> {
        user_range(addr, bytes.len() as u64)?;
        Ok(self.store_with(pid, addr, bytes, events)?)
    }

    fn store_with(
        &mut self,
        pid: Pid,
        addr: u64,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<(), Fault> {
        let page = narrow::host_index(self.settings.page_size);
        let mut done = 0;
        while done < bytes.len() {
            let at = addr.wrapping_add(done as u64);
            let (frame, offset) = self.fault_in(pid, at, Access::Write, events)?;
            let n = (bytes.len() - done).min(page - offset);
            self.frames.write(frame, offset, &bytes[done..done + n]);
            // A store into a shared file mapping is a store into the file.
            if let Some((ino, file_page)) = self.frames.frame(frame).file_page {
                let at = file_page * page as u64 + offset as u64;
                self.fs_mut().write_within(ino, at, &bytes[done..done + n]);
            }
            done += n;
        }
        Ok(())
    }

    /// Reads a process's memory as the debugger would: no faults, no side effects; `None`
    /// for a page that is not present.
    pub fn peek(&self, pid: Pid, addr: u64) -> Option<u8> {
        let space = &self.process(pid)?.memory;
        let pte = space.page_table.get(space.vpn(addr))?;
        Some(
            self.frames
                .read(pte.frame, narrow::host_index(addr % space.page_size), 1)[0],
        )
    }

    /// mmap(NULL, len, prot, flags, fd, offset): a new region below the previous ones.
    /// Anonymous memory: MAP_SHARED gets its frames now, so a forked child maps the same
    /// ones; MAP_PRIVATE is demand-zero and copy-on-write. A file: MAP_SHARED maps the
    /// file's page-cache frames (shared with every other mapper; stores reach the file),
    /// MAP_PRIVATE a copy of its bytes taken now (POSIX leaves later changes to the file
    /// unspecified there).
    pub(super) fn mmap(
        &mut self,
        pid: Pid,
        request: MapRequest,
        events: &mut Vec<Event>,
    ) -> Result<u64, Errno> {
        let MapRequest {
            len, prot, flags, ..
        } = request;
        if len == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == 0 {
            return Err(Errno::EINVAL);
        }
        let page = self.settings.page_size;
        let shared = flags & MAP_SHARED != 0;
        let file = self.mapped_file(pid, &request)?;
        let backing = file.as_ref().map_or(Backing::Zero, |(ino, _)| {
            Backing::File(*ino, request.offset / page)
        });
        let region = Region {
            len,
            writable: prot & PROT_WRITE != 0,
            shared,
            backing,
        };
        let (start, frames) = self.map_region(pid, region)?;
        events.push(Event::Mmap {
            pid,
            start,
            len: len.div_ceil(page) * page,
            shared,
            frames,
            file: file.map(|(_, path)| path),
        });
        Ok(start)
    }

    /// Maps a new region of whole pages below the process's lowest mapping: its frames at
    /// once when it is shared or holds a file, else demand-zero. Returns its start and the
    /// frames mapped; ENOMEM when no room or frames are left.
    pub(super) fn map_region(
        &mut self,
        pid: Pid,
        region: Region,
    ) -> Result<(u64, Vec<usize>), Errno> {
        let page = self.settings.page_size;
        let len = region
            .len
            .div_ceil(page)
            .checked_mul(page)
            .ok_or(Errno::ENOMEM)?;
        let i = self.index_of(pid);
        let (start, top) = self.mmap_area(i, len)?;
        let vma = Vma {
            kind: SegmentKind::Mmap,
            start,
            end: top,
            writable: region.writable,
            executable: false,
            shared: region.shared,
        };
        let frames = if region.shared || !matches!(region.backing, Backing::Zero) {
            self.map_frames_now(i, &vma, &region.backing)?
        } else {
            Vec::new()
        };
        let space = &mut self.procs[i].memory;
        let at = space
            .vmas
            .iter()
            .position(|v| v.start > start)
            .unwrap_or(space.vmas.len());
        space.vmas.insert(at, vma);
        Ok((start, frames))
    }

    /// The file an mmap request maps (its inode and path), None for MAP_ANONYMOUS: EINVAL
    /// for an offset off a page boundary, EBADF for a closed descriptor, ENODEV for what is
    /// not a regular file, EACCES when the descriptor's mode does not allow the mapping.
    fn mapped_file(&self, pid: Pid, request: &MapRequest) -> Result<Option<(Ino, String)>, Errno> {
        if request.flags & MAP_ANONYMOUS != 0 {
            return Ok(None);
        }
        if !request.offset.is_multiple_of(self.settings.page_size) {
            return Err(Errno::EINVAL);
        }
        let open = &self.open_files[self.description(pid, request.fd).ok_or(Errno::EBADF)?];
        let FileKind::File(ino) = open.kind else {
            return Err(Errno::ENODEV);
        };
        let shared_write = request.flags & MAP_SHARED != 0 && request.prot & PROT_WRITE != 0;
        if !open.readable() || (shared_write && !open.writable()) {
            return Err(Errno::EACCES);
        }
        Ok(Some((ino, open.path.clone())))
    }

    /// Room for `len` bytes in process slot `i`'s mmap area, just below its lowest mapping
    /// and above its heap: (start, end); ENOMEM when there is none.
    fn mmap_area(&self, i: usize, len: u64) -> Result<(u64, u64), Errno> {
        let space = &self.procs[i].memory;
        let top = space
            .vmas
            .iter()
            .filter(|v| v.kind == SegmentKind::Mmap)
            .map(|v| v.start)
            .min()
            .unwrap_or(MMAP_TOP);
        let start = top
            .checked_sub(len)
            .filter(|&s| s > space.brk)
            .ok_or(Errno::ENOMEM)?;
        Ok((start, top))
    }

    /// Maps every page of a new region at once: a file's pages (its page-cache frames when
    /// shared, private copies otherwise), a segment's frames, or fresh frames for shared
    /// anonymous memory. ENOMEM, with nothing left mapped, when frames run out.
    fn map_frames_now(
        &mut self,
        i: usize,
        vma: &Vma,
        backing: &Backing,
    ) -> Result<Vec<usize>, Errno> {
        let page = self.settings.page_size;
        let mut frames = Vec::new();
        for (k, addr) in (vma.start..vma.end)
            .step_by(narrow::host_index(page))
            .enumerate()
        {
            let frame = match backing {
                Backing::Frames(frames) => frames.get(k).copied().inspect(|&f| {
                    self.frames.share(f);
                }),
                Backing::File(ino, fp) => self.mmap_frame(Some((*ino, fp + k as u64)), vma.shared),
                Backing::Zero => self.mmap_frame(None, vma.shared),
            };
            let Some(frame) = frame else {
                for (j, f) in frames.into_iter().enumerate() {
                    self.procs[i]
                        .memory
                        .page_table
                        .unmap(vma.start / page + j as u64);
                    self.frames.release(f);
                }
                return Err(Errno::ENOMEM);
            };
            frames.push(frame);
            let mut entry = pte(frame, vma.writable);
            entry.accessed = false;
            self.procs[i].memory.page_table.map(addr / page, entry);
        }
        Ok(frames)
    }

    /// The frame for one page of a new mapping: a shared file page's page-cache frame (one
    /// more reference), else a new frame holding the file's bytes, or zeros.
    fn mmap_frame(&mut self, file_page: Option<(Ino, u64)>, shared: bool) -> Option<usize> {
        let cached = file_page
            .filter(|_| shared)
            .and_then(|(ino, fp)| self.frames.cached(ino, fp));
        if let Some(frame) = cached {
            self.frames.share(frame);
            return Some(frame);
        }
        let frame = self.frames.allocate(FrameUse::User)?;
        if let Some((ino, fp)) = file_page {
            let page = self.settings.page_size;
            let bytes = self.fs.read(ino, fp * page, page);
            self.frames.write(frame, 0, &bytes);
            if shared {
                self.frames.cache_file_page(frame, ino, fp);
            }
        }
        Some(frame)
    }

    /// munmap(addr, len) of a whole region made by mmap.
    pub(super) fn munmap(
        &mut self,
        pid: Pid,
        addr: u64,
        len: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let page = self.settings.page_size;
        let end = len
            .div_ceil(page)
            .checked_mul(page)
            .and_then(|len| addr.checked_add(len))
            .ok_or(Errno::EINVAL)?;
        let whole = self.procs[self.index_of(pid)]
            .memory
            .vmas
            .iter()
            .any(|v| v.kind == SegmentKind::Mmap && v.start == addr && v.end == end);
        if !whole {
            return Err(Errno::EINVAL);
        }
        // Unmapping an attached segment detaches it, as on Linux.
        let attached = self.procs[self.index_of(pid)]
            .memory
            .attachments
            .iter()
            .any(|a| a.start == addr);
        if attached {
            return self.shmdt(pid, addr, events);
        }
        self.unmap_region(pid, addr, events);
        Ok(())
    }

    /// Removes the mapped region that starts at `start` and drops its frames' references
    /// (freeing those nobody else maps).
    pub(super) fn unmap_region(&mut self, pid: Pid, start: u64, events: &mut Vec<Event>) {
        let page = self.settings.page_size;
        let i = self.index_of(pid);
        let space = &mut self.procs[i].memory;
        let Some(at) = space.vmas.iter().position(|v| v.start == start) else {
            return;
        };
        let vma = space.vmas.remove(at);
        let entries: Vec<Pte> = (vma.start / page..vma.end / page)
            .filter_map(|vpn| self.procs[i].memory.page_table.unmap(vpn))
            .collect();
        let (freed, still_shared) = self.release_entries(entries);
        events.push(Event::Unmapped {
            pid,
            start,
            len: vma.end - vma.start,
            freed,
            still_shared,
        });
    }

    /// Moves the program break by `delta`; returns the old break, or ENOMEM.
    pub(super) fn sbrk(
        &mut self,
        pid: Pid,
        delta: i64,
        events: &mut Vec<Event>,
    ) -> Result<u64, Errno> {
        let i = self.index_of(pid);
        let page = self.settings.page_size;
        let space = &self.procs[i].memory;
        let heap = *space.vma(SegmentKind::Heap).expect("a heap");
        let old = space.brk;
        let new = old
            .checked_add_signed(delta)
            .filter(|&n| n >= heap.start && n < MMAP_TOP)
            .ok_or(Errno::ENOMEM)?;
        let end = new.div_ceil(page) * page;
        let dropped: Vec<u64> = space
            .page_table
            .iter()
            .map(|(vpn, _)| vpn)
            .filter(|&vpn| vpn * page >= end && vpn * page < heap.end)
            .collect();
        let space = &mut self.procs[i].memory;
        space.brk = new;
        space.vma_mut(SegmentKind::Heap).expect("a heap").end = end;
        let ptes: Vec<Pte> = dropped
            .into_iter()
            .filter_map(|vpn| self.procs[i].memory.page_table.unmap(vpn))
            .collect();
        for pte in ptes {
            self.frames.release(pte.frame);
        }
        events.push(Event::Brk { pid, old, new });
        Ok(old)
    }
}

/// mmap()'s arguments after the address hint.
pub(super) struct MapRequest {
    /// Bytes wanted (rounded up to whole pages).
    pub len: u64,
    /// PROT_* bits.
    pub prot: u64,
    /// MAP_* bits.
    pub flags: u64,
    /// The file's descriptor, unless MAP_ANONYMOUS.
    pub fd: i32,
    /// Where in the file the mapping starts (a multiple of the page size).
    pub offset: u64,
}

/// A new region of memory to map: what [`Kernel::map_region`] takes.
#[derive(Debug, Clone)]
pub(super) struct Region {
    /// Its length in bytes (rounded up to whole pages).
    pub len: u64,
    /// May be written.
    pub writable: bool,
    /// MAP_SHARED: its frames are shared, never copied on write.
    pub shared: bool,
    /// What its pages hold.
    pub backing: Backing,
}

/// What a new region's pages hold.
#[derive(Debug, Clone)]
pub(super) enum Backing {
    /// Zeros: demand-zero pages, or fresh frames now when the region is shared.
    Zero,
    /// A file's pages from this page on.
    File(Ino, u64),
    /// These frames, one per page (a shared memory segment's).
    Frames(Vec<usize>),
}

/// A present, user-accessible entry for a freshly allocated frame.
/// The most bytes one read() or write() moves (Linux's MAX_RW_COUNT): a larger count is
/// cut to it.
pub const MAX_RW_COUNT: u64 = 0x7fff_f000;

/// Why a page could not be touched.
pub(super) enum Fault {
    /// The process may not touch this address so: SIGSEGV from user mode, EFAULT from a
    /// system call's copy.
    Invalid(u64, InvalidAccess),
    /// No frame was left: the OOM killer ended the process.
    Killed(Termination),
}

impl Fault {
    /// The fault as user mode takes it: an invalid access is a segmentation fault (SIGSEGV),
    /// narrated as such.
    fn in_user_mode(self, pid: Pid, events: &mut Vec<Event>) -> Termination {
        match self {
            Fault::Invalid(addr, why) => {
                events.push(Event::PageFault {
                    pid,
                    addr,
                    kind: FaultKind::Invalid(why),
                });
                Termination::Signaled(SIGSEGV)
            }
            Fault::Killed(how) => how,
        }
    }
}

/// How a system call's copy of user memory failed.
pub(super) enum UserFault {
    /// EFAULT: a bad address.
    BadAddress,
    /// The OOM killer ended the process while its pages were faulted in.
    Killed(Termination),
}

impl From<Fault> for UserFault {
    fn from(fault: Fault) -> Self {
        match fault {
            Fault::Invalid(..) => UserFault::BadAddress,
            Fault::Killed(how) => UserFault::Killed(how),
        }
    }
}

/// Linux's access_ok: the range lies in user space (below the top of the stack).
fn user_range(addr: u64, len: u64) -> Result<(), UserFault> {
    match addr.checked_add(len) {
        Some(end) if end <= STACK_TOP => Ok(()),
        _ => Err(UserFault::BadAddress),
    }
}

fn pte(frame: usize, writable: bool) -> Pte {
    Pte {
        frame,
        writable,
        user: true,
        cow: false,
        dirty: false,
        accessed: false,
    }
}

/// The top stack page of a new process, laid out as the System V ABI has it at `_start`:
/// argc, argv[0..n], NULL, envp[0..m], NULL, then the strings. Returns the page and the
/// stack pointer (at argc), 16-byte aligned; None when they do not fit in the page (Linux
/// allows a quarter of the stack limit; ProcLab, one page).
fn argv_page(args: &[String], env: &[String], page: u64) -> Option<(Vec<u8>, u64)> {
    let strings: usize = args.iter().chain(env).map(|a| a.len() + 1).sum();
    let words = args.len() + env.len() + 3;
    let size = (8 * words + strings).div_ceil(16) * 16;
    if size > narrow::host_index(page) {
        return None;
    }
    let mut bytes = vec![0u8; narrow::host_index(page)];
    let base = narrow::host_index(page) - size;
    let sp = STACK_TOP - size as u64;
    let word = |bytes: &mut Vec<u8>, at: usize, v: u64| {
        bytes[at..at + 8].copy_from_slice(&v.to_le_bytes())
    };
    word(&mut bytes, base, args.len() as u64);
    let mut string_at = base + 8 * words;
    let envp_slot = 8 * (args.len() + 2);
    let slots = (0..args.len())
        .map(|i| 8 + 8 * i)
        .chain((0..env.len()).map(|i| envp_slot + 8 * i));
    for (slot, text) in slots.zip(args.iter().chain(env)) {
        word(&mut bytes, base + slot, sp + (string_at - base) as u64);
        let end = string_at + text.len();
        bytes[string_at..end].copy_from_slice(text.as_bytes());
        string_at = end + 1;
    }
    Some((bytes, sp))
}

/// Where the environment's array starts on a new stack: after argc, argv and its NULL.
fn envp_of(sp: u64, argc: usize) -> u64 {
    sp + 8 * (argc as u64 + 2)
}

/// The registers a freshly loaded program starts with: pc at the start of its text, sp at
/// argc, and main's arguments as the System V ABI passes them (rdi = argc, rsi = argv,
/// rdx = envp, which glibc passes main as its third).
pub(super) fn start_context(sp: u64, argc: usize) -> CpuContext {
    let mut context = CpuContext::at_entry(TEXT_BASE, sp);
    context.regs[5] = argc as u64;
    context.regs[4] = sp + 8;
    context.regs[3] = envp_of(sp, argc);
    context
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::event::FaultKind;

    /// Where a program with a few instructions and some data keeps its first data byte.
    const DATA: u64 = 0x401000;

    fn with_data(ops: Vec<Op>) -> Program {
        Program {
            data: vec![42],
            bss: 16,
            ..Program::from_ops(ops)
        }
    }

    fn boot(ops: Vec<Op>, tweak: impl Fn(&mut Settings)) -> Kernel {
        boot_programs(Policy::Fcfs, vec![with_data(ops)], Vec::new(), tweak)
    }

    fn faults(events: &[Event]) -> Vec<FaultKind> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::PageFault { kind, .. } => Some(*kind),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn loading_maps_text_data_and_the_top_stack_page_with_the_data_bytes() {
        let k = boot(vec![Op::Cpu], |_| {});
        let p = k.process(2).unwrap();
        assert_eq!(p.memory.page_table.len(), 3);
        assert_eq!(k.peek(2, DATA), Some(42));
        assert_eq!(
            k.peek(2, DATA + 4096),
            None,
            "bss is demand-zero, not mapped yet"
        );
        assert_eq!(p.context.pc, TEXT_BASE_FOR_TESTS);
        let sp = p.context.sp;
        assert_eq!(k.peek(2, sp), Some(1), "argc is 1");
        let argv0 = u64::from_le_bytes(std::array::from_fn(|i| {
            k.peek(2, sp + 8 + i as u64).unwrap()
        }));
        let name: Vec<u8> = (0..5).map(|i| k.peek(2, argv0 + i).unwrap()).collect();
        assert_eq!(
            name, b"./p0\0",
            "argv[0] is the program's path as a shell runs it"
        );
        assert_eq!(k.peek(2, sp + 16), Some(0), "argv ends with NULL");
        let word = |at: u64| {
            u64::from_le_bytes(std::array::from_fn(|i| k.peek(2, at + i as u64).unwrap()))
        };
        assert_eq!(p.context.regs[3], sp + 24, "rdx = envp, after argv's NULL");
        let first = DEFAULT_ENVIRONMENT[0].as_bytes();
        let entry: Vec<u8> = (0..first.len() as u64)
            .map(|i| k.peek(2, word(sp + 24) + i).unwrap())
            .collect();
        assert_eq!(entry, first, "the environment's first entry");
        let end = sp + 24 + 8 * DEFAULT_ENVIRONMENT.len() as u64;
        assert_eq!(word(end), 0, "envp ends with NULL");
    }

    const TEXT_BASE_FOR_TESTS: u64 = crate::abi::layout::TEXT_BASE;
    use crate::abi::layout::DEFAULT_ENVIRONMENT;

    #[test]
    fn arguments_that_do_not_fit_the_first_stack_page_are_refused_not_dropped() {
        let fits = vec!["./a".to_owned(), "x".repeat(4000)];
        assert!(argv_page(&fits, &[], 4096).is_some());
        let too_long = vec!["./a".to_owned(), "x".repeat(4096)];
        assert!(argv_page(&too_long, &[], 4096).is_none());
        let env = vec!["A=".to_owned() + &"x".repeat(3000)];
        assert!(
            argv_page(&fits, &env, 4096).is_none(),
            "the environment counts too"
        );
    }

    #[test]
    fn after_fork_parent_and_child_see_their_own_values_because_the_write_copied_a_frame() {
        let mut ops = vec![Op::Fork, Op::PokeRax(DATA)];
        ops.extend(std::iter::repeat_n(Op::Cpu, 6));
        let mut k = boot_programs(Policy::RoundRobin, vec![with_data(ops)], Vec::new(), |_| {});
        let events = run_until(&mut k, 1);
        let shared = events
            .iter()
            .find_map(|e| match e {
                Event::Fork { shared, .. } => Some(shared.clone()),
                _ => None,
            })
            .expect("P2 forked");
        assert_eq!(shared.len(), 3, "text, data and stack are shared");
        let frame_of = |k: &Kernel, pid| {
            k.process(pid)
                .unwrap()
                .memory
                .page_table
                .get(DATA / 4096)
                .unwrap()
                .frame
        };
        let original = frame_of(&k, 2);
        assert_eq!(frame_of(&k, 3), original);
        assert_eq!(k.frames().frame(original).refcount, 2);
        // The parent writes first (tick 2): its write faults and copies.
        assert_eq!(k.frame_owners()[&original], [2, 3]);
        let events = run_until(&mut k, 2);
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::CopyOnWrite { from, left: 1, .. }] if from == original
        ));
        assert_eq!(k.frame_owners()[&original], [3]);
        // The child runs at tick 4 and writes 0 into the original, now its own.
        run_until(&mut k, 6);
        assert_eq!(
            k.peek(2, DATA),
            Some(3),
            "the parent stored fork's result, the child's PID"
        );
        assert_eq!(
            k.peek(3, DATA),
            Some(0),
            "the child stored fork's result, 0"
        );
        assert_eq!(frame_of(&k, 3), original);
        assert_ne!(frame_of(&k, 2), original);
    }

    #[test]
    fn the_second_writer_after_a_copy_just_regains_write_access() {
        let mut k = boot(vec![Op::Fork, Op::PokeRax(DATA), Op::Cpu], |_| {});
        let events = run_to_end(&mut k);
        let kinds = faults(&events);
        assert!(matches!(kinds[0], FaultKind::CopyOnWrite { .. }));
        assert!(matches!(kinds[1], FaultKind::CowReuse { .. }));
    }

    #[test]
    fn a_first_touch_of_bss_maps_a_zeroed_frame() {
        let mut k = boot(vec![Op::Peek(DATA + 4096), Op::Cpu], |_| {});
        let events = run_until(&mut k, 1);
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::DemandZero { .. }]
        ));
        assert_eq!(k.cpus()[0].registers.regs[0], 0);
    }

    #[test]
    fn touching_just_below_the_stack_grows_it() {
        let addr = STACK_TOP - 4096 - 8;
        let mut k = boot(vec![Op::Poke { addr, value: 5 }, Op::Cpu], |_| {});
        let events = run_until(&mut k, 1);
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::StackGrowth, FaultKind::DemandZero { .. }]
        ));
        assert_eq!(k.peek(2, addr), Some(5));
    }

    #[test]
    fn growing_past_the_stack_limit_is_a_segmentation_fault() {
        let addr = STACK_TOP - 64 * 1024 - 8;
        let mut k = boot(vec![Op::Poke { addr, value: 5 }], |s| {
            s.stack_limit = 64 * 1024
        });
        let events = run_to_end(&mut k);
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::Invalid(InvalidAccess::Unmapped)]
        ));
        assert_eq!(
            k.process(2).unwrap().termination,
            Some(Termination::Signaled(SIGSEGV))
        );
    }

    fn killed_by(ops: Vec<Op>) -> (Vec<Event>, Option<Termination>) {
        let mut k = boot(ops, |_| {});
        let events = run_to_end(&mut k);
        (events, k.process(2).unwrap().termination)
    }

    #[test]
    fn a_write_to_text_raises_sigsegv() {
        let (events, how) = killed_by(vec![Op::Poke {
            addr: TEXT_BASE_FOR_TESTS,
            value: 1,
        }]);
        assert_eq!(how, Some(Termination::Signaled(SIGSEGV)));
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::Invalid(InvalidAccess::ReadOnly(
                SegmentKind::Text
            ))]
        ));
    }

    #[test]
    fn a_null_pointer_load_raises_sigsegv() {
        let (events, how) = killed_by(vec![Op::Peek(0), Op::Cpu]);
        assert_eq!(how, Some(Termination::Signaled(SIGSEGV)));
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::Invalid(InvalidAccess::Unmapped)]
        ));
    }

    #[test]
    fn a_user_access_to_kernel_space_raises_sigsegv() {
        let (events, how) = killed_by(vec![Op::Peek(KERNEL_BASE + 64)]);
        assert_eq!(how, Some(Termination::Signaled(SIGSEGV)));
        assert!(matches!(
            faults(&events)[..],
            [FaultKind::Invalid(InvalidAccess::Kernel)]
        ));
    }

    #[test]
    fn sbrk_grows_the_heap_and_shrinking_gives_pages_back() {
        let heap = DATA + 4096 + 4096;
        let mut k = boot(
            vec![
                Op::Sbrk(8192),
                Op::Poke {
                    addr: heap + 5000,
                    value: 9,
                },
                Op::Sbrk(-8192),
                Op::Peek(heap + 5000),
            ],
            |_| {},
        );
        run_until(&mut k, 2);
        assert_eq!(k.peek(2, heap + 5000), Some(9));
        let before = k.frames().free_count();
        run_until(&mut k, 3);
        assert_eq!(k.frames().free_count(), before + 1);
        run_to_end(&mut k);
        assert_eq!(
            k.process(2).unwrap().termination,
            Some(Termination::Signaled(SIGSEGV)),
            "the heap page is gone after shrinking"
        );
    }

    #[test]
    fn a_fault_with_no_free_frame_is_an_oom_kill() {
        // 8 kernel frames + init (2) + P2 (page table, text, data, stack) = 14.
        let mut k = boot(vec![Op::Peek(DATA + 4096)], |s| s.frames = 14);
        let events = run_to_end(&mut k);
        assert!(events.contains(&Event::OutOfMemory { pid: 2 }));
        assert_eq!(
            k.process(2).unwrap().termination,
            Some(Termination::Signaled(SIGKILL))
        );
    }
}

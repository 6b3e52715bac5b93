//! The environment: getenv, setenv, unsetenv, putenv and the `environ` variable, over the
//! array of "NAME=value" strings exec puts on the stack, or the one setenv makes in the
//! heap (as glibc does, which then points `environ` at it).

use super::*;
use crate::abi::layout::ENVIRON_OFFSET;

/// The most environment entries ProcLab reads.
const MAX_ENTRIES: u64 = 4096;

/// getenv(name): the value of the first entry "name=value", or NULL.
pub(super) fn sys_getenv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.string(c.pid, c.arg(0), events)?;
    let found = k.find_entry(c.pid, &name, events)?;
    Ok(Done::Return(
        found.map_or(0, |(_, p)| p + name.len() as u64 + 1),
    ))
}

/// setenv(name, value, overwrite): a new entry, or a changed one when `overwrite`; EINVAL
/// for an empty name or one with '=', ENOMEM when the heap cannot hold the entry.
pub(super) fn sys_setenv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.entry_name(c, events)?;
    let found = k.find_entry(c.pid, &name, events)?;
    if found.is_some() && c.arg(2) == 0 {
        return Ok(Done::Return(0));
    }
    let mut entry = name;
    entry.push(b'=');
    entry.extend(k.string(c.pid, c.arg(1), events)?);
    entry.push(0);
    let at = k.malloc(c.pid, entry.len() as u64, events)?;
    if at == 0 {
        return Err(Errno::ENOMEM.into());
    }
    k.store(c.pid, at, &entry, events)?;
    k.put_entry(c.pid, found.map(|(slot, _)| slot), at, events)?;
    Ok(Done::Return(0))
}

/// unsetenv(name): removes every entry of that name; EINVAL for an empty name or one with
/// '='.
pub(super) fn sys_unsetenv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.entry_name(c, events)?;
    while let Some((slot, _)) = k.find_entry(c.pid, &name, events)? {
        k.remove_entry(c.pid, slot, events)?;
    }
    Ok(Done::Return(0))
}

/// putenv(string): the string itself becomes the entry for its name (so changing the
/// string changes the environment); a string without '=' removes that name, as glibc does.
pub(super) fn sys_putenv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let entry = k.string(c.pid, c.arg(0), events)?;
    let Some(eq) = entry.iter().position(|&b| b == b'=') else {
        while let Some((slot, _)) = k.find_entry(c.pid, &entry, events)? {
            k.remove_entry(c.pid, slot, events)?;
        }
        return Ok(Done::Return(0));
    };
    let found = k.find_entry(c.pid, &entry[..eq], events)?;
    k.put_entry(c.pid, found.map(|(slot, _)| slot), c.arg(0), events)?;
    Ok(Done::Return(0))
}

/// Reading the `environ` variable: where the environment's array is.
pub(super) fn sys_environ(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(k.environ(c.pid, events)?))
}

impl Kernel {
    /// Where the process's environment array is: `environ` once the program has changed the
    /// environment, else the array exec put on the stack.
    fn environ(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<u64> {
        let slot = self.load_word(pid, self.bss_base(pid) + ENVIRON_OFFSET, events)?;
        Ok(if slot != 0 {
            slot
        } else {
            self.process(pid).map_or(0, |p| p.memory.envp)
        })
    }

    /// The process's environment, as exec passes it on.
    pub(super) fn environment(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<Vec<String>> {
        let at = self.environ(pid, events)?;
        self.string_array(pid, at, events)
    }

    /// The name argument of setenv and unsetenv: EINVAL when it is empty or holds '='.
    fn entry_name(&mut self, c: &Call, events: &mut Vec<Event>) -> Result<Vec<u8>, Failure> {
        if c.arg(0) == 0 {
            return Err(Errno::EINVAL.into());
        }
        let name = self.string(c.pid, c.arg(0), events)?;
        if name.is_empty() || name.contains(&b'=') {
            return Err(Errno::EINVAL.into());
        }
        Ok(name)
    }

    /// The first entry for `name`: the address of its slot in the array and the entry's.
    fn find_entry(
        &mut self,
        pid: Pid,
        name: &[u8],
        events: &mut Vec<Event>,
    ) -> Lib<Option<(u64, u64)>> {
        let mut slot = self.environ(pid, events)?;
        for _ in 0..MAX_ENTRIES {
            let entry = self.load_word(pid, slot, events)?;
            if entry == 0 {
                break;
            }
            let text = self.string(pid, entry, events)?;
            if text.starts_with(name) && text.get(name.len()) == Some(&b'=') {
                return Ok(Some((slot, entry)));
            }
            slot += 8;
        }
        Ok(None)
    }

    /// Puts `entry` in the environment: in `slot` when its name has one, else at the end of
    /// a new, longer array in the heap, which `environ` then points to.
    fn put_entry(
        &mut self,
        pid: Pid,
        slot: Option<u64>,
        entry: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Failure> {
        if let Some(slot) = slot {
            return Ok(self.store(pid, slot, &entry.to_le_bytes(), events)?);
        }
        let old = self.environ(pid, events)?;
        let mut entries = Vec::new();
        for i in 0..MAX_ENTRIES {
            match self.load_word(pid, old + 8 * i, events)? {
                0 => break,
                p => entries.push(p),
            }
        }
        entries.extend([entry, 0]);
        let bytes: Vec<u8> = entries.iter().flat_map(|p| p.to_le_bytes()).collect();
        let array = self.malloc(pid, bytes.len() as u64, events)?;
        if array == 0 {
            return Err(Errno::ENOMEM.into());
        }
        self.store(pid, array, &bytes, events)?;
        let at = self.bss_base(pid) + ENVIRON_OFFSET;
        Ok(self.store(pid, at, &array.to_le_bytes(), events)?)
    }

    /// Removes the entry in `slot`, moving the later ones (and the NULL) down one.
    fn remove_entry(&mut self, pid: Pid, mut slot: u64, events: &mut Vec<Event>) -> Lib<()> {
        for _ in 0..MAX_ENTRIES {
            let next = self.load_word(pid, slot + 8, events)?;
            self.store(pid, slot, &next.to_le_bytes(), events)?;
            if next == 0 {
                break;
            }
            slot += 8;
        }
        Ok(())
    }
}

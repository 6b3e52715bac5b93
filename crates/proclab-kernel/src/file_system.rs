//! The simulated file system: a tree of directories, regular files, FIFOs and devices,
//! named by absolute paths. `/bin` holds the built-in programs, `/dev` the terminal and
//! the null device, `/tmp` and the user's home directory are writable, and `/proc` is
//! filled in by the kernel from its process table.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::abi::errno::Errno;
use crate::narrow;

/// The directory every user process starts in.
pub const HOME: &str = "/home/student";
/// The most bytes a file holds. ProcLab keeps files in memory, so a write past this fails
/// with EFBIG, where Linux would store a sparse file as large as its file system allows.
pub const MAX_FILE_SIZE: u64 = 64 << 20;

/// An inode number: an index into the file system's inodes.
pub type Ino = usize;

/// What an inode is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeKind {
    /// A directory.
    Directory,
    /// A regular file and its bytes.
    Regular(Rc<Vec<u8>>),
    /// A program in `/bin`; reading it gives its C source.
    Program(Rc<Vec<u8>>),
    /// A named pipe (mkfifo), and the pipe its current openers share.
    Fifo(Option<usize>),
    /// `/dev/tty`.
    Terminal,
    /// `/dev/null`.
    Null,
    /// `/proc`, whose entries the kernel makes from its process table.
    ProcRoot,
}

/// One inode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inode {
    /// What it is.
    pub kind: NodeKind,
    /// Only root may change it (or create entries in it, for a directory).
    pub root_only: bool,
    /// Its permission bits (`0o755`, `0o644`, …).
    #[serde(default = "regular_mode")]
    pub mode: u32,
}

/// A regular file's permission bits when nothing else set them.
fn regular_mode() -> u32 {
    0o644
}

/// The permission bits a node of this kind starts with.
fn initial_mode(kind: &NodeKind) -> u32 {
    match kind {
        NodeKind::Directory | NodeKind::ProcRoot | NodeKind::Program(_) => 0o755,
        NodeKind::Terminal => 0o620,
        NodeKind::Null => 0o666,
        NodeKind::Regular(_) | NodeKind::Fifo(_) => regular_mode(),
    }
}

/// The whole tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSystem {
    inodes: Vec<Inode>,
    names: BTreeMap<String, Ino>,
}

/// Joins `path` onto `cwd` (unless it is absolute) and removes `.`, `..` and repeated
/// slashes, as the kernel's path walk would.
pub fn resolve(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The directory holding a path, and the path's last component.
pub fn split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(0) => ("/", &path[1..]),
        Some(at) => (&path[..at], &path[at + 1..]),
        None => (".", path),
    }
}

impl FileSystem {
    /// The tree at boot: the standard directories, the devices, and each program under its
    /// path with its source.
    pub fn new<'a>(programs: impl IntoIterator<Item = (&'a str, &'a str)>) -> FileSystem {
        let mut fs = FileSystem {
            inodes: Vec::new(),
            names: BTreeMap::new(),
        };
        let root_dirs = ["/", "/bin", "/dev", "/home", "/proc"];
        for dir in root_dirs {
            let kind = if dir == "/proc" {
                NodeKind::ProcRoot
            } else {
                NodeKind::Directory
            };
            fs.add(dir, kind, true);
        }
        fs.add("/tmp", NodeKind::Directory, false);
        fs.add(HOME, NodeKind::Directory, false);
        fs.add("/dev/tty", NodeKind::Terminal, false);
        fs.add("/dev/null", NodeKind::Null, false);
        // POSIX shared memory and named semaphores live here: root's, but anyone may add
        // to it (a tmpfs of mode 1777 on Linux).
        let shm = fs.add("/dev/shm", NodeKind::Directory, true);
        fs.inodes[shm].mode = 0o1777;
        for (path, source) in programs {
            let (dir, _) = split(path);
            if fs.lookup(dir).is_none() {
                fs.add(dir, NodeKind::Directory, true);
            }
            fs.add(
                path,
                NodeKind::Program(Rc::new(source.as_bytes().to_vec())),
                true,
            );
        }
        fs
    }

    fn add(&mut self, path: &str, kind: NodeKind, root_only: bool) -> Ino {
        let mode = initial_mode(&kind);
        self.inodes.push(Inode {
            kind,
            root_only,
            mode,
        });
        let ino = self.inodes.len() - 1;
        self.names.insert(path.to_owned(), ino);
        ino
    }

    /// The inode a path names.
    pub fn lookup(&self, path: &str) -> Option<Ino> {
        self.names.get(path).copied()
    }

    /// An inode.
    pub fn inode(&self, ino: Ino) -> &Inode {
        &self.inodes[ino]
    }

    /// An inode, to change.
    pub fn inode_mut(&mut self, ino: Ino) -> &mut Inode {
        &mut self.inodes[ino]
    }

    /// Checks that a path's parent is a directory a user may add to: ENOENT if it does
    /// not exist, ENOTDIR if it is not a directory, EACCES if only root may write it.
    fn parent_for_create(&self, path: &str) -> Result<(), Errno> {
        let (dir, _) = split(path);
        let parent = self.lookup(dir).ok_or(Errno::ENOENT)?;
        match &self.inodes[parent] {
            Inode {
                kind: NodeKind::Directory,
                root_only,
                mode,
            } if !root_only || mode & 0o002 != 0 => Ok(()),
            Inode {
                kind: NodeKind::Directory | NodeKind::ProcRoot,
                ..
            } => Err(Errno::EACCES),
            _ => Err(Errno::ENOTDIR),
        }
    }

    /// Creates an empty regular file or a FIFO (EEXIST if the name is taken).
    pub fn create(&mut self, path: &str, kind: NodeKind) -> Result<Ino, Errno> {
        if self.lookup(path).is_some() {
            return Err(Errno::EEXIST);
        }
        self.parent_for_create(path)?;
        Ok(self.add(path, kind, false))
    }

    /// Removes a name (the inode lives on while descriptors refer to it).
    pub fn unlink(&mut self, path: &str) -> Result<(), Errno> {
        let ino = self.lookup(path).ok_or(Errno::ENOENT)?;
        if matches!(
            self.inodes[ino].kind,
            NodeKind::Directory | NodeKind::ProcRoot
        ) {
            return Err(Errno::EISDIR);
        }
        self.parent_for_create(path)?;
        self.names.remove(path);
        Ok(())
    }

    /// Makes an empty directory (EEXIST if the name is taken).
    pub fn mkdir(&mut self, path: &str) -> Result<Ino, Errno> {
        self.create(path, NodeKind::Directory)
    }

    /// Removes an empty directory: ENOTDIR for what is not one, ENOTEMPTY while it holds
    /// names, EBUSY for the root.
    pub fn rmdir(&mut self, path: &str) -> Result<(), Errno> {
        let ino = self.lookup(path).ok_or(Errno::ENOENT)?;
        if !matches!(self.inodes[ino].kind, NodeKind::Directory) {
            return Err(Errno::ENOTDIR);
        }
        if path == "/" {
            return Err(Errno::EBUSY);
        }
        if !self.list(path)?.is_empty() {
            return Err(Errno::ENOTEMPTY);
        }
        self.parent_for_create(path)?;
        self.names.remove(path);
        Ok(())
    }

    /// Moves a name, and everything under it for a directory, to `to`, replacing a file
    /// there (or an empty directory, for a directory); EISDIR, ENOTDIR and ENOTEMPTY as
    /// Linux answers for the other cases, EINVAL for a directory moved into itself.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), Errno> {
        let ino = self.lookup(from).ok_or(Errno::ENOENT)?;
        self.parent_for_create(from)?;
        self.parent_for_create(to)?;
        if from == to {
            return Ok(());
        }
        let is_dir = |fs: &Self, i: Ino| matches!(fs.inodes[i].kind, NodeKind::Directory);
        let moving_dir = is_dir(self, ino);
        if moving_dir && to.starts_with(&format!("{from}/")) {
            return Err(Errno::EINVAL);
        }
        if let Some(there) = self.lookup(to) {
            match (moving_dir, is_dir(self, there)) {
                (false, true) => return Err(Errno::EISDIR),
                (true, false) => return Err(Errno::ENOTDIR),
                (true, true) if !self.list(to)?.is_empty() => return Err(Errno::ENOTEMPTY),
                _ => {}
            }
            self.names.remove(to);
        }
        let prefix = format!("{from}/");
        let moved: Vec<(String, Ino)> = self
            .names
            .iter()
            .filter(|(p, _)| *p == from || p.starts_with(&prefix))
            .map(|(p, &i)| (p.clone(), i))
            .collect();
        for (path, i) in moved {
            self.names.remove(&path);
            self.names.insert(format!("{to}{}", &path[from.len()..]), i);
        }
        Ok(())
    }

    /// The names directly inside a directory, in order, with their inodes.
    pub fn list(&self, dir: &str) -> Result<Vec<(String, Ino)>, Errno> {
        let ino = self.lookup(dir).ok_or(Errno::ENOENT)?;
        if !matches!(self.inodes[ino].kind, NodeKind::Directory) {
            return Err(Errno::ENOTDIR);
        }
        let prefix = if dir == "/" {
            "/".to_owned()
        } else {
            format!("{dir}/")
        };
        Ok(self
            .names
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter(|(p, _)| p.len() > prefix.len() && !p[prefix.len()..].contains('/'))
            .map(|(p, &ino)| (p[prefix.len()..].to_owned(), ino))
            .collect())
    }

    /// Up to `n` bytes of a regular file or program from `offset`.
    pub fn read(&self, ino: Ino, offset: u64, n: u64) -> Vec<u8> {
        match &self.inodes[ino].kind {
            NodeKind::Regular(bytes) | NodeKind::Program(bytes) => {
                let size = bytes.len() as u64;
                let start = offset.min(size);
                let end = start.saturating_add(n).min(size);
                bytes[narrow::host_index(start)..narrow::host_index(end)].to_vec()
            }
            _ => Vec::new(),
        }
    }

    /// Writes bytes into a regular file at `offset`, filling any gap with zeros.
    pub fn write(&mut self, ino: Ino, offset: u64, data: &[u8]) {
        if let NodeKind::Regular(bytes) = &mut self.inodes[ino].kind {
            let bytes = Rc::make_mut(bytes);
            let at = narrow::host_index(offset);
            if bytes.len() < at + data.len() {
                bytes.resize(at + data.len(), 0);
            }
            bytes[at..at + data.len()].copy_from_slice(data);
        }
    }

    /// Writes bytes into a regular file at `offset`, keeping only those that land inside
    /// its current size (a store through a mapping cannot make a file longer).
    pub fn write_within(&mut self, ino: Ino, offset: u64, data: &[u8]) {
        let size = self.size(ino);
        if offset < size {
            let n = data.len().min(narrow::host_index(size - offset));
            self.write(ino, offset, &data[..n]);
        }
    }

    /// Makes a regular file `len` bytes long: cut, or lengthened with zeros.
    pub fn set_len(&mut self, ino: Ino, len: u64) {
        if let NodeKind::Regular(bytes) = &mut self.inodes[ino].kind {
            Rc::make_mut(bytes).resize(narrow::host_index(len), 0);
        }
    }

    /// Empties a regular file (O_TRUNC).
    pub fn truncate(&mut self, ino: Ino) {
        if let NodeKind::Regular(bytes) = &mut self.inodes[ino].kind {
            *bytes = Rc::new(Vec::new());
        }
    }

    /// Bytes in a regular file or program.
    pub fn size(&self, ino: Ino) -> u64 {
        match &self.inodes[ino].kind {
            NodeKind::Regular(bytes) | NodeKind::Program(bytes) => bytes.len() as u64,
            _ => 0,
        }
    }

    /// Every name with its inode, in path order: for views of the whole tree.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Inode)> {
        self.names
            .iter()
            .map(|(path, &ino)| (path.as_str(), &self.inodes[ino]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs() -> FileSystem {
        FileSystem::new([("/bin/echo", "int main() {}")])
    }

    #[test]
    fn paths_resolve_against_the_working_directory() {
        assert_eq!(resolve(HOME, "notes.txt"), "/home/student/notes.txt");
        assert_eq!(resolve(HOME, "../../tmp/./x"), "/tmp/x");
        assert_eq!(resolve("/", "//bin///echo"), "/bin/echo");
        assert_eq!(resolve("/", ".."), "/");
        assert_eq!(split("/tmp/x"), ("/tmp", "x"));
        assert_eq!(split("/x"), ("/", "x"));
    }

    #[test]
    fn renaming_a_directory_moves_every_name_under_it() {
        let mut fs = fs();
        fs.mkdir("/tmp/a").unwrap();
        fs.mkdir("/tmp/a/b").unwrap();
        let file = fs
            .create("/tmp/a/b/f", NodeKind::Regular(Rc::default()))
            .unwrap();
        assert_eq!(fs.rename("/tmp/a", "/tmp/a/b/c"), Err(Errno::EINVAL));
        fs.rename("/tmp/a", "/tmp/z").unwrap();
        assert_eq!(fs.lookup("/tmp/z/b/f"), Some(file));
        assert_eq!(fs.lookup("/tmp/a"), None);
        assert_eq!(fs.rmdir("/tmp/z"), Err(Errno::ENOTEMPTY));
        assert_eq!(fs.rmdir("/tmp/z/b/f"), Err(Errno::ENOTDIR));
        assert_eq!(fs.rename("/tmp/z/b/f", "/tmp/z"), Err(Errno::EISDIR));
    }

    #[test]
    fn users_create_files_only_where_they_may_write() {
        let mut fs = fs();
        assert!(
            fs.create("/tmp/a", NodeKind::Regular(Rc::default()))
                .is_ok()
        );
        assert_eq!(
            fs.create("/tmp/a", NodeKind::Regular(Rc::default())),
            Err(Errno::EEXIST)
        );
        assert_eq!(
            fs.create("/bin/mine", NodeKind::Regular(Rc::default())),
            Err(Errno::EACCES)
        );
        assert_eq!(
            fs.create("/nope/a", NodeKind::Regular(Rc::default())),
            Err(Errno::ENOENT)
        );
        assert_eq!(
            fs.create("/tmp/a/b", NodeKind::Regular(Rc::default())),
            Err(Errno::ENOTDIR)
        );
    }

    #[test]
    fn writes_extend_files_and_reads_stop_at_the_end() {
        let mut fs = fs();
        let ino = fs
            .create("/tmp/f", NodeKind::Regular(Rc::default()))
            .unwrap();
        fs.write(ino, 0, b"hello");
        fs.write(ino, 7, b"!");
        assert_eq!(fs.read(ino, 0, 100), b"hello\0\0!");
        assert_eq!(fs.read(ino, 6, 1), b"\0");
        assert_eq!(fs.read(ino, 50, 4), b"");
        fs.truncate(ino);
        assert_eq!(fs.size(ino), 0);
    }

    #[test]
    fn directories_list_their_direct_entries_in_order() {
        let mut fs = fs();
        fs.create("/tmp/b", NodeKind::Regular(Rc::default()))
            .unwrap();
        fs.create("/tmp/a", NodeKind::Fifo(None)).unwrap();
        let names: Vec<String> = fs.list("/tmp").unwrap().into_iter().map(|e| e.0).collect();
        assert_eq!(names, ["a", "b"]);
        let root: Vec<String> = fs.list("/").unwrap().into_iter().map(|e| e.0).collect();
        assert_eq!(root, ["bin", "dev", "home", "proc", "tmp"]);
        assert_eq!(fs.list("/bin/echo"), Err(Errno::ENOTDIR));
        fs.unlink("/tmp/b").unwrap();
        assert_eq!(fs.list("/tmp").unwrap().len(), 1);
        assert_eq!(fs.unlink("/tmp"), Err(Errno::EISDIR));
        assert_eq!(fs.unlink("/bin/echo"), Err(Errno::EACCES));
    }
}

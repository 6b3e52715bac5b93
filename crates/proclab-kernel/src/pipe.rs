//! Pipes: a bounded kernel buffer between a write end and a read end.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// The most bytes a write may have and still be atomic (Linux's PIPE_BUF).
pub const PIPE_BUF: usize = 4096;

/// One pipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipe {
    /// Bytes written and not yet read, oldest first.
    pub buffer: VecDeque<u8>,
    /// The most bytes the buffer holds.
    pub capacity: usize,
    /// Some descriptor still refers to the read end.
    pub read_open: bool,
    /// Some descriptor still refers to the write end.
    pub write_open: bool,
    /// What a view calls it, if not "pipe N": a FIFO's path, a socket pair's direction.
    pub name: Option<String>,
}

impl Pipe {
    /// An empty pipe with both ends open.
    pub fn new(capacity: usize) -> Self {
        Pipe {
            buffer: VecDeque::new(),
            capacity,
            read_open: true,
            write_open: true,
            name: None,
        }
    }

    /// A pipe with both ends open, named for views.
    pub fn named(capacity: usize, name: String) -> Self {
        Pipe {
            name: Some(name),
            ..Pipe::new(capacity)
        }
    }

    /// The pipe behind a FIFO, before anyone has opened either end.
    pub fn fifo(capacity: usize, path: &str) -> Self {
        Pipe {
            read_open: false,
            write_open: false,
            ..Pipe::named(capacity, format!("FIFO {path}"))
        }
    }

    /// Appends as many bytes as fit; returns how many did.
    pub fn push(&mut self, bytes: &[u8]) -> usize {
        let n = bytes.len().min(self.capacity - self.buffer.len());
        self.buffer.extend(&bytes[..n]);
        n
    }

    /// Takes up to `n` bytes from the front.
    pub fn take(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.buffer.len());
        self.buffer.drain(..n).collect()
    }

    /// How many bytes of an `n`-byte write go in now. A write of at most PIPE_BUF bytes is
    /// atomic, as POSIX requires: all of it once there is room, so writers never interleave
    /// inside one; a longer one takes what room there is.
    pub fn accept(&self, n: usize) -> usize {
        if n <= PIPE_BUF.min(self.capacity) {
            if self.room() >= n { n } else { 0 }
        } else {
            self.room().min(n)
        }
    }

    /// Room left in the buffer.
    pub fn room(&self) -> usize {
        self.capacity - self.buffer.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_write_takes_no_more_than_it_has() {
        let p = Pipe::new(65_536);
        assert_eq!(p.accept(10_000), 10_000);
        assert_eq!(p.accept(70_000), 65_536);
    }

    #[test]
    fn a_write_that_fits_goes_in_whole_or_not_at_all() {
        let mut p = Pipe::new(8);
        p.push(b"abcde");
        assert_eq!(p.accept(4), 0, "4 bytes would fit only in part");
        assert_eq!(p.accept(3), 3);
        assert_eq!(
            p.accept(20),
            3,
            "a write longer than the pipe takes what room there is"
        );
    }

    #[test]
    fn bytes_come_out_in_order_and_the_buffer_is_bounded() {
        let mut p = Pipe::new(4);
        assert_eq!(p.push(b"abcdef"), 4);
        assert_eq!(p.room(), 0);
        assert_eq!(p.take(2), b"ab");
        assert_eq!(p.push(b"xyz"), 2);
        assert_eq!(p.take(10), b"cdxy");
    }
}

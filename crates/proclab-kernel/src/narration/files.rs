//! Files: the terminal, pipes and FIFOs, descriptors (dup, open), unlink and regular files' reads and writes.

use super::plural;
use crate::event::Event;

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
        Event::Write { pid, fd, text } => format!(
            "P{pid} calls write() on fd {fd} ({}): {} reach the terminal: {text:?}",
            if *fd == 2 { "stderr" } else { "stdout" },
            plural(text.len(), "byte")
        ),
        Event::TerminalFull { limit } => {
            format!("The terminal has shown {limit} bytes, its limit; later output is not kept.")
        }
        Event::PipeCreated {
            pid,
            pipe,
            read_fd,
            write_fd,
        } => format!(
            "pipe(): the kernel makes pipe {pipe}, an empty buffer in kernel memory; P{pid} \
             reads it through fd {read_fd} and writes it through fd {write_fd}."
        ),
        Event::PipeWrite { pid, pipe, bytes } => format!(
            "{} from P{pid} go into pipe {pipe}'s buffer.",
            plural(*bytes, "byte")
        ),
        Event::PipeRead { pid, pipe, bytes } => format!(
            "P{pid} reads {} out of pipe {pipe}'s buffer.",
            plural(*bytes, "byte")
        ),
        Event::PipeEndClosed {
            pipe,
            write_end: true,
        } => format!(
            "The last descriptor of pipe {pipe}'s write end is closed: once its buffer is \
             empty, reading it returns 0, end of file."
        ),
        Event::PipeEndClosed { pipe, .. } => format!(
            "The last descriptor of pipe {pipe}'s read end is closed: writing to it now \
             raises SIGPIPE."
        ),
        Event::Dup {
            pid,
            from,
            to,
            file,
        } => format!("P{pid}'s fd {to} now refers to what fd {from} refers to: {file}."),
        Event::Opened {
            pid,
            fd,
            path,
            created,
        } => format!(
            "open(): {}the kernel makes a new open file description for {path} (offset 0) \
             and gives P{pid} the lowest free descriptor, fd {fd}.",
            if *created {
                format!("{path} did not exist, so O_CREAT makes it empty; ")
            } else {
                String::new()
            }
        ),
        Event::FifoWaits {
            pid,
            path,
            for_writer,
        } => format!(
            "P{pid} opened FIFO {path}, which has no {} yet: open() blocks until one opens \
             it.",
            if *for_writer { "writer" } else { "reader" }
        ),
        Event::FifoMade { pid, path } => format!(
            "mkfifo(): P{pid} makes {path}, a named pipe: processes that open it share one \
             pipe buffer, whether or not they are related."
        ),
        Event::DirectoryMade { pid, path } => {
            format!("mkdir(): P{pid} makes the directory {path}, empty.")
        }
        Event::DirectoryRemoved { pid, path } => {
            format!("rmdir(): P{pid} removes the empty directory {path}.")
        }
        Event::Renamed { pid, from, to } => format!(
            "rename(): P{pid} moves the name {from} to {to}; the file itself (its inode and \
             bytes) stays where it is, and descriptors open on it keep working."
        ),
        Event::Unlinked { pid, path } => format!(
            "unlink(): P{pid} removes the name {path}; descriptors already open on the file \
             keep working."
        ),
        Event::FileIo {
            pid,
            path,
            bytes,
            offset,
            write,
        } => format!(
            "P{pid} {} {bytes} bytes {} {path} at offset {offset}; the open file \
             description's offset moves to {}.",
            if *write { "writes" } else { "reads" },
            if *write { "to" } else { "from" },
            offset + *bytes as u64
        ),
        other => unreachable!("{other:?} is narrated by another group"),
    }
}

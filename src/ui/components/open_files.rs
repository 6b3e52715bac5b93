//! Files: the kernel's open file table (each description's path, access mode, offset and
//! the descriptors that share it) and the files users have made in the file system.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::abi::flags::O_APPEND;
use proclab_kernel::file_system::NodeKind;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::open_file::FileKind;

/// Properties of [`OpenFiles`].
#[derive(Properties, PartialEq)]
pub struct OpenFilesProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
}

/// The open file table, then the writable part of the file system.
#[component]
pub fn OpenFiles(props: &OpenFilesProps) -> Html {
    let k = &props.kernel;
    let table: Vec<Html> = k
        .open_files()
        .iter()
        .enumerate()
        .filter(|(_, f)| f.refs > 0 && !matches!(f.kind, FileKind::PipeRead(_) | FileKind::PipeWrite(_)))
        .map(|(i, f)| {
            let holders: Vec<Html> = k
                .processes()
                .iter()
                .filter(|p| p.state().is_alive())
                .flat_map(|p| p.files.fds.iter().filter(move |d| d.open_file == i).map(move |d| (p.pid, d.fd)))
                .map(|(pid, fd)| html! {
                    <span class="chip small" style={format!("--proc: {}", colour(pid))}>{ format!("P{pid} fd {fd}") }</span>
                })
                .collect();
            let mode = match (f.readable(), f.writable()) {
                (true, true) => "read-write",
                (false, true) if f.flags & O_APPEND != 0 => "append",
                (false, true) => "write",
                _ => "read",
            };
            html! {
                <tr key={i}>
                    <td><code>{ f.describe() }</code></td>
                    <td>{ mode }</td>
                    <td class="num">{ f.offset }</td>
                    <td class="num">{ f.refs }</td>
                    <td>{ for holders }</td>
                </tr>
            }
        })
        .collect();
    let files: Vec<Html> = k
        .file_system()
        .entries()
        .filter(|(path, _)| path.starts_with("/tmp/") || path.starts_with("/home/"))
        .filter_map(|(path, inode)| {
            let (kind, size) = match &inode.kind {
                NodeKind::Regular(bytes) => ("file", format!("{} bytes", bytes.len())),
                NodeKind::Program(_) => ("program", String::new()),
                NodeKind::Fifo(_) => ("FIFO", String::new()),
                _ => return None,
            };
            Some(html! {
                <li key={path.to_owned()}><code>{ path }</code>{ " " }<span class="muted">{ kind }{ " " }{ size }</span></li>
            })
        })
        .collect();
    html! {
        <section tabindex="0" class="view open-files" aria-label="Files">
            <h2>{ "Open file table" }</h2>
            <table class="file-table">
                <thead><tr><th>{ "file" }</th><th>{ "mode" }</th><th>{ "offset" }</th><th>{ "refs" }</th><th>{ "descriptors" }</th></tr></thead>
                <tbody>{ for table }</tbody>
            </table>
            <h3>{ "Files in /home and /tmp" }</h3>
            <ul class="file-list">{ for files }</ul>
        </section>
    }
}

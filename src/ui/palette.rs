//! One colour per process, the same in every view: the Okabe–Ito palette, distinguishable
//! with the common colour-vision deficiencies. The PID label is always shown as a second cue.

use proclab_kernel::process::Pid;

const COLOURS: [&str; 8] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
];

/// The colour of a process.
pub fn colour(pid: Pid) -> &'static str {
    if pid == proclab_kernel::kernel::INIT_PID {
        return COLOURS[7];
    }
    COLOURS[(pid as usize + 5) % 7]
}

//! The signal frames on a process's stack at a step: one per handler it has entered and not
//! yet returned from, found in the run's signal moments.

use proclab_kernel::abi::layout::SIGNAL_FRAME_BYTES;
use proclab_kernel::event::{Event, Moment};
use proclab_kernel::process::Pid;
use proclab_kernel::timeline::Timeline;

/// A signal frame on the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignalFrame {
    /// Its lowest address (the stack pointer the handler started with).
    pub start: u64,
    /// One past its highest address.
    pub end: u64,
    /// The signal being handled.
    pub signo: i32,
}

/// The frames of the handlers `pid` is running at `step`, innermost first.
pub fn signal_frames(timeline: &Timeline, step: usize, pid: Pid) -> Vec<SignalFrame> {
    let moments = timeline.moments(Moment::Signal);
    let upto = moments.partition_point(|&n| n as usize <= step);
    let mut frames = Vec::new();
    let mut returned = 0usize;
    for &n in moments[..upto].iter().rev() {
        let Some(record) = timeline.step(n as usize) else {
            continue;
        };
        for event in record.events.iter().rev() {
            match *event {
                Event::HandlerReturned { pid: p, .. } if p == pid => returned += 1,
                Event::HandlerEntered {
                    pid: p,
                    signo,
                    frame,
                    ..
                } if p == pid => {
                    if returned == 0 {
                        frames.push(SignalFrame {
                            start: frame,
                            end: frame + SIGNAL_FRAME_BYTES,
                            signo,
                        });
                    } else {
                        returned -= 1;
                    }
                }
                Event::Exec { pid: p, .. } if p == pid => return frames,
                _ => {}
            }
        }
    }
    frames
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::library::{BUILTINS, find_builtin};

    #[test]
    fn a_frame_is_on_the_stack_from_the_handlers_entry_to_its_return() {
        let index = find_builtin("signals").expect("a built-in");
        let t = Timeline::record(&(BUILTINS[index].build)().scenario()).expect("boots");
        let step_of = |wanted: fn(&Event) -> bool| {
            (1..=t.len())
                .find(|&n| t.step(n).is_some_and(|s| s.events.iter().any(wanted)))
                .expect("the run has it")
        };
        let entered = step_of(|e| matches!(e, Event::HandlerEntered { .. }));
        let returned = step_of(|e| matches!(e, Event::HandlerReturned { .. }));
        assert!(signal_frames(&t, entered - 1, 2).is_empty());
        let frames = signal_frames(&t, entered, 2);
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].signo, 10);
        assert_eq!(frames[0].end - frames[0].start, SIGNAL_FRAME_BYTES);
        let k = t.state_at(entered);
        let word = |at: u64| {
            (0..8).rev().fold(0u64, |w, i| {
                (w << 8) | u64::from(k.peek(2, at + i).unwrap_or(0))
            })
        };
        assert_eq!(
            word(frames[0].start + 8),
            10,
            "the frame holds the signal number"
        );
        assert_eq!(signal_frames(&t, returned - 1, 2), frames);
        assert!(signal_frames(&t, returned, 2).is_empty());
        assert!(
            signal_frames(&t, entered, 3).is_empty(),
            "another process has none"
        );
    }
}

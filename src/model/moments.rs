//! The marks the timeline shows for a kind of moment: the run's steps binned into a fixed
//! number of columns, each column that holds a moment marked once.

/// The columns the timeline's marks are binned into.
pub const MARK_BINS: usize = 1000;

/// One column of marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Its column, 0 to [`MARK_BINS`] − 1.
    pub bin: usize,
    /// The first step with a moment in it.
    pub first: usize,
    /// How many steps with a moment it holds.
    pub count: usize,
}

/// The marks of `steps` (ascending, 1-based) on a run of `len` steps.
pub fn marks(steps: &[u32], len: usize) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for &step in steps {
        let step = step as usize;
        let bin = (step * (MARK_BINS - 1)) / len.max(1);
        match marks.last_mut() {
            Some(mark) if mark.bin == bin => mark.count += 1,
            _ => marks.push(Mark {
                bin,
                first: step,
                count: 1,
            }),
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_close_together_share_a_mark_that_goes_to_the_first() {
        let got = marks(&[1, 2, 5_000, 10_000], 10_000);
        assert_eq!(
            got,
            [
                Mark {
                    bin: 0,
                    first: 1,
                    count: 2
                },
                Mark {
                    bin: 499,
                    first: 5_000,
                    count: 1
                },
                Mark {
                    bin: MARK_BINS - 1,
                    first: 10_000,
                    count: 1
                },
            ]
        );
    }

    #[test]
    fn a_short_run_gives_each_moment_its_own_mark() {
        let got = marks(&[1, 2, 3], 3);
        assert_eq!(
            got.iter().map(|m| m.bin).collect::<Vec<_>>(),
            [333, 666, 999]
        );
    }
}

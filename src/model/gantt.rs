//! The Gantt chart's time axis: which ticks it labels.

/// Every this many ticks the axis is labelled (for ticks of up to five digits; longer ones,
/// as a fast clock gives, are labelled less often so they never overlap).
const AXIS_EVERY: u64 = 5;

/// The label under the Gantt chart's cell for `tick`, if it has one.
pub fn axis_label(tick: u64) -> Option<String> {
    let digits = tick.checked_ilog10().unwrap_or(0) + 1;
    let every = AXIS_EVERY * u64::from(digits.div_ceil(5));
    tick.is_multiple_of(every).then(|| tick.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tick_numbers_are_labelled_less_often() {
        let labelled = |from: u64| (from..from + 30).filter_map(axis_label).count();
        assert_eq!(labelled(0), 6);
        assert_eq!(axis_label(15).as_deref(), Some("15"));
        assert_eq!(
            labelled(11_000_004_800),
            2,
            "an eleven-digit label every 15 ticks"
        );
    }
}

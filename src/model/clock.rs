//! How the page names a machine's clock rate: by the length of its tick.

/// How long a tick lasts at this clock rate (ticks per second), as the machine settings
/// say it: "1 ms", "10 µs", "1 ns".
pub fn tick_length(ticks_per_second: u64) -> String {
    let ns = 1_000_000_000 / ticks_per_second.max(1);
    match ns {
        ns if ns >= 1_000_000 => format!("{} ms", ns / 1_000_000),
        ns if ns >= 1_000 => format!("{} µs", ns / 1_000),
        ns => format!("{ns} ns"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::scenario::CLOCK_RATES;

    #[test]
    fn each_clock_rate_is_named_by_its_tick() {
        let names: Vec<String> = CLOCK_RATES.into_iter().map(tick_length).collect();
        assert_eq!(
            names,
            ["1 ms", "100 µs", "10 µs", "1 µs", "100 ns", "10 ns", "1 ns"]
        );
    }
}

//! What several test files need: a C program run to its end on the simulated kernel.

use proclab_course::runner::c_scenario;
use proclab_kernel::event::{Event, Halt};
use proclab_kernel::scenario::Settings;
use proclab_kernel::timeline::Timeline;

/// Compiles and records `source` to its end (it must finish); returns what it printed and
/// every event, in order.
pub fn run_c(source: &str, settings: Settings) -> (String, Vec<Event>) {
    let scenario = c_scenario("test.c", source, settings).expect("the program compiles");
    let timeline = Timeline::record(&scenario).expect("boots");
    assert_eq!(timeline.halt(), Some(Halt::AllDone), "{source}");
    let end = timeline.state_at(timeline.len());
    let text = end
        .terminal()
        .iter()
        .map(|o| String::from_utf8_lossy(&o.bytes).into_owned())
        .collect();
    let events = timeline.steps().flat_map(|s| s.events.to_vec()).collect();
    (text, events)
}

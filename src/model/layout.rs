//! The page's layouts: which views share the stage. Each focused layout puts on one screen
//! what a lesson is about; "Everything" is every view, one under another.

use proclab_course::library::{BUILTINS, Topic};

use super::address::fragment_value;
use super::viewer::Viewer;

/// A layout of the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Code, process states, the process tree, the scheduler and the terminal.
    Processes,
    /// Code, two address spaces side by side, physical memory and the pages' frames, the
    /// PCB's memory fields.
    Memory,
    /// Code, pipes, queues and open files, the process tree and the terminal.
    Communication,
    /// Every view.
    Everything,
}

impl Layout {
    /// Every layout, in the order the page offers them.
    pub const ALL: [Layout; 4] = [
        Layout::Processes,
        Layout::Memory,
        Layout::Communication,
        Layout::Everything,
    ];

    /// Its name in the page's address (`&layout=memory`).
    pub fn slug(self) -> &'static str {
        match self {
            Layout::Processes => "processes",
            Layout::Memory => "memory",
            Layout::Communication => "communication",
            Layout::Everything => "everything",
        }
    }

    /// Its name on its button.
    pub fn title(self) -> &'static str {
        match self {
            Layout::Processes => "Processes",
            Layout::Memory => "Memory",
            Layout::Communication => "Communication",
            Layout::Everything => "Everything",
        }
    }

    /// The layout a fragment names, if it names one it knows.
    pub fn from_fragment(fragment: &str) -> Option<Layout> {
        let slug = fragment_value(fragment, "layout")?;
        Layout::ALL.into_iter().find(|l| l.slug() == slug)
    }

    /// The layout a scenario opens in: its built-in's topic, else Processes.
    pub fn for_viewer(viewer: &Viewer) -> Layout {
        match viewer
            .scenario
            .and_then(|i| BUILTINS.get(i))
            .map(|b| b.topic)
        {
            Some(Topic::Memory) => Layout::Memory,
            Some(Topic::Communication) => Layout::Communication,
            Some(Topic::Processes) | None => Layout::Processes,
        }
    }

    /// The fragment's suffix that keeps this layout.
    pub fn suffix(self) -> String {
        format!("&layout={}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recording::StepsPerSlice;
    use proclab_course::library::find_builtin;

    #[test]
    fn a_layout_round_trips_through_the_address_and_unknown_ones_are_ignored() {
        for layout in Layout::ALL {
            let fragment = format!("#scenario=zombie&step=3{}", layout.suffix());
            assert_eq!(Layout::from_fragment(&fragment), Some(layout));
        }
        assert_eq!(Layout::from_fragment("#scenario=zombie&layout=nope"), None);
        assert_eq!(Layout::from_fragment("#scenario=zombie"), None);
    }

    #[test]
    fn each_builtin_opens_in_the_layout_of_its_topic() {
        let at_once = StepsPerSlice(usize::MAX);
        let layout = |slug: &str| {
            Layout::for_viewer(&Viewer::open(
                find_builtin(slug).expect("a built-in"),
                0,
                &at_once,
            ))
        };
        assert_eq!(layout("copy-on-write"), Layout::Memory);
        assert_eq!(layout("pipeline"), Layout::Communication);
        assert_eq!(layout("zombie"), Layout::Processes);
    }
}

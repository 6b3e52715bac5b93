//! The page's state: which recorded run is shown, at which step, with which process selected,
//! and the verbs that change it ([`Action`], applied by [`Viewer::apply`]). Everything drawn
//! is derived from the timeline at `step`; nothing of the simulation is copied here.

use std::rc::Rc;

use super::address::{Opening, encode_component};
use super::layout::Layout;
use super::recording::{Progress, Recording, Slicer};
use proclab_course::exercise::Reveal;
use proclab_course::library::{BUILTINS, find_builtin};
use proclab_course::ostep::import::import;
use proclab_course::share::ScenarioDoc;
use proclab_kernel::event::{Event, Moment};
use proclab_kernel::process::Pid;
use proclab_kernel::scenario::Scenario;
use proclab_kernel::timeline::Timeline;

/// Playback speeds, as multiples of one step per 400 ms.
pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];

/// The viewer's state.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The scenario's title.
    pub title: Rc<str>,
    /// Which built-in scenario is open, or None for the user's own (from the editor or a
    /// link).
    pub scenario: Option<usize>,
    /// The scenario's editable, shareable form (None for a synthetic built-in).
    pub doc: Option<Rc<ScenarioDoc>>,
    /// The OSTEP homework command line the scenario was imported from, if it was.
    pub ostep: Option<Rc<str>>,
    /// The recorded run.
    pub timeline: Rc<Timeline>,
    /// The step shown: 0 is boot, `timeline.len()` the end.
    pub step: usize,
    /// The process the user pinned for the detail views; None to follow the process that
    /// acts at each step.
    pub pinned: Option<Pid>,
    /// What the last navigation could not do ("No fork after this step."), shown until the
    /// next one.
    pub notice: Option<Rc<str>>,
    /// The layout the user (or the link) chose; None for the scenario's own.
    pub layout: Option<Layout>,
    /// Playing forward on a timer.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Stepping by source line rather than by instruction.
    pub by_line: bool,
    /// The rest of the run, while it is still being recorded: `timeline` then holds the
    /// steps recorded before the page first drew it.
    pub recording: Option<Recording>,
    /// The step a link asked for beyond what is recorded yet, to go to once it is.
    pending_step: Option<usize>,
}

impl PartialEq for Viewer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.title == other.title
            && self.scenario == other.scenario
            && self.ostep == other.ostep
            && match (&self.doc, &other.doc) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.step == other.step
            && self.pinned == other.pinned
            && self.notice == other.notice
            && self.layout == other.layout
            && self.playing == other.playing
            && self.speed == other.speed
            && self.by_line == other.by_line
            && self.recording == other.recording
            && self.pending_step == other.pending_step
    }
}

/// What the user (or the recording) can do to the viewer.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// One step forward.
    StepForward,
    /// One step back.
    StepBack,
    /// Back to boot.
    Reset,
    /// To the last step.
    GoToEnd,
    /// To a given step.
    Seek(usize),
    /// Show this process's details at every step (pin it).
    Select(Pid),
    /// Show the details of the process that acts at each step (unpin).
    Follow,
    /// Start or stop playing.
    TogglePlay,
    /// The playback timer fired: one step (or line) forward, stopping at the end.
    Tick,
    /// Play at this index of [`SPEEDS`].
    SetSpeed(usize),
    /// Step by source line (true) or by instruction.
    SetByLine(bool),
    /// Lay the stage out this way.
    SetLayout(Layout),
    /// To the next step with a moment of this kind.
    Next(Moment),
    /// To the previous step with a moment of this kind.
    Previous(Moment),
    /// Open the built-in scenario with this index.
    Open(usize),
    /// Run a scenario of the user's own (already checked to build), from its first step.
    Run(Rc<ScenarioDoc>),
    /// Animate an OSTEP homework command line (already checked to import).
    ImportOstep(Rc<str>),
    /// Animate an exercise's answer, at the step it is about.
    Reveal(Reveal),
    /// The recording has made progress, or finished.
    Recorded(Progress),
    /// Stop recording and keep the run as recorded so far.
    CancelRecording,
    /// Open what a page address holds (the browser went Back or Forward to it); an address
    /// that cannot be opened leaves the page as it was, saying why.
    Reopen(Rc<str>),
}

impl Viewer {
    /// A viewer at `step` of a built-in scenario's run, with the first user process
    /// selected.
    pub fn open(index: usize, step: usize, slicer: &dyn Slicer) -> Self {
        let index = index.min(BUILTINS.len() - 1);
        let builtin = (BUILTINS[index].build)();
        let scenario = builtin.scenario();
        let doc = builtin.doc().cloned().map(Rc::new);
        Viewer::showing(&scenario, step, Some(index), doc, slicer)
    }

    /// A viewer at `step` of the scenario's run, recording it.
    fn showing(
        scenario: &Scenario,
        step: usize,
        index: Option<usize>,
        doc: Option<Rc<ScenarioDoc>>,
        slicer: &dyn Slicer,
    ) -> Self {
        let (timeline, recording) = Recording::start(scenario, slicer);
        let pending_step = (recording.is_some() && step > timeline.len()).then_some(step);
        Viewer {
            scenario: index,
            doc,
            ostep: None,
            title: scenario.title.as_str().into(),
            step: step.min(timeline.len()),
            timeline: Rc::new(timeline),
            pinned: None,
            notice: None,
            layout: None,
            playing: false,
            speed: 2,
            by_line: true,
            recording,
            pending_step,
        }
    }

    /// A viewer at `step` of an OSTEP homework command line's animation
    /// (`process-run.py …` or `fork.py …`), or what is wrong with the command line.
    pub fn ostep(command: Rc<str>, step: usize, slicer: &dyn Slicer) -> Result<Self, String> {
        let scenario = import(&command)?;
        Ok(Viewer {
            ostep: Some(command),
            ..Viewer::showing(&scenario, step, None, None, slicer)
        })
    }

    /// A viewer at `step` of a scenario of the user's own, or why it cannot run (a compile
    /// error naming its file, line and column).
    pub fn own(doc: Rc<ScenarioDoc>, step: usize, slicer: &dyn Slicer) -> Result<Self, String> {
        let scenario = doc.build()?;
        Ok(Viewer::showing(&scenario, step, None, Some(doc), slicer))
    }

    /// What a page opened at `fragment` shows: a shared scenario (`#s=LINK&step=N`; without
    /// `step`, at the step the link holds), an OSTEP command line, a built-in
    /// (`#scenario=NAME&step=N`), else the user's autosaved work (`autosaved`), else the
    /// first built-in; and a message for a link that cannot be opened.
    pub fn opening(
        fragment: &str,
        autosaved: impl FnOnce() -> Option<ScenarioDoc>,
        slicer: &dyn Slicer,
    ) -> (Viewer, Option<String>) {
        let (mut viewer, problem) = Viewer::opening_scenario(fragment, autosaved, slicer);
        viewer.layout = Layout::from_fragment(fragment);
        viewer.pinned =
            super::address::fragment_value(fragment, "pin").and_then(|p| p.parse().ok());
        (viewer, problem)
    }

    /// The scenario a fragment opens, at its step, and what was wrong with the link.
    fn opening_scenario(
        fragment: &str,
        autosaved: impl FnOnce() -> Option<ScenarioDoc>,
        slicer: &dyn Slicer,
    ) -> (Viewer, Option<String>) {
        let asked = super::address::step(fragment);
        let step = asked.unwrap_or(0);
        let first = || Viewer::open(0, 0, slicer);
        match Opening::from_fragment(fragment) {
            Opening::Link(link) => match ScenarioDoc::decode(&link).map(Rc::new) {
                Ok(doc) => {
                    let at = asked.unwrap_or(doc.step as usize);
                    match Viewer::own(doc, at, slicer) {
                        Ok(viewer) => (viewer, None),
                        Err(why) => (
                            first(),
                            Some(format!("The linked scenario does not compile: {why}")),
                        ),
                    }
                }
                Err(e) => (first(), Some(e.to_string())),
            },
            Opening::Ostep(command) => match Viewer::ostep(command.into(), step, slicer) {
                Ok(viewer) => (viewer, None),
                Err(why) => (
                    first(),
                    Some(format!(
                        "The linked OSTEP command line cannot be animated: {why}"
                    )),
                ),
            },
            Opening::Builtin(name) => match find_builtin(&name) {
                Some(index) => (Viewer::open(index, step, slicer), None),
                None => (
                    first(),
                    Some(format!(
                        "This link names a built-in scenario, '{name}', that ProcLab does not \
                         have; here is the first one instead."
                    )),
                ),
            },
            Opening::Default => {
                let saved = autosaved().and_then(|doc| Viewer::own(Rc::new(doc), 0, slicer).ok());
                (saved.unwrap_or_else(first), None)
            }
        }
    }

    /// The page's address for this scenario at `step`: `#ostep=COMMAND`,
    /// `#scenario=NAME` or `#s=LINK`, then `&step=N`, then the layout chosen and the process
    /// pinned, if there are.
    pub fn place(&self, step: usize) -> String {
        let layout = self.layout.map(Layout::suffix).unwrap_or_default();
        let pin = self.pinned.map(|p| format!("&pin={p}")).unwrap_or_default();
        format!("{}&step={step}{layout}{pin}", self.scenario_place())
    }

    /// Which scenario is shown, as its address without the step: a change of it is a new
    /// entry in the browser's history.
    pub fn scenario_place(&self) -> String {
        match (&self.ostep, self.scenario, &self.doc) {
            (Some(command), _, _) => format!("#ostep={}", encode_component(command)),
            (None, Some(index), _) => format!("#scenario={}", BUILTINS[index].slug),
            (None, None, Some(doc)) => format!("#s={}", doc.encode()),
            (None, None, None) => "#".to_owned(),
        }
    }

    /// The layout the stage shows: the one chosen, else the scenario's own.
    pub fn layout(&self) -> Layout {
        self.layout.unwrap_or_else(|| Layout::for_viewer(self))
    }

    /// The step the page's address should hold: where a link asked to go while that step
    /// is still being recorded.
    pub fn place_step(&self) -> usize {
        self.pending_step.unwrap_or(self.step)
    }

    fn forward(&self) -> usize {
        if self.by_line {
            self.timeline.next_line_step(self.step)
        } else {
            (self.step + 1).min(self.timeline.len())
        }
    }

    fn back(&self) -> usize {
        if self.by_line {
            self.timeline.previous_line_step(self.step)
        } else {
            self.step.saturating_sub(1)
        }
    }

    /// The process whose details are shown: the pinned one, else the one that acts at
    /// this step.
    pub fn shown_pid(&self) -> Option<Pid> {
        self.pinned.or_else(|| actor(&self.timeline, self.step))
    }

    /// Goes to the step `found`, or stays and says there is no such moment `whither`.
    fn go_to_moment(&self, next: &mut Viewer, moment: Moment, found: Option<usize>, whither: &str) {
        match found {
            Some(step) => next.step = step,
            None => next.notice = Some(format!("No {} {whither} this step.", moment.name()).into()),
        }
    }

    /// The viewer after `action`: the same `Rc` when nothing changed.
    pub fn apply(self: Rc<Self>, action: Action, slicer: &dyn Slicer) -> Rc<Self> {
        let stops_playing = matches!(
            action,
            Action::Reset | Action::GoToEnd | Action::Seek(_) | Action::StepBack
        );
        let navigates = !matches!(
            action,
            Action::Select(_)
                | Action::Follow
                | Action::SetSpeed(_)
                | Action::SetByLine(_)
                | Action::SetLayout(_)
                | Action::Recorded(_)
        );
        let mut next = (*self).clone();
        if navigates {
            next.pending_step = None;
            next.notice = None;
        }
        match action {
            Action::Open(_) | Action::Run(_) | Action::ImportOstep(_) | Action::Reveal(_) => {
                // A program or command line that cannot run leaves the page as it was (the
                // editor and the import panel said why before asking).
                let checked = matches!(action, Action::Run(_) | Action::ImportOstep(_));
                match self.open_other(action, slicer) {
                    Some(opened) => next = opened,
                    None if checked => return self,
                    None => {}
                }
            }
            Action::Recorded(progress) => self.record(&mut next, progress),
            Action::Reopen(fragment) => {
                let (opened, problem) = Viewer::opening(&fragment, || None, slicer);
                match problem {
                    None => next = opened,
                    Some(why) => next.notice = Some(why.into()),
                }
            }
            Action::CancelRecording => {
                if let Some(timeline) = self.recording.as_ref().and_then(Recording::cut_short) {
                    next.step = self.step.min(timeline.len());
                    next.timeline = Rc::new(timeline);
                }
                next.recording = None;
            }
            other => self.navigate(&mut next, other),
        }
        if stops_playing {
            next.playing = false;
        }
        if next == *self { self } else { Rc::new(next) }
    }

    /// Moves `next` as a navigation verb says.
    fn navigate(&self, next: &mut Viewer, action: Action) {
        let last = self.timeline.len();
        match action {
            Action::StepForward => next.step = self.forward(),
            Action::StepBack => next.step = self.back(),
            Action::Reset => next.step = 0,
            Action::GoToEnd => next.step = last,
            Action::Seek(step) => next.step = step.min(last),
            Action::Select(pid) => next.pinned = Some(pid),
            Action::Follow => next.pinned = None,
            Action::TogglePlay => next.playing = !self.playing && self.step < last,
            Action::Tick => {
                next.step = self.forward();
                next.playing = self.playing && next.step < last;
            }
            Action::SetSpeed(i) => next.speed = i.min(SPEEDS.len() - 1),
            Action::SetByLine(by_line) => next.by_line = by_line,
            Action::SetLayout(layout) => next.layout = Some(layout),
            Action::Next(moment) => {
                let found = self.timeline.next_moment(moment, self.step);
                self.go_to_moment(next, moment, found, "after")
            }
            Action::Previous(moment) => {
                let found = self.timeline.previous_moment(moment, self.step);
                self.go_to_moment(next, moment, found, "before")
            }
            _ => {}
        }
    }

    /// The viewer of another scenario an action opens; None when it cannot (its errors were
    /// shown where it was asked for).
    fn open_other(&self, action: Action, slicer: &dyn Slicer) -> Option<Viewer> {
        match action {
            Action::Open(index) => Some(Viewer::open(index, 0, slicer)),
            Action::Run(doc) => Viewer::own(doc, 0, slicer).ok(),
            Action::ImportOstep(command) => Viewer::ostep(command, 0, slicer).ok(),
            Action::Reveal(Reveal::Ostep { command, tick }) => {
                let mut viewer = Viewer::ostep(command.into(), usize::MAX, slicer).ok()?;
                if let Some(tick) = tick {
                    viewer.step = viewer.timeline.step_at_tick(tick);
                    viewer.pending_step = None;
                }
                Some(viewer)
            }
            Action::Reveal(Reveal::Program(doc)) => {
                Viewer::own(Rc::new(doc), usize::MAX, slicer).ok()
            }
            Action::Reveal(Reveal::ProgramAt(doc, step)) => {
                Viewer::own(Rc::new(doc), step, slicer).ok()
            }
            _ => None,
        }
    }

    /// Takes in the recording's progress, if it is this viewer's recording.
    fn record(&self, next: &mut Viewer, progress: Progress) {
        let mine = |run: &Recording| self.recording.as_ref().is_some_and(|r| r.same_run(run));
        match progress {
            Progress::Recorded(run) if mine(&run) => next.recording = Some(run),
            Progress::Finished(run, timeline) if mine(&run) => {
                next.step = self.place_step().min(timeline.len());
                next.timeline = timeline;
                next.recording = None;
                next.pending_step = None;
            }
            _ => {}
        }
    }
}

/// How far back [`actor`] looks for a step in which a process did something.
const ACTOR_LOOKBACK: usize = 256;

/// The process that acts at `step`: the one its last event (preferably an instruction) is
/// about, else that of an earlier step; a user process, not init, when one acts.
pub fn actor(timeline: &Timeline, step: usize) -> Option<Pid> {
    let user = |pid: &Pid| *pid != proclab_kernel::kernel::INIT_PID;
    (step.saturating_sub(ACTOR_LOOKBACK)..=step)
        .rev()
        .filter_map(|n| timeline.step(n))
        .find_map(|s| {
            let executed = s.events.iter().rev().find_map(|e| match e {
                Event::Execute { pid, .. } => Some(*pid).filter(user),
                _ => None,
            });
            executed.or_else(|| s.events.iter().rev().find_map(|e| e.pid().filter(user)))
        })
        .or(Some(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recording::StepsPerSlice;
    use proclab_course::share::SourceFile;
    use proclab_kernel::scenario::Settings;

    /// Records whole runs at once, as a page with time to spare would.
    const AT_ONCE: StepsPerSlice = StepsPerSlice(usize::MAX);

    fn no_autosave() -> Option<ScenarioDoc> {
        None
    }

    fn doc_of(source: &str, steps: u64) -> Rc<ScenarioDoc> {
        Rc::new(ScenarioDoc {
            title: "mine".into(),
            files: vec![SourceFile {
                name: "mine.c".into(),
                text: source.into(),
            }],
            settings: Settings {
                step_limit: steps,
                ..Settings::default()
            },
            step: 0,
            run: Default::default(),
        })
    }

    #[test]
    fn a_builtin_opens_by_its_name_or_its_old_number_and_its_place_names_it() {
        let (by_name, problem) = Viewer::opening("#scenario=zombie&step=5", no_autosave, &AT_ONCE);
        assert_eq!(problem, None);
        let (by_number, _) = Viewer::opening("#scenario=6&step=5", no_autosave, &AT_ONCE);
        assert_eq!((by_name.scenario, by_name.step), (Some(6), 5));
        assert_eq!(by_number.scenario, Some(6));
        assert_eq!(by_name.place(7), "#scenario=zombie&step=7");
    }

    #[test]
    fn an_unknown_builtin_or_a_damaged_link_opens_the_first_with_a_message() {
        let (viewer, problem) = Viewer::opening("#scenario=nope", no_autosave, &AT_ONCE);
        assert_eq!(viewer.scenario, Some(0));
        assert!(problem.is_some_and(|p| p.contains("'nope'")));
        let (viewer, problem) = Viewer::opening("#s=!!!", no_autosave, &AT_ONCE);
        assert_eq!(viewer.scenario, Some(0));
        assert!(problem.is_some());
    }

    #[test]
    fn without_a_link_the_autosave_opens_and_an_ostep_place_round_trips() {
        let saved = || Some((*doc_of("int main(void) { return 0; }\n", 100)).clone());
        let (viewer, _) = Viewer::opening("", saved, &AT_ONCE);
        assert_eq!((viewer.scenario, &*viewer.title), (None, "mine"));
        let (ostep, problem) =
            Viewer::opening("#ostep=fork.py%20-A%20a%2Bb&step=1", no_autosave, &AT_ONCE);
        assert_eq!(problem, None);
        assert_eq!(ostep.ostep.as_deref(), Some("fork.py -A a+b"));
        let (again, _) = Viewer::opening(&ostep.place(1), no_autosave, &AT_ONCE);
        assert_eq!(again.ostep, ostep.ostep);
    }

    #[test]
    fn stepping_moves_within_the_run_and_a_failed_run_changes_nothing() {
        let viewer = Rc::new(Viewer::open(0, 0, &AT_ONCE));
        let last = viewer.timeline.len();
        let moved = viewer.clone().apply(Action::StepForward, &AT_ONCE);
        assert!(moved.step > 0);
        let back = moved.apply(Action::StepBack, &AT_ONCE);
        assert_eq!(back.step, 0);
        let end = back.apply(Action::GoToEnd, &AT_ONCE);
        assert_eq!(end.step, last);
        let same = end
            .clone()
            .apply(Action::Run(doc_of("int main(void) {", 10)), &AT_ONCE);
        assert!(Rc::ptr_eq(&same, &end));
    }

    #[test]
    fn next_and_previous_land_on_their_moment_and_say_when_there_is_none() {
        let viewer = Rc::new(Viewer::open(0, 0, &AT_ONCE));
        let forked = viewer.clone().apply(Action::Next(Moment::Fork), &AT_ONCE);
        let events = forked.timeline.step(forked.step).expect("recorded").events;
        assert!(events.iter().any(|e| matches!(e, Event::Fork { .. })));
        assert_eq!(forked.notice, None);
        let none = viewer.apply(Action::Previous(Moment::Fork), &AT_ONCE);
        assert_eq!(
            (none.step, none.notice.as_deref()),
            (0, Some("No fork before this step."))
        );
        let exited = forked.apply(Action::Next(Moment::Exit), &AT_ONCE);
        let back = exited
            .clone()
            .apply(Action::Previous(Moment::Fork), &AT_ONCE);
        assert!(
            back.timeline
                .step(back.step)
                .expect("recorded")
                .events
                .iter()
                .any(|e| matches!(e, Event::Fork { .. }))
        );
        let end = exited
            .apply(Action::GoToEnd, &AT_ONCE)
            .apply(Action::Next(Moment::Exec), &AT_ONCE);
        assert_eq!(end.notice.as_deref(), Some("No exec after this step."));
        let moved = end.apply(Action::StepBack, &AT_ONCE);
        assert_eq!(moved.notice, None, "the next navigation clears the notice");
    }

    #[test]
    fn going_back_in_history_reopens_the_scenario_at_its_address() {
        let mine = Rc::new(
            Viewer::own(doc_of("int main(void) { return 3; }\n", 100), 0, &AT_ONCE)
                .expect("compiles"),
        );
        let address = mine.place(2);
        let other = mine.clone().apply(Action::Open(6), &AT_ONCE);
        assert_ne!(other.scenario_place(), mine.scenario_place());
        let back = other.apply(Action::Reopen(address.into()), &AT_ONCE);
        assert_eq!((back.scenario, &*back.title, back.step), (None, "mine", 2));
        assert_eq!(back.scenario_place(), mine.scenario_place());
        let kept = back
            .clone()
            .apply(Action::Reopen("#scenario=nope".into()), &AT_ONCE);
        assert_eq!(kept.title, back.title);
        assert!(kept.notice.as_deref().is_some_and(|n| n.contains("'nope'")));
    }

    #[test]
    fn a_chosen_layout_and_pin_are_kept_in_the_place_and_a_new_scenario_opens_in_its_own() {
        let viewer = Rc::new(Viewer::open(
            find_builtin("zombie").expect("a built-in"),
            0,
            &AT_ONCE,
        ));
        assert_eq!(
            (viewer.layout(), viewer.place(0)),
            (Layout::Processes, "#scenario=zombie&step=0".to_owned())
        );
        let memory = viewer.apply(Action::SetLayout(Layout::Memory), &AT_ONCE);
        assert_eq!(memory.place(4), "#scenario=zombie&step=4&layout=memory");
        let (reopened, _) = Viewer::opening(&memory.place(4), no_autosave, &AT_ONCE);
        assert_eq!((reopened.layout(), reopened.step), (Layout::Memory, 4));
        let other = memory.apply(
            Action::Open(find_builtin("pipeline").expect("a built-in")),
            &AT_ONCE,
        );
        assert_eq!(other.layout(), Layout::Communication);
    }

    #[test]
    fn the_details_follow_the_process_that_acts_until_one_is_pinned() {
        let viewer = Rc::new(Viewer::open(0, 0, &AT_ONCE));
        let exec = viewer.apply(Action::Next(Moment::Exec), &AT_ONCE);
        let execer = exec
            .timeline
            .step(exec.step)
            .expect("recorded")
            .events
            .iter()
            .find_map(|e| match e {
                Event::Exec { pid, .. } => Some(*pid),
                _ => None,
            });
        assert_eq!(exec.shown_pid(), execer);
        let pinned = exec.apply(Action::Select(2), &AT_ONCE);
        assert_eq!(pinned.shown_pid(), Some(2));
        assert_eq!(pinned.apply(Action::Follow, &AT_ONCE).shown_pid(), execer);
    }

    #[test]
    fn a_long_run_records_in_slices_and_goes_to_the_step_a_link_asked_for() {
        let slices = StepsPerSlice(100);
        let doc = doc_of("int main(void) { long n = 0; for (;;) { n++; } }\n", 1_000);
        let viewer = Rc::new(Viewer::own(doc, 700, &slices).expect("compiles"));
        assert_eq!((viewer.timeline.len(), viewer.step), (100, 100));
        assert_eq!(viewer.place_step(), 700);
        let mut viewer = viewer;
        while let Some(progress) = viewer.recording.as_ref().and_then(|r| r.advance(&slices)) {
            viewer = viewer.apply(Action::Recorded(progress), &slices);
        }
        assert_eq!((viewer.timeline.len(), viewer.step), (1_000, 700));
        assert!(viewer.recording.is_none());
    }

    #[test]
    fn cancelling_a_recording_keeps_the_steps_recorded() {
        let slices = StepsPerSlice(100);
        let doc = doc_of("int main(void) { for (;;) {} }\n", 1_000);
        let viewer = Rc::new(Viewer::own(doc, 0, &slices).expect("compiles"));
        let progress = viewer.recording.as_ref().and_then(|r| r.advance(&slices));
        let viewer = viewer.apply(Action::Recorded(progress.expect("more")), &slices);
        assert_eq!(viewer.recording.as_ref().map(|r| r.recorded), Some(200));
        let cut = viewer.apply(Action::CancelRecording, &slices);
        assert_eq!((cut.timeline.len(), cut.recording.is_none()), (200, true));
    }

    /// A value the address bar may carry for any key: a word, a number of any size or sign,
    /// or any text.
    fn any_value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-z-]{0,16}",
            any::<i64>().prop_map(|n| n.to_string()),
            "[0-9]{19,40}",
            "\\PC{0,40}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever the address bar carries opens a scenario (or the first built-in with a
        /// message), at a step inside its run, and its place reopens the same scenario.
        #[test]
        fn any_address_opens_a_scenario_at_a_step_inside_its_run(
            pairs in proptest::collection::vec(
                (proptest::sample::select(vec![
                    "s", "ostep", "scenario", "step", "exercise", "level", "seed", "pin",
                    "layout", "present", "embed", "selftest",
                ]), any_value()),
                0..5,
            ),
        ) {
            let fragment: String = pairs
                .iter()
                .map(|(key, value)| format!("&{key}={value}"))
                .collect();
            let fragment = format!("#{}", fragment.trim_start_matches('&'));
            let (viewer, _) = Viewer::opening(&fragment, no_autosave, &AT_ONCE);
            proptest::prop_assert!(viewer.step <= viewer.timeline.len(), "{}", fragment);
            let place = viewer.scenario_place();
            let (again, problem) = Viewer::opening(&place, no_autosave, &AT_ONCE);
            proptest::prop_assert_eq!(problem, None, "{} reopened as {}", fragment, place);
            proptest::prop_assert_eq!(again.scenario_place(), place);
            if let Some(exercise) = crate::model::address::exercise(&fragment) {
                let (kind, level, seed) = exercise;
                let made = proclab_course::exercise::generate(kind, level, seed);
                proptest::prop_assert_eq!((made.kind, made.level), (kind, level));
            }
        }
    }
}

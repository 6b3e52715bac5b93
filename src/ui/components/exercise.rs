//! "Predict, then reveal": a seeded exercise (the process tree after fork.py's actions, how
//! many lines a forking program prints, a process's state at a tick) answered in the page,
//! checked, then revealed as the animated run. The kind, difficulty and seed are in the
//! page's address, so an exercise is shared by its link.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::address::ExerciseId;
use crate::ui::field_value;
use proclab_course::exercise::{Answer, Exercise, Kind, MAX_LEVEL, Reveal, generate};
use proclab_kernel::process::ProcState;

/// Properties of [`ExercisePanel`].
#[derive(Properties, PartialEq)]
pub struct ExercisePanelProps {
    /// The exercise open, if one is.
    pub current: Option<ExerciseId>,
    /// Opens another exercise.
    pub on_change: Callback<ExerciseId>,
    /// Animates an exercise's answer.
    pub on_reveal: Callback<Reveal>,
    /// Unfolded from the start (as it is in the page's side panel).
    #[prop_or_default]
    pub open: bool,
}

/// A seed for a new exercise (any will do: the link then keeps it).
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64
}

/// The panel: choose a kind and a difficulty, answer, check, reveal.
#[component]
pub fn ExercisePanel(props: &ExercisePanelProps) -> Html {
    // Nothing is generated until an exercise is asked for: the page opens without the cost.
    let exercise = use_memo(props.current, |current| {
        current.map(|(kind, level, seed)| Rc::new(generate(kind, level, seed)))
    });
    let (kind, level, _) = props.current.unwrap_or((Kind::ProcessTree, 1, 0));
    let on_kind = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(kind) = field_value(&e).as_deref().and_then(Kind::from_slug) {
                on_change.emit((kind, level, fresh_seed()));
            }
        })
    };
    let on_level = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(level) = field_value(&e).and_then(|v| v.parse().ok()) {
                on_change.emit((kind, level, fresh_seed()));
            }
        })
    };
    let on_new = {
        let on_change = props.on_change.clone();
        Callback::from(move |_| on_change.emit((kind, level, fresh_seed())))
    };
    html! {
        <details class="panel exercise" open={props.open || props.current.is_some()}>
            <summary>{ "Predict, then reveal" }</summary>
            <div class="exercise-choice">
                <label>{ "Exercise " }
                    <select aria-label="Exercise" onchange={on_kind}>
                        { for Kind::ALL.iter().map(|k| html! {
                            <option value={k.slug()} selected={*k == kind}>{ k.title() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Difficulty " }
                    <select aria-label="Difficulty" onchange={on_level}>
                        { for (1..=MAX_LEVEL).map(|l| html! {
                            <option value={l.to_string()} selected={l == level}>
                                { ["easy", "medium", "hard"][usize::from(l - 1)] }
                            </option>
                        }) }
                    </select>
                </label>
                <button type="button" onclick={on_new}>{ "New exercise" }</button>
            </div>
            if let Some(exercise) = (*exercise).clone() {
                <Attempt key={format!("{}-{}-{}", exercise.kind.slug(), exercise.level, exercise.seed)}
                    exercise={exercise.clone()} on_reveal={props.on_reveal.clone()} />
            } else {
                <p class="hint">{ "Choose an exercise and a difficulty, or press New exercise: answer it here, then reveal the run that answers it." }</p>
            }
        </details>
    }
}

/// Properties of [`Attempt`].
#[derive(Properties, PartialEq)]
struct AttemptProps {
    exercise: Rc<Exercise>,
    on_reveal: Callback<Reveal>,
}

/// The student's answer to one exercise (made afresh for each exercise), its check and
/// its reveal.
#[component]
fn Attempt(props: &AttemptProps) -> Html {
    let exercise = &props.exercise;
    let given = use_state(Vec::<String>::new);
    let verdict = use_state(|| None::<bool>);
    let revealed = use_state(|| false);
    let answer_fields = match &exercise.answer {
        Answer::Tree(tree) => {
            let names: Vec<String> = tree.iter().map(|(n, _)| n.clone()).collect();
            html! {
                <div class="answer-tree">
                    { for names.iter().enumerate().map(|(i, name)| {
                        let (given, verdict) = (given.clone(), verdict.clone());
                        let count = names.len();
                        let onchange = Callback::from(move |e: Event| {
                            let mut next = (*given).clone();
                            next.resize(count, String::new());
                            next[i] = field_value(&e).unwrap_or_default();
                            given.set(next);
                            verdict.set(None);
                        });
                        let parents = std::iter::once("a".to_owned())
                            .chain(names.iter().filter(|n| *n != name).cloned());
                        html! {
                            <label>
                                <span>{ format!("{name}: ") }</span>
                                <select aria-label={format!("Parent of {name}")} {onchange}>
                                    <option value="" selected=true disabled=true>{ "choose" }</option>
                                    <option value="exited">{ "has exited" }</option>
                                    { for parents.map(|p| html! {
                                        <option value={p.clone()}>{ format!("child of {p}") }</option>
                                    }) }
                                </select>
                            </label>
                        }
                    }) }
                </div>
            }
        }
        Answer::Count(_) => {
            let oninput = one_field(&given, &verdict).reform(|e: InputEvent| e.into());
            html! {
                <label class="answer-count">{ "Lines printed " }
                    <input type="number" min="0" aria-label="Lines printed" {oninput} />
                </label>
            }
        }
        Answer::Possible(marks) => {
            let labels = (1..=marks.len())
                .map(|i| format!("output {i} can happen"))
                .collect();
            checkboxes(labels, &given, &verdict)
        }
        Answer::Shared(marks) => {
            let labels = marks
                .iter()
                .map(|(kind, _)| format!("{} still shared", kind.label()))
                .collect();
            checkboxes(labels, &given, &verdict)
        }
        Answer::State(_) => {
            let onchange = one_field(&given, &verdict);
            html! {
                <label class="answer-state">{ "State " }
                    <select aria-label="State" {onchange}>
                        <option value="" selected=true disabled=true>{ "choose" }</option>
                        { for ProcState::ALL.iter().map(|s| html! { <option value={s.label()}>{ s.label() }</option> }) }
                    </select>
                </label>
            }
        }
    };
    let on_check = {
        let (given, verdict, answer) = (given.clone(), verdict.clone(), exercise.answer.clone());
        Callback::from(move |_| verdict.set(Some(answer.accepts(&given))))
    };
    let on_reveal = {
        let (revealed, on_reveal, reveal) = (
            revealed.clone(),
            props.on_reveal.clone(),
            exercise.reveal.clone(),
        );
        Callback::from(move |_| {
            revealed.set(true);
            on_reveal.emit(reveal.clone());
        })
    };
    html! {
        <div class="attempt">
            <p class="question">{ &exercise.question }</p>
            <pre class="shown">{ &exercise.shown }</pre>
            { answer_fields }
            <div class="editor-actions">
                <button type="button" onclick={on_check}>{ "Check my answer" }</button>
                <button type="button" onclick={on_reveal}>{ "Reveal the answer" }</button>
            </div>
            <p class="verdict" role="status">{
                match *verdict {
                    Some(true) => "Right! Reveal the answer to watch it happen.",
                    Some(false) => "Not quite: think again, or reveal the answer and step through it.",
                    None => "",
                }
            }</p>
            if *revealed {
                <p class="revealed">{ format!("Answer: {}. The run is shown below: step back and forth through it.", exercise.answer.explain()) }</p>
            }
        </div>
    }
}

/// One checkbox per label; the answer is "yes" or "no" for each, in order.
/// Takes an answer given in one field (a number typed, a state chosen): it replaces the
/// answer so far and clears the verdict.
fn one_field(
    given: &UseStateHandle<Vec<String>>,
    verdict: &UseStateHandle<Option<bool>>,
) -> Callback<Event> {
    let (given, verdict) = (given.clone(), verdict.clone());
    Callback::from(move |e: Event| {
        given.set(vec![field_value(&e).unwrap_or_default()]);
        verdict.set(None);
    })
}

fn checkboxes(
    labels: Vec<String>,
    given: &UseStateHandle<Vec<String>>,
    verdict: &UseStateHandle<Option<bool>>,
) -> Html {
    let count = labels.len();
    html! {
        <div class="answer-marks">
            { for labels.into_iter().enumerate().map(|(i, label)| {
                let (given, verdict) = (given.clone(), verdict.clone());
                let onchange = Callback::from(move |e: Event| {
                    let ticked = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .is_some_and(|input| input.checked());
                    let mut next = (*given).clone();
                    next.resize(count, "no".to_owned());
                    next[i] = if ticked { "yes" } else { "no" }.to_owned();
                    given.set(next);
                    verdict.set(None);
                });
                html! {
                    <label><input type="checkbox" {onchange} />{ format!(" {label}") }</label>
                }
            }) }
        </div>
    }
}

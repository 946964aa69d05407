//! Pipeline executions, each as a timeline of its statuses, as the catalogue's execution lifecycle
//! tells them: the road to done (the statuses under way that it gives a share of the work short of
//! all of it, then done: PREPARING → BUILDING → TESTING → DISTRIBUTING → RELEASING → SUCCESS), the
//! steps passed ticked and the current one highlighted.
//!
//! The status field's order (the catalogue lists its values in the order they come) orders the
//! road and places the rest: a status under way listed before done is a detour, shown where it comes (an
//! imported image's REPAIRING), one listed after done an ending under way (CANCELLING). A failure
//! is marked on the step its status or error code names, when one does (TEST_FAILED,
//! `BuildCommandFailed`). A status the lifecycle lists nowhere is an ending of its own: past the
//! whole road when listed after done (PARTITION_SUCCESS: the image is made, some distributions
//! failed), else a status this console does not know.

use super::status::{lifecycle_of, tone};
use super::vtable::Items;
use crate::format::short_time;
use ecsimg_core::catalogue::{IdKind, Lifecycle, Outcome, Percent};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The statuses an execution passes through on its way to done, in order: those under way that
/// the lifecycle gives a share of the work short of all of it, as the status field lists them,
/// then done.
pub fn road(lifecycle: &'static Lifecycle) -> Vec<&'static str> {
    let Percent::ByStatus(shares) = lifecycle.percent else { return lifecycle.done.iter().take(1).copied().collect() };
    let on_the_way =
        |status: &&str| lifecycle.in_progress.contains(status) && shares.iter().any(|(s, n)| s == status && *n < 100);
    let order = lifecycle.status_field().check().one_of;
    order.iter().filter(on_the_way).chain(lifecycle.done.first().copied()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Pending,
    /// Where the execution failed.
    Failed,
    /// Not reached, and it never will be.
    Skipped,
}

impl StepState {
    pub fn class(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Pending => "pending",
            StepState::Failed => "failed",
            StepState::Skipped => "skipped",
        }
    }

    /// What a screen reader says after the step's name.
    pub fn spoken(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "in progress",
            StepState::Pending => "to come",
            StepState::Failed => "failed here",
            StepState::Skipped => "not reached",
        }
    }
}

/// How an execution ends, or is about to, off the road to done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// A failed status (FAILED, TEST_FAILED, CANCELLED).
    Failed(String),
    /// Under way to an ending (CANCELLING), or a status this console does not know.
    UnderWay(String),
    /// Past the whole road, yet not done (PARTITION_SUCCESS).
    Other(String),
}

impl Ending {
    /// The class of its step, and its text.
    fn class_and_text(self) -> (&'static str, String) {
        match self {
            Ending::Failed(s) => ("failed", s),
            Ending::UnderWay(s) => ("current", s),
            Ending::Other(s) => ("partial", s),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub steps: Vec<(&'static str, StepState)>,
    pub ending: Option<Ending>,
}

/// Where a status that is not on the road sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Step `i` of the road.
    Step(usize),
    /// A detour before step `i`.
    Detour(usize, &'static str),
    /// Listed after done.
    AfterDone,
    /// Not a value of the status field.
    Unknown,
}

fn place(lifecycle: &'static Lifecycle, road: &[&'static str], status: &str) -> Place {
    if let Some(i) = road.iter().position(|s| *s == status) {
        return Place::Step(i);
    }
    let order: Vec<&str> = lifecycle.status_field().check().one_of.iter().collect();
    let rank = |status: &str| order.iter().position(|s| *s == status);
    let Some(at) = rank(status) else { return Place::Unknown };
    if road.last().and_then(|done| rank(done)).is_some_and(|done| at > done) {
        return Place::AfterDone;
    }
    Place::Detour(road.iter().filter(|s| rank(s).is_some_and(|r| r < at)).count(), order[at])
}

/// The step under way a failure names by its word (`TEST_FAILED` and `TestCommandFailed` name
/// TESTING), if one does.
fn blamed(lifecycle: &Lifecycle, road: &[&'static str], status: &str, error_code: &str) -> Option<usize> {
    road.iter().position(|step| {
        let stem = step.strip_suffix("ING").unwrap_or(step);
        let mut letters = stem.chars();
        let word: String = letters.next().into_iter().chain(letters.map(|c| c.to_ascii_lowercase())).collect();
        lifecycle.in_progress.contains(step) && (status.contains(stem) || error_code.contains(&word))
    })
}

/// Where an execution is, from its `status` (and for a failure its `errorCode`, which may say
/// which step failed).
pub fn timeline(status: &str, error_code: &str) -> Timeline {
    let lifecycle = lifecycle_of(IdKind::Execution);
    let road = road(lifecycle);
    let upto = |current: usize, state: StepState, rest: StepState| -> Vec<(&'static str, StepState)> {
        let state_of = |i: usize| match i.cmp(&current) {
            std::cmp::Ordering::Less => StepState::Done,
            std::cmp::Ordering::Equal => state,
            std::cmp::Ordering::Greater => rest,
        };
        road.iter().enumerate().map(|(i, s)| (*s, state_of(i))).collect()
    };
    let all = |state: StepState| road.iter().map(|s| (*s, state)).collect::<Vec<_>>();
    let ending = |steps, ending| Timeline { steps, ending: Some(ending) };
    match (lifecycle.outcome(status), place(lifecycle, &road, status)) {
        (Outcome::Done, _) => Timeline { steps: all(StepState::Done), ending: None },
        (Outcome::Failed, _) => {
            let steps = match blamed(lifecycle, &road, status, error_code) {
                Some(i) => upto(i, StepState::Failed, StepState::Skipped),
                None => all(StepState::Skipped),
            };
            ending(steps, Ending::Failed(status.into()))
        }
        (Outcome::Waiting, Place::Step(i)) => {
            Timeline { steps: upto(i, StepState::Current, StepState::Pending), ending: None }
        }
        (Outcome::Waiting, Place::Detour(i, name)) => {
            let steps = upto(i, StepState::Pending, StepState::Pending);
            let (before, after) = steps.split_at(i);
            Timeline { steps: [before, &[(name, StepState::Current)], after].concat(), ending: None }
        }
        (Outcome::Waiting, Place::AfterDone) if lifecycle.in_progress.contains(&status) => {
            ending(all(StepState::Skipped), Ending::UnderWay(status.into()))
        }
        (Outcome::Waiting, Place::AfterDone) => ending(all(StepState::Done), Ending::Other(status.into())),
        (Outcome::Waiting, Place::Unknown) => ending(all(StepState::Pending), Ending::UnderWay(status.into())),
    }
}

fn card(execution: &Value) -> AnyView {
    let text = |key: &str| execution.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let lifecycle = lifecycle_of(IdKind::Execution);
    let status = lifecycle.status_of(execution).unwrap_or_default().to_string();
    let error_code = text("errorCode");
    let Timeline { steps, ending } = timeline(&status, &error_code);
    let tone = tone(lifecycle, &status);
    let ending = ending.map(|e| {
        let (class, label) = e.class_and_text();
        view! { <li class=format!("step ending {class}") aria-current=(class == "current").then_some("step")>{label}</li> }
    });
    let image = text("imageId");
    let message = text("message");
    let error_info = text("errorInfo");
    let created = text("creationTime");
    let modified = text("modifiedTime");
    view! {
        <li class="execution">
            <div class="execution-head">
                <code>{text("executionId")}</code>
                <span class=format!("badge tone-{tone}")>{status.clone()}</span>
                <span class="muted">{format!("pipeline {}", text("imagePipelineId"))}</span>
                {(!image.is_empty()).then(|| view! { <span class="muted">"image "<code>{image}</code></span> })}
            </div>
            <ol class="timeline" aria-label=format!("Progress: {status}")>
                {steps.into_iter().map(|(name, state)| view! {
                    <li class=format!("step {}", state.class()) aria-current=(state == StepState::Current).then_some("step")>
                        {name}<span class="visually-hidden">{format!(" ({})", state.spoken())}</span>
                    </li>
                }).collect_view()}
                {ending}
            </ol>
            <p class="execution-meta">
                {format!("started {}", short_time(&created))}
                {(!modified.is_empty()).then(|| format!(" · updated {}", short_time(&modified)))}
                {(!error_code.is_empty()).then(|| view! { " · " <strong class="bad">{error_code.clone()}</strong> })}
            </p>
            {(!message.is_empty() || !error_info.is_empty()).then(|| view! {
                <p class="execution-message">{if error_info.is_empty() { message } else { error_info }}</p>
            })}
        </li>
    }
    .into_any()
}

/// Every execution as a card (appended pages add cards; the cards there stay).
pub fn executions_view(items: Items<Arc<Value>>) -> impl IntoView {
    let keys = move || {
        let generation = items.generation();
        (0..items.len()).map(move |i| (generation, i)).collect::<Vec<_>>()
    };
    view! {
        <Show when=move || items.len() == 0>
            <p class="hint">"No executions match."</p>
        </Show>
        <ol class="executions" aria-label="Executions">
            <For each=keys key=|k| *k children=move |(_, i)| items.get(i).map(|e| card(&e)) />
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepState::*;

    fn states(t: &Timeline) -> Vec<StepState> {
        t.steps.iter().map(|s| s.1).collect()
    }

    #[test]
    fn the_current_step_is_highlighted_in_order() {
        let t = timeline("TESTING", "");
        assert_eq!(states(&t), [Done, Done, Current, Pending, Pending, Pending]);
        assert_eq!(t.ending, None);
        assert_eq!(states(&timeline("PREPARING", "")), [Current, Pending, Pending, Pending, Pending, Pending]);
        assert_eq!(states(&timeline("SUCCESS", "")), [Done; 6]);
        let road = ["PREPARING", "BUILDING", "TESTING", "DISTRIBUTING", "RELEASING", "SUCCESS"];
        assert_eq!(t.steps.iter().map(|s| s.0).collect::<Vec<_>>(), road);
        assert_eq!(super::road(lifecycle_of(IdKind::Execution)), road);
    }

    #[test]
    fn failures_are_marked_where_they_happened() {
        let t = timeline("TEST_FAILED", "TestCommandFailed");
        assert_eq!(states(&t), [Done, Done, Failed, Skipped, Skipped, Skipped]);
        assert_eq!(t.ending, Some(Ending::Failed("TEST_FAILED".into())));
        let t = timeline("FAILED", "BuildCommandFailed");
        assert_eq!(states(&t), [Done, Failed, Skipped, Skipped, Skipped, Skipped]);
        // A failure the answer does not place: no step is blamed.
        let t = timeline("FAILED", "InvalidImageName.Duplicated");
        assert_eq!(states(&t), [Skipped; 6]);
        assert_eq!(t.ending, Some(Ending::Failed("FAILED".into())));
    }

    #[test]
    fn cancellations_partial_success_and_repairs() {
        let t = timeline("CANCELLED", "");
        assert_eq!((states(&t), t.ending), (vec![Skipped; 6], Some(Ending::Failed("CANCELLED".into()))));
        let t = timeline("CANCELLING", "");
        assert_eq!((states(&t), t.ending), (vec![Skipped; 6], Some(Ending::UnderWay("CANCELLING".into()))));
        let t = timeline("PARTITION_SUCCESS", "");
        assert_eq!((states(&t), t.ending), (vec![Done; 6], Some(Ending::Other("PARTITION_SUCCESS".into()))));
        let t = timeline("REPAIRING", "");
        assert_eq!(t.steps[1], ("REPAIRING", Current));
        assert_eq!(t.steps[0], ("PREPARING", Done));
        assert_eq!(t.steps.len(), 7);
        let t = timeline("NEW_STATUS", "");
        assert_eq!((states(&t), t.ending), (vec![Pending; 6], Some(Ending::UnderWay("NEW_STATUS".into()))));
    }
}

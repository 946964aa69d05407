//! Pipeline executions, each as a timeline of its statuses: PREPARING → BUILDING → TESTING →
//! DISTRIBUTING → RELEASING → SUCCESS, the steps passed ticked, the current one highlighted, and
//! an ending other than success (FAILED, TEST_FAILED, CANCELLING, CANCELLED) marked where it
//! happened when the answer tells where.

use super::vtable::Items;
use crate::format::short_time;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The statuses an execution passes through on its way to success, in order.
pub const STEPS: [&str; 6] = ["PREPARING", "BUILDING", "TESTING", "DISTRIBUTING", "RELEASING", "SUCCESS"];

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

/// How an execution ended, when not simply with SUCCESS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// FAILED or TEST_FAILED.
    Failed(String),
    Cancelling,
    Cancelled,
    /// PARTITION_SUCCESS: the image is made, some distributions failed.
    Partial,
    /// A status this console does not know.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub steps: Vec<(&'static str, StepState)>,
    pub ending: Option<Ending>,
}

/// Where an execution is, from its `status` (and for FAILED its `errorCode`, which may say which
/// step failed).
pub fn timeline(status: &str, error_code: &str) -> Timeline {
    let upto = |current: usize, state: StepState, rest: StepState| -> Vec<(&'static str, StepState)> {
        STEPS
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    *s,
                    if i < current {
                        StepState::Done
                    } else if i == current {
                        state
                    } else {
                        rest
                    },
                )
            })
            .collect()
    };
    let all = |state: StepState| STEPS.iter().map(|s| (*s, state)).collect::<Vec<_>>();
    let step = |name: &str| STEPS.iter().position(|s| *s == name);
    match status {
        "SUCCESS" => Timeline { steps: all(StepState::Done), ending: None },
        "PARTITION_SUCCESS" => Timeline { steps: all(StepState::Done), ending: Some(Ending::Partial) },
        "REPAIRING" => {
            // Import pipelines repair the imported image between preparing and building.
            let mut steps = upto(1, StepState::Pending, StepState::Pending);
            steps.insert(1, ("REPAIRING", StepState::Current));
            Timeline { steps, ending: None }
        }
        "TEST_FAILED" => Timeline {
            steps: upto(step("TESTING").unwrap_or(2), StepState::Failed, StepState::Skipped),
            ending: Some(Ending::Failed(status.into())),
        },
        "FAILED" => {
            let at = if error_code.contains("Build") {
                step("BUILDING")
            } else if error_code.contains("Test") {
                step("TESTING")
            } else if error_code.contains("Distribut") {
                step("DISTRIBUTING")
            } else {
                None
            };
            let steps = match at {
                Some(i) => upto(i, StepState::Failed, StepState::Skipped),
                None => all(StepState::Skipped),
            };
            Timeline { steps, ending: Some(Ending::Failed(status.into())) }
        }
        "CANCELLING" => Timeline { steps: all(StepState::Skipped), ending: Some(Ending::Cancelling) },
        "CANCELLED" => Timeline { steps: all(StepState::Skipped), ending: Some(Ending::Cancelled) },
        other => match step(other) {
            Some(i) => Timeline { steps: upto(i, StepState::Current, StepState::Pending), ending: None },
            None => Timeline { steps: all(StepState::Pending), ending: Some(Ending::Unknown(other.into())) },
        },
    }
}

/// The badge colour of an execution's status.
pub fn execution_tone(status: &str) -> &'static str {
    match status {
        "SUCCESS" => "ok",
        "PARTITION_SUCCESS" => "warn",
        "FAILED" | "TEST_FAILED" => "bad",
        "CANCELLED" | "CANCELLING" => "muted",
        _ => "busy",
    }
}

fn card(execution: &Value) -> AnyView {
    let text = |key: &str| execution.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let status = text("status");
    let error_code = text("errorCode");
    let Timeline { steps, ending } = timeline(&status, &error_code);
    let tone = execution_tone(&status);
    let ending = ending.map(|e| {
        let (class, label) = match e {
            Ending::Failed(s) => ("failed", s),
            Ending::Cancelling => ("current", "CANCELLING".to_string()),
            Ending::Cancelled => ("cancelled", "CANCELLED".to_string()),
            Ending::Partial => ("partial", "PARTITION_SUCCESS".to_string()),
            Ending::Unknown(s) => ("current", s),
        };
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
        assert_eq!(t.steps.iter().map(|s| s.0).collect::<Vec<_>>(), STEPS);
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
        assert_eq!(timeline("CANCELLED", "").ending, Some(Ending::Cancelled));
        assert_eq!(timeline("CANCELLING", "").ending, Some(Ending::Cancelling));
        let t = timeline("PARTITION_SUCCESS", "");
        assert_eq!((states(&t), t.ending), (vec![Done; 6], Some(Ending::Partial)));
        let t = timeline("REPAIRING", "");
        assert_eq!(t.steps[1], ("REPAIRING", Current));
        assert_eq!(t.steps[0], ("PREPARING", Done));
        assert_eq!(t.steps.len(), 7);
        assert_eq!(timeline("NEW_STATUS", "").ending, Some(Ending::Unknown("NEW_STATUS".into())));
        assert_eq!(execution_tone("BUILDING"), "busy");
        assert_eq!(execution_tone("TEST_FAILED"), "bad");
    }
}

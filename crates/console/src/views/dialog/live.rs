//! An open dialog's state: the form, what it will do (`model::plan`), the problems the core
//! finds, the confirmation, the run; and what follows from them (why it would not run yet, the
//! main button's words), and the submit that moves a wizard on or runs the calls.

use super::fields::{defaults, given, others, rendered};
use super::steps::Steps;
use super::DialogSpec;
use crate::actions;
use crate::forms::{FormCtx, Labels};
use crate::model::plan::{merged, CallState, Confirm, Plan, PlannedCall, Problems, Run};
use crate::state::AppState;
use ecsimg_core::catalogue::Field;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

#[derive(Clone, Copy)]
pub struct Live {
    state: AppState,
    pub ctx: FormCtx,
    plan: Memo<Plan>,
    pub problems: Memo<Problems>,
    pub steps: Steps,
    confirm: StoredValue<Confirm>,
    pub typed: RwSignal<String>,
    pub ticked: RwSignal<bool>,
    pub run: RwSignal<Option<Run>>,
    pub running: Memo<bool>,
}

impl Live {
    /// The state of the dialog `spec` describes, with its fields laid out in parts (a step each
    /// in a wizard) and the operation's other parameters for "More options".
    pub fn open(state: AppState, spec: DialogSpec) -> (Live, Vec<Vec<&'static str>>, Vec<&'static Field>) {
        let DialogSpec { op, base, initial, fields, steps, more, wording, targets, per_value, confirm, .. } = spec;
        let (steps, parts) = Steps::lay_out(op, fields, steps);
        let shown: Vec<&'static str> = parts.iter().flatten().copied().collect();
        let form = RwSignal::new(merged(&[&defaults(op, &shown), &initial]));
        let folded = if more { others(op, &shown, &given(&base, &targets)) } else { Vec::new() };
        // The paths with an editor: a problem there stands beside it.
        let with_editor: Vec<String> =
            shown.iter().map(|s| rendered(op, s)).chain(folded.iter().map(|f| f.field().to_string())).collect();
        let labels = Labels::new(wording.iter().map(|(p, l)| (rendered(op, p), l.to_string())));
        let plan = Memo::new(move |_| {
            form.with(|f| match per_value {
                Some(key) => Plan::per_value(op, &base, f, &targets, key),
                None => Plan::per_target(op, &base, f, &targets),
            })
        });
        let problems = Memo::new(move |_| plan.with(|p| p.problems(&with_editor)));
        let at_fields = Memo::new(move |_| problems.with(|p| p.at.clone()));
        let run = RwSignal::new(None::<Run>);
        let live = Live {
            state,
            ctx: FormCtx::with_problems(form, at_fields).with_labels(labels),
            plan,
            problems,
            steps,
            confirm: StoredValue::new(confirm),
            typed: RwSignal::new(String::new()),
            ticked: RwSignal::new(false),
            run,
            running: Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(|r| !r.over()))),
        };
        (live, parts, folded)
    }

    /// The calls it will make, or once it ran, the calls it made.
    pub fn calls(self) -> Signal<Vec<PlannedCall>> {
        Signal::derive(move || match self.run.get() {
            Some(r) => r.calls,
            None => self.plan.with(|p| p.calls.clone()),
        })
    }

    /// How each call went, once it ran.
    pub fn states(self) -> Signal<Option<Vec<CallState>>> {
        Signal::derive(move || self.run.with(|r| r.as_ref().map(|r| r.states.clone())))
    }

    /// Whether the main button would not run now (and says why).
    pub fn blocked(self) -> bool {
        self.run.with(|r| r.is_none()) && self.reason().is_some()
    }

    /// The main button's words: Next, Working…, trying the failed calls again, or `action`.
    pub fn button_words(self, action: &str) -> String {
        match self.run.get() {
            _ if !self.steps.reviewing() => "Next".to_string(),
            Some(r) if !r.over() => "Working…".to_string(),
            Some(r) if r.failed() > 0 => format!("Try the {} failed again", r.failed()),
            _ => action.to_string(),
        }
    }

    /// The main button: in a wizard's step, on to the next; else runs the calls, unless it would
    /// not run yet (then every problem shows, and the focus goes to the first).
    pub fn submit(self, on_done: Callback<Vec<(Value, Value)>>, on_close: Callback<()>) {
        if self.running.get_untracked() {
            return;
        }
        if !self.steps.reviewing() {
            return self.steps.next(self.ctx, &self.problems.get_untracked());
        }
        if self.blocked() {
            self.ctx.show_all.set(true);
            crate::focus::after_render("dialog [aria-invalid=true], dialog #dialog-confirm");
            return;
        }
        self.start(on_done, on_close);
    }

    /// Why the dialog will not run yet, or how its run goes (for the line beside its button).
    pub fn reason(self) -> Option<String> {
        if !self.steps.reviewing() {
            let n = self.problems.with(|p| self.steps.problems_here(p).len());
            let fields = if n == 1 { "field" } else { "fields" };
            return (n > 0).then(|| format!("Cannot go on yet: {n} {fields} to fix on this step."));
        }
        if let Some(run) = self.run.get() {
            return run_words(&run);
        }
        if let Some(missing) = self.state.connection.with(|c| c.missing()) {
            return Some(missing.to_string());
        }
        let problems = self.problems.get();
        if !problems.is_empty() {
            let mut parts = problems.loose.clone();
            let n = problems.at_fields();
            if n > 0 {
                parts.push(format!("{n} {} to fix beside the fields", if n == 1 { "problem" } else { "problems" }));
            }
            return Some(format!("Cannot run yet: {}.", parts.join("; ")));
        }
        let confirmed = self.confirm.with_value(|c| c.satisfied(&self.typed.get(), self.ticked.get()));
        self.confirm.with_value(|confirm| match confirm {
            _ if confirmed => None,
            Confirm::Type(name) => Some(format!("Type {name} above to confirm.")),
            _ => Some("Tick the box above to confirm.".to_string()),
        })
    }

    /// Runs the plan (or, after a partial run, its failed calls again), one call at a time; when
    /// every call has succeeded, hands the answers on and closes.
    fn start(self, on_done: Callback<Vec<(Value, Value)>>, on_close: Callback<()>) {
        let (state, run) = (self.state, self.run);
        let op = self.plan.with_untracked(|p| p.op);
        run.update(|r| match r {
            Some(r) => r.retry_failed(),
            None => *r = Some(Run::new(&self.plan.get_untracked())),
        });
        spawn_local(async move {
            loop {
                let mut next = None;
                if run.try_update(|r| next = r.as_mut().and_then(Run::start_next)).is_none() {
                    return;
                }
                let Some((i, request)) = next else { break };
                let record = actions::perform(state, op, request, false).await;
                run.try_update(|r| r.as_mut().map(|r| r.record(i, record.outcome.clone())));
            }
            if let Some(answers) = run.try_with(|r| r.as_ref().and_then(Run::answers)).flatten() {
                on_done.run(answers);
                on_close.run(());
            }
        });
    }
}

/// How a run goes: `Calling 2 of 3…`, or how many of its calls failed (nothing once all succeeded).
fn run_words(run: &Run) -> Option<String> {
    let (n, done) = (run.states.len(), run.states.iter().filter(|s| matches!(s, CallState::Done(_))).count());
    match run.failed() {
        _ if !run.over() => Some(format!("Calling {} of {n}…", (done + 1).min(n))),
        0 => None,
        failed => Some(format!("{failed} of {n} calls failed: see below.")),
    }
}

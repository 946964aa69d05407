//! The dialog every action of the image manager runs in: a title in words, fields with human
//! labels (the catalogue's help and limits, the SDK name beside each) checked by the core as the
//! user types, "the calls it will make" each with "Show request", for a destructive action every
//! target named and an explicit confirmation, then the calls one by one with how each went.
//!
//! A view opens one by putting a `DialogSpec` in its signal (`dialog_host` shows it); what the
//! dialog will do is `model::plan` (one call per target, or one), the modal itself `shell`.

mod calls;
mod confirm;
mod fields;
mod shell;

use crate::actions;
use crate::forms::{FormCtx, Labels};
use crate::model::plan::{merged, CallState, Confirm, Plan, Problems, Run, Target};
use crate::state::AppState;
use calls::calls_view;
use confirm::confirm_view;
use ecsimg_core::catalogue::Operation;
use fields::{defaults, more_options, named_editors, others};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
pub use shell::Modal;
use std::sync::Arc;

/// What the dialog shows besides its fields (the pipeline dialog's component picker), given the
/// form it edits.
pub type Extra = Arc<dyn Fn(RwSignal<Value>) -> AnyView + Send + Sync>;

/// A dialog: what it does, to what, with which fields.
#[derive(Clone)]
pub struct DialogSpec {
    /// In words: `Create pipeline`, `Delete 2 components`.
    pub title: String,
    /// What it does, in a sentence or two.
    pub intro: String,
    pub op: &'static Operation,
    /// Values the user does not enter (the region).
    pub base: Value,
    /// The fields' first values (over the documented defaults of the named ones).
    pub initial: Value,
    /// The fields shown, by their dotted SDK names (`imageOptions.imageName`), with their labels.
    pub fields: Vec<(&'static str, &'static str)>,
    /// `Some`: the operation's other documented parameters under "More options", labelled as
    /// these say (else by the words of their SDK names).
    pub more: Option<Vec<(&'static str, &'static str)>>,
    pub extra: Option<Extra>,
    /// What it acts on: a call each (none: one call).
    pub targets: Vec<Target>,
    /// A form field holding a list (filled by `extra`): a call per value too (a copy per region).
    pub per_value: Option<&'static str>,
    pub confirm: Confirm,
    /// For a destructive action: what else happens, in words.
    pub warning: Option<String>,
    /// The run button's words: `Create pipeline`, `Delete 2 pipelines`.
    pub action: String,
    /// Called with every call's request and answer once all succeeded (the dialog then closes).
    pub on_done: Callback<Vec<(Value, Value)>>,
}

/// Where a view's dialog opens (one at a time): the one in `open`, until it closes.
pub fn dialog_host(open: RwSignal<Option<DialogSpec>>) -> impl IntoView {
    move || open.get().map(|spec| view! { <Dialog spec=spec on_close=Callback::new(move |_| open.set(None)) /> })
}

#[component]
fn Dialog(spec: DialogSpec, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let DialogSpec {
        title,
        intro,
        op,
        base,
        initial,
        fields,
        more,
        extra,
        targets,
        per_value,
        confirm,
        warning,
        action,
        on_done,
    } = spec;
    let shown: Vec<&'static str> = fields.iter().map(|f| f.0).collect();
    let form = RwSignal::new(merged(&[&defaults(op, &shown), &initial]));
    let given: Vec<String> = [&base, targets.first().map_or(&Value::Null, |t| &t.request)]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|m| m.keys().cloned())
        .collect();
    let folded = more.as_ref().map(|_| others(op, &shown, &given)).unwrap_or_default();
    // The paths with an editor: a problem there stands beside it.
    let with_editor: Vec<String> =
        shown.iter().map(|s| s.to_string()).chain(folded.iter().map(|f| f.field.to_string())).collect();
    let labels = Labels::new(fields.iter().chain(more.iter().flatten()).map(|(p, l)| (p.to_string(), l.to_string())));
    let plan = {
        let targets = targets.clone();
        Memo::new(move |_| {
            form.with(|f| match per_value {
                Some(key) => Plan::per_value(op, &base, f, &targets, key),
                None => Plan::per_target(op, &base, f, &targets),
            })
        })
    };
    let problems = Memo::new(move |_| plan.with(|p| p.problems(&with_editor)));
    let ctx = FormCtx::with_problems(form, Memo::new(move |_| problems.with(|p| p.at.clone()))).with_labels(labels);
    let (typed, ticked) = (RwSignal::new(String::new()), RwSignal::new(false));
    let run = RwSignal::new(None::<Run>);
    let running = Memo::new(move |_| run.with(|r| r.as_ref().is_some_and(|r| !r.over())));
    let reason = {
        let confirm = confirm.clone();
        move || reason(state, problems, run, &confirm, confirm.satisfied(&typed.get(), ticked.get()))
    };
    let blocked = {
        let reason = reason.clone();
        move || run.with(|r| r.is_none()) && reason().is_some()
    };
    let submit = {
        let blocked = blocked.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if running.get_untracked() {
                return;
            }
            if blocked() {
                ctx.show_all.set(true);
                crate::focus::after_render("dialog [aria-invalid=true], dialog #dialog-confirm");
                return;
            }
            start(state, plan, run, on_done, on_close);
        }
    };
    let calls = Signal::derive(move || match run.get() {
        Some(r) => r.calls,
        None => plan.with(|p| p.calls.clone()),
    });
    let states = Signal::derive(move || run.with(|r| r.as_ref().map(|r| r.states.clone())));
    let locked = move || run.with(Option::is_some);
    let loose = move || {
        let shown = ctx.show_all.get();
        problems.with(|p| p.loose.clone()).into_iter().filter(|_| shown).collect::<Vec<_>>()
    };
    let button = move || match run.get() {
        Some(r) if !r.over() => "Working…".to_string(),
        Some(r) if r.failed() > 0 => format!("Try the {} failed again", r.failed()),
        _ => action.clone(),
    };
    let closable = Signal::derive(move || !running.get());
    view! {
        <Modal title=title on_close=on_close closable=closable>
            <form class="dialog-body" on:submit=submit novalidate>
                <p class="dialog-intro">{intro}</p>
                <fieldset class="dialog-fields" disabled=locked>
                    <legend class="visually-hidden">"Settings"</legend>
                    {named_editors(op, &shown, ctx)}
                    {extra.map(|extra| extra(form))}
                    {more_options(folded, ctx)}
                </fieldset>
                {confirm_view(confirm, warning, targets, typed, ticked)}
                <Show when=move || !loose().is_empty()>
                    <ul class="problems" role="alert">{move || loose().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </Show>
                {calls_view(op, calls, states)}
                <div class="dialog-actions">
                    <button type="submit" class="primary" aria-disabled=move || blocked().to_string()
                        aria-describedby="dialog-reason" disabled=move || running.get()>{button}</button>
                    <button type="button" class="dialog-cancel" disabled=move || running.get()
                        on:click=move |_| on_close.run(())>{move || if locked() { "Close" } else { "Cancel" }}</button>
                    <p id="dialog-reason" class="reason" aria-live="polite">{reason}</p>
                </div>
            </form>
        </Modal>
    }
}

/// Why the dialog will not run yet, or how its run goes (for the line beside its button).
fn reason(
    state: AppState,
    problems: Memo<Problems>,
    run: RwSignal<Option<Run>>,
    confirm: &Confirm,
    confirmed: bool,
) -> Option<String> {
    if let Some(run) = run.get() {
        let (n, done) = (run.states.len(), run.states.iter().filter(|s| matches!(s, CallState::Done(_))).count());
        return match run.failed() {
            _ if !run.over() => Some(format!("Calling {} of {n}…", (done + 1).min(n))),
            0 => None,
            failed => Some(format!("{failed} of {n} calls failed: see below.")),
        };
    }
    if let Some(missing) = state.connection.with(|c| c.missing()) {
        return Some(missing.to_string());
    }
    let problems = problems.get();
    if !problems.is_empty() {
        let mut parts = problems.loose.clone();
        let n = problems.at_fields();
        if n > 0 {
            parts.push(format!("{n} {} to fix beside the fields", if n == 1 { "problem" } else { "problems" }));
        }
        return Some(format!("Cannot run yet: {}.", parts.join("; ")));
    }
    match confirm {
        _ if confirmed => None,
        Confirm::Type(name) => Some(format!("Type {name} above to confirm.")),
        _ => Some("Tick the box above to confirm.".to_string()),
    }
}

/// Runs the plan (or, after a partial run, its failed calls again), one call at a time; when every
/// call has succeeded, hands the answers on and closes.
fn start(
    state: AppState,
    plan: Memo<Plan>,
    run: RwSignal<Option<Run>>,
    on_done: Callback<Vec<(Value, Value)>>,
    on_close: Callback<()>,
) {
    let op = plan.with_untracked(|p| p.op);
    run.update(|r| match r {
        Some(r) => r.retry_failed(),
        None => *r = Some(Run::new(&plan.get_untracked())),
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

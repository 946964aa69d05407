//! The dialog every action of the image manager runs in: a title in words, fields with human
//! labels (the catalogue's help and limits, the SDK name beside each) checked by the core as the
//! user types, "the calls it will make" each with "Show request", for a destructive action every
//! target named and an explicit confirmation, then the calls one by one with how each went.
//!
//! A view opens one by putting a `DialogSpec` in its signal (`dialog_host` shows it); what the
//! dialog will do is `model::plan` (one call per target, or one), the modal itself `shell`, a
//! dialog in steps (a wizard) `steps`.

mod calls;
mod confirm;
mod fields;
mod live;
mod shell;
mod steps;

use crate::forms::FormCtx;
use crate::model::plan::{Confirm, Target};
use crate::state::AppState;
use calls::calls_view;
use confirm::confirm_view;
use ecsimg_core::catalogue::Operation;
use fields::{more_options, named_editors};
use leptos::prelude::*;
use live::Live;
use serde_json::Value;
pub use shell::Modal;
use std::sync::Arc;
pub use steps::Step;
use steps::{back_button, step_heading, Steps};

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
    /// The fields shown, by their dotted SDK names (`imageOptions.imageName`, a list's row by
    /// its position: `diskDeviceMapping.0.OSSBucket`).
    pub fields: Vec<&'static str>,
    /// A wizard's steps, each with its fields (then `fields` names none), before a last step
    /// that reviews the calls; none: every field at once.
    pub steps: Vec<Step>,
    /// The operation's other documented parameters under "More options".
    pub more: bool,
    /// Labels of the dialog's own, by dotted SDK name, where the catalogue's words would not say
    /// what a field means here (`instanceId`: "From instance"); the others as `forms::Labels` says.
    pub wording: Vec<(&'static str, &'static str)>,
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
    let DialogSpec { title, intro, op, extra, targets, confirm, warning, action, on_done, .. } = spec.clone();
    let (live, parts, folded) = Live::open(expect_context::<AppState>(), spec);
    let form = live.ctx.form;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        live.submit(on_done, on_close);
    };
    let loose = move || {
        let shown = live.ctx.show_all.get();
        live.problems.with(|p| p.loose.clone()).into_iter().filter(|_| shown).collect::<Vec<_>>()
    };
    let more = more_options(folded, live.ctx).into_any();
    let locked = move || live.run.with(Option::is_some);
    view! {
        <Modal title=title on_close=on_close closable=Signal::derive(move || !live.running.get())>
            <form class="dialog-body" on:submit=submit novalidate>
                <p class="dialog-intro">{intro}</p>
                {step_heading(live.steps)}
                <fieldset class="dialog-fields" disabled=locked>
                    <legend class="visually-hidden">"Settings"</legend>
                    {parts_view(op, parts, live.steps, live.ctx, extra.map(|extra| extra(form)), more)}
                </fieldset>
                <div class="dialog-review" hidden=move || !live.steps.reviewing()>
                    {confirm_view(confirm, warning, targets, live.typed, live.ticked)}
                    <Show when=move || !loose().is_empty()>
                        <ul class="problems" role="alert">{move || loose().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </Show>
                    {calls_view(op, live.calls(), live.states())}
                </div>
                {actions_view(live, action, on_close)}
            </form>
        </Modal>
    }
}

/// Back (in a wizard), the main button (Next, the action, Working…, or trying the failed calls
/// again), Cancel (Close once it ran), and why the main button would not run yet.
fn actions_view(live: Live, action: String, on_close: Callback<()>) -> impl IntoView {
    let running = live.running;
    let button = move || live.button_words(&action);
    view! {
        <div class="dialog-actions">
            {back_button(live.steps)}
            <button type="submit" class="primary" aria-disabled=move || live.blocked().to_string()
                aria-describedby="dialog-reason" disabled=move || running.get()>{button}</button>
            <button type="button" class="dialog-cancel" disabled=move || running.get()
                on:click=move |_| on_close.run(())>{move || if live.run.with(Option::is_some) { "Close" } else { "Cancel" }}</button>
            <p id="dialog-reason" class="reason" aria-live="polite">{move || live.reason()}</p>
        </div>
    }
}

/// The fields of each part (each step of a wizard, or the dialog's one part), the part shown
/// alone when the dialog has steps; what the dialog adds (`extra`, "More options") after the last.
fn parts_view(
    op: &'static Operation,
    parts: Vec<Vec<&'static str>>,
    steps: Steps,
    ctx: FormCtx,
    extra: Option<AnyView>,
    more: AnyView,
) -> impl IntoView {
    let last = parts.len().saturating_sub(1);
    let mut after = Some((extra, more));
    parts
        .into_iter()
        .enumerate()
        .map(|(i, fields)| {
            let added = if i == last { after.take() } else { None };
            view! {
                <div class="dialog-step" hidden=move || !steps.showing(i)>
                    {named_editors(op, &fields, ctx)}
                    {added}
                </div>
            }
        })
        .collect_view()
}

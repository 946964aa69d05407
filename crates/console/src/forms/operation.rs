//! An operation's form: its editors (required, optional, then the identity parameters folded
//! away), the request's own problems, "send anyway", the buttons, and beside them why it will not
//! call yet, each problem named and a link to its field.

use super::check::{Checked, Named};
use super::ctx::FormCtx;
use super::field::editor;
use super::value::dom_id_of;
use crate::actions;
use crate::client::sandbox;
use crate::model::Target;
use crate::state::AppState;
use ecsimg_core::catalogue::{Field, Operation};
use ecsimg_core::validate::{Path, Segment};
use leptos::prelude::*;

#[component]
pub fn OperationForm(op: &'static Operation) -> impl IntoView {
    let state = expect_context::<AppState>();
    let form = state.form_for(op);
    // The sandbox (in the page or the local emulator) serves the catalogue's regions only.
    let sandbox_regions = Memo::new(move |_| state.connection.with(|c| c.target != Target::AlibabaCloud));
    let checked = Memo::new(move |_| form.with(|request| Checked::of(op, request, sandbox_regions.get())));
    let ctx = FormCtx::new(form, checked);
    let lenient = RwSignal::new(false);
    let blocked = move || checked.with(|c| c.blocks(lenient.get()));
    let missing_credentials = move || state.connection.with(|c| c.missing());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if blocked() || missing_credentials().is_some() {
            ctx.show_all.set(true);
            // Take the keyboard to the first field with a problem, once it is marked.
            crate::focus::after_render("[aria-invalid=true]");
            return;
        }
        actions::call(state, op, form.get_untracked(), lenient.get_untracked());
    };
    let reason = move || match missing_credentials() {
        Some(missing) => view! { <p class="reason-lead">{missing}</p> }.into_any(),
        None => match checked.with(|c| c.reason(lenient.get())) {
            Some(reason) => view! {
                <p class="reason-lead">{reason.lead}</p>
                {(!reason.problems.is_empty()).then(|| view! {
                    <ul class="reason-list">{reason.problems.into_iter().map(|p| named(ctx, p)).collect_view()}</ul>
                })}
            }
            .into_any(),
            None => ().into_any(),
        },
    };
    // Someone is about to call: on the sandbox, have its worker ready by then.
    let warm_sandbox = move || {
        if state.connection.with_untracked(|c| c.target == Target::InPage) {
            sandbox::warm(state.sandbox_fleet, state.sandbox_start);
        }
    };
    view! {
        <form class="operation-form" on:submit=submit on:focusin=move |_| warm_sandbox() on:pointerdown=move |_| warm_sandbox() novalidate>
            <header>
                <h2 id="op-title" tabindex="-1">{op.name}</h2>
                <p class="summary">{op.summary}</p>
            </header>
            {editors(op, ctx)}
            {request_problems(ctx)}
            <Show when=move || checked.with(Checked::can_override)>
                {send_anyway(lenient)}
            </Show>
            <div class="actions">
                <button type="submit" class="primary" aria-disabled=move || blocked().to_string() aria-describedby="submit-reason"
                    disabled=move || state.busy.get()>
                    {move || if state.busy.get() { "Calling…".to_string() } else { format!("Call {}", op.name) }}
                </button>
                <button type="button" on:click=move |_| actions::preview(state, op, form.get_untracked(), lenient.get_untracked())>"Show request"</button>
                <button type="button" on:click=move |_| reset(state, op, ctx)>"Reset"</button>
                <div id="submit-reason" class="reason" aria-live="polite">{reason}</div>
            </div>
        </form>
    }
}

/// A problem in the summary: a link that takes the keyboard to its field and says the problem
/// there; the request's own problems (no field) as they are.
fn named(ctx: FormCtx, problem: Named) -> impl IntoView {
    let text = problem.text();
    if problem.path.is_empty() {
        return view! { <li>{text}</li> }.into_any();
    }
    let go = move |_| {
        ctx.touch(&problem.path);
        let id = dom_id_of(&problem.path);
        crate::focus::after_render(format!(
            "#{id}:is(input, select, textarea), #{id} :is(input, select, textarea, button)"
        ));
    };
    view! { <li><button type="button" class="link" on:click=go>{text}</button></li> }.into_any()
}

/// Empties the form but for the connection's region.
fn reset(state: AppState, op: &'static Operation, ctx: FormCtx) {
    let region = state.connection.with_untracked(|c| c.region.clone());
    state.form_for(op).set(serde_json::json!({ "regionId": region }));
    ctx.reset();
}

/// Required parameters first, then the optional ones (each in catalogue order), then the identity
/// parameters folded away.
fn editors(op: &'static Operation, ctx: FormCtx) -> impl IntoView {
    let of = move |fields: Vec<&'static Field>| {
        fields.into_iter().map(|f| editor(f, Path(vec![Segment::Field(f)]), ctx)).collect_view()
    };
    let (required, optional): (Vec<_>, Vec<_>) = op.params.iter().filter(|f| !f.hidden()).partition(|f| f.required());
    let hidden: Vec<_> = op.params.iter().filter(|f| f.hidden()).collect();
    let optional_title =
        (!required.is_empty() && !optional.is_empty()).then(|| view! { <h3 class="form-part">"Optional"</h3> });
    let advanced = (!hidden.is_empty()).then(|| {
        view! {
            <details class="advanced">
                <summary>"Identity and other undocumented parameters"</summary>
                {of(hidden)}
            </details>
        }
    });
    view! {
        {of(required)}
        {optional_title}
        {of(optional)}
        {advanced}
    }
}

/// Problems of the request as a whole (no field to stand beside), after a submit attempt.
fn request_problems(ctx: FormCtx) -> impl IntoView {
    move || {
        let shown = ctx.show_all.get();
        ctx.problems.with(|p| p.get("").cloned()).filter(|_| shown).map(|list| {
            view! { <ul class="problems" role="alert">{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }
        })
    }
}

fn send_anyway(lenient: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field-inline lenient">
            <input id="lenient" type="checkbox" prop:checked=lenient on:change=move |ev| lenient.set(event_target_checked(&ev)) />
            <label for="lenient">"Send anyway: treat the documented limits as warnings (the service may accept values added since)"</label>
        </div>
    }
}

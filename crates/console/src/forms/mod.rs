//! The form of an operation, generated from the catalogue: one editor per parameter (identity
//! parameters folded away), the core's validation as the user types, and a submit button that
//! says why it is disabled.

mod field;
pub mod value;

use crate::actions;
use crate::client::sandbox;
use crate::connection::Target;
use crate::state::AppState;
use ecsimg_core::catalogue::Operation;
use ecsimg_core::wire::validate;
use ecsimg_core::Spelling;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use value::Step;

/// What every field editor of a form shares.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub form: RwSignal<Value>,
    /// Problem messages by path (`tag[0].key`; `""` for the request as a whole).
    pub problems: Memo<HashMap<String, Vec<String>>>,
    /// Fields the user has left: their problems show.
    pub touched: RwSignal<HashSet<String>>,
    /// After a submit attempt every problem shows.
    pub show_all: RwSignal<bool>,
}

#[derive(Clone, PartialEq)]
struct Checked {
    by_path: HashMap<String, Vec<String>>,
    /// Every message, in order (`CreateImage.imageName: must be ...`).
    all: Vec<String>,
    /// Some problem stops the request from being sent at all (unknown field, wrong type).
    structural: bool,
}

#[component]
pub fn OperationForm(op: &'static Operation) -> impl IntoView {
    let state = expect_context::<AppState>();
    let form = state.form_for(op);
    let checked = Memo::new(move |_| {
        form.with(|request| {
            let violations = validate(op, request);
            let mut by_path: HashMap<String, Vec<String>> = HashMap::new();
            for v in &violations {
                by_path.entry(v.path.render(Spelling::Sdk)).or_default().push(v.problem.describe(Spelling::Sdk));
            }
            Checked {
                by_path,
                all: violations.iter().map(|v| v.message(op.name, Spelling::Sdk)).collect(),
                structural: violations.iter().any(|v| v.problem.is_structural()),
            }
        })
    });
    let ctx = FormCtx {
        form,
        problems: Memo::new(move |_| checked.with(|c| c.by_path.clone())),
        touched: RwSignal::new(HashSet::new()),
        show_all: RwSignal::new(false),
    };
    let lenient = RwSignal::new(false);
    let blocked = move || checked.with(|c| !c.all.is_empty() && (c.structural || !lenient.get()));
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
    let show_request = move |_| actions::preview(state, op, form.get_untracked(), lenient.get_untracked());
    let reset = move |_| {
        let region = state.connection.with_untracked(|c| c.region.clone());
        form.set(serde_json::json!({ "regionId": region }));
        ctx.touched.set(HashSet::new());
        ctx.show_all.set(false);
    };
    // Required parameters first, then the optional ones (each in catalogue order), then the
    // identity parameters folded away.
    let (required, optional): (Vec<_>, Vec<_>) = op.params.iter().filter(|f| !f.hidden).partition(|f| f.required);
    let hidden: Vec<_> = op.params.iter().filter(|f| f.hidden).collect();
    let optional_title =
        (!required.is_empty() && !optional.is_empty()).then(|| view! { <h3 class="form-part">"Optional"</h3> });
    let editors = view! {
        {required.into_iter().map(|f| field::editor(f, vec![Step::Key(f.field)], ctx)).collect_view()}
        {optional_title}
        {optional.into_iter().map(|f| field::editor(f, vec![Step::Key(f.field)], ctx)).collect_view()}
    };
    let advanced = (!hidden.is_empty()).then(|| {
        view! {
            <details class="advanced">
                <summary>"Identity and other undocumented parameters"</summary>
                {hidden.into_iter().map(|f| field::editor(f, vec![Step::Key(f.field)], ctx)).collect_view()}
            </details>
        }
    });
    let request_problems = move || {
        let shown = ctx.show_all.get();
        ctx.problems.with(|p| p.get("").cloned()).filter(|_| shown).map(|list| {
            view! { <ul class="problems" role="alert">{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }
        })
    };
    let reason = move || {
        if let Some(missing) = missing_credentials() {
            return Some(missing.to_string());
        }
        checked.with(|c| {
            // Problems of the request as a whole have no field to stand beside: say them here.
            let whole = c.by_path.get("").cloned().unwrap_or_default();
            let fields = c.all.len() - whole.len();
            match c.all.len() {
                0 => None,
                _ if c.structural || !lenient.get() => {
                    let mut parts = whole;
                    if fields > 0 {
                        parts.push(format!(
                            "{fields} {} to fix beside the fields",
                            if fields == 1 { "problem" } else { "problems" }
                        ));
                    }
                    Some(format!("Cannot call yet: {}.", parts.join("; ")))
                }
                _ => Some("Sending anyway: the service decides.".to_string()),
            }
        })
    };
    let can_override = move || checked.with(|c| !c.all.is_empty() && !c.structural);
    // Someone is about to call: on the sandbox, have its worker ready by then.
    let warm_sandbox = move || {
        if state.connection.with_untracked(|c| c.target == Target::InPage) {
            sandbox::warm(state.sandbox_fleet);
        }
    };
    view! {
        <form class="operation-form" on:submit=submit on:focusin=move |_| warm_sandbox() on:pointerdown=move |_| warm_sandbox() novalidate>
            <header>
                <h2 id="op-title" tabindex="-1">{op.name}</h2>
                <p class="summary">{op.summary}</p>
            </header>
            {editors}
            {advanced}
            {request_problems}
            <Show when=can_override>
                <div class="field-inline lenient">
                    <input id="lenient" type="checkbox" prop:checked=lenient on:change=move |ev| lenient.set(event_target_checked(&ev)) />
                    <label for="lenient">"Send anyway: treat the documented limits as warnings (the service may accept values added since)"</label>
                </div>
            </Show>
            <div class="actions">
                <button type="submit" class="primary" aria-disabled=move || blocked().to_string() aria-describedby="submit-reason"
                    disabled=move || state.busy.get()>
                    {move || if state.busy.get() { "Calling…".to_string() } else { format!("Call {}", op.name) }}
                </button>
                <button type="button" on:click=show_request>"Show request"</button>
                <button type="button" on:click=reset>"Reset"</button>
                <p id="submit-reason" class="reason" aria-live="polite">{reason}</p>
            </div>
        </form>
    }
}

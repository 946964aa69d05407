//! The answer to the last call: a view fitted to the operation (tables for describe calls), the raw
//! JSON one click away, the RequestId, and for long operations "wait until done".

mod cancel;
mod grid;
mod images;
mod listing;
mod timeline;
mod vtable;
mod wait;

use crate::client::Failure;
use crate::state::{AppState, CallRecord};
use images::{images_table, ImageRow};
use leptos::prelude::*;
use listing::Listing;
use serde_json::Value;
use std::sync::Arc;
use vtable::Items;
use wait::WaitPanel;

/// Whether the `<details>` an event came from is open now.
fn is_open(ev: &leptos::ev::Event) -> bool {
    ev.target().and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok()).and_then(|v| v.as_bool()).unwrap_or(false)
}

#[component]
pub fn ResultPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The live region exists before any answer arrives, so the first answer is announced too.
    view! {
        <div class="result-region" aria-live="polite">
            {move || state.shown.get().map(|record| view! { <CallResult record=record /> })}
        </div>
    }
}

#[component]
fn CallResult(record: CallRecord) -> impl IntoView {
    let CallRecord { action, request, outcome, duration_ms, connection, .. } = record;
    let header = format!("{action} · {connection} · {duration_ms:.0} ms");
    match outcome {
        Err(failure) => view! {
            <section class="result" aria-label="Result">
                <p class="result-head">{header}</p>
                <FailureView failure=failure />
            </section>
        }
        .into_any(),
        Ok(answer) => {
            let request_id = answer.get("requestId").and_then(Value::as_str).unwrap_or_default().to_string();
            // Pretty-printed only when opened: a big answer costs nothing until then.
            let body = answer.get("body").cloned().unwrap_or(Value::Null);
            let raw_open = RwSignal::new(false);
            let raw = move || {
                raw_open.get().then(|| view! { <pre>{serde_json::to_string_pretty(&body).unwrap_or_default()}</pre> })
            };
            view! {
                <section class="result" aria-label="Result">
                    <p class="result-head">{header}<span class="ok">" · 200 OK"</span></p>
                    <p class="request-id">"RequestId "<code>{request_id}</code></p>
                    <WaitPanel action=action answer=answer.clone() />
                    {answer_for(action, request, answer)}
                    // The element's state follows the signal both ways: a new answer may reuse an
                    // element that an earlier answer left open.
                    <details class="raw" prop:open=move || raw_open.get() on:toggle=move |ev| raw_open.set(is_open(&ev))>
                        <summary>"Raw JSON (the answer with its wrapper objects, in the SDK's field names)"</summary>
                        {raw}
                    </details>
                </section>
            }
            .into_any()
        }
    }
}

/// The view fitted to the operation: images, pipelines and executions in their own views, the
/// available resources as a grid, other paged lists in a generic table with page controls, and
/// anything else as fields and tables.
fn answer_for(action: &'static str, request: Value, answer: Value) -> AnyView {
    let paged = ecsimg_core::catalogue::operation(action).is_some_and(|op| op.pagination.is_some());
    match action {
        "DescribeAvailableResource" => grid::grids_view(&answer),
        "DescribeImageFromFamily" => {
            let image = answer.get("image").filter(|i| i.get("imageId").is_some());
            match image {
                Some(image) => images_table(Items::new(vec![Arc::new(ImageRow::from_value(image))])).into_any(),
                None => view! { <p class="hint">"No Available image in this family."</p> }.into_any(),
            }
        }
        _ if paged => view! { <Listing action=action request=request answer=answer /> }.into_any(),
        _ => view! { <AnswerView answer=answer /> }.into_any(),
    }
}

/// The answer's lists as tables, its other fields as a list.
#[component]
pub fn AnswerView(answer: Value) -> impl IntoView {
    let Value::Object(map) = answer else { return ().into_any() };
    let skip = ["body", "headers", "statusCode", "requestId"];
    let mut scalars = Vec::new();
    let mut tables = Vec::new();
    for (key, value) in map.iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
        match value {
            Value::Array(items) => tables.push((key.clone(), items.clone())),
            Value::Object(inner) => scalars.push((key.clone(), Value::Object(inner.clone()).to_string())),
            other => scalars.push((key.clone(), display(other))),
        }
    }
    view! {
        {(!scalars.is_empty()).then(|| view! {
            <dl class="fields">
                {scalars.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
        })}
        {tables.into_iter().map(|(name, items)| view! { <Table name=name items=items /> }).collect_view()}
    }
    .into_any()
}

/// A table of objects: a column per scalar field (nested objects as compact JSON).
#[component]
pub fn Table(name: String, items: Vec<Value>) -> impl IntoView {
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        if let Value::Object(map) = item {
            for key in map.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
    }
    let count = items.len();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{format!("{name} ({count})")}</caption>
                <thead><tr>{columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {items.into_iter().map(|item| {
                        let cells = columns.iter().map(|c| {
                            let text = match &item {
                                Value::Object(map) => map.get(c).map(display).unwrap_or_default(),
                                other => display(other),
                            };
                            view! { <td>{text}</td> }
                        }).collect_view();
                        view! { <tr>{cells}</tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

pub fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An error as the client reported it: code, message, RequestId, the recommend link, every
/// validation problem, and for signature errors both strings-to-sign side by side.
#[component]
pub fn FailureView(failure: Failure) -> impl IntoView {
    let Failure {
        kind,
        message,
        code,
        http_status,
        request_id,
        recommend,
        problems,
        server_string_to_sign,
        client_string_to_sign,
    } = failure;
    view! {
        <div class="failure" role="alert">
            <p class="failure-head">
                <strong>{code.clone().unwrap_or_else(|| format!("{kind} error"))}</strong>
                {http_status.map(|s| format!(" (HTTP {s})"))}
            </p>
            // A validation error's message is its problems joined: list them once.
            {if problems.is_empty() {
                view! { <p>{message}</p> }.into_any()
            } else {
                view! { <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
            }}
            {request_id.map(|id| view! { <p>"RequestId "<code>{id}</code></p> })}
            {recommend.map(|link| view! { <p><a href=link.clone() target="_blank" rel="noopener noreferrer">"Diagnose this error"</a></p> })}
            {server_string_to_sign.map(|server| view! {
                <div class="sts-compare">
                    <div><h4>"Server's string to sign"</h4><pre>{server}</pre></div>
                    <div><h4>"Ours"</h4><pre>{client_string_to_sign.unwrap_or_default()}</pre></div>
                </div>
            })}
        </div>
    }
}

//! Views shared by the result panel, its paged lists and "Show request": an error as the client
//! reported it, and an answer's fields and lists.

use crate::format::display;
use crate::model::explain::Explanation;
use crate::model::Failure;
use leptos::prelude::*;
use serde_json::Value;

/// An error as the client reported it: code, message, RequestId, the recommend link (or text), every
/// validation problem, and for signature errors both strings-to-sign side by side; with the plain
/// explanation and next step (`model::explain`) first, when the call's result shows it.
#[component]
pub fn FailureView(failure: Failure, #[prop(default = None)] explanation: Option<Explanation>) -> impl IntoView {
    let headline = failure.headline();
    let recommend_is_link = failure.recommend_link().is_some();
    let Failure {
        message,
        http_status,
        request_id,
        recommend,
        problems,
        server_string_to_sign,
        client_string_to_sign,
        ..
    } = failure;
    view! {
        <div class="failure" role="alert">
            {explanation.map(|Explanation { plain, next }| view! {
                <div class="explanation">
                    <p class="plain">{plain}</p>
                    <p class="next"><strong>"What to do: "</strong>{next}</p>
                </div>
            })}
            <p class="failure-head">
                <strong>{headline}</strong>
                {http_status.map(|s| format!(" (HTTP {s})"))}
            </p>
            // A validation error's message is its problems joined: list them once.
            {if problems.is_empty() {
                view! { <p>{message}</p> }.into_any()
            } else {
                view! { <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
            }}
            {request_id.map(|id| view! { <p>"RequestId "<code>{id}</code></p> })}
            // A link only to Alibaba Cloud's documentation hosts (`Failure::recommend_link`); any
            // other `Recommend` is shown as text, never as an href.
            {recommend.map(|link| if recommend_is_link {
                view! { <p><a href=link target="_blank" rel="noopener noreferrer">"Diagnose this error"</a></p> }.into_any()
            } else {
                view! { <p class="recommend-text">"Recommended by the server (not a documentation link, so not linked): "<code class="wrap">{link}</code></p> }.into_any()
            })}
            {server_string_to_sign.map(|server| view! {
                <div class="sts-compare">
                    <div><h4>"Server's string to sign"</h4><pre>{server}</pre></div>
                    <div><h4>"Ours"</h4><pre>{client_string_to_sign.unwrap_or_default()}</pre></div>
                </div>
            })}
        </div>
    }
}

/// The answer's lists as tables, its other fields as a list.
#[component]
pub fn AnswerView(answer: Value) -> impl IntoView {
    let Value::Object(map) = answer else { return ().into_any() };
    // `note` is shown apart (the result's note on a retry that found the work done).
    let skip = ["body", "headers", "statusCode", "requestId", "note"];
    let mut scalars = Vec::new();
    let mut tables = Vec::new();
    for (key, value) in map.into_iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
        match value {
            Value::Array(items) => tables.push((key, items)),
            Value::Object(inner) => scalars.push((key, Value::Object(inner).to_string())),
            other => scalars.push((key, display(&other))),
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

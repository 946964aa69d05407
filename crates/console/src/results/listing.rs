//! The answer of a paged describe call: its items in the view fitted to them (images, pipelines,
//! executions, or a generic table), with the page controls (Previous/Next for page-number
//! operations, "Next page" for token ones) and "Load all", which walks every page with the npm
//! client's paginator, appending each page's items as it arrives, with its progress and a Cancel.

use super::cancel::Cancellable;
use super::images::{images_table, ImageRow};
use super::timeline::executions_view;
use super::vtable::{text_cell, virtual_table, Column, Items};
use super::{display, AnswerView, FailureView};
use crate::actions;
use crate::client::{Client, Failure};
use crate::state::AppState;
use ecsimg_core::catalogue::{operation, sdk_name, PageStyle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Map, Value};
use std::sync::Arc;

/// Paging fields of requests and answers: shown by the page controls, not as answer fields.
const PAGING_KEYS: [&str; 6] = ["pageNumber", "pageSize", "totalCount", "nextToken", "maxResults", "regionId"];

/// `10000` → `10,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 image`, `10,000 images` (the plural nouns here all take an `s`).
pub fn count(n: u64, plural: &str) -> String {
    let noun = if n == 1 { plural.strip_suffix('s').unwrap_or(plural) } else { plural };
    format!("{} {noun}", thousands(n))
}

/// Where an answer sits among the pages of its operation.
#[derive(Debug, Clone, PartialEq)]
pub enum PageInfo {
    /// `PageNumber` / `PageSize` / `TotalCount`.
    Numbered { page: u64, size: u64, total: u64 },
    /// `NextToken` / `MaxResults`: the token of the next page (none on the last) and whether this
    /// page was asked for with a token (so is not the first).
    Token { next: Option<String>, total: Option<u64>, continued: bool },
}

fn number(value: &Value, key: &str) -> Option<u64> {
    match value.get(key) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
}

fn token(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_string)
}

impl PageInfo {
    pub fn of(style: PageStyle, request: &Value, answer: &Value) -> PageInfo {
        match style {
            PageStyle::PageNumber => PageInfo::Numbered {
                page: number(answer, "pageNumber").or(number(request, "pageNumber")).unwrap_or(1).max(1),
                size: number(answer, "pageSize").or(number(request, "pageSize")).unwrap_or(10).max(1),
                total: number(answer, "totalCount").unwrap_or(0),
            },
            PageStyle::NextToken => PageInfo::Token {
                next: token(answer, "nextToken"),
                total: number(answer, "totalCount"),
                continued: token(request, "nextToken").is_some(),
            },
        }
    }

    /// The number of pages, when the answer tells.
    pub fn pages(&self) -> Option<u64> {
        match self {
            PageInfo::Numbered { size, total, .. } => Some(total.div_ceil(*size).max(1)),
            PageInfo::Token { .. } => None,
        }
    }

    pub fn total(&self) -> Option<u64> {
        match self {
            PageInfo::Numbered { total, .. } => Some(*total),
            PageInfo::Token { total, .. } => *total,
        }
    }

    /// `Page 2 of 100 · 10,000 images in all`, or `The first page: 50 of 120 pipelines, more
    /// pages follow`; an answer that is the only page just counts (`3 pipelines`).
    pub fn describe(&self, shown: usize, plural: &str) -> String {
        match self {
            PageInfo::Numbered { total, .. } if self.pages() == Some(1) => count(*total, plural),
            PageInfo::Numbered { page, total, .. } => format!(
                "Page {} of {} · {} in all",
                thousands(*page),
                thousands(self.pages().unwrap_or(1)),
                count(*total, plural)
            ),
            PageInfo::Token { next: None, continued: false, .. } => count(shown as u64, plural),
            PageInfo::Token { next, total, continued } => {
                let shown = match total {
                    Some(t) => format!("{} of {}", thousands(shown as u64), count(*t, plural)),
                    None => count(shown as u64, plural),
                };
                let which = if *continued { "A later page" } else { "The first page" };
                let more = if next.is_some() { ", more pages follow" } else { ", the last page" };
                format!("{which}: {shown}{more}")
            }
        }
    }
}

/// The request for another page number.
pub fn with_page(request: &Value, page: u64) -> Value {
    let mut out = request.clone();
    if let Value::Object(map) = &mut out {
        map.insert("pageNumber".into(), page.into());
    }
    out
}

/// The request for the page after `token` (`None`: the first page).
pub fn with_token(request: &Value, token: Option<&str>) -> Value {
    let mut out = request.clone();
    if let Value::Object(map) = &mut out {
        match token {
            Some(t) => map.insert("nextToken".into(), t.into()),
            None => map.remove("nextToken"),
        };
    }
    out
}

/// The request "Load all" starts from: the filters, without the page the user was on (the
/// paginator sets the page and its size).
pub fn all_pages(request: &Value) -> Value {
    let mut out = request.clone();
    if let Value::Object(map) = &mut out {
        for key in ["pageNumber", "pageSize", "nextToken", "maxResults"] {
            map.remove(key);
        }
    }
    out
}

/// What "Load all" is doing.
#[derive(Debug, Clone, PartialEq)]
enum Loading {
    Idle,
    Running { total: Option<u64> },
    Done { ms: f64 },
    Stopped { total: Option<u64> },
    Failed(Failure),
}

/// What the page controls need to know about the call shown.
#[derive(Clone)]
struct Paged {
    action: &'static str,
    items_key: String,
    request: Value,
    info: PageInfo,
    /// `images`, `pipelines`, ...
    plural: &'static str,
}

/// The answer of a paged operation, in its view, with page controls and "Load all".
#[component]
pub fn Listing(action: &'static str, request: Value, answer: Value) -> impl IntoView {
    let Some(pagination) = operation(action).and_then(|op| op.pagination) else {
        return view! { <AnswerView answer=answer /> }.into_any();
    };
    let items_key = sdk_name(pagination.items);
    let first: Vec<Value> = answer.get(&items_key).and_then(Value::as_array).cloned().unwrap_or_default();
    let paged = Paged {
        action,
        info: PageInfo::of(pagination.style, &request, &answer),
        items_key: items_key.clone(),
        request,
        plural: pagination.noun,
    };
    // The answer's other fields (share groups, ...), without the items and the paging fields.
    let others = match &answer {
        Value::Object(map) => {
            let rest: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| **k != items_key && !PAGING_KEYS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Value::Object(rest)
        }
        _ => Value::Null,
    };
    let body = match action {
        "DescribeImages" => {
            let items = Items::new(first.iter().map(|v| Arc::new(ImageRow::from_value(v))).collect());
            let convert: fn(&Value) -> Arc<ImageRow> = |v| Arc::new(ImageRow::from_value(v));
            view! { {pager(paged, Sink::of(items, convert))} {images_table(items)} }.into_any()
        }
        "DescribeImagePipelineExecutions" => {
            let items = Items::new(first.into_iter().map(Arc::new).collect());
            view! { {pager(paged, Sink::of(items, arc_value))} {executions_view(items)} }.into_any()
        }
        _ => {
            let columns = if action == "DescribeImagePipelines" { pipeline_columns() } else { generic_columns(&first) };
            let items = Items::new(first.into_iter().map(Arc::new).collect());
            let noun = pagination.noun;
            let caption =
                move || format!("{}{} ({})", noun[..1].to_ascii_uppercase(), &noun[1..], thousands(items.len() as u64));
            view! {
                {pager(paged, Sink::of(items, arc_value))}
                <Show when=move || items.len() == 0>
                    <p class="hint">{format!("No {noun} match.")}</p>
                </Show>
                {virtual_table(items, columns, caption, "vt-generic")}
            }
            .into_any()
        }
    };
    view! {
        <AnswerView answer=others />
        {body}
    }
    .into_any()
}

fn arc_value(v: &Value) -> Arc<Value> {
    Arc::new(v.clone())
}

/// Where the page controls put the items "Load all" brings, whatever rows the view makes of them
/// (one pager for every kind of list keeps the console's wasm small).
struct Sink {
    /// How many rows the list has.
    len: Signal<usize>,
    /// Puts a page's items in the list: replacing what it holds (`true`) or appended.
    put: PutItems,
}

type PutItems = Arc<dyn Fn(&[Value], bool) + Send + Sync>;

impl Sink {
    fn of<R: Clone + Send + Sync + 'static>(items: Items<R>, convert: fn(&Value) -> R) -> Sink {
        Sink {
            len: Signal::derive(move || items.len()),
            put: Arc::new(move |values, replace| {
                let rows: Vec<R> = values.iter().map(convert).collect();
                if replace {
                    items.replace(rows);
                } else {
                    items.extend(rows);
                }
            }),
        }
    }
}

/// The page controls and "Load all", feeding `sink`.
fn pager(paged: Paged, sink: Sink) -> impl IntoView {
    let Sink { len, put } = sink;
    let state = expect_context::<AppState>();
    let loading = RwSignal::new(Loading::Idle);
    let task = Cancellable::new();
    let last_request_id = RwSignal::new(None::<String>);
    let Paged { action, items_key, request, info, plural } = paged;
    let total = info.total();
    let go = move |request: Value| {
        if let Some(op) = operation(action) {
            // The form shows the page asked for, so "Show request" and the history agree.
            state.form_for(op).set(request.clone());
            actions::call(state, op, request, false);
        }
    };
    let start = {
        let request = all_pages(&request);
        move |_| {
            let Some(signal) = task.start() else { return };
            loading.set(Loading::Running { total });
            let connection = state.connection.get_untracked();
            let request = request.clone();
            let items_key = items_key.clone();
            let put = put.clone();
            spawn_local(async move {
                let started = js_sys::Date::now();
                let mut first_page = true;
                let result = match Client::new(&connection, false) {
                    Ok(client) => {
                        client
                            .load_all(action, &items_key, &request, &signal, |page| {
                                state.known.update(|k| page.items.iter().for_each(|item| k.learn(item)));
                                // The first page replaces the page shown; the others are appended.
                                put(&page.items, std::mem::take(&mut first_page));
                                last_request_id.set(page.request_id);
                                loading.set(Loading::Running { total: page.total });
                            })
                            .await
                    }
                    Err(e) => Err(e),
                };
                // The listing may be gone (another answer shown): then its signals are too.
                let total = match loading.try_get_untracked() {
                    Some(Loading::Running { total }) => total,
                    Some(_) => None,
                    None => return,
                };
                loading.set(match result {
                    Ok(()) => Loading::Done { ms: js_sys::Date::now() - started },
                    Err(f) if f.kind == "aborted" => Loading::Stopped { total },
                    Err(f) => Loading::Failed(f),
                });
                task.finished();
            });
        }
    };
    let cancel = move |_| task.cancel();
    let page_buttons = {
        let info = info.clone();
        let request = request.clone();
        move || {
            let busy = state.busy.get();
            match &info {
                PageInfo::Numbered { page, .. } => {
                    let page = *page;
                    let last = info.pages().unwrap_or(1);
                    let (previous, next) =
                        (with_page(&request, page.saturating_sub(1).max(1)), with_page(&request, page + 1));
                    view! {
                        <button type="button" disabled={busy || page <= 1} on:click=move |_| go(previous.clone())>"← Previous page"</button>
                        <button type="button" disabled={busy || page >= last} on:click=move |_| go(next.clone())>"Next page →"</button>
                    }
                    .into_any()
                }
                PageInfo::Token { next, continued, .. } => {
                    let first = with_token(&request, None);
                    let following = next.as_deref().map(|t| with_token(&request, Some(t)));
                    view! {
                        {continued.then(|| view! { <button type="button" disabled=busy on:click=move |_| go(first.clone())>"First page"</button> })}
                        <button type="button" disabled={busy || following.is_none()}
                            on:click=move |_| if let Some(r) = &following { go(r.clone()) }>"Next page →"</button>
                    }
                    .into_any()
                }
            }
        }
    };
    let only_page = match &info {
        PageInfo::Numbered { .. } => info.pages() == Some(1),
        PageInfo::Token { next, continued, .. } => next.is_none() && !continued,
    };
    let summary = info.describe(len.get_untracked(), plural);
    let load_label = match total {
        Some(t) => format!("Load all {} {plural}", thousands(t)),
        None => format!("Load all {plural}"),
    };
    // What the total is while loading (the first page may tell more than the call shown).
    let loading_total = Memo::new(move |_| match loading.get() {
        Loading::Running { total } => total,
        _ => None,
    });
    let running = Memo::new(move |_| matches!(loading.get(), Loading::Running { .. }));
    let progress_text = move || {
        let of = loading_total.get().map(|t| format!(" of {}", thousands(t))).unwrap_or_default();
        format!("{}{of} {plural}", thousands(len.get() as u64))
    };
    // The end of a load, announced; the progress itself is not (it changes many times a second).
    let outcome = move || {
        let loaded = thousands(len.get_untracked() as u64);
        match loading.get() {
            Loading::Idle | Loading::Running { .. } => ().into_any(),
            Loading::Done { ms } => view! {
                <p class="ok">{format!("All {loaded} {plural} loaded ({:.1} s).", ms / 1000.0)}</p>
            }
            .into_any(),
            Loading::Stopped { total } => {
                let of = total.map(|t| format!(" of {}", thousands(t))).unwrap_or_default();
                view! { <p class="hint">{format!("Stopped: {loaded}{of} {plural} loaded.")}</p> }.into_any()
            }
            Loading::Failed(failure) => view! {
                <p class="hint">{format!("Stopped by an error after {loaded} {plural}:")}</p>
                <FailureView failure=failure />
            }
            .into_any(),
        }
    };
    let paging_shown = move || matches!(loading.get(), Loading::Idle);
    view! {
        <div class="pager" role="group" aria-label="Pages">
            <Show when=paging_shown>
                <p class="page-info">{summary.clone()}</p>
                {(!only_page).then(|| page_buttons.clone())}
            </Show>
            <Show when=move || !only_page && !running.get()>
                <button type="button" class="load-all" on:click=start.clone()>{load_label.clone()}</button>
            </Show>
            // Made once per load: the Cancel button stays the same element while pages arrive.
            <Show when=move || running.get()>
                <div class="load-status" aria-live="off">
                    <label for="load-all-progress">"Loading: "{progress_text}</label>
                    <progress id="load-all-progress"
                        max=move || loading_total.get().map(|t| t.max(1).to_string())
                        value=move || loading_total.get().map(|_| len.get().to_string())></progress>
                    <button type="button" on:click=cancel>"Cancel"</button>
                </div>
            </Show>
            <div class="load-status" aria-live="polite">{outcome}</div>
            {move || last_request_id.get().map(|id| view! { <p class="request-id">"Last page's RequestId "<code>{id}</code></p> })}
        </div>
    }
}

fn field_text(item: &Value, key: &str) -> String {
    match item.get(key) {
        Some(Value::Array(list)) => list.iter().map(display).collect::<Vec<_>>().join(", "),
        Some(v) => display(v),
        None => String::new(),
    }
}

fn pipeline_columns() -> Vec<Column<Arc<Value>>> {
    let text = |title: &str, key: &'static str, width: &'static str| {
        Column::new(title, width, move |v: &Arc<Value>| text_cell(field_text(v, key)))
    };
    vec![
        Column::new("Pipeline ID", "w-id", |v: &Arc<Value>| {
            let id = field_text(v, "imagePipelineId");
            let title = id.clone();
            view! { <code class="cell" title=title>{id}</code> }.into_any()
        }),
        text("Name", "name", "w-l"),
        text("Base image type", "baseImageType", "w-s"),
        text("Base image", "baseImage", "w-l"),
        text("Instance type", "instanceType", "w-m"),
        Column::new("System disk", "w-s", |v: &Arc<Value>| {
            let size = field_text(v, "systemDiskSize");
            text_cell(if size.is_empty() { size } else { format!("{size} GiB") })
        }),
        text("To regions", "toRegionIds", "w-l"),
        text("Shared with", "addAccounts", "w-m"),
        text("Delete instance on failure", "deleteInstanceOnFailure", "w-s"),
        Column::new("Created", "w-m", |v: &Arc<Value>| {
            text_cell(super::images::short_time(&field_text(v, "creationTime")))
        }),
        Column::new("Tags", "w-l", |v: &Arc<Value>| text_cell(super::images::tags_text(v.get("tags")))),
        text("Description", "description", "w-l"),
    ]
}

/// A column per field of the items (in the order first seen), nested values as compact JSON.
fn generic_columns(items: &[Value]) -> Vec<Column<Arc<Value>>> {
    let mut keys: Vec<String> = Vec::new();
    for item in items {
        if let Value::Object(map) = item {
            for key in map.keys() {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
    }
    if keys.is_empty() {
        return vec![Column::new("Value", "w-xl", |v: &Arc<Value>| text_cell(display(v)))];
    }
    keys.into_iter()
        .map(|key| {
            let title = key.clone();
            Column::new(title, "w-m", move |v: &Arc<Value>| text_cell(v.get(&key).map(display).unwrap_or_default()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_200), "1,200");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn page_numbers() {
        let info = PageInfo::of(
            PageStyle::PageNumber,
            &json!({"pageNumber": 2}),
            &json!({"pageNumber": 2, "pageSize": 100, "totalCount": 10_016}),
        );
        assert_eq!(info, PageInfo::Numbered { page: 2, size: 100, total: 10_016 });
        assert_eq!(info.pages(), Some(101));
        assert_eq!(info.describe(100, "images"), "Page 2 of 101 · 10,016 images in all");
        let one = PageInfo::of(PageStyle::PageNumber, &json!({}), &json!({"totalCount": 1, "pageSize": 10}));
        assert_eq!(one.describe(1, "images"), "1 image");
        let empty = PageInfo::of(PageStyle::PageNumber, &json!({}), &json!({"totalCount": 0}));
        assert_eq!(empty.pages(), Some(1));
        assert_eq!(
            with_page(&json!({"regionId": "cn-hangzhou"}), 3),
            json!({"regionId": "cn-hangzhou", "pageNumber": 3})
        );
    }

    #[test]
    fn tokens() {
        let info = PageInfo::of(PageStyle::NextToken, &json!({}), &json!({"nextToken": "AAAA", "totalCount": 120}));
        assert_eq!(info, PageInfo::Token { next: Some("AAAA".into()), total: Some(120), continued: false });
        assert_eq!(info.describe(50, "pipelines"), "The first page: 50 of 120 pipelines, more pages follow");
        let only = PageInfo::of(PageStyle::NextToken, &json!({}), &json!({"nextToken": "", "totalCount": 3}));
        assert_eq!(only.describe(3, "executions"), "3 executions");
        let last = PageInfo::of(PageStyle::NextToken, &json!({"nextToken": "AAAA"}), &json!({"nextToken": ""}));
        assert_eq!(last, PageInfo::Token { next: None, total: None, continued: true });
        let request = json!({"regionId": "r", "nextToken": "old"});
        assert_eq!(with_token(&request, Some("new"))["nextToken"], "new");
        assert_eq!(with_token(&request, None), json!({"regionId": "r"}));
    }

    #[test]
    fn load_all_starts_from_the_filters() {
        let request = json!({"regionId": "r", "status": "Available", "pageNumber": 4, "pageSize": 10, "nextToken": "t", "maxResults": 5});
        assert_eq!(all_pages(&request), json!({"regionId": "r", "status": "Available"}));
    }
}

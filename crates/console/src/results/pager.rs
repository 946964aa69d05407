//! The page controls of a paged answer (Previous/Next for page-number operations, First/Next for
//! token ones) and "Load all", which walks every page with the npm client's paginator, putting
//! each page's items in the list as it arrives, with its progress and a Cancel. What the controls
//! say and which requests they make is `model::page`; here are the buttons and the load itself.

use super::cancel::Cancellable;
use super::vtable::Items;
use crate::client::{Client, Page};
use crate::model::page::{all_pages, load_all_label, progress_text, Loading, PageInfo, PageLinks};
use crate::model::Connection;
use crate::state::AppState;
use crate::widgets::FailureView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::sync::Arc;

/// What the page controls need to know about the call shown.
pub struct Paged {
    pub action: &'static str,
    /// The answer's field (flat view) that holds the items.
    pub items_key: String,
    pub request: Value,
    pub info: PageInfo,
    /// `images`, `pipelines`, ...
    pub plural: &'static str,
    /// The largest page the operation gives, which "Load all" asks for.
    pub page_size: u32,
}

/// Where the page controls put the items "Load all" brings, whatever rows the view makes of them
/// (one pager for every kind of list keeps the console's wasm small).
pub struct Sink {
    /// How many rows the list has.
    len: Signal<usize>,
    /// Puts a page's items in the list: replacing what it holds (`true`) or appended.
    put: PutItems,
}

type PutItems = Arc<dyn Fn(&[Value], bool) + Send + Sync>;

impl Sink {
    pub fn of<R: Clone + Send + Sync + 'static>(items: Items<R>, convert: fn(&Value) -> R) -> Sink {
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

/// The page controls and "Load all", feeding `sink`; `go` asks for another page.
pub fn pager(paged: Paged, sink: Sink, go: Callback<Value>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Paged { action, items_key, request, info, plural, page_size } = paged;
    let len = sink.len;
    let loading = RwSignal::new(Loading::Idle);
    let last_request_id = RwSignal::new(None::<String>);
    let task = Cancellable::new();
    let load = LoadAll {
        state,
        action,
        items_key,
        page_size,
        request: all_pages(&request),
        total: info.total(),
        put: sink.put,
        loading,
        last_request_id,
        task,
    };
    let only_page = info.only_page();
    let summary = info.describe(len.get_untracked(), plural);
    let links = info.links(&request);
    let load_label = load_all_label(info.total(), plural);
    let running = Memo::new(move |_| loading.with(Loading::is_running));
    // What the total is while loading (the first page may tell more than the call shown).
    let loading_total = Memo::new(move |_| loading.with(Loading::running_total));
    view! {
        <div class="pager" role="group" aria-label="Pages">
            <Show when=move || loading.with(Loading::is_idle)>
                <p class="page-info">{summary.clone()}</p>
                {(!only_page).then(|| page_buttons(links.clone(), state.busy, go))}
            </Show>
            <Show when=move || !only_page && !running.get()>
                <button type="button" class="load-all" on:click={ let load = load.clone(); move |_| load.start() }>{load_label.clone()}</button>
            </Show>
            // Made once per load: the Cancel button stays the same element while pages arrive.
            <Show when=move || running.get()>
                {load_progress(len, loading_total, plural, task)}
            </Show>
            <div class="load-status" aria-live="polite">{load_outcome(loading, len, plural)}</div>
            {move || last_request_id.get().map(|id| view! { <p class="request-id">"Last page's RequestId "<code>{id}</code></p> })}
        </div>
    }
}

/// Previous/Next, or First/Next: each disabled while a call is in flight or where there is no
/// such page.
fn page_buttons(links: PageLinks, busy: RwSignal<bool>, go: Callback<Value>) -> AnyView {
    let button = move |label: &'static str, request: Option<Value>| {
        let none = request.is_none();
        view! {
            <button type="button" disabled=move || none || busy.get()
                on:click=move |_| if let Some(r) = &request { go.run(r.clone()) }>{label}</button>
        }
    };
    match links {
        PageLinks::Numbered { previous, next } => {
            view! { {button("← Previous page", previous)} {button("Next page →", next)} }.into_any()
        }
        PageLinks::Token { first, next } => {
            view! { {first.map(|f| button("First page", Some(f)))} {button("Next page →", next)} }.into_any()
        }
    }
}

/// A load's progress (not announced: it changes many times a second) and its Cancel button.
fn load_progress(
    len: Signal<usize>,
    total: Memo<Option<u64>>,
    plural: &'static str,
    task: Cancellable,
) -> impl IntoView {
    view! {
        <div class="load-status" aria-live="off">
            <label for="load-all-progress">"Loading: "{move || progress_text(len.get(), total.get(), plural)}</label>
            <progress id="load-all-progress"
                max=move || total.get().map(|t| t.max(1).to_string())
                value=move || total.get().map(|_| len.get().to_string())></progress>
            <button type="button" on:click=move |_| task.cancel()>"Cancel"</button>
        </div>
    }
}

/// The end of a load, announced.
fn load_outcome(loading: RwSignal<Loading>, len: Signal<usize>, plural: &'static str) -> impl IntoView {
    move || {
        let state = loading.get();
        let Some(text) = state.outcome(len.get_untracked(), plural) else { return ().into_any() };
        match state {
            Loading::Done { .. } => view! { <p class="ok">{text}</p> }.into_any(),
            Loading::Failed(failure) => view! { <p class="hint">{text}</p> <FailureView failure=failure /> }.into_any(),
            _ => view! { <p class="hint">{text}</p> }.into_any(),
        }
    }
}

/// "Load all": every page of the call shown, from its filters, into the list.
#[derive(Clone)]
struct LoadAll {
    state: AppState,
    action: &'static str,
    items_key: String,
    page_size: u32,
    /// The request without its page (see `all_pages`).
    request: Value,
    /// The total the call shown told.
    total: Option<u64>,
    put: PutItems,
    loading: RwSignal<Loading>,
    last_request_id: RwSignal<Option<String>>,
    task: Cancellable,
}

impl LoadAll {
    fn start(&self) {
        let Some(signal) = self.task.start() else { return };
        self.loading.set(Loading::Running { total: self.total });
        let connection = self.state.connection.get_untracked();
        let load = self.clone();
        spawn_local(async move { load.run(connection, signal).await });
    }

    async fn run(self, connection: Connection, signal: web_sys::AbortSignal) {
        let LoadAll { state, action, items_key, page_size, request, put, loading, last_request_id, task, .. } = self;
        let started = js_sys::Date::now();
        let mut first_page = true;
        let on_page = |page: Page| {
            state.known.learn(&page.items);
            // The first page replaces the page shown; the others are appended.
            put(&page.items, std::mem::take(&mut first_page));
            last_request_id.set(page.request_id);
            loading.set(Loading::Running { total: page.total });
        };
        let result = match Client::new(&connection, false) {
            Ok(client) => client.load_all(action, &items_key, page_size, &request, &signal, on_page).await,
            Err(e) => Err(e),
        };
        // The listing may be gone (another answer shown): then its signals are too.
        let Some(last) = loading.try_get_untracked() else { return };
        loading.set(last.finish(result, js_sys::Date::now() - started));
        task.finished();
    }
}

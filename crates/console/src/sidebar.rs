//! The operations, grouped by task (the catalogue's groups, in its order, with its titles), each
//! in words ("Create image") with its API name beside in small monospace, with a search box
//! (`model::search`: names, descriptions, plain words) that says when nothing matches.
//! On a narrow screen the list folds away behind a button naming the operation open, so the form
//! comes first; picking an operation folds it again.

use crate::model::search::{camel_words, Indexed};
use crate::state::AppState;
use ecsimg_core::catalogue::{Group, Operation, OPERATIONS};
use leptos::prelude::*;

#[component]
pub fn Sidebar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    // Which operations the query finds, once per keystroke.
    let indexed: Vec<Indexed> = OPERATIONS.iter().map(Indexed::of).collect();
    let found = Memo::new(move |_| query.with(|q| indexed.iter().map(|i| i.matches(q)).collect::<Vec<bool>>()));
    let shown = move |op: &Operation| {
        let at = OPERATIONS.iter().position(|o| o.name == op.name);
        found.with(|f| at.is_some_and(|i| f[i]))
    };
    let none = move || found.with(|f| !f.contains(&true));
    // Folded (narrow screens only: styles.css shows the list whatever this says on wide ones).
    let open = RwSignal::new(false);
    view! {
        <div class="sidebar" class:open=move || open.get()>
            <button type="button" class="ops-toggle" aria-expanded=move || open.get().to_string() aria-controls="ops-panel"
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="ops-toggle-label">"Operation: "</span>
                <strong>{move || state.selected.with(|op| op.name)}</strong>
                <span aria-hidden="true">{move || if open.get() { " ▴" } else { " ▾" }}</span>
            </button>
            <div class="ops-panel" id="ops-panel">
                <label for="op-search" class="visually-hidden">"Search operations"</label>
                <input id="op-search" type="search" placeholder="Search operations" autocomplete="off"
                    aria-describedby="op-search-none" prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
                <p id="op-search-none" class="hint" role="status">
                    {move || none().then(|| format!(
                        "No operation matches \"{}\". Try a word such as image, copy, share, delete or list.",
                        query.get().trim()
                    ))}
                </p>
                <nav aria-label="Operations">
                    {Group::ALL.iter().map(|group| group_view(state, *group, shown, open)).collect_view()}
                </nav>
            </div>
        </div>
    }
}

/// A group's title and its operations that the search finds (nothing when it finds none).
fn group_view(
    state: AppState,
    group: Group,
    shown: impl Fn(&Operation) -> bool + Copy + Send + Sync + 'static,
    open: RwSignal<bool>,
) -> impl IntoView {
    let ops: Vec<&'static Operation> = OPERATIONS.iter().filter(|op| op.group == group).collect();
    let any = {
        let ops = ops.clone();
        move || ops.iter().any(|op| shown(op))
    };
    view! {
        <Show when=any>
            <h2 class="group-title">{group.title()}</h2>
            <ul>
                {ops.iter().map(|op| {
                    let op = *op;
                    let current = move || state.selected.with(|s| s.name == op.name);
                    view! {
                        <Show when=move || shown(op)>
                            <li>
                                <button type="button" class="op" class:current=current aria-current=move || current().then_some("page")
                                    on:click=move |_| {
                                        state.selected.set(op);
                                        open.set(false);
                                        // Take the keyboard to the form just opened.
                                        crate::focus::after_render("#op-title");
                                    }>{in_words(op.name)}" "<code class="api-name">{breakable(op.name)}</code></button>
                            </li>
                        </Show>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// An operation's name in words: `CreateImage` → `Create image`.
fn in_words(name: &'static str) -> String {
    let words: Vec<String> = camel_words(name)
        .iter()
        .enumerate()
        .map(|(i, w)| if i == 0 { w.to_string() } else { w.to_lowercase() })
        .collect();
    words.join(" ")
}

/// A long operation name that may wrap between its words (`<wbr>`), never inside one.
fn breakable(name: &'static str) -> impl IntoView {
    camel_words(name)
        .into_iter()
        .enumerate()
        .map(|(i, word)| view! { {(i > 0).then(|| view! { <wbr /> })}{word} })
        .collect_view()
}

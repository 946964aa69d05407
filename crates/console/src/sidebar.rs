//! The operations, grouped by task, with a search box.

use crate::state::AppState;
use ecsimg_core::catalogue::{Group, OPERATIONS};
use leptos::prelude::*;

const GROUPS: [Group; 6] =
    [Group::Images, Group::CopyAndShare, Group::ImportAndExport, Group::Components, Group::Pipelines, Group::Resources];

#[component]
pub fn Sidebar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    let matches = move |name: &str, summary: &str| {
        let q = query.get().to_lowercase();
        q.is_empty() || name.to_lowercase().contains(&q) || summary.to_lowercase().contains(&q)
    };
    view! {
        <nav class="sidebar" aria-label="Operations">
            <label for="op-search" class="visually-hidden">"Search operations"</label>
            <input id="op-search" type="search" placeholder="Search operations" autocomplete="off"
                prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
            {GROUPS.iter().map(|group| {
                let group = *group;
                let ops: Vec<_> = OPERATIONS.iter().filter(|op| op.group == group).collect();
                let any = { let ops = ops.clone(); move || ops.iter().any(|op| matches(op.name, op.summary)) };
                view! {
                    <Show when=any.clone()>
                        <h2 class="group-title">{group.title()}</h2>
                        <ul>
                            {ops.iter().map(|op| {
                                let op = *op;
                                let current = move || state.selected.with(|s| s.name == op.name);
                                view! {
                                    <Show when=move || matches(op.name, op.summary)>
                                        <li>
                                            <button type="button" class="op" class:current=current aria-current=move || current().then_some("page")
                                                on:click=move |_| state.selected.set(op)>{op.name}</button>
                                        </li>
                                    </Show>
                                }
                            }).collect_view()}
                        </ul>
                    </Show>
                }
            }).collect_view()}
        </nav>
    }
}

//! The operations, grouped by task (the catalogue's groups, in its order, with its titles), with a
//! search box.

use crate::state::AppState;
use ecsimg_core::catalogue::{Group, OPERATIONS};
use leptos::prelude::*;

#[component]
pub fn Sidebar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    // Lowercased once per keystroke, not once per operation.
    let needle = Memo::new(move |_| query.get().to_lowercase());
    let matches = move |name: &str, summary: &str| {
        needle.with(|q| q.is_empty() || name.to_lowercase().contains(q) || summary.to_lowercase().contains(q))
    };
    view! {
        <nav class="sidebar" aria-label="Operations">
            <label for="op-search" class="visually-hidden">"Search operations"</label>
            <input id="op-search" type="search" placeholder="Search operations" autocomplete="off"
                prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
            {Group::ALL.iter().map(|group| {
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
                                                on:click=move |_| {
                                                    state.selected.set(op);
                                                    // Take the keyboard to the form just opened.
                                                    crate::focus::after_render("#op-title");
                                                }>{breakable(op.name)}</button>
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

/// The words of a CamelCase name: `DescribeImageSharePermission` → `Describe`, `Image`, `Share`,
/// `Permission`.
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let bytes = name.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase() && !bytes[i - 1].is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// A long operation name that may wrap between its words (`<wbr>`), never inside one.
fn breakable(name: &'static str) -> impl IntoView {
    camel_words(name)
        .into_iter()
        .enumerate()
        .map(|(i, word)| view! { {(i > 0).then(|| view! { <wbr /> })}{word} })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::camel_words;

    #[test]
    fn splits_operation_names_into_words() {
        assert_eq!(camel_words("DescribeImageSharePermission"), ["Describe", "Image", "Share", "Permission"]);
        assert_eq!(camel_words("ModifyImageShareGroupPermission").len(), 5);
        assert_eq!(camel_words("CopyImage"), ["Copy", "Image"]);
        assert_eq!(camel_words("Image"), ["Image"]);
        assert_eq!(camel_words("OSSBucket"), ["OSSBucket"]);
        assert_eq!(camel_words(""), Vec::<&str>::new());
    }
}

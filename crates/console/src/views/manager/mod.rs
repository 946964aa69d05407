//! What the Pipelines and Components views share: the region they show (the first part of their
//! route, picked with a small select; the connection's until one is picked), a region's list of
//! things loaded every page, and the failure of a button's call said at the top of the view.

mod load;
mod picker;
mod table;

use crate::model::{Failure, View};
use crate::widgets::FailureView;
use leptos::prelude::*;

pub use load::{load_list, List};
pub use picker::{region_of, RegionPicker};
pub use table::list_table;

/// What a button of the view tried and how it failed (`Run now of web-build`), until the next try.
pub type Trouble = RwSignal<Option<(String, Failure)>>;

/// The failure of the view's last button call, if it failed.
pub fn trouble_view(trouble: Trouble) -> impl IntoView {
    move || {
        trouble.get().map(|(what, failure)| {
            view! {
                <div class="trouble">
                    <p class="trouble-head">{format!("{what} failed:")}</p>
                    <FailureView failure=failure />
                </div>
            }
        })
    }
}

/// A thing's attributes as terms and values, those without a value left out.
pub fn attributes(rows: Vec<(&'static str, String)>) -> impl IntoView {
    let rows = rows.into_iter().filter(|(_, value)| !value.is_empty());
    view! { <dl class="fields">{rows.map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> }).collect_view()}</dl> }
}

/// A list's state in words: loading, or why it could not load (with what it showed before).
pub fn list_status(list: RwSignal<List>, noun: &'static str) -> impl IntoView {
    move || {
        let (loading, failure, empty) = list.with(|l| (l.loading, l.failure.clone(), l.items.is_none()));
        match failure {
            Some(failure) => view! {
                <div class="list-status">
                    <p>{format!("The {noun} could not be loaded:")}</p>
                    <FailureView failure=failure />
                </div>
            }
            .into_any(),
            None if loading && empty => {
                view! { <p class="list-status hint">{format!("Loading the {noun}…")}</p> }.into_any()
            }
            None => ().into_any(),
        }
    }
}

/// A manager view's header: its title, the region picker, the button that creates one (`create`,
/// labelled `create_label`) and Refresh (`refresh`), off while `list` loads.
pub fn view_head(
    view: View,
    region: Memo<String>,
    list: RwSignal<List>,
    create_label: &'static str,
    create: impl Fn() + 'static,
    refresh: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <header class="view-head">
            <h2>{view.title()}</h2>
            <RegionPicker view=view region=region />
            <button type="button" class="primary" on:click=move |_| create()>{create_label}</button>
            <button type="button" on:click=move |_| refresh() disabled=move || list.with(|l| l.loading)>"Refresh"</button>
        </header>
    }
}

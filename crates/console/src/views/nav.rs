//! The navigation between views: plain links to their routes, so that the browser's back and
//! forward, a new tab and a copied link all work.

use crate::model::{Route, View};
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn ViewNav() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav class="views" aria-label="Views">
            <ul>
                {View::ALL.into_iter().map(|view| {
                    let current = move || state.route.with(|r| r.view == view);
                    view! {
                        <li>
                            <a href=Route::of(view).hash() class:current=current
                                aria-current=move || current().then_some("page")>{view.title()}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

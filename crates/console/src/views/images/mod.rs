//! The Images view: the account's images, every region at once, and the actions on them
//! (`actions`), each in a dialog, long work in the tray; `#/images/<region>/<imageId>` opens one.

mod actions;

use crate::state::AppState;
use crate::views::dialog::dialog_host;
use actions::{open_image, Actions};
use leptos::prelude::*;

#[component]
pub fn ImagesView() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The image table (another branch) reloads the regions an action changed.
    let actions = Actions::new(state, Callback::new(|_: Vec<String>| ()));
    let create = move |_| actions.create(state.connection.with_untracked(|c| c.region.clone()));
    let open = Memo::new(move |_| {
        state.route.with(|r| match r.path.as_slice() {
            [region, id] => Some((region.clone(), id.clone())),
            _ => None,
        })
    });
    view! {
        <main id="main" tabindex="-1" class="images-view">
            <header class="view-head">
                <h2>"Images"</h2>
                <button type="button" class="primary" on:click=create>"Create image"</button>
            </header>
            {move || actions.note.get().map(|note| view! { <p class="hint" role="status">{note}</p> })}
            {move || open.get().map(|(region, id)| open_image(actions, region, id))}
            {dialog_host(actions.dialog)}
        </main>
    }
}

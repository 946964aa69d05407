//! The Images view: the account's images, every region at once.

use leptos::prelude::*;

#[component]
pub fn ImagesView() -> impl IntoView {
    view! {
        <main id="main" tabindex="-1" class="images-view">
            <h2>"Images"</h2>
        </main>
    }
}

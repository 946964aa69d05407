//! Keeps the app's route and the URL's hash in step: a hash the user follows (a link, back,
//! forward) sets the route; a route the console sets becomes the hash (a new history entry).

use crate::model::Route;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The route the page was opened on.
pub fn initial() -> Route {
    Route::parse(&current_hash())
}

/// Follows the hash from now on (call once, in the app's component).
pub fn follow_location(route: RwSignal<Route>) {
    let on_change = Closure::<dyn Fn()>::new(move || {
        let followed = Route::parse(&current_hash());
        if route.with_untracked(|r| *r != followed) {
            route.set(followed);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    }
    // Listens for as long as the page lives.
    on_change.forget();
    Effect::new(move |_| {
        let hash = route.with(Route::hash);
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        if current_hash() == hash {
            return;
        }
        // The first route replaces an empty hash rather than adding a step to go back through.
        let _ = if current_hash().trim_start_matches('#').is_empty() {
            location.replace(&hash)
        } else {
            location.set_hash(&hash)
        };
    });
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

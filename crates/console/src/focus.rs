//! Moving keyboard focus where the user's attention goes, once the page has rendered the change.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the first element matching `selector` on the next animation frame.
pub fn after_render(selector: &'static str) {
    let Some(window) = web_sys::window() else { return };
    let focus = Closure::once_into_js(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
    let _ = window.request_animation_frame(focus.unchecked_ref());
}

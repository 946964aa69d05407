//! Moving keyboard focus, or the view, where the user's attention goes, once the page has rendered
//! the change.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `then` with the first element matching `selector` on the next animation frame.
fn on_next_frame(selector: String, then: impl FnOnce(web_sys::Element) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let run = Closure::once_into_js(move || {
        let element =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(&selector).ok().flatten());
        if let Some(element) = element {
            then(element);
        }
    });
    let _ = window.request_animation_frame(run.unchecked_ref());
}

/// Focuses the first element matching `selector` on the next animation frame.
pub fn after_render(selector: impl Into<String>) {
    on_next_frame(selector.into(), |element| {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

/// Scrolls the first element matching `selector` to the top of the window on the next animation
/// frame: smoothly, unless the user asked for reduced motion.
pub fn reveal_after_render(selector: &'static str) {
    on_next_frame(selector.to_string(), |element| {
        let reduced = web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|m| m.matches());
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        options.set_behavior(if reduced { web_sys::ScrollBehavior::Instant } else { web_sys::ScrollBehavior::Smooth });
        element.scroll_into_view_with_scroll_into_view_options(&options);
    });
}

//! ecsimg console: ECS image management in the browser (Leptos, client-side rendering).
//!
//! Forms are generated from the core catalogue; calls go through the npm package's client; the
//! default "sandbox" connection is the emulator running inside this page.

mod actions;
mod app;
mod client;
mod connection;
mod focus;
mod format;
mod forms;
mod history;
mod model;
mod request_view;
mod results;
mod session;
mod sidebar;
mod state;
mod views;
mod widgets;

// Linked for its wasm exports (`sign`, `decode`, `validate`): see web/boot.js.
use ecsimg_wasm as _;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

//! The owner tabs (My images, Shared with me, Public, Marketplace): a tab list as the ARIA
//! pattern has it, arrow keys moving between the tabs, each with its count once loaded.

use super::state::Images;
use crate::format::thousands;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the element of a tab (`tab-self`), for `aria-labelledby`.
pub fn tab_id(alias: &str) -> String {
    format!("tab-{alias}")
}

/// The panel the tabs control.
pub const PANEL_ID: &str = "images-panel";

#[component]
pub fn OwnerTabs(images: Images) -> impl IntoView {
    let aliases: Vec<&'static str> = images.tabs().iter().map(|t| t.alias).collect();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let at = aliases.iter().position(|a| *a == images.shown_tab.get_untracked()).unwrap_or(0);
        let last = aliases.len().saturating_sub(1);
        let next = match ev.key().as_str() {
            "ArrowRight" => {
                if at == last {
                    0
                } else {
                    at + 1
                }
            }
            "ArrowLeft" => {
                if at == 0 {
                    last
                } else {
                    at - 1
                }
            }
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        if let Some(alias) = aliases.get(next) {
            images.show_tab(alias);
            focus_tab(alias);
        }
    };
    view! {
        <div class="owner-tabs" role="tablist" aria-label="Whose images" on:keydown=on_key>
            {images.tabs().into_iter().map(|tab| {
                let selected = move || images.shown_tab.get() == tab.alias;
                let count = move || tab.inventory.with(|i| (tab.started.get_value() && !i.loading()).then(|| i.rows().len()));
                view! {
                    <button type="button" role="tab" id=tab_id(tab.alias) aria-controls=PANEL_ID
                        aria-selected=move || selected().to_string() tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| images.show_tab(tab.alias)>
                        {tab.label}
                        {move || count().map(|n| view! { <span class="count">{format!(" ({})", thousands(n as u64))}</span> })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// Moves the keyboard to a tab (each is drawn once, so it is there).
fn focus_tab(alias: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&tab_id(alias)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

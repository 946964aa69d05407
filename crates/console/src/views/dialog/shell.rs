//! The modal itself: a `<dialog>` shown with `showModal()` (the rest of the page inert), titled in
//! words, the focus moved in when it opens and kept in while it is open (Tab from the last control
//! comes back to the first, Shift+Tab from the first goes to the last), Escape closing it like
//! Cancel, and the focus given back to what opened it when it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// What can take the focus in a dialog (the guards at its ends excepted).
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1']):not(.focus-guard)";

/// Where the focus goes when the dialog opens: its first field, else its Cancel button.
const FIRST: &str = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), .dialog-cancel";

#[component]
pub fn Modal(
    title: String,
    /// Escape asks to close through here (and is ignored while `closable` is false).
    on_close: Callback<()>,
    closable: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(active_element());
    let shown = StoredValue::new_local(None::<web_sys::HtmlDialogElement>);
    dialog.on_load(move |element| {
        let _ = element.show_modal();
        if let Some(first) = element.query_selector(FIRST).ok().flatten() {
            focus(&first);
        }
        shown.set_value(Some(element));
    });
    on_cleanup(move || {
        // Out of the top layer first: while the dialog is modal, the page behind it takes no focus.
        shown.with_value(|d| d.as_ref().map(|d| d.close()));
        let back = opener.with_value(|o| o.clone()).filter(|o| o.is_connected());
        match back {
            Some(element) => focus(&element),
            None => crate::focus::after_render("#main"),
        }
    });
    let cancel = move |ev: leptos::ev::Event| {
        ev.prevent_default();
        if closable.get_untracked() {
            on_close.run(());
        }
    };
    let wrap = move |last: bool| {
        move |_| {
            if let Some(d) = dialog.get_untracked() {
                focus_end(&d, last);
            }
        }
    };
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="dialog-title" on:cancel=cancel>
            <span class="focus-guard" tabindex="0" on:focus=wrap(true)></span>
            <h2 id="dialog-title">{title}</h2>
            {children()}
            <span class="focus-guard" tabindex="0" on:focus=wrap(false)></span>
        </dialog>
    }
}

fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Focuses the last (or first) control of `dialog` that takes the focus: one inside a folded
/// "More options" does not, so each is tried from that end until one does.
fn focus_end(dialog: &Element, last: bool) {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else { return };
    let mut order: Vec<u32> = (0..list.length()).collect();
    if last {
        order.reverse();
    }
    for i in order {
        let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        focus(&element);
        if active_element().as_ref() == Some(&element) {
            return;
        }
    }
}

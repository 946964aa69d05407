//! What a destructive action names and asks before it runs: every target it destroys, what else
//! happens, and the confirmation (the one target's name typed, or a box ticked for several).

use crate::model::plan::{Confirm, Target};
use leptos::prelude::*;

/// The warning with every target listed, and the confirmation control.
pub fn confirm_view(
    confirm: Confirm,
    warning: Option<String>,
    targets: Vec<Target>,
    typed: RwSignal<String>,
    ticked: RwSignal<bool>,
) -> impl IntoView {
    if confirm == Confirm::Nothing {
        return ().into_any();
    }
    let control = match confirm {
        Confirm::Type(name) => view! {
            <div class="field confirm">
                <label for="dialog-confirm">"To confirm, type "<strong class="confirm-name">{name}</strong></label>
                <input id="dialog-confirm" type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
            </div>
        }
        .into_any(),
        Confirm::Tick(text) => view! {
            <div class="field-inline confirm">
                <input id="dialog-confirm" type="checkbox" prop:checked=move || ticked.get()
                    on:change=move |ev| ticked.set(event_target_checked(&ev)) />
                <label for="dialog-confirm">{text}</label>
            </div>
        }
        .into_any(),
        Confirm::Nothing => ().into_any(),
    };
    view! {
        <div class="danger" role="note">
            <p><strong>"This cannot be undone."</strong>{warning.map(|w| format!(" {w}"))}</p>
            <ul class="targets" aria-label="What it destroys">
                {targets.into_iter().map(|t| view! { <li><span>{t.describe()}</span>" "<span class="muted">{t.region}</span></li> }).collect_view()}
            </ul>
        </div>
        {control}
    }
    .into_any()
}

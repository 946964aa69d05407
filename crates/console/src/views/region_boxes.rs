//! A checkbox per region, each labelled by its ID: the regions a distribution copies to, the
//! regions a clean-up looks at.

use crate::model::region_choice::toggled;
use leptos::prelude::*;

/// A box per region of `regions` (IDs `<prefix>-<region>`), ticked while `chosen` names it; a
/// click sets `chosen` to the choice with it ticked or unticked.
pub fn region_boxes(
    prefix: &'static str,
    regions: Vec<String>,
    chosen: Signal<Vec<String>>,
    set: Callback<Vec<String>>,
) -> impl IntoView {
    let boxes = regions.into_iter().map(move |region| {
        let id = format!("{prefix}-{region}");
        let (is, name) = (region.clone(), region.clone());
        let toggle = move |ev: leptos::ev::Event| set.run(toggled(&chosen.get_untracked(), &name, event_target_checked(&ev)));
        view! {
            <div class="field-inline">
                <input type="checkbox" id=id.clone() prop:checked=move || chosen.with(|c| c.contains(&is)) on:change=toggle />
                <label for=id>{region}</label>
            </div>
        }
    });
    view! { <div class="region-grid">{boxes.collect_view()}</div> }
}

//! The Distribute dialog's fields: the destination regions (a checkbox each, as the Copy dialog
//! has), the copies' name and description, encryption with a KMS key, the accounts to share with,
//! the family. Each labelled in words, its hint tied to it.

use crate::model::distribution::form::DistributeForm;
use crate::views::region_boxes::region_boxes;
use ecsimg_core::catalogue::REGIONS;
use leptos::prelude::*;

/// Every field, editing `form`; `from` is the image's region (no copy goes there).
pub fn fields(form: RwSignal<DistributeForm>, from: String) -> impl IntoView {
    let encrypted = move || form.with(|f| f.encrypted);
    let destinations = REGIONS.iter().filter(|r| **r != from).map(|r| r.to_string()).collect();
    let chosen = Signal::derive(move || form.with(|f| f.regions.clone()));
    let set = Callback::new(move |regions| form.update(|f| f.regions = regions));
    view! {
        <fieldset class="group region-boxes">
            <legend>"Destination regions"</legend>
            <p class="description">"A copy is made in each region ticked (a CopyImage call each)."</p>
            {region_boxes("distribute-to", destinations, chosen, set)}
        </fieldset>
        {text(form, "distribute-name", "Name of the copies", "Default: the service names each copy by its ID.",
            |f| &mut f.name, false)}
        {text(form, "distribute-description", "Description of the copies", "", |f| &mut f.description, false)}
        <div class="field-inline">
            <input type="checkbox" id="distribute-encrypted" prop:checked=encrypted
                on:change=move |ev| form.update(|f| f.encrypted = event_target_checked(&ev)) />
            <label for="distribute-encrypted">"Encrypt the copies"</label>
        </div>
        {text(form, "distribute-kms", "KMS key", "The key's ID in each destination region (empty: the service's default key).",
            |f| &mut f.kms_key, false)}
        {text(form, "distribute-accounts", "Share with accounts",
            "Account IDs, one per line (or separated by commas): each copy is shared with each once it is Available.",
            |f| &mut f.accounts, true)}
        {text(form, "distribute-family", "Image family", "Optional: each copy is put in this family once it is Available.",
            |f| &mut f.family, false)}
    }
}

/// A labelled text field (a textarea when `multiline`), its hint below it.
fn text(
    form: RwSignal<DistributeForm>,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    field: fn(&mut DistributeForm) -> &mut String,
    multiline: bool,
) -> impl IntoView {
    // Read through the same accessor as written, on a copy (`with` lends the form shared).
    let value = move || form.with(|f| field(&mut f.clone()).clone());
    let set = move |ev: leptos::ev::Event| form.update(|f| *field(f) = event_target_value(&ev));
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    let control = if multiline {
        view! { <textarea id=id rows="3" spellcheck="false" aria-describedby=described.clone() prop:value=value on:input=set></textarea> }
            .into_any()
    } else {
        view! { <input id=id autocomplete="off" aria-describedby=described.clone() prop:value=value on:input=set /> }
            .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {(!hint.is_empty()).then(|| view! { <p class="description" id=hint_id>{hint}</p> })}
        </div>
    }
}

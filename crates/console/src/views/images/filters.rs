//! Above the table: the text search, the filters (status, architecture, OS, family, age), how many
//! images are shown and selected, and the exports of what is shown.

use super::download::download;
use super::state::Images;
use crate::format::thousands;
use crate::model::export::{csv, file_name, json};
use crate::model::table_query::{values_of, Age, Pick, Query};
use crate::model::ImageRow;
use ecsimg_core::catalogue::IdKind;
use leptos::prelude::*;

/// The values the catalogue lists for a field of an image in DescribeImages' answer.
fn catalogue_values(wire: &str) -> Vec<String> {
    let lifecycle = IdKind::Image.lifecycle().expect("the catalogue says how images move");
    lifecycle.item_field(wire).map(|f| f.check().one_of.iter().map(str::to_string).collect()).unwrap_or_default()
}

#[component]
pub fn Filters(images: Images) -> impl IntoView {
    // What the rows loaded hold, for the filters the catalogue lists no values of: read when the
    // table is redrawn, not on every page that arrives.
    let found = move |field: fn(&ImageRow) -> &str| {
        let values = Memo::new(move |_| {
            images.items.generation();
            let tab = images.current();
            tab.map(|t| t.inventory.with_untracked(|i| values_of(i.rows(), field))).unwrap_or_default()
        });
        Signal::from(values)
    };
    view! {
        <div class="filters" role="search" aria-label="Filter images">
            <div class="filter search">
                <label for="images-search">"Search"</label>
                <input id="images-search" type="search" autocomplete="off" spellcheck="false"
                    placeholder="Name, ID, description or tag"
                    prop:value=move || images.query.with(|q| q.text.clone())
                    on:input=move |ev| { let text = event_target_value(&ev); images.set_query(|q| q.text = text) } />
            </div>
            {choice(images, Choice { id: "filter-status", label: "Status", any: "Any status", pick: Pick::Status },
                Signal::stored(catalogue_values("Status")))}
            {choice(images, Choice { id: "filter-architecture", label: "Architecture", any: "Any architecture", pick: Pick::Architecture },
                Signal::stored(catalogue_values("Architecture")))}
            {choice(images, Choice { id: "filter-os", label: "OS", any: "Any OS", pick: Pick::Os }, found(|r| &r.platform))}
            {choice(images, Choice { id: "filter-family", label: "Family", any: "Any family", pick: Pick::Family }, found(|r| &r.family))}
            <div class="filter">
                <label for="filter-age">"Age"</label>
                <select id="filter-age" on:change=move |ev| { let age = Age::from_value(&event_target_value(&ev)); images.set_query(|q| q.age = age) }>
                    {Age::CHOICES.into_iter().map(|age| view! {
                        <option value=age.value() selected=move || images.query.with(|q| q.age == age)>{age.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || images.query.with(Query::filters)>
                <button type="button" class="clear" on:click=move |_| images.set_query(|q| *q = q.cleared())>"Clear filters"</button>
            </Show>
        </div>
        {counts_and_exports(images)}
    }
}

/// A filter that picks one value of a field.
struct Choice {
    id: &'static str,
    label: &'static str,
    /// The choice that lets everything through.
    any: &'static str,
    pick: Pick,
}

/// A filter offering `values` (and its "any").
fn choice(images: Images, choice: Choice, values: Signal<Vec<String>>) -> impl IntoView {
    let Choice { id, label, any, pick } = choice;
    let is = move |value: &str| images.query.with(|q| q.pick(pick) == value);
    view! {
        <div class="filter">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| { let value = event_target_value(&ev); images.set_query(|q| q.set_pick(pick, value)) }>
                <option value="" selected=move || is("")>{any}</option>
                <For each=move || values.get() key=|v| v.clone() children=move |value| {
                    let (option, text) = (value.clone(), value.clone());
                    view! { <option value=value selected=move || is(&option)>{text}</option> }
                } />
            </select>
        </div>
    }
}

/// How many images are shown of how many loaded, how many are selected, and the exports.
fn counts_and_exports(images: Images) -> impl IntoView {
    let loaded = move || images.current().map_or(0, |t| t.inventory.with(|i| i.rows().len()));
    let shown = move || images.items.len();
    let picked = Memo::new(move |_| images.selected_shown());
    let what = move || match picked.get() {
        0 => format!("the {} shown", thousands(shown() as u64)),
        n => format!("the {} selected", thousands(n as u64)),
    };
    let export = move |extension: &'static str| {
        move |_| {
            let rows = images.to_export();
            let alias = images.shown_tab.get_untracked();
            let date = String::from(js_sys::Date::new_0().to_iso_string()).chars().take(10).collect::<String>();
            let (text, mime) = match extension {
                "csv" => (csv(&rows), "text/csv;charset=utf-8"),
                _ => (json(&rows), "application/json"),
            };
            download(&file_name(alias, &date, extension), mime, &text);
        }
    };
    // Announced when a filter or a selection changes it, not while pages arrive (the regions'
    // status says how loading goes).
    let live = move || {
        let loading = images.current().is_some_and(|t| t.inventory.with(|i| i.loading()));
        if loading {
            "off"
        } else {
            "polite"
        }
    };
    view! {
        <div class="table-actions">
            <p class="counts" aria-live=live>
                {move || format!("{} of {} images shown", thousands(shown() as u64), thousands(loaded() as u64))}
                {move || (picked.get() > 0).then(|| format!(" · {} selected", thousands(picked.get() as u64)))}
            </p>
            <Show when=move || { picked.get() > 0 }>
                <button type="button" on:click=move |_| images.selected.set(Default::default())>"Clear selection"</button>
            </Show>
            <div class="exports" role="group" aria-label=move || format!("Export {}", what())>
                <button type="button" on:click=export("csv") disabled=move || shown() == 0>"Export CSV"</button>
                <button type="button" on:click=export("json") disabled=move || shown() == 0>"Export JSON"</button>
                <span class="hint">{move || format!("Exports {}.", what())}</span>
            </div>
        </div>
    }
}

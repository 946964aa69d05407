//! The regions: each one's loading, count or error (with a Retry), and the choice of regions
//! (the catalogue's eight; on a real account any region, typed), kept in localStorage.

use super::state::{Images, Tab};
use crate::model::connection::Target;
use crate::model::inventory::RegionLoad;
use crate::model::region_choice::{added, default_regions, from_stored, offered, to_stored, toggled, STORAGE_KEY};
use leptos::prelude::*;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The regions chosen earlier in this browser, else the default.
pub fn remembered() -> Vec<String> {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    stored.as_deref().and_then(from_stored).unwrap_or_else(default_regions)
}

/// Chooses `regions` (remembered in this browser: region IDs only) and loads them.
fn choose(images: Images, regions: Vec<String>) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, &to_stored(&regions));
    }
    images.regions.set(regions);
    images.reload();
}

/// Each region of the tab shown: its name, then what its loading says, and Retry when it failed.
#[component]
pub fn RegionLoads(images: Images) -> impl IntoView {
    let summary =
        move || images.current().and_then(|t| t.inventory.with(|i| (!i.regions().is_empty()).then(|| i.summary())));
    // Announced when a region finishes, not on every page.
    let announce = move || {
        images.current().and_then(|t| {
            t.inventory.with(|i| {
                let waiting = i.regions().iter().filter(|r| r.load.is_loading()).count();
                match (i.regions().is_empty(), waiting) {
                    (true, _) => None,
                    (false, 0) => Some(format!("{}.", i.summary())),
                    (false, n) => Some(format!("Loading images: {n} of {} regions to go.", i.regions().len())),
                }
            })
        })
    };
    view! {
        <section class="region-loads" aria-label="Regions">
            <p class="summary" aria-hidden="true">{summary}</p>
            <p class="visually-hidden" role="status">{announce}</p>
            <ul>
                {move || images.current().map(|tab| region_lines(images, tab))}
            </ul>
        </section>
    }
}

fn region_lines(images: Images, tab: Tab) -> impl IntoView {
    let regions = move || tab.inventory.with(|i| i.regions().iter().map(|r| r.region.clone()).collect::<Vec<_>>());
    view! {
        <For each=regions key=|r| r.clone() children=move |region| {
            let load = {
                let region = region.clone();
                move || tab.inventory.with(|i| i.regions().iter().find(|r| r.region == region).map(|r| r.load.clone()))
            };
            let failed = { let load = load.clone(); move || matches!(load(), Some(RegionLoad::Failed(_))) };
            let class = {
                let load = load.clone();
                move || match load() {
                    Some(RegionLoad::Failed(_)) => "failed",
                    Some(RegionLoad::Loading { .. }) => "loading",
                    _ => "",
                }
            };
            let retry = { let region = region.clone(); move |_| images.retry(tab, region.clone()) };
            view! {
                <li class=class>
                    <span class="region-name">{region.clone()}</span>
                    <span class="region-state">{move || load().map(|l| l.describe())}</span>
                    <Show when=failed>
                        <button type="button" class="retry" on:click=retry.clone()
                            aria-label=format!("Retry {region}")>"Retry"</button>
                    </Show>
                </li>
            }
        } />
    }
}

/// The choice of regions: a box per region offered, and on a real account a field to add any
/// region by its ID.
#[component]
pub fn RegionPicker(images: Images) -> impl IntoView {
    let chosen = images.regions;
    let real = move || images.app.connection.with(|c| c.target == Target::AlibabaCloud);
    let problem = RwSignal::new(None::<String>);
    let typed = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match added(&chosen.get_untracked(), &typed.get_untracked()) {
            Ok(regions) => {
                problem.set(None);
                typed.set(String::new());
                choose(images, regions);
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    view! {
        <details class="region-picker">
            <summary>{move || format!("Regions ({} chosen)", chosen.with(Vec::len))}</summary>
            <fieldset>
                <legend>"Load images from"</legend>
                <For each=move || chosen.with(|c| offered(c)) key=|r| r.clone() children=move |region| {
                    let id = format!("region-{region}");
                    let (is, name) = (region.clone(), region.clone());
                    view! {
                        <div class="region-choice">
                            <input type="checkbox" id=id.clone() prop:checked=move || chosen.with(|c| c.contains(&is))
                                on:change=move |ev| { let on = event_target_checked(&ev); choose(images, toggled(&chosen.get_untracked(), &name, on)) } />
                            <label for=id>{region}</label>
                        </div>
                    }
                } />
            </fieldset>
            <Show when=real>
                <form class="region-add" on:submit=add>
                    <label for="region-add">"Another region"</label>
                    <input id="region-add" autocomplete="off" spellcheck="false" placeholder="me-central-1" size="16"
                        prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))
                        aria-invalid=move || problem.with(Option::is_some).to_string()
                        aria-describedby=move || problem.with(|p| p.is_some().then_some("region-add-problem")) />
                    <button type="submit">"Add"</button>
                    {move || problem.get().map(|p| view! { <p id="region-add-problem" class="problems" role="alert">{p}</p> })}
                </form>
            </Show>
            <p class="hint">"Kept in this browser (localStorage): the region IDs only."</p>
        </details>
    }
}

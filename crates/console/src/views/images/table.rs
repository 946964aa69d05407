//! The Images table: the windowed table (`results::vtable`) with a sort button in every header
//! (`aria-sort` on its cell), a checkbox on every row and one for every row shown, and each name a
//! link to the image's details.

use super::state::Images;
use crate::format::{ago, short_time, thousands};
use crate::model::table_query::ImageColumn;
use crate::model::{ImageRow, Route, View};
use crate::results::status::{lifecycle_of, status_badge};
use crate::results::vtable::{text_cell, virtual_table, Column, Head};
use ecsimg_core::catalogue::IdKind;
use leptos::prelude::*;
use std::sync::Arc;

type Row = Arc<ImageRow>;

/// The route of an image's details.
pub fn details_route(region: &str, id: &str) -> Route {
    Route::with(View::Images, &[region, id])
}

pub fn images_table(images: Images) -> impl IntoView {
    let columns = ImageColumn::ALL.into_iter().map(|c| column(images, c)).collect();
    let items = images.items;
    let caption = move || {
        let label = images.current().map_or("Images", |t| t.label);
        format!("{label}: {} shown", thousands(items.len() as u64))
    };
    // Busy while regions load or the rows that came are not drawn yet.
    let busy = move || {
        let loading = images.current().is_some_and(|t| t.inventory.with(|i| i.loading()));
        (loading || images.refresh_due.get()).to_string()
    };
    view! {
        <div class="images-list" aria-busy=busy>
            {virtual_table(items, columns, caption, "vt-manager")}
            {move || (items.len() == 0).then(|| empty_text(images)).flatten().map(|text| view! { <p class="hint empty">{text}</p> })}
        </div>
    }
}

/// Why the table is empty (nothing to say before anything is asked for).
fn empty_text(images: Images) -> Option<&'static str> {
    let filtered = images.query.with(|q| q.filters());
    let (asked, loading) =
        images.current().map_or((false, false), |t| t.inventory.with(|i| (!i.regions().is_empty(), i.loading())));
    match (asked, filtered, loading) {
        (false, _, _) => None,
        (true, true, _) => Some("No image matches the filters."),
        (true, false, true) => Some("No images yet: the regions are still loading."),
        (true, false, false) => Some("No images in the regions chosen."),
    }
}

fn width(column: ImageColumn) -> &'static str {
    match column {
        ImageColumn::Name => "w-name",
        ImageColumn::Id => "w-id",
        ImageColumn::Region => "w-region",
        ImageColumn::Status => "w-status",
        ImageColumn::Os => "w-l",
        ImageColumn::Architecture => "w-s",
        ImageColumn::Size => "w-xs",
        ImageColumn::Created => "w-created",
        ImageColumn::Family => "w-m",
        ImageColumn::Tags => "w-l",
        ImageColumn::InUse | ImageColumn::Shared => "w-flag",
    }
}

fn column(images: Images, column: ImageColumn) -> Column<Row> {
    let cell: Box<dyn Fn(&Row) -> AnyView + Send + Sync> = match column {
        ImageColumn::Name => Box::new(move |r| name_cell(images, r)),
        ImageColumn::Id => {
            Box::new(|r| view! { <code class="cell" title=r.id.clone()>{r.id.clone()}</code> }.into_any())
        }
        ImageColumn::Region => Box::new(|r| text_cell(r.region.clone())),
        ImageColumn::Status => Box::new(|r| status_badge(lifecycle_of(IdKind::Image), r.status.clone(), r.progress)),
        ImageColumn::Os => Box::new(|r| {
            let title = if r.platform.is_empty() { r.os.clone() } else { format!("{} ({})", r.os, r.platform) };
            view! { <span class="cell" title=title>{r.os.clone()}</span> }.into_any()
        }),
        ImageColumn::Architecture => Box::new(|r| text_cell(r.architecture.clone())),
        ImageColumn::Size => Box::new(|r| text_cell(r.size_text())),
        ImageColumn::Created => Box::new(created_cell),
        ImageColumn::Family => Box::new(|r| text_cell(r.family.clone())),
        ImageColumn::Tags => Box::new(|r| text_cell(r.tags_text())),
        ImageColumn::InUse => Box::new(|r| text_cell(if r.in_use() { "In use" } else { "Not in use" }.into())),
        ImageColumn::Shared => Box::new(|r| text_cell(if r.shared { "Shared" } else { "Not shared" }.into())),
    };
    Column::new(column.title(), width(column), cell).with_head(head(images, column))
}

/// A header: the sort button (and on the first column the box that selects every row shown).
fn head(images: Images, column: ImageColumn) -> Head {
    let query = images.query;
    let sort = Signal::derive(move || query.with(|q| q.sort.aria(column)));
    let arrow = move || match sort.get() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "",
    };
    let button = move || {
        view! {
            <button type="button" class="sort" on:click=move |_| images.set_query(|q| q.sort = q.sort.by(column))>
                {column.title()}<span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        }
    };
    let view: Box<dyn FnOnce() -> AnyView + Send + Sync> = match column {
        ImageColumn::Name => Box::new(move || view! { {select_all(images)} {button()} }.into_any()),
        _ => Box::new(move || button().into_any()),
    };
    Head { view, sort: Some(sort) }
}

/// The box that selects (or unselects) every row shown.
fn select_all(images: Images) -> impl IntoView {
    let picked = Memo::new(move |_| images.selected_shown());
    let all = move || images.items.len() > 0 && picked.get() == images.items.len();
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let keys: Vec<String> = images.items.with_rows(|rows| rows.iter().map(|r| r.key()).collect());
        images.selected.update(|selected| {
            for key in keys {
                if on {
                    selected.insert(key);
                } else {
                    selected.remove(&key);
                }
            }
        });
    };
    view! {
        <input type="checkbox" class="pick" aria-label="Select every image shown"
            prop:checked=all prop:indeterminate=move || { picked.get() > 0 && !all() } on:change=toggle />
    }
}

/// The name: a box to select the row, and a link to the image's details.
fn name_cell(images: Images, row: &Row) -> AnyView {
    let key = row.key();
    let id = row.id.clone();
    let name = if row.name.is_empty() { row.id.clone() } else { row.name.clone() };
    let label = format!("Select {name} in {}", row.region);
    let title = name.clone();
    let route = details_route(&row.region, &row.id);
    let href = route.hash();
    let open = move || images.app.route.with(|r| *r == route);
    let (checked_key, toggle_key) = (key.clone(), key);
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        images.selected.update(|selected| {
            if on {
                selected.insert(toggle_key.clone());
            } else {
                selected.remove(&toggle_key);
            }
        });
    };
    view! {
        <span class="cell name-cell">
            <input type="checkbox" class="pick" aria-label=label
                prop:checked=move || images.selected.with(|s| s.contains(&checked_key)) on:change=toggle />
            <span class="name-text">
                <a href=href class:open=open.clone() aria-current=move || open().then_some("page") title=title>{name}</a>
                // The ID under the name where the ID column is out of sight (a phone).
                <code class="sub-id" aria-hidden="true">{id}</code>
            </span>
        </span>
    }
    .into_any()
}

/// When it was made: how long ago, and the exact time.
fn created_cell(row: &Row) -> AnyView {
    let exact = short_time(&row.created);
    let relative = row.created_ms.map(|ms| ago(ms, js_sys::Date::now())).unwrap_or_default();
    let text = if relative.is_empty() { exact.clone() } else { format!("{relative} · {exact}") };
    view! { <time class="cell" datetime=row.created.clone() title=exact>{text}</time> }.into_any()
}

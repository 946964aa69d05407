//! The region's components as a table (cards on a narrow screen): name, ID, type, system, version,
//! created, description, and per row its content and Delete.

use super::{dialogs, Ctx};
use crate::format::{field_text, short_time};
use crate::model::{Route, View};
use crate::views::manager::list_table;
use leptos::prelude::*;
use serde_json::Value;

pub fn components_table(ctx: Ctx) -> impl IntoView {
    const COLUMNS: &[&str] = &["Name", "ID", "Type", "System", "Version", "Created", "Description"];
    move || {
        let items = ctx.list.with(|l| l.items.clone());
        list_table(items, &ctx.region.get_untracked(), "components", COLUMNS, |c| row(ctx, c).into_any())
    }
}

fn row(ctx: Ctx, component: Value) -> impl IntoView {
    let text = |key: &str| field_text(&component, key);
    let (id, name) = (text("imageComponentId"), text("name"));
    let route = Route::with(View::Components, &[&ctx.region.get_untracked(), &id]).hash();
    let current = {
        let id = id.clone();
        move || ctx.state.route.with(|r| r.path.get(1) == Some(&id))
    };
    let delete = {
        let component = component.clone();
        move |_| ctx.dialog.set(Some(dialogs::delete(ctx, &component)))
    };
    let current_too = current.clone();
    view! {
        <tr class:current=current.clone()>
            <th scope="row" data-label="Name">
                <a href=route aria-current=move || current_too().then_some("page")>{name.clone()}</a>
            </th>
            <td data-label="ID"><code>{id}</code></td>
            <td data-label="Type">{text("componentType")}</td>
            <td data-label="System">{text("systemType")}</td>
            <td data-label="Version">{text("componentVersion")}</td>
            <td data-label="Created">{short_time(&text("creationTime"))}</td>
            <td data-label="Description">{text("description")}</td>
            <td class="row-actions">
                <button type="button" on:click=delete aria-label=format!("Delete {name}")>"Delete"</button>
            </td>
        </tr>
    }
}

//! One parameter's editor, chosen by its kind in the catalogue: a value (`scalar`), a group for a
//! struct, repeatable rows for a list; with its label, required marker, description, limits and
//! the problems the core finds in it.

use super::ctx::FormCtx;
use super::parts::{beside, legend, Description};
use super::scalar::ScalarField;
use super::value::{dom_id, get, get_mut, set};
use ecsimg_core::catalogue::{Field, Scalar, Shape};
use ecsimg_core::validate::{Path, Segment};
use ecsimg_core::Spelling;
use leptos::prelude::*;
use serde_json::Value;

/// The editor of `field` at `path` (recursive for structs and lists).
pub fn editor(field: &'static Field, path: Path, ctx: FormCtx) -> AnyView {
    match field.shape() {
        Shape::Scalar(scalar) => view! { <ScalarField field=field scalar=scalar path=path ctx=ctx /> }.into_any(),
        Shape::Struct(fields) => {
            let id = dom_id(&path);
            view! {
                <fieldset class="group" id=id>
                    {legend(ctx, field, &path, false)}
                    <Description field=field />
                    {editors(fields, &path, ctx)}
                </fieldset>
            }
            .into_any()
        }
        Shape::List { item, max_items, .. } => list(field, item, max_items, path, ctx),
    }
}

/// The editors of a struct's fields, below `path`.
fn editors(fields: &'static [Field], path: &Path, ctx: FormCtx) -> AnyView {
    fields.iter().map(|f| editor(f, path.child(Segment::Field(f)), ctx)).collect_view().into_any()
}

/// The number of rows of the list at `path`.
fn rows_at(form: &Value, path: &Path) -> usize {
    get(form, path).and_then(Value::as_array).map_or(0, Vec::len)
}

/// A list's rows, each with a Remove button, and an Add button (disabled at the documented maximum).
fn list(field: &'static Field, item: &'static Field, max: Option<u32>, path: Path, ctx: FormCtx) -> AnyView {
    let form = ctx.form;
    let count = {
        let path = path.clone();
        move || form.with(|v| rows_at(v, &path))
    };
    let add = {
        let path = path.clone();
        move |_| {
            let n = form.with_untracked(|v| rows_at(v, &path));
            let blank = match item.shape() {
                Shape::Struct(_) => Value::Object(Default::default()),
                Shape::Scalar(Scalar::String) => Value::String(String::new()),
                _ => Value::Null,
            };
            form.update(|v| set(v, &path.child(Segment::Index(n)), Some(blank)));
        }
    };
    let rows = {
        let (path, count) = (path.clone(), count.clone());
        move || (0..count()).map(|i| row(field, item, &path, i, ctx)).collect_view()
    };
    let full = move || max.is_some_and(|m| count() >= m as usize);
    let id = dom_id(&path);
    let problems = beside(ctx, path.render(Spelling::Sdk));
    view! {
        <fieldset class="group list" id=id>
            {legend(ctx, field, &path, true)}
            <Description field=field />
            {rows}
            <button type="button" class="add" on:click=add disabled=full>
                {format!("Add {}", field.field())}
                {max.map(|m| format!(" (up to {m})"))}
            </button>
            {problems}
        </fieldset>
    }
    .into_any()
}

/// Row `i` of the list `field` at `path`: its number, its editors, a Remove button.
fn row(field: &'static Field, item: &'static Field, path: &Path, i: usize, ctx: FormCtx) -> impl IntoView {
    let form = ctx.form;
    let row_path = path.child(Segment::Index(i));
    let remove = {
        let path = path.clone();
        move |_| {
            form.update(|v| {
                if let Some(items) = get_mut(v, &path).and_then(Value::as_array_mut) {
                    if i < items.len() {
                        items.remove(i);
                    }
                    if items.is_empty() {
                        set(v, &path, None);
                    }
                }
            })
        }
    };
    let editor = match item.shape() {
        Shape::Struct(fields) => editors(fields, &row_path, ctx),
        Shape::Scalar(scalar) => view! { <ScalarField field=item scalar=scalar path=row_path ctx=ctx /> }.into_any(),
        Shape::List { .. } => ().into_any(),
    };
    view! {
        <div class="row">
            <span class="row-number">{format!("{}", i + 1)}</span>
            <div class="row-fields">{editor}</div>
            <button type="button" class="remove" on:click=remove aria-label=format!("Remove {} {}", field.field(), i + 1)>"Remove"</button>
        </div>
    }
}

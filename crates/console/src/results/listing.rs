//! The answer of a paged describe call: its items in the view fitted to what they are (images,
//! pipelines, executions, or a generic table), under the page controls (`pager`) and beside the
//! answer's other fields.

use super::columns::{generic_columns, pipeline_columns};
use super::images::images_table;
use super::pager::{pager, Paged, Sink};
use super::timeline::executions_view;
use super::vtable::{virtual_table, Items};
use crate::format::thousands;
use crate::model::page::{items_kind, other_fields, PageInfo};
use crate::model::ImageRow;
use crate::widgets::AnswerView;
use ecsimg_core::catalogue::{operation, sdk_name, IdKind};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The answer of a paged operation, in its view, with page controls and "Load all"; `go` asks
/// for another page.
#[component]
pub fn Listing(action: &'static str, request: Value, answer: Value, go: Callback<Value>) -> impl IntoView {
    let Some(pagination) = operation(action).and_then(|op| op.pagination) else {
        return view! { <AnswerView answer=answer /> }.into_any();
    };
    let items_key = sdk_name(pagination.items);
    let first: Vec<Value> = answer.get(&items_key).and_then(Value::as_array).cloned().unwrap_or_default();
    let others = other_fields(&answer, &items_key);
    let paged = Paged {
        action,
        info: PageInfo::of(&pagination, &request, &answer),
        items_key,
        request,
        plural: pagination.noun,
        page_size: pagination.max_size,
    };
    let body = match items_kind(&pagination) {
        Some(IdKind::Image) => {
            let items = Items::new(first.iter().map(|v| Arc::new(ImageRow::from_value(v))).collect());
            let convert: fn(&Value) -> Arc<ImageRow> = |v| Arc::new(ImageRow::from_value(v));
            view! { {pager(paged, Sink::of(items, convert), go)} {images_table(items)} }.into_any()
        }
        Some(IdKind::Execution) => {
            let items = Items::new(first.into_iter().map(Arc::new).collect());
            view! { {pager(paged, Sink::of(items, arc_value), go)} {executions_view(items)} }.into_any()
        }
        kind => {
            let columns = if kind == Some(IdKind::Pipeline) { pipeline_columns() } else { generic_columns(&first) };
            let items = Items::new(first.into_iter().map(Arc::new).collect());
            view! { {pager(paged, Sink::of(items, arc_value), go)} {items_table(items, columns, pagination.noun)} }
                .into_any()
        }
    };
    view! {
        <AnswerView answer=others />
        {body}
    }
    .into_any()
}

fn arc_value(v: &Value) -> Arc<Value> {
    Arc::new(v.clone())
}

/// Items without a view of their own, as a table captioned with their noun (`Accounts (12)`).
fn items_table(
    items: Items<Arc<Value>>,
    columns: Vec<super::vtable::Column<Arc<Value>>>,
    noun: &'static str,
) -> impl IntoView {
    let caption =
        move || format!("{}{} ({})", noun[..1].to_ascii_uppercase(), &noun[1..], thousands(items.len() as u64));
    view! {
        <Show when=move || items.len() == 0>
            <p class="hint">{format!("No {noun} match.")}</p>
        </Show>
        {virtual_table(items, columns, caption, "vt-generic")}
    }
}

//! Images as a table: ID, name, status (a coloured badge with its text, and while the image is
//! under way a progress bar of how far along it is, as the catalogue's image lifecycle says),
//! owner, architecture, OS, size, creation time, tags.

use super::status::{lifecycle_of, status_badge};
use super::vtable::{text_cell, virtual_table, Column, Items};
use crate::format::{short_time, thousands};
use crate::model::ImageRow;
use ecsimg_core::catalogue::{Field, IdKind, Operation, Shape};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

fn columns() -> Vec<Column<Arc<ImageRow>>> {
    vec![
        Column::new("Image ID", "w-id", |r: &Arc<ImageRow>| {
            view! { <code class="cell" title=r.id.clone()>{r.id.clone()}</code> }.into_any()
        }),
        Column::new("Name", "w-l", |r: &Arc<ImageRow>| text_cell(r.name.clone())),
        Column::new("Status", "w-status", |r: &Arc<ImageRow>| {
            status_badge(lifecycle_of(IdKind::Image), r.status.clone(), r.progress)
        }),
        Column::new("Owner", "w-xs", |r: &Arc<ImageRow>| text_cell(r.owner.clone())),
        Column::new("Architecture", "w-s", |r: &Arc<ImageRow>| text_cell(r.architecture.clone())),
        Column::new("OS", "w-l", |r: &Arc<ImageRow>| text_cell(r.os.clone())),
        Column::new("Size", "w-xs", |r: &Arc<ImageRow>| text_cell(r.size_text())),
        Column::new("Created", "w-m", |r: &Arc<ImageRow>| {
            view! { <span class="cell" title=r.created.clone()>{short_time(&r.created)}</span> }.into_any()
        }),
        Column::new("Tags", "w-l", |r: &Arc<ImageRow>| text_cell(r.tags_text())),
    ]
}

/// The images table (windowed: ten thousand rows scroll as smoothly as ten).
pub fn images_table(items: Items<Arc<ImageRow>>) -> impl IntoView {
    let caption = move || format!("Images ({})", thousands(items.len() as u64));
    view! {
        <Show when=move || items.len() == 0>
            <p class="hint">"No images match."</p>
        </Show>
        {virtual_table(items, columns(), caption, "vt-images")}
    }
}

/// The field of an image that holds its ID (`ImageId`, SDK name `imageId`): the key of the
/// catalogue's image lifecycle.
fn image_id() -> &'static Field {
    lifecycle_of(IdKind::Image).key_param()
}

/// The answer field (SDK name) of an operation that answers with one image, if it does: a struct
/// with an image's ID field (DescribeImageFromFamily's `image`).
pub fn one_image(op: &Operation) -> Option<&'static str> {
    let id = image_id();
    op.response.iter().find_map(|f| match f.shape() {
        Shape::Struct(fields) if fields.iter().any(|g| g.name() == id.name() && g.id_kind() == id.id_kind()) => {
            Some(f.field())
        }
        _ => None,
    })
}

/// The image in the answer field `key`, as a table of one, or that there is none.
pub fn one_image_view(answer: &Value, key: &str) -> AnyView {
    match answer.get(key).filter(|i| i.get(image_id().field()).is_some()) {
        Some(image) => images_table(Items::new(vec![Arc::new(ImageRow::from_value(image))])).into_any(),
        None => view! { <p class="hint">"No Available image in this family."</p> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_of_one_image_is_found_by_its_shape() {
        let one: Vec<&str> = ecsimg_core::catalogue::OPERATIONS.iter().filter_map(one_image).collect();
        assert_eq!(one, ["image"]);
    }
}

//! Images as a table: ID, name, status (a coloured badge with its text, and while the image is
//! under way a progress bar of how far along it is, as the catalogue's image lifecycle says),
//! owner, architecture, OS, size, creation time, tags.

use super::status::{lifecycle_of, status_badge};
use super::vtable::{text_cell, virtual_table, Column, Items};
use crate::format::{short_time, tags_text, thousands};
use ecsimg_core::catalogue::{Field, IdKind, Operation, Shape};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// What the table shows of an image: a few short strings, not the whole answer (ten thousand of
/// these stay small).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRow {
    pub id: String,
    pub name: String,
    pub status: String,
    /// While under way (Creating, Waiting): how far along (from `Progress`, `"42%"`).
    pub progress: Option<u8>,
    pub owner: String,
    pub architecture: String,
    pub os: String,
    pub size: String,
    pub created: String,
    pub tags: String,
}

impl ImageRow {
    /// From an image of the flat view (`images[n]` of DescribeImages).
    pub fn from_value(image: &Value) -> ImageRow {
        let text = |key: &str| match image.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let lifecycle = lifecycle_of(IdKind::Image);
        let status = lifecycle.status_of(image).unwrap_or_default().to_string();
        let os = [text("OSName"), text("OSNameEn"), text("platform")].into_iter().find(|s| !s.is_empty());
        ImageRow {
            id: text("imageId"),
            name: text("imageName"),
            progress: lifecycle.in_progress.contains(&status.as_str()).then(|| lifecycle.percent_of(image)),
            status,
            owner: text("imageOwnerAlias"),
            architecture: text("architecture"),
            os: os.unwrap_or_default(),
            size: Some(text("size")).filter(|s| !s.is_empty()).map(|s| format!("{s} GiB")).unwrap_or_default(),
            created: text("creationTime"),
            tags: tags_text(image.get("tags")),
        }
    }
}

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
        Column::new("Size", "w-xs", |r: &Arc<ImageRow>| text_cell(r.size.clone())),
        Column::new("Created", "w-m", |r: &Arc<ImageRow>| {
            view! { <span class="cell" title=r.created.clone()>{short_time(&r.created)}</span> }.into_any()
        }),
        Column::new("Tags", "w-l", |r: &Arc<ImageRow>| text_cell(r.tags.clone())),
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
    op.response.iter().find_map(|f| match f.shape {
        Shape::Struct(fields) if fields.iter().any(|g| g.name == id.name && g.id_kind == id.id_kind) => Some(f.field),
        _ => None,
    })
}

/// The image in the answer field `key`, as a table of one, or that there is none.
pub fn one_image_view(answer: &Value, key: &str) -> AnyView {
    match answer.get(key).filter(|i| i.get(image_id().field).is_some()) {
        Some(image) => images_table(Items::new(vec![Arc::new(ImageRow::from_value(image))])).into_any(),
        None => view! { <p class="hint">"No Available image in this family."</p> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_row_from_an_image_in_progress() {
        let row = ImageRow::from_value(&json!({
            "imageId": "m-1", "imageName": "web", "status": "Creating", "progress": "42%",
            "imageOwnerAlias": "self", "architecture": "x86_64", "OSName": "Alibaba Cloud Linux 3",
            "size": 40, "creationTime": "2026-01-01T08:30:00Z",
            "tags": [{"tagKey": "env", "tagValue": "prod"}, {"tagKey": "team", "tagValue": ""}],
        }));
        assert_eq!(row.progress, Some(42));
        assert_eq!(row.size, "40 GiB");
        assert_eq!(row.tags, "env=prod, team");
        assert_eq!(row.os, "Alibaba Cloud Linux 3");
        assert_eq!(short_time(&row.created), "2026-01-01 08:30 UTC");
    }

    #[test]
    fn an_answer_of_one_image_is_found_by_its_shape() {
        let one: Vec<&str> = ecsimg_core::catalogue::OPERATIONS.iter().filter_map(one_image).collect();
        assert_eq!(one, ["image"]);
    }

    #[test]
    fn finished_images_have_no_progress_bar() {
        let row = ImageRow::from_value(
            &json!({"imageId": "m-1", "status": "Available", "progress": "100%", "platform": "Ubuntu"}),
        );
        assert_eq!(row.progress, None);
        assert_eq!(row.os, "Ubuntu");
        let waiting = ImageRow::from_value(&json!({"status": "Waiting"}));
        assert_eq!(waiting.progress, Some(0));
    }
}

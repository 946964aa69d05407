//! Images as a table: ID, name, status (a coloured badge with its text, and for work in progress
//! a progress bar of the `Progress` percentage), owner, architecture, OS, size, creation time, tags.

use super::vtable::{text_cell, virtual_table, Column, Items};
use crate::format::{short_time, tags_text, thousands};
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
    /// While Creating or Waiting: how far along (from `Progress`, `"42%"`).
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
        let status = text("status");
        let os = [text("OSName"), text("OSNameEn"), text("platform")].into_iter().find(|s| !s.is_empty());
        ImageRow {
            id: text("imageId"),
            name: text("imageName"),
            progress: in_progress(&status).then(|| percent(&text("progress")).unwrap_or(0)),
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

/// `"42%"` → 42.
pub fn percent(progress: &str) -> Option<u8> {
    let number = progress.trim().trim_end_matches('%').trim();
    number.parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| n.clamp(0.0, 100.0) as u8)
}

/// Whether an image is still being made (or queued to be).
pub fn in_progress(status: &str) -> bool {
    matches!(status, "Creating" | "Waiting")
}

/// The colour of a status: `ok` (green), `busy` (blue), `bad` (red), `muted` (grey), `other`.
pub fn status_tone(status: &str) -> &'static str {
    match status {
        "Available" => "ok",
        "Creating" | "Waiting" => "busy",
        "CreateFailed" | "UnAvailable" => "bad",
        "Deprecated" => "muted",
        _ => "other",
    }
}

/// A status badge: the colour says it at a glance, the text says it to everyone.
pub fn status_badge(status: String, progress: Option<u8>) -> AnyView {
    let tone = status_tone(&status);
    view! {
        <span class=format!("badge tone-{tone}")>{status}</span>
        {progress.map(|p| view! {
            <progress class="mini" max="100" value=p.to_string() aria-label=format!("{p}% done")></progress>
            <span class="pct">{format!("{p}%")}</span>
        })}
    }
    .into_any()
}

fn columns() -> Vec<Column<Arc<ImageRow>>> {
    vec![
        Column::new("Image ID", "w-id", |r: &Arc<ImageRow>| {
            view! { <code class="cell" title=r.id.clone()>{r.id.clone()}</code> }.into_any()
        }),
        Column::new("Name", "w-l", |r: &Arc<ImageRow>| text_cell(r.name.clone())),
        Column::new("Status", "w-status", |r: &Arc<ImageRow>| status_badge(r.status.clone(), r.progress)),
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
    fn finished_images_have_no_progress_bar() {
        let row = ImageRow::from_value(
            &json!({"imageId": "m-1", "status": "Available", "progress": "100%", "platform": "Ubuntu"}),
        );
        assert_eq!(row.progress, None);
        assert_eq!(row.os, "Ubuntu");
        let waiting = ImageRow::from_value(&json!({"status": "Waiting"}));
        assert_eq!(waiting.progress, Some(0));
    }

    #[test]
    fn statuses_have_a_tone_and_progress_parses() {
        assert_eq!(status_tone("Available"), "ok");
        assert_eq!(status_tone("Creating"), "busy");
        assert_eq!(status_tone("Waiting"), "busy");
        assert_eq!(status_tone("CreateFailed"), "bad");
        assert_eq!(status_tone("UnAvailable"), "bad");
        assert_eq!(status_tone("Deprecated"), "muted");
        assert_eq!(status_tone("Something"), "other");
        assert_eq!(percent("7%"), Some(7));
        assert_eq!(percent(" 100 % "), Some(100));
        assert_eq!(percent("150%"), Some(100));
        assert_eq!(percent(""), None);
    }
}

//! What the image tables show of an image: a few short strings and numbers, not the whole answer
//! (ten thousand of these stay small), read from an image of DescribeImages' flat view.

use crate::format::{epoch_ms, pairs_text, tag_pairs};
use ecsimg_core::catalogue::IdKind;
use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImageRow {
    pub id: String,
    pub name: String,
    /// The region it was listed in (an image's answer does not say; empty when not known).
    pub region: String,
    pub status: String,
    /// While under way (Creating, Waiting): how far along (from `Progress`, `"42%"`).
    pub progress: Option<u8>,
    /// `ImageOwnerAlias`: `self`, `others`, `system`, `marketplace`.
    pub owner: String,
    pub architecture: String,
    /// The OS by name (`Ubuntu 22.04 64 bit`), else its platform.
    pub os: String,
    pub platform: String,
    pub size_gib: Option<u64>,
    /// As the service says it (`2026-01-01T08:30:00Z`), and as an instant, when it is one.
    pub created: String,
    pub created_ms: Option<f64>,
    pub family: String,
    pub tags: Vec<(String, String)>,
    /// `Usage`: `instance` when instances use it, `none` when none does.
    pub usage: String,
    /// `IsSelfShared`: the owner shares it with other accounts.
    pub shared: bool,
    pub description: String,
    /// Name, ID, description and tags in lower case: what the text filter searches.
    search: String,
}

/// The `Usage` of an image instances use.
const IN_USE: &str = "instance";

impl ImageRow {
    /// From an image of the flat view (`images[n]` of DescribeImages), region unknown.
    pub fn from_value(image: &Value) -> ImageRow {
        ImageRow::listed_in(image, "")
    }

    /// From an image of the flat view listed in `region`.
    pub fn listed_in(image: &Value, region: &str) -> ImageRow {
        let text = |key: &str| match image.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let lifecycle = IdKind::Image.lifecycle().expect("the catalogue says how images move");
        let status = lifecycle.status_of(image).unwrap_or_default().to_string();
        let os = [text("OSNameEn"), text("OSName"), text("platform")].into_iter().find(|s| !s.is_empty());
        let created = text("creationTime");
        let mut row = ImageRow {
            id: text("imageId"),
            name: text("imageName"),
            region: region.to_string(),
            progress: lifecycle.in_progress.contains(&status.as_str()).then(|| lifecycle.percent_of(image)),
            status,
            owner: text("imageOwnerAlias"),
            architecture: text("architecture"),
            os: os.unwrap_or_default(),
            platform: text("platform"),
            size_gib: image.get("size").and_then(|s| s.as_u64().or_else(|| s.as_str()?.trim().parse().ok())),
            created_ms: epoch_ms(&created),
            created,
            family: text("imageFamily"),
            tags: tag_pairs(image.get("tags")),
            usage: text("usage"),
            shared: text("isSelfShared").eq_ignore_ascii_case("true"),
            description: text("description"),
            search: String::new(),
        };
        row.search = [&row.name, &row.id, &row.description, &row.tags_text()].map(|s| s.to_lowercase()).join("\n");
        row
    }

    /// `40 GiB`, or nothing when the size is not known.
    pub fn size_text(&self) -> String {
        self.size_gib.map(|s| format!("{s} GiB")).unwrap_or_default()
    }

    /// `env=prod, team`.
    pub fn tags_text(&self) -> String {
        pairs_text(&self.tags)
    }

    pub fn in_use(&self) -> bool {
        self.usage == IN_USE
    }

    /// Whether the name, ID, description or tags contain `needle` (already in lower case).
    pub fn mentions(&self, needle: &str) -> bool {
        self.search.contains(needle)
    }

    /// What tells it apart from every other image: its region and ID.
    pub fn key(&self) -> String {
        format!("{}/{}", self.region, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::short_time;
    use serde_json::json;

    #[test]
    fn a_row_from_an_image_in_progress() {
        let row = ImageRow::listed_in(
            &json!({
                "imageId": "m-1", "imageName": "web", "status": "Creating", "progress": "42%",
                "imageOwnerAlias": "self", "architecture": "x86_64", "OSName": "Alibaba Cloud Linux 3",
                "size": 40, "creationTime": "2026-01-01T08:30:00Z", "imageFamily": "shop", "usage": "instance",
                "isSelfShared": "True", "description": "Front end",
                "tags": [{"tagKey": "env", "tagValue": "prod"}, {"tagKey": "team", "tagValue": ""}],
            }),
            "cn-hangzhou",
        );
        assert_eq!(row.progress, Some(42));
        assert_eq!(row.size_text(), "40 GiB");
        assert_eq!(row.tags_text(), "env=prod, team");
        assert_eq!(row.os, "Alibaba Cloud Linux 3");
        assert_eq!(short_time(&row.created), "2026-01-01 08:30 UTC");
        assert_eq!(row.created_ms, Some(1_767_256_200_000.0));
        assert_eq!(row.key(), "cn-hangzhou/m-1");
        assert!(row.in_use() && row.shared);
        for needle in ["web", "m-1", "front", "env=prod"] {
            assert!(row.mentions(needle), "{needle}");
        }
        assert!(!row.mentions("ubuntu"));
    }

    #[test]
    fn finished_images_have_no_progress_bar() {
        let row = ImageRow::from_value(
            &json!({"imageId": "m-1", "status": "Available", "progress": "100%", "platform": "Ubuntu", "size": "20"}),
        );
        assert_eq!(row.progress, None);
        assert_eq!((row.os.as_str(), row.platform.as_str()), ("Ubuntu", "Ubuntu"));
        assert_eq!(row.size_gib, Some(20));
        assert!(!row.in_use() && !row.shared);
        let waiting = ImageRow::from_value(&json!({"status": "Waiting"}));
        assert_eq!(waiting.progress, Some(0));
        assert_eq!(waiting.size_text(), "");
        // The English name is preferred to the other one.
        let named = ImageRow::from_value(&json!({"OSName": "阿里云", "OSNameEn": "Alibaba Cloud Linux"}));
        assert_eq!(named.os, "Alibaba Cloud Linux");
    }
}

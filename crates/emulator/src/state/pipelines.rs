//! Image templates as kept: the request that created one (official TS SDK names), read by JSON
//! pointer, says what to build on and what to run. The operations read it to check a new template
//! and to start an execution, and the executions as they run.

use super::images::visible;
use super::{AccountId, Image, ImageStatus, Pipeline, Store};
use crate::template::{self, Place, Template};
use serde_json::Value;

/// The text at `pointer` of a request.
pub fn text<'a>(request: &'a Value, pointer: &str) -> Option<&'a str> {
    request.pointer(pointer).and_then(Value::as_str)
}

/// The list at `pointer` of a request, empty when absent.
pub fn list<'a>(request: &'a Value, pointer: &str) -> &'a [Value] {
    request.pointer(pointer).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

/// The image a template builds on now, as `owner` sees `region`: its base image, or the newest
/// Available image of its family. `None` for an OSS source, or when there is no such image.
pub fn base_image<'s>(store: &'s Store, owner: AccountId, region: &str, request: &Value) -> Option<&'s Image> {
    let base = text(request, "/baseImage")?;
    let usable = |i: &&Image| i.region == region && visible(i, owner) && i.status == ImageStatus::Available;
    match text(request, "/baseImageType")? {
        "IMAGE" => store.image(region, base).filter(usable),
        "IMAGE_FAMILY" => store
            .images
            .values()
            .filter(usable)
            .filter(|i| i.family.as_deref() == Some(base))
            .max_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id))),
        _ => None,
    }
}

/// A template's `BuildContent` or `TestContent` as stored (it was checked when the template was made).
pub fn content(request: &Value, place: Place) -> Template {
    let field = if place == Place::Test { "/testContent" } else { "/buildContent" };
    template::parse(text(request, field).unwrap_or_default(), place).unwrap_or_default()
}

/// The image components a template references with `COMPONENT`.
pub fn referenced_components(pipeline: &Pipeline) -> Vec<String> {
    [Place::Build, Place::Test]
        .into_iter()
        .flat_map(|place| content(&pipeline.request, place).components().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

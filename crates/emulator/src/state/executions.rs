//! How an image pipeline execution runs by itself: PREPARING → BUILDING → TESTING → DISTRIBUTING →
//! RELEASING → SUCCESS, a few seconds each at `--speed 1`.
//!
//! On entering DISTRIBUTING the output image appears, Available, in the template's region (its ID
//! becomes the execution's `ImageId`), and a copy starts in each `ToRegionId`, Available when
//! DISTRIBUTING ends; RELEASING shares them all with the `AddAccount`s. Failures are deterministic
//! (see [`crate::template`]): a failing step in `BuildContent` or a build component ends the
//! execution in FAILED after BUILDING (`ErrorCode` `BuildCommandFailed`), one in `TestContent` or a
//! test component in TEST_FAILED after TESTING (`TestCommandFailed`). A cancelled execution is
//! CANCELLING for a few seconds, then CANCELLED.

use super::images::{inherited_attrs, set_disks, set_feature, Disk};
use super::lifecycle::{self, Timing};
use super::pipelines::{base_image, content, list, text};
use super::tags::{new_tags, tag_pairs};
use super::{AccountId, Due, Execution, ExecutionStatus as Status, Image, Millis, Origin, Owner, Pipeline, Store};
use crate::error::ServiceError;
use crate::template::{self, Place};
use ecsimg_core::catalogue::operation;
use serde_json::{Map, Value};

/// How long each status lasts at `--speed 1`, and what the execution says meanwhile.
fn stage(status: Status) -> Option<(u64, &'static str)> {
    Some(match status {
        Status::Preparing => (5_000, "Creating the intermediate instance."),
        Status::Building => (10_000, "Running the build commands on the intermediate instance."),
        Status::Testing => (5_000, "Running the test commands on the built image."),
        Status::Distributing => (10_000, "Distributing the image to the target regions."),
        Status::Releasing => (5_000, "Sharing the image and releasing the intermediate resources."),
        Status::Cancelling => (3_000, "Cancelling: releasing the intermediate resources."),
        _ => return None,
    })
}

/// Registers a new execution (PREPARING from its creation time) and schedules its first step.
pub fn start(store: &mut Store, execution: Execution, timing: &Timing) {
    let (id, at) = (execution.id.clone(), execution.created);
    store.executions.insert(id.clone(), execution);
    enter(store, &id, Status::Preparing, at, timing);
}

/// Stops an execution at `at`: CANCELLING, then CANCELLED.
pub fn cancel(store: &mut Store, id: &str, at: Millis, timing: &Timing) {
    store.unschedule(&Due::Execution(id.to_string()));
    enter(store, id, Status::Cancelling, at, timing);
}

/// Puts an execution into `status` at `at` and schedules what follows it.
fn enter(store: &mut Store, id: &str, status: Status, at: Millis, timing: &Timing) {
    let Some(execution) = store.executions.get_mut(id) else { return };
    execution.status = status;
    execution.since = at;
    execution.modified = at;
    if let Some((ms, message)) = stage(status) {
        execution.message = message.to_string();
        store.schedule(at + timing.scaled(ms), Due::Execution(id.to_string()));
    }
}

/// Ends an execution in a final `status`.
fn finish(store: &mut Store, id: &str, status: Status, at: Millis, error: Option<&str>, message: String) {
    let Some(execution) = store.executions.get_mut(id) else { return };
    execution.status = status;
    execution.since = at;
    execution.modified = at;
    execution.error_code = error.map(str::to_string);
    execution.message = message;
}

/// The first failing step of a template's build or test content, components included.
fn failing_step(store: &Store, pipeline: &Pipeline, place: Place) -> Option<String> {
    let template = content(&pipeline.request, place);
    if let Some(step) = template.failing_step() {
        return Some(format!("{} {}", step.command, step.args));
    }
    let found = template.components().find_map(|id| {
        let text = store.components.get(id)?.attrs.get("Content")?.as_str()?;
        let component = template::parse(text, Place::Component).ok()?;
        let step = component.failing_step()?;
        Some(format!("{} {} (in image component {id})", step.command, step.args))
    });
    found
}

/// What happens when an execution's current status is over.
pub fn due(store: &mut Store, id: &str, at: Millis, timing: &Timing) {
    let Some(execution) = store.executions.get(id) else { return };
    let Some(pipeline) = store.pipelines.get(&execution.pipeline).cloned() else { return };
    match execution.status {
        Status::Preparing => enter(store, id, Status::Building, at, timing),
        Status::Building | Status::Testing => {
            let (place, failed, code) = match execution.status {
                Status::Building => (Place::Build, Status::Failed, "BuildCommandFailed"),
                _ => (Place::Test, Status::TestFailed, "TestCommandFailed"),
            };
            match failing_step(store, &pipeline, place) {
                Some(step) => finish(store, id, failed, at, Some(code), format!("`{step}` exited with code 1.")),
                None if place == Place::Build => enter(store, id, Status::Testing, at, timing),
                None => match distribute(store, &pipeline, id, at, timing) {
                    Ok(()) => enter(store, id, Status::Distributing, at, timing),
                    Err((code, message)) => finish(store, id, Status::Failed, at, Some(code), message),
                },
            }
        }
        Status::Distributing => {
            share(store, &pipeline, id, at);
            enter(store, id, Status::Releasing, at, timing);
        }
        Status::Releasing => {
            let image = store.executions[id].image.clone().unwrap_or_default();
            finish(store, id, Status::Success, at, None, format!("The image {image} is ready."));
        }
        Status::Cancelling => finish(store, id, Status::Cancelled, at, None, "The execution was cancelled.".into()),
        _ => {}
    }
}

/// The output image's name: the template's image name (else its name), with `_<ExecutionId>`
/// unless `AdvancedOptions.ImageNameSuffix` is `disable`.
fn output_name(pipeline: &Pipeline, execution: &str) -> String {
    let request = &pipeline.request;
    let prefix = text(request, "/imageOptions/imageName").or(text(request, "/imageName")).unwrap_or(&pipeline.name);
    match text(request, "/advancedOptions/imageNameSuffix") {
        Some("disable") => prefix.to_string(),
        _ => format!("{prefix}_{execution}"),
    }
}

/// The output image's attributes: its base image's, the imported files' OS attributes, one system
/// disk of the template's `SystemDiskSize`, and the template's image options.
fn output_attrs(store: &Store, pipeline: &Pipeline) -> Map<String, Value> {
    let request = &pipeline.request;
    let base = base_image(store, pipeline.owner, &pipeline.region, request).map(|i| i.id.clone());
    let mut attrs = inherited_attrs(store, &pipeline.region, base.as_deref());
    if let Some(import) = pipeline.attrs.get("ImportImageOptions") {
        for field in ["Architecture", "BootMode", "OSType", "Platform", "LicenseType"] {
            if let Some(value) = import.get(field) {
                attrs.insert(field.into(), value.clone());
            }
        }
    }
    let size = pipeline.attrs.get("SystemDiskSize").and_then(Value::as_u64).unwrap_or(40);
    set_disks(&mut attrs, &[Disk::system(size, "")]);
    attrs.insert("Description".into(), text(request, "/imageOptions/description").unwrap_or_default().into());
    if let Some(nvme) = text(request, "/imageOptions/imageFeatures/nvmeSupport").filter(|n| *n != "auto") {
        set_feature(&mut attrs, "NvmeSupport", nvme);
    }
    attrs
}

/// Creates the output image (Available) and starts its copies into the target regions.
fn distribute(
    store: &mut Store,
    pipeline: &Pipeline,
    execution: &str,
    at: Millis,
    timing: &Timing,
) -> Result<(), (&'static str, String)> {
    let request = &pipeline.request;
    let owner = Owner::Account(pipeline.owner);
    let name = output_name(pipeline, execution);
    if store.images.values().any(|i| i.region == pipeline.region && i.owner == owner && i.name == name) {
        let code = "InvalidImageName.Duplicated";
        let documented = ServiceError::documented(operation("CreateImagePipeline"), code);
        return Err((code, documented.message));
    }
    let attrs = output_attrs(store, pipeline);
    let family = text(request, "/imageOptions/imageFamily").or(text(request, "/imageFamily"));
    let image = Image {
        origin: Origin::Built { execution: execution.to_string() },
        name,
        family: family.filter(|f| !f.is_empty()).map(str::to_string),
        tags: new_tags(tag_pairs(list(request, "/imageOptions/imageTags"))),
        ..Image::new(store.new_id("m-"), pipeline.region.clone(), owner, at, attrs)
    };
    let targets: Vec<&str> = list(request, "/toRegionId").iter().filter_map(Value::as_str).collect();
    let mut targets = crate::order::sorted(targets, |region| (0, 0, region));
    targets.dedup();
    for region in targets.into_iter().filter(|r| *r != pipeline.region) {
        let copy = Image { id: store.new_id("m-"), region: region.to_string(), ..image.clone() };
        lifecycle::start_image(store, copy, timing.span(at, stage(Status::Distributing).map_or(0, |s| s.0)), at);
    }
    if let Some(e) = store.executions.get_mut(execution) {
        e.image = Some(image.id.clone());
    }
    store.insert_image(image);
    Ok(())
}

/// Shares every image an execution built with the template's `AddAccount`s.
fn share(store: &mut Store, pipeline: &Pipeline, execution: &str, at: Millis) {
    let accounts: Vec<AccountId> = list(&pipeline.request, "/addAccount")
        .iter()
        .filter_map(|a| a.as_u64().or_else(|| a.as_str()?.parse().ok()))
        .filter(|a| *a != pipeline.owner)
        .collect();
    let built = Origin::Built { execution: execution.to_string() };
    for image in store.images.values_mut().filter(|i| i.origin == built) {
        for account in &accounts {
            image.shared_with.add(*account, at);
        }
    }
}

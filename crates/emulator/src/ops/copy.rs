//! CopyImage and CancelCopyImage. An account copies one image at a time into a region (its copy
//! slot): a copy ordered while the slot is busy is `Waiting` (0 %) until the copies before it are done.
//!
//! Decisions where the reference is silent: without `DestinationRegionId` the copy is made in the
//! source region (the service copies within a region too, e.g. to encrypt an image); an image
//! shared with the caller may be copied into its own region only (`OperationDenied.SameRegionOnly`
//! names that rule); a copy without `DestinationImageName` is named by its ID, as CreateImage does,
//! keeps the source's description unless given one, and belongs to no image family; the same image
//! copied into the same region twice at once is `OperationDenied.ImageCopyConflict`, while copies of
//! one image into several regions may run together, as the console offers.

use super::{body_of, images, Body, Call};
use crate::error::ServiceError;
use crate::seed;
use crate::state::images::visible;
use crate::state::lifecycle::{self, COPY_MS};
use crate::state::tags::new_tags;
use crate::state::{image_key, Due, Image, ImageStatus, Millis, Origin, Owner, Snapshot, Span, Store};
use serde_json::{json, Value};

pub fn copy(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default();
    let destination = call.str("destinationRegionId").unwrap_or(&call.region).to_string();
    if !seed::REGIONS.contains(&destination.as_str()) {
        return Err(call.error("DestinationRegion.NotFound"));
    }
    let source = source(store, call, id, &destination)?.clone();
    let owner = Owner::Account(call.account);
    let name = call.str("destinationImageName");
    let mine_there = |i: &&Image| i.region == destination && i.owner == owner;
    if name.is_some_and(|n| store.images.values().filter(mine_there).any(|i| i.name == n)) {
        return Err(call.error("InvalidImageName.Duplicated"));
    }
    if store.images.values().filter(mine_there).any(|i| in_progress_copy_of(i, id)) {
        return Err(call.error("OperationDenied.ImageCopyConflict"));
    }
    let encrypted = match (call.bool("encrypted"), is_encrypted(&source)) {
        (Some(false), true) => {
            return Err(call.error("OperationDeined.EncryptedSnapshot").with_message(
                "The image contains encrypted snapshots, which do not support copying to non-encrypted ones.",
            ))
        }
        (asked, source_encrypted) => asked.unwrap_or(source_encrypted),
    };
    let copy_id = store.new_id("m-");
    let mut attrs = source.attrs.clone();
    if let Some(description) = call.str("destinationDescription") {
        attrs.insert("Description".into(), description.into());
    }
    attrs.insert("ResourceGroupId".into(), call.str("resourceGroupId").unwrap_or_default().into());
    let mappings: Vec<Value> = disk_mappings(&source)
        .iter()
        .map(|mapping| {
            let mut mapping = mapping.clone();
            mapping["Encrypted"] = encrypted.into();
            if mapping["SnapshotId"].as_str().is_some_and(|s| !s.is_empty()) {
                let snapshot = copy_snapshot(store, &mapping, call, &destination, &copy_id);
                mapping["SnapshotId"] = snapshot.into();
            }
            mapping
        })
        .collect();
    attrs.insert("DiskDeviceMappings".into(), json!({ "DiskDeviceMapping": mappings }));
    let image = Image {
        status: ImageStatus::Waiting,
        origin: Origin::Copied { source: source.id.clone() },
        name: name.map_or_else(|| copy_id.clone(), str::to_string),
        tags: new_tags(call.tags("tag")),
        ..Image::new(copy_id.clone(), destination.clone(), owner, call.now, attrs)
    };
    let start = lifecycle::copy_slot_free_at(store, &destination, Owner::Account(call.account), call.now);
    lifecycle::start_image(store, image, call.timing.span(start, COPY_MS), call.now);
    Ok(body_of("ImageId", Value::String(copy_id)))
}

/// The image `call` may copy into `destination`: the caller's own custom image, or one shared with
/// the caller when it stays in its region. Public images are not custom images (not found);
/// community images of others cannot be copied.
fn source<'s>(store: &'s Store, call: &Call, id: &str, destination: &str) -> Result<&'s Image, ServiceError> {
    let image = store
        .image(&call.region, id)
        .filter(|i| i.owner != Owner::System && visible(i, call.account))
        .ok_or_else(|| call.error("InvalidImageId.NotFound").arg(id))?;
    if image.owner != Owner::Account(call.account) {
        if !image.shared_with.contains(call.account) && !image.shared_with_all() {
            return Err(call.error("OperationDenied.CommunityImage"));
        }
        if destination != call.region {
            return Err(call.error("OperationDenied.SameRegionOnly"));
        }
    }
    if image.status != ImageStatus::Available {
        return Err(call.error("IncorrectImageStatus"));
    }
    Ok(image)
}

fn in_progress_copy_of(image: &Image, source_id: &str) -> bool {
    matches!(&image.origin, Origin::Copied { source } if source == source_id)
        && matches!(image.status, ImageStatus::Waiting | ImageStatus::Creating)
}

fn disk_mappings(image: &Image) -> &[Value] {
    image.attrs["DiskDeviceMappings"]["DiskDeviceMapping"].as_array().map(Vec::as_slice).unwrap_or_default()
}

fn is_encrypted(image: &Image) -> bool {
    disk_mappings(image).iter().any(|m| m["Encrypted"] == true)
}

/// The destination's snapshot behind one disk of the copy, which images can be made from later.
fn copy_snapshot(store: &mut Store, mapping: &Value, call: &Call, region: &str, copy_id: &str) -> String {
    let id = store.new_id("s-");
    let size = mapping["Size"].as_str().and_then(|s| s.parse().ok()).unwrap_or(40);
    let snapshot = Snapshot {
        id: id.clone(),
        region: region.to_string(),
        owner: call.account,
        disk_type: mapping["Type"].as_str().unwrap_or("system").to_string(),
        size_gib: size,
        corrupt: false,
        source_image: Some(copy_id.to_string()),
    };
    store.snapshots.insert(id.clone(), snapshot);
    id
}

pub fn cancel(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default().to_string();
    let image = images::own_image_mut(store, call, &id)?;
    if !matches!(image.origin, Origin::Copied { .. }) {
        return Err(call.error("ImageCreatedNotFromCopy"));
    }
    match image.status {
        ImageStatus::Waiting | ImageStatus::Creating => {}
        ImageStatus::CreateFailed => {
            return Err(call.error("IncorrectImageStatus").with_message("The Image copy has been failed."))
        }
        _ => return Err(call.error("IncorrectImageStatus").with_message("The image copy has completed.")),
    }
    let key = image_key(&call.region, &id);
    store.images.remove(&key);
    store.unschedule(&Due::Image(key));
    store.snapshots.retain(|s| !(s.region == call.region && s.source_image.as_deref() == Some(id.as_str())));
    requeue(store, &call.region, Owner::Account(call.account), call.now);
    Ok(Body::new())
}

/// Moves the copies waiting for `region`'s slot forward after one left it, in their order: each
/// starts as soon as the slot is free, and takes as long as planned.
fn requeue(store: &mut Store, region: &str, owner: Owner, now: Millis) {
    let mut waiting: Vec<Image> = Vec::new();
    store.images.retain(|i| {
        let queued = i.region == region
            && i.owner == owner
            && i.status == ImageStatus::Waiting
            && matches!(i.origin, Origin::Copied { .. });
        if queued {
            waiting.push(i.clone());
        }
        !queued
    });
    // Those without a planned start (none in practice) first, then by start and ID.
    let waiting =
        crate::order::sorted(waiting, |i| (i.progress.is_some().into(), i.progress.map_or(0, |p| p.start), &i.id));
    for image in waiting {
        store.unschedule(&Due::Image(image_key(&image.region, &image.id)));
        let planned = image.progress.map_or(0, |p| p.end - p.start);
        let start = lifecycle::copy_slot_free_at(store, region, owner, now);
        lifecycle::start_image(store, image, Span { start, end: start + planned }, now);
    }
}

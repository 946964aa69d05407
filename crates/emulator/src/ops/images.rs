//! CreateImage, DescribeImages, DescribeImageFromFamily, ModifyImageAttribute, DeleteImage, and how
//! an image looks to whoever describes it.

use super::{body_of, newest_first, paging, tags_body, Body, Call};
use crate::error::ServiceError;
use crate::seed::instance_types;
use crate::state::images::{default_device, inherited_attrs, set_disks, set_feature, visible, Disk};
use crate::state::lifecycle::{self, CREATE_MS};
use crate::state::tags::new_tags;
use crate::state::{AccountId, Image, ImageStatus, Millis, Origin, Owner, Snapshot, Store, TaskKind};
use serde_json::{json, Map, Value};

/// `system`, `marketplace`, `self` or `others`, as seen by `viewer`.
pub fn owner_alias(image: &Image, viewer: AccountId) -> &'static str {
    match image.owner {
        Owner::System => "system",
        Owner::Marketplace => "marketplace",
        Owner::Account(owner) if owner == viewer => "self",
        Owner::Account(_) => "others",
    }
}

/// Whether any instance runs the image.
pub fn in_use(store: &Store, image: &Image) -> bool {
    store.instances.values().any(|i| i.region == image.region && i.image == image.id)
}

/// The image as DescribeImages answers it to `viewer` at `now`.
pub fn view(store: &Store, image: &Image, viewer: AccountId, now: Millis) -> Value {
    let mut out: Map<String, Value> = image.attrs.clone();
    let progress = match (image.status, image.progress) {
        (ImageStatus::Creating, Some(span)) => format!("{}%", span.percent(now)),
        (ImageStatus::Waiting, _) => "0%".to_string(),
        _ => "100%".to_string(),
    };
    out.insert("ImageId".into(), image.id.clone().into());
    out.insert("ImageName".into(), image.name.clone().into());
    out.insert("ImageFamily".into(), image.family.clone().unwrap_or_default().into());
    out.insert("Status".into(), image.status.as_str().into());
    out.insert("Progress".into(), progress.into());
    out.insert("CreationTime".into(), super::iso(image.created).into());
    out.insert("ImageOwnerAlias".into(), owner_alias(image, viewer).into());
    if let Owner::Account(owner) = image.owner {
        out.insert("ImageOwnerId".into(), owner.into());
    }
    out.insert("IsPublic".into(), (image.owner == Owner::System || image.community).into());
    out.insert("IsCopied".into(), matches!(image.origin, Origin::Copied { .. }).into());
    let self_shared =
        image.owner == Owner::Account(viewer) && (!image.shared_with.is_empty() || !image.share_groups.is_empty());
    out.insert("IsSelfShared".into(), if self_shared { "True" } else { "" }.into());
    out.insert("Usage".into(), if in_use(store, image) { "instance" } else { "none" }.into());
    out.insert("Usable".into(), matches!(image.status, ImageStatus::Available).into());
    out.insert("Tags".into(), tags_body(&image.tags));
    Value::Object(out)
}

/// The caller's own image in the call's region, or `InvalidImageId.NotFound`.
pub fn own_image_mut<'s>(store: &'s mut Store, call: &Call, id: &str) -> Result<&'s mut Image, ServiceError> {
    match store.image_mut(&call.region, id) {
        Some(image) if image.owner == Owner::Account(call.account) => Ok(image),
        _ => Err(call.error("InvalidImageId.NotFound")),
    }
}

/// Whether the caller already has an image called `name` in the region (other than `except`).
pub fn name_taken(store: &Store, call: &Call, name: &str, except: Option<&str>) -> bool {
    store.images.values().any(|i| {
        i.region == call.region
            && i.owner == Owner::Account(call.account)
            && i.name == name
            && Some(i.id.as_str()) != except
    })
}

/// What a new image is made from: the attributes it inherits, its disks, and whether making it
/// fails (a corrupt snapshot).
struct Source {
    attrs: Map<String, Value>,
    disks: Vec<Disk>,
    fails: bool,
}

pub fn create(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let name = call.str("imageName");
    if name.is_some_and(|n| name_taken(store, call, n, None)) {
        return Err(call.error("InvalidImageName.Duplicated"));
    }
    let Source { mut attrs, disks, fails } = source(store, call)?;
    set_given_attrs(call, &mut attrs);
    set_disks(&mut attrs, &disks);
    let id = store.new_id("m-");
    let image = Image {
        status: ImageStatus::Creating,
        fails,
        name: name.map_or_else(|| id.clone(), str::to_string),
        family: call.str("imageFamily").map(str::to_string),
        tags: new_tags(call.tags("tag")),
        ..Image::new(id.clone(), call.region.clone(), Owner::Account(call.account), call.now, attrs)
    };
    lifecycle::start_image(store, image, call.timing.span(call.now, CREATE_MS), call.now);
    Ok(body_of("ImageId", Value::String(id)))
}

/// The image's source, by priority: InstanceId > DiskDeviceMapping > SnapshotId.
fn source(store: &Store, call: &Call) -> Result<Source, ServiceError> {
    if let Some(instance_id) = call.str("instanceId") {
        from_instance(store, call, instance_id)
    } else if !call.list("diskDeviceMapping").is_empty() {
        from_mappings(store, call, call.list("diskDeviceMapping"))
    } else {
        from_snapshot(store, call, call.str("snapshotId").unwrap_or_default())
    }
}

/// `InstanceId`: the instance's system disk, with the attributes of the image it runs.
fn from_instance(store: &Store, call: &Call, id: &str) -> Result<Source, ServiceError> {
    let instance = store
        .instances
        .get(id)
        .filter(|i| i.owner == call.account && i.region == call.region)
        .ok_or_else(|| call.error("InvalidInstanceId.NotFound").arg(id))?;
    if instance.status != "Running" && instance.status != "Stopped" {
        return Err(call.error("IncorrectInstanceStatus"));
    }
    let attrs = inherited_attrs(store, &call.region, Some(&instance.image));
    Ok(Source { attrs, disks: vec![Disk::system(instance.system_disk_gib, "")], fails: false })
}

/// `SnapshotId`: a system disk's snapshot, with the attributes of the image it was taken from.
fn from_snapshot(store: &Store, call: &Call, id: &str) -> Result<Source, ServiceError> {
    let snapshot = own_snapshot(store, call, id)?;
    if snapshot.disk_type != "system" {
        return Err(call.error("OperationDenied").with_message("The specified snapshot is not from system disk."));
    }
    let attrs = inherited_attrs(store, &call.region, snapshot.source_image.as_deref());
    Ok(Source { attrs, disks: vec![Disk::system(snapshot.size_gib, id)], fails: snapshot.corrupt })
}

/// `DiskDeviceMapping.N`: one system disk (whose snapshot's image gives the attributes) and any
/// data disks.
fn from_mappings(store: &Store, call: &Call, mappings: &[Value]) -> Result<Source, ServiceError> {
    let denied = |message: &str| call.error("OperationDenied").with_message(message);
    let mut disks = Vec::new();
    // The image the system disk's snapshot was taken from, once there is a system disk.
    let mut system_source = None;
    let mut fails = false;
    for (index, mapping) in mappings.iter().enumerate() {
        let (disk, snapshot) = mapping_disk(store, call, index, mapping)?;
        if disk.system {
            if system_source.is_some() {
                return Err(denied(
                    "The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots.",
                ));
            }
            system_source = Some(snapshot.and_then(|s| s.source_image.as_deref()));
        }
        fails |= snapshot.is_some_and(|s| s.corrupt);
        disks.push(disk);
    }
    let Some(source) = system_source else {
        return Err(denied(
            "The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot.",
        ));
    };
    Ok(Source { attrs: inherited_attrs(store, &call.region, source), disks, fails })
}

/// One `DiskDeviceMapping.N` (the first one is the system disk unless it says otherwise), and the
/// snapshot it is made from, if any.
fn mapping_disk<'s>(
    store: &'s Store,
    call: &Call,
    index: usize,
    mapping: &Value,
) -> Result<(Disk, Option<&'s Snapshot>), ServiceError> {
    let field = |name: &str| mapping.get(name).and_then(Value::as_str);
    let snapshot = field("snapshotId").map(|id| own_snapshot(store, call, id)).transpose()?;
    let default_type = if index == 0 { "system" } else { "data" };
    let system = field("diskType").or(snapshot.map(|s| s.disk_type.as_str())).unwrap_or(default_type) == "system";
    let minimum = snapshot.map_or(if system { 20 } else { 5 }, |s| s.size_gib);
    let size_gib = mapping.get("size").and_then(Value::as_u64).unwrap_or(minimum);
    if size_gib < minimum {
        return Err(call.error("InvalidSize.ValueNotSupported"));
    }
    let device = field("device").map_or_else(|| default_device(index), str::to_string);
    let snapshot_id = field("snapshotId").unwrap_or_default().to_string();
    Ok((Disk { device, system, size_gib, snapshot: snapshot_id }, snapshot))
}

/// The caller's snapshot in the call's region, or `InvalidSnapshotId.NotFound`.
fn own_snapshot<'s>(store: &'s Store, call: &Call, id: &str) -> Result<&'s Snapshot, ServiceError> {
    let snapshot = store.snapshots.get(id).filter(|s| s.owner == call.account && s.region == call.region);
    snapshot.ok_or_else(|| call.error("InvalidSnapshotId.NotFound"))
}

/// What the call itself says about the new image, over what it inherits.
fn set_given_attrs(call: &Call, attrs: &mut Map<String, Value>) {
    for (field, wire) in [
        ("architecture", "Architecture"),
        ("platform", "Platform"),
        ("bootMode", "BootMode"),
        ("imageVersion", "ImageVersion"),
    ] {
        if let Some(value) = call.str(field) {
            attrs.insert(wire.into(), value.into());
        }
    }
    attrs.insert("Description".into(), call.str("description").unwrap_or_default().into());
    attrs.insert("ResourceGroupId".into(), call.str("resourceGroupId").unwrap_or_default().into());
    if let Some(imds) = call.request.pointer("/features/imdsSupport").and_then(Value::as_str) {
        set_feature(attrs, "ImdsSupport", imds);
    }
    if let Some(secure_boot) = call.request.pointer("/secureBootOptions/secureBootSupport").and_then(Value::as_str) {
        attrs.insert("SecureBootOptions".into(), json!({ "SecureBootSupport": secure_boot }));
    }
    if call.str("detectionStrategy").is_some() {
        attrs.insert("DetectionOptions".into(), json!({"Status": "Finished", "Items": {"Item": []}}));
    }
}

/// The `Status` filter: comma-separated, default `Available`, `ALL` for any.
fn status_filter<'a>(call: &'a Call) -> Vec<&'a str> {
    match call.str("status") {
        Some(s) if s.split(',').any(|p| p == "ALL") => Vec::new(),
        Some(s) => s.split(',').collect(),
        None => vec!["Available"],
    }
}

/// `ImageOwnerAlias`: the one asked for, or, when none is, system, self and others (not the
/// Marketplace's, which are listed only when asked for by name).
fn owner_matches(asked: Option<&str>, alias: &str) -> bool {
    asked.map_or(alias != "marketplace", |a| a == alias)
}

pub fn describe(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let statuses = status_filter(call);
    let alias = call.str("imageOwnerAlias");
    let ids: Option<Vec<&str>> = call.str("imageId").map(|s| s.split(',').map(str::trim).collect());
    let tag_filter = call.tags("tag");
    let instance_arch = match call.str("instanceType") {
        Some(t) => {
            Some(instance_types::find(t).ok_or_else(|| call.error("InvalidInstanceType.ValueNotSupported"))?.arch)
        }
        None => None,
    };
    let attr = |image: &Image, key: &str| image.attrs.get(key).and_then(Value::as_str).map(str::to_string);
    let found: Vec<&Image> = store
        .images
        .values()
        .filter(|i| i.region == call.region && visible(i, call.account))
        .filter(|i| statuses.is_empty() || statuses.contains(&i.status.as_str()))
        .filter(|i| owner_matches(alias, owner_alias(i, call.account)))
        .filter(|i| ids.as_ref().is_none_or(|ids| ids.contains(&i.id.as_str())))
        .filter(|i| call.str("imageName").is_none_or(|n| i.name.contains(n)))
        .filter(|i| call.str("imageFamily").is_none_or(|f| i.family.as_deref() == Some(f)))
        .filter(|i| call.str("OSType").is_none_or(|t| attr(i, "OSType").as_deref() == Some(t)))
        .filter(|i| call.str("architecture").is_none_or(|a| attr(i, "Architecture").as_deref() == Some(a)))
        .filter(|i| instance_arch.is_none_or(|a| attr(i, "Architecture").as_deref() == Some(a)))
        .filter(|i| call.str("resourceGroupId").is_none_or(|g| attr(i, "ResourceGroupId").as_deref() == Some(g)))
        .filter(|i| call.int("imageOwnerId").is_none_or(|o| i.owner == Owner::Account(o as AccountId)))
        .filter(|i| call.bool("isPublic").is_none_or(|p| p == (i.owner == Owner::System || i.community)))
        .filter(|i| call.str("usage").is_none_or(|u| (u == "instance") == in_use(store, i)))
        .filter(|i| {
            call.str("snapshotId").is_none_or(|s| {
                i.attrs["DiskDeviceMappings"]["DiskDeviceMapping"]
                    .as_array()
                    .is_some_and(|m| m.iter().any(|d| d["SnapshotId"] == s))
            })
        })
        .filter(|i| super::matches_tags(&i.tags, &tag_filter))
        .collect();
    // Newest first, as the console lists them.
    let found = newest_first(found, |i| (i.created, &i.id));
    let mut body = Body::new();
    body.insert("RegionId".into(), call.region.clone().into());
    // Only the page is turned into JSON; `json!` would deep-copy a non-literal value.
    let page = paging::by_page_number(call, found, &mut body);
    let views: Vec<Value> = page.iter().map(|i| view(store, i, call.account, call.now)).collect();
    body.insert("Images".into(), Value::Object(body_of("Image", Value::Array(views))));
    Ok(body)
}

pub fn describe_from_family(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let family = call.str("imageFamily").unwrap_or_default();
    let newest = store
        .images
        .values()
        .filter(|i| i.region == call.region && visible(i, call.account))
        .filter(|i| i.family.as_deref() == Some(family) && i.status == ImageStatus::Available)
        .max_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    let image = newest.map_or_else(|| json!({}), |i| view(store, i, call.account, call.now));
    Ok(body_of("Image", image))
}

pub fn modify(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default().to_string();
    let name = call.str("imageName");
    if name.is_some_and(|n| name_taken(store, call, n, Some(&id))) {
        return Err(call.error("InvalidImageName.Duplicated"));
    }
    let used = store.image(&call.region, &id).is_some_and(|i| in_use(store, i));
    let image = own_image_mut(store, call, &id)?;
    if matches!(image.status, ImageStatus::Creating | ImageStatus::Waiting) {
        return Err(call.error("InvalidStatus.ImageIsCreating"));
    }
    if let Some(boot_mode) = call.str("bootMode") {
        if used {
            return Err(call.error("OperationDeined.ImageUsingByInstance"));
        }
        let arm = image.attrs.get("Architecture").and_then(Value::as_str) == Some("arm64");
        if arm && boot_mode != "UEFI" {
            return Err(call.error("InvalidBootMode.NotSupport"));
        }
    }
    let features = image.attrs.get("Features").and_then(Value::as_object).cloned().unwrap_or_default();
    if let Some(imds) = call.request.pointer("/features/imdsSupport").and_then(Value::as_str) {
        if imds == "v1" && features.get("ImdsSupport").and_then(Value::as_str) == Some("v2") {
            return Err(call.error("InvalidOperation.FeaturesImdsSupportNotMatch"));
        }
    }
    match call.str("status") {
        Some("Deprecated") if image.status != ImageStatus::Available => {
            return Err(call.error("ImageStatus.NotAvailable"))
        }
        Some("Available") if image.status != ImageStatus::Deprecated => {
            return Err(call.error("ImageStatus.NotDeprecated"))
        }
        Some("Deprecated") => image.status = ImageStatus::Deprecated,
        Some("Available") => image.status = ImageStatus::Available,
        _ => {}
    }
    if let Some(name) = name {
        image.name = name.to_string();
    }
    if let Some(family) = call.str("imageFamily") {
        image.family = Some(family.to_string()).filter(|f| !f.is_empty());
    }
    for (field, wire) in [("description", "Description"), ("bootMode", "BootMode"), ("licenseType", "LicenseType")] {
        if let Some(value) = call.str(field) {
            image.attrs.insert(wire.into(), value.into());
        }
    }
    let mut features = features;
    for (field, wire) in [("/features/imdsSupport", "ImdsSupport"), ("/features/nvmeSupport", "NvmeSupport")] {
        if let Some(value) = call.request.pointer(field).and_then(Value::as_str) {
            features.insert(wire.into(), value.into());
        }
    }
    image.attrs.insert("Features".into(), Value::Object(features));
    Ok(Body::new())
}

pub fn delete(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default().to_string();
    let force = call.bool("force").unwrap_or(false);
    let copying = store
        .images
        .values()
        .any(|i| matches!(&i.origin, Origin::Copied { source } if *source == id) && i.progress.is_some());
    let exporting =
        store.tasks.values().any(|t| t.image == id && t.region == call.region && t.kind == TaskKind::Export && !t.done);
    let used = store.image(&call.region, &id).is_some_and(|i| in_use(store, i));
    let image = own_image_mut(store, call, &id)?;
    match image.status {
        ImageStatus::Creating | ImageStatus::Waiting if matches!(image.origin, Origin::Copied { .. }) => {
            return Err(call.error("OperationDenied.ImageCopying"))
        }
        ImageStatus::Creating | ImageStatus::Waiting if matches!(image.origin, Origin::Imported { .. }) => {
            return Err(call.error("ImageIsImporting"))
        }
        ImageStatus::Creating | ImageStatus::Waiting => return Err(call.error("ImageIsCreating")),
        _ => {}
    }
    if copying {
        return Err(call.error("OperationDenied.ImageCopying"));
    }
    if exporting {
        return Err(call.error("ImageIsExporting"));
    }
    if image.community {
        return Err(call.error("ImageIsPublic"));
    }
    if !force && (!image.shared_with.is_empty() || !image.share_groups.is_empty()) {
        return Err(call.error("ImageUseShared"));
    }
    if !force && used {
        return Err(call.error("ImageUsingByInstance"));
    }
    store.images.remove(&crate::state::image_key(&call.region, &id));
    Ok(Body::new())
}

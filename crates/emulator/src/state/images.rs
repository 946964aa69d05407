//! What every way of making an image shares (CreateImage, a copy, a pipeline's build): who can see
//! an image, what a new one inherits from the image it is made from, and how its disks are kept.

use super::{AccountId, Image, Owner, Store};
use serde_json::{json, Map, Value};

/// Whether `viewer` can see `image` at all: public, own, shared with them (or with everyone), or
/// published to the community.
pub fn visible(image: &Image, viewer: AccountId) -> bool {
    match image.owner {
        Owner::System | Owner::Marketplace => true,
        Owner::Account(owner) => {
            owner == viewer || image.shared_with.contains(viewer) || image.shared_with_all() || image.community
        }
    }
}

/// What a new image inherits from the image behind an instance or a snapshot (or an image
/// template's base image).
pub fn inherited_attrs(store: &Store, region: &str, source_image: Option<&str>) -> Map<String, Value> {
    let mut attrs = source_image.and_then(|id| store.image(region, id)).map(|i| i.attrs.clone()).unwrap_or_default();
    attrs.remove("DiskDeviceMappings");
    attrs.insert("ProductCode".into(), "".into());
    attrs.insert("IsSubscribed".into(), false.into());
    attrs.entry("Architecture").or_insert_with(|| "x86_64".into());
    attrs.entry("OSType").or_insert_with(|| "linux".into());
    attrs.entry("Platform").or_insert_with(|| "Others Linux".into());
    attrs
}

/// One disk of an image made from an instance, from snapshots or by a build.
pub struct Disk {
    pub device: String,
    pub system: bool,
    pub size_gib: u64,
    /// The snapshot it is made from; empty when none.
    pub snapshot: String,
}

impl Disk {
    /// The system disk of an image made from a single disk: its first device.
    pub fn system(size_gib: u64, snapshot: &str) -> Disk {
        Disk { device: default_device(0), system: true, size_gib, snapshot: snapshot.to_string() }
    }
}

/// The device of an image's disk `index` when the call names none: `/dev/xvda`, `/dev/xvdb`...
pub fn default_device(index: usize) -> String {
    format!("/dev/xvd{}", (b'a' + index as u8) as char)
}

/// Sets a new image's `Size` (its system disk's, 40 GiB without one) and its `DiskDeviceMappings`.
pub fn set_disks(attrs: &mut Map<String, Value>, disks: &[Disk]) {
    let system_size = disks.iter().find(|d| d.system).map_or(40, |d| d.size_gib);
    attrs.insert("Size".into(), system_size.into());
    let mappings: Vec<Value> = disks
        .iter()
        .map(|d| {
            json!({"Device": d.device, "Type": if d.system { "system" } else { "data" }, "Size": d.size_gib.to_string(), "SnapshotId": d.snapshot, "Format": "", "ImportOSSBucket": "", "ImportOSSObject": "", "Progress": "100%", "RemainTime": 0})
        })
        .collect();
    attrs.insert("DiskDeviceMappings".into(), json!({ "DiskDeviceMapping": mappings }));
}

/// Sets one of an image's `Features` (`ImdsSupport`, `NvmeSupport`), keeping the others.
pub fn set_feature(attrs: &mut Map<String, Value>, name: &str, value: &str) {
    let mut features = attrs.get("Features").and_then(Value::as_object).cloned().unwrap_or_default();
    features.insert(name.into(), value.into());
    attrs.insert("Features".into(), Value::Object(features));
}

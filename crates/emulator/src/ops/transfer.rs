//! ImportImage and ExportImage: custom images in from and out to the caller's OSS buckets, each as
//! a task (`t-…`) that runs for a while and, for exports, leaves an object in the bucket.
//!
//! An import ends in `CreateFailed` when a file is not in the format its `DiskDeviceMapping.N.Format`
//! declares (e.g. `images/ubuntu-22.04.raw` imported as `QCOW2`): like the service, the emulator
//! only finds out when it reads the file, after the call has answered.

use super::images::name_taken;
use super::{Body, Call};
use crate::error::ServiceError;
use crate::state::images::{default_device, visible};
use crate::state::lifecycle::{self, EXPORT_MS, IMPORT_MS};
use crate::state::tags::new_tags;
use crate::state::{Bucket, Due, Image, ImageStatus, Origin, Owner, Span, Store, Task, TaskKind};
use serde_json::{json, Map, Value};

const GIB: u64 = 1 << 30;

/// Image file suffixes import reads, and the format each one means.
const SUFFIXES: &[(&str, &str)] =
    &[("raw", "RAW"), ("img", "RAW"), ("vhd", "VHD"), ("qcow2", "QCOW2"), ("vmdk", "VMDK")];

/// The smallest system disk an imported image gets when `DiskImageSize` is not given.
const MIN_SYSTEM_GIB: u64 = 20;

/// The only role ECS assumes to write exported images: any other name is refused.
const EXPORT_ROLE: &str = "AliyunECSImageExportDefaultRole";

/// Regions where ExportImage takes an `ImageFormat` other than raw.
const FORMAT_REGIONS: &[&str] = &["ap-southeast-1", "us-west-1", "eu-central-1"];

/// Export limits on data disks: how many, and how large each (GiB).
const EXPORT_MAX_DATA_DISKS: usize = 4;
const EXPORT_MAX_DATA_GIB: u64 = 500;

/// The caller's bucket `name` in the call's region. No such bucket, or one in another region, is
/// `InvalidOSSBucket.NotFound`; another account's bucket is `InvalidOSS.NotAuthorized` (bucket
/// names are global, so it exists, but the caller's ECS role may not touch it).
fn own_bucket<'s>(store: &'s Store, call: &Call, name: &str) -> Result<&'s Bucket, ServiceError> {
    match store.buckets.get(name) {
        Some(bucket) if bucket.region == call.region && bucket.owner == call.account => Ok(bucket),
        Some(bucket) if bucket.region == call.region => Err(call.error("InvalidOSS.NotAuthorized")),
        _ => Err(call.error("InvalidOSSBucket.NotFound")),
    }
}

/// Registers a task on `image` over `span` (with the object an export writes) and returns its ID.
fn start_task(
    store: &mut Store,
    call: &Call,
    kind: TaskKind,
    image: &str,
    span: Span,
    target: Option<(String, String)>,
) -> String {
    let id = store.new_id("t-");
    let (bucket, object) = target.unzip();
    let task = Task {
        id: id.clone(),
        region: call.region.clone(),
        owner: call.account,
        kind,
        image: image.to_string(),
        span,
        bucket,
        object,
        done: false,
    };
    store.tasks.insert(id.clone(), task);
    store.schedule(span.end, Due::Task(id.clone()));
    id
}

/// One checked `DiskDeviceMapping.N`, as the image's `DiskDeviceMappings` shows it.
struct Disk {
    device: String,
    system: bool,
    size_gib: u64,
    format: String,
    bucket: String,
    object: String,
    /// The file is not in the declared format: the import fails once the file is read.
    mismatch: bool,
}

impl Disk {
    fn view(&self) -> Value {
        json!({
            "Device": self.device,
            "Type": if self.system { "system" } else { "data" },
            "Size": self.size_gib.to_string(),
            "SnapshotId": "",
            "Format": self.format,
            "ImportOSSBucket": self.bucket,
            "ImportOSSObject": self.object,
        })
    }
}

/// The format an object's suffix names: `Ok(None)` without a suffix (the service detects it),
/// `UnsupportedSuffix.OSSObject` for a suffix that is not an image file's.
fn suffix_format(call: &Call, object: &str) -> Result<Option<&'static str>, ServiceError> {
    let file = object.rsplit('/').next().unwrap_or(object);
    let Some((_, suffix)) = file.rsplit_once('.') else { return Ok(None) };
    let suffix = suffix.to_ascii_lowercase();
    let known = SUFFIXES.iter().find(|(s, _)| *s == suffix).map(|(_, format)| *format);
    known.map(Some).ok_or_else(|| call.error("UnsupportedSuffix.OSSObject"))
}

fn check_disk(store: &Store, call: &Call, index: usize, mapping: &Value) -> Result<Disk, ServiceError> {
    let text = |field: &str| mapping.get(field).and_then(Value::as_str).unwrap_or_default().to_string();
    let (bucket_name, object) = (text("OSSBucket"), text("OSSObject"));
    let bucket = own_bucket(store, call, &bucket_name)?;
    let bytes = *bucket.objects.get(&object).ok_or_else(|| call.error("InvalidOSSObject.NotFound"))?;
    if bytes == 0 {
        return Err(call.error("InvalidOSSObject.Size"));
    }
    let detected = suffix_format(call, &object)?;
    let declared = mapping.get("format").and_then(Value::as_str);
    let system = index == 0;
    let file_gib = bytes.div_ceil(GIB);
    let size = mapping.get("diskImageSize").or_else(|| mapping.get("diskImSize")).and_then(Value::as_u64);
    let size_gib = size.unwrap_or(if system { file_gib.max(MIN_SYSTEM_GIB) } else { file_gib });
    if size_gib < file_gib {
        return Err(if system {
            call.error("InvalidImageSize").arg(&format!(
                "The specified DiskDeviceMapping.1.DiskImageSize ({size_gib} GiB) is smaller than the image file {object} ({file_gib} GiB)."
            ))
        } else {
            call.error("InvalidDataDiskSize")
        });
    }
    let device = mapping.get("device").and_then(Value::as_str).map_or_else(|| default_device(index), str::to_string);
    let letter = device.strip_prefix("/dev/xvd").unwrap_or_default();
    if letter.len() != 1 || !letter.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(call.error("InvalidParameter.Malformed"));
    }
    Ok(Disk {
        device,
        system,
        size_gib,
        format: declared.or(detected).unwrap_or("RAW").to_string(),
        bucket: bucket_name,
        object,
        mismatch: matches!((declared, detected), (Some(d), Some(f)) if d != f),
    })
}

/// Whether any value comes twice.
fn repeats(mut values: impl Iterator<Item = String>) -> bool {
    let mut seen = Vec::new();
    values.any(|v| {
        let again = seen.contains(&v);
        seen.push(v);
        again
    })
}

/// The image's OS attributes from `OSType`, `Platform`, `Architecture`, `BootMode` and
/// `LicenseType`, refusing the combinations the service refuses.
fn os_attrs(call: &Call) -> Result<Map<String, Value>, ServiceError> {
    let windows = call.str("OSType") == Some("windows");
    let platform = call.str("platform").unwrap_or(if windows { "Other Windows" } else { "Others Linux" });
    let windows_platform = platform.starts_with("Windows") || platform == "Other Windows";
    if windows_platform != windows {
        return Err(call.error("InvalidPlatform.Malformed"));
    }
    let arch = call.str("architecture").unwrap_or("x86_64");
    if arch == "arm64" && windows {
        return Err(call.error("InvalidArchitecture.PlatformUnsupported"));
    }
    let license = call.str("licenseType");
    if platform == "RedHat" && license.is_some_and(|l| l != "BYOL") {
        return Err(call.error("InvalidLicenseType.BYOLOnly"));
    }
    if windows && call.str("detectionStrategy").is_some() {
        return Err(call.error("ImageCheckUnsupported.WindowsImage"));
    }
    let boot = call.str("bootMode").unwrap_or(if arch == "arm64" { "UEFI" } else { "BIOS" });
    let os_name = format!("{platform} {} bit", if arch == "i386" { 32 } else { 64 });
    let mut attrs = Map::new();
    attrs.insert("OSType".into(), (if windows { "windows" } else { "linux" }).into());
    attrs.insert("Platform".into(), platform.into());
    attrs.insert("Architecture".into(), arch.into());
    attrs.insert("BootMode".into(), boot.into());
    attrs.insert("LicenseType".into(), license.unwrap_or(if windows { "Aliyun" } else { "Auto" }).into());
    attrs.insert("OSName".into(), os_name.clone().into());
    attrs.insert("OSNameEn".into(), os_name.into());
    Ok(attrs)
}

pub fn import(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let name = call.str("imageName");
    if name.is_some_and(|n| name_taken(store, call, n, None)) {
        return Err(call.error("InvalidImageName.Duplicated"));
    }
    if call.str("storageLocationArn").is_some() {
        return Err(call.error("InvalidOperation.CloudBoxImageImportUnsupported"));
    }
    let tags = call.tags("tag");
    if repeats(tags.iter().map(|(k, _)| k.to_lowercase())) {
        return Err(call.error("TagKey.Duplication"));
    }
    let mut attrs = os_attrs(call)?;
    let disks = call
        .list("diskDeviceMapping")
        .iter()
        .enumerate()
        .map(|(i, mapping)| check_disk(store, call, i, mapping))
        .collect::<Result<Vec<Disk>, _>>()?;
    if repeats(disks.iter().map(|d| d.device.clone())) {
        return Err(call.error("InvalidParameter.Malformed"));
    }
    let features =
        |field: &str, default: &str| call.request.pointer(field).and_then(Value::as_str).unwrap_or(default).to_string();
    attrs.insert(
        "Features".into(),
        json!({"ImdsSupport": features("/features/imdsSupport", "v1"), "NvmeSupport": features("/features/nvmeSupport", "unsupported")}),
    );
    attrs.insert("Description".into(), call.str("description").unwrap_or_default().into());
    attrs.insert("ResourceGroupId".into(), call.str("resourceGroupId").unwrap_or_default().into());
    attrs.insert("ProductCode".into(), "".into());
    attrs.insert("IsSubscribed".into(), false.into());
    attrs.insert("IsSupportIoOptimized".into(), true.into());
    if call.str("detectionStrategy").is_some() {
        attrs.insert("DetectionOptions".into(), json!({"Status": "Finished", "Items": {"Item": []}}));
    }
    attrs.insert("Size".into(), disks[0].size_gib.into());
    let mappings: Vec<Value> = disks.iter().map(Disk::view).collect();
    attrs.insert("DiskDeviceMappings".into(), json!({ "DiskDeviceMapping": mappings }));
    let id = store.new_id("m-");
    let span = call.timing.span(call.now, IMPORT_MS);
    let task = start_task(store, call, TaskKind::Import, &id, span, None);
    let image = Image {
        status: ImageStatus::Creating,
        fails: disks.iter().any(|d| d.mismatch),
        origin: Origin::Imported { task: task.clone() },
        name: name.map_or_else(|| id.clone(), str::to_string),
        tags: new_tags(tags),
        ..Image::new(id.clone(), call.region.clone(), Owner::Account(call.account), call.now, attrs)
    };
    lifecycle::start_image(store, image, span, call.now);
    let mut body = Body::new();
    body.insert("ImageId".into(), id.into());
    body.insert("RegionId".into(), call.region.clone().into());
    body.insert("TaskId".into(), task.into());
    Ok(body)
}

/// Why the image cannot be exported at all, whatever the destination.
fn refuse_export(store: &Store, call: &Call, image: &Image) -> Result<(), ServiceError> {
    match image.owner {
        Owner::System => return Err(call.error("InvalidImageCategory.NotSupported")),
        Owner::Account(owner) if owner != call.account => return Err(call.error("Forbidden")),
        Owner::Account(_) | Owner::Marketplace => {}
    }
    let attr = |key: &str| image.attrs.get(key).and_then(Value::as_str).unwrap_or_default();
    if !attr("ProductCode").is_empty() {
        return Err(call.error_variant("ImageNotSupported", "image market"));
    }
    if image.status != ImageStatus::Available {
        return Err(call.error("IncorrectImageStatus"));
    }
    let mappings = image.attrs.get("DiskDeviceMappings").and_then(|m| m.get("DiskDeviceMapping"));
    let mappings = mappings.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if mappings.iter().any(|m| m.get("Encrypted").and_then(Value::as_bool) == Some(true)) {
        return Err(call.error_variant("ImageNotSupported", "encrypted"));
    }
    if attr("OSType") == "windows" && attr("LicenseType") != "BYOL" {
        return Err(call
            .error("InvalidImageLicense.NotSupported")
            .arg("Images with a licensed Windows Server operating system cannot be exported; only BYOL images can."));
    }
    let data_sizes: Vec<u64> = mappings
        .iter()
        .filter(|m| m.get("Type").and_then(Value::as_str) == Some("data"))
        .map(|m| m.get("Size").and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or(0))
        .collect();
    if data_sizes.len() > EXPORT_MAX_DATA_DISKS || data_sizes.iter().any(|s| *s > EXPORT_MAX_DATA_GIB) {
        return Err(call.error("InvalidImage.DiskAmountOrSize").arg(&format!(
            "An exported image has at most {EXPORT_MAX_DATA_DISKS} data disks of at most {EXPORT_MAX_DATA_GIB} GiB each."
        )));
    }
    let exporting = store
        .tasks
        .values()
        .any(|t| t.kind == TaskKind::Export && !t.done && t.region == image.region && t.image == image.id);
    if exporting {
        return Err(call.error("ImageIsExporting"));
    }
    Ok(())
}

pub fn export(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default().to_string();
    let image = store
        .image(&call.region, &id)
        .filter(|i| visible(i, call.account))
        .ok_or_else(|| call.error("InvalidImageId.NotFound"))?;
    refuse_export(store, call, image)?;
    if call.str("roleName").is_some_and(|role| role != EXPORT_ROLE) {
        return Err(call.error("NoSetRoletoECSServiceAcount"));
    }
    let bucket = own_bucket(store, call, call.str("OSSBucket").unwrap_or_default())?.name.clone();
    let format = call.str("imageFormat").unwrap_or("raw");
    if format != "raw" && !FORMAT_REGIONS.contains(&call.region.as_str()) {
        return Err(call.error("InvalidImageFormat.RegionNotSupported"));
    }
    // `<prefix>_<imageId>_system.<format>`, as the service names the system disk's file.
    let object = match call.str("OSSPrefix") {
        Some(prefix) => format!("{prefix}_{id}_system.{format}"),
        None => format!("{id}_system.{format}"),
    };
    let span = call.timing.span(call.now, EXPORT_MS);
    let task = start_task(store, call, TaskKind::Export, &id, span, Some((bucket, object)));
    let mut body = Body::new();
    body.insert("RegionId".into(), call.region.clone().into());
    body.insert("TaskId".into(), task.into());
    Ok(body)
}

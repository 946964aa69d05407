//! DescribeAvailableResource and DescribeImageSupportInstanceTypes, answered from the instance-type
//! fixture (`seed::instance_types`): the same types, disks and stock in every region.

use super::{body_of, Body, Call};
use crate::error::ServiceError;
use crate::seed::instance_types::{find, InstanceType, Stock, DDH_TYPES, DISK_SIZES, INSTANCE_TYPES};
use crate::seed::zones;
use crate::state::images::visible;
use crate::state::{ImageStatus, Store};
use serde_json::{json, Value};

/// One `SupportedResource`: a value, its stock, and for disks the size range in GiB.
struct Offer {
    value: String,
    stock: Stock,
    range: Option<(u32, u32)>,
}

impl Offer {
    fn new(value: &str, stock: Stock) -> Self {
        Offer { value: value.to_string(), stock, range: None }
    }

    fn view(&self) -> Value {
        let mut out =
            json!({"Value": self.value, "Status": self.stock.status(), "StatusCategory": self.stock.category()});
        if let Some((min, max)) = self.range {
            out["Min"] = min.into();
            out["Max"] = max.into();
            out["Unit"] = "GiB".into();
        }
        out
    }
}

/// The destinations each `ResourceType` reports on.
fn destinations(resource_type: &str) -> &'static [&'static str] {
    match resource_type {
        "disk" => &["Zone", "DataDisk"],
        "ddh" => &["Zone", "ddh"],
        _ => &["Zone", "IoOptimized", "InstanceType", "Network", "SystemDisk", "DataDisk"],
    }
}

/// Refuses what the service refuses before looking at any stock.
fn check(call: &Call, destination: &str, resource_type: &str) -> Result<(), ServiceError> {
    let cores = call.int("cores").is_some();
    let memory = call.request.get("memory").is_some();
    if call.str("instanceType").is_some() && (cores || memory) {
        return Err(call.error("InvalidParam.TypeAndCpuMem.Conflict"));
    }
    if destination != "InstanceType" && cores {
        return Err(call.error("InvalidParam.Cores"));
    }
    if destination != "InstanceType" && memory {
        return Err(call.error("InvalidParam.Memory"));
    }
    if call.str("dedicatedHostId").is_some() {
        return Err(call.error("InvalidDedicatedHostId.NotFound"));
    }
    match call.str("scope") {
        Some(_) if resource_type != "reservedinstance" => return Err(call.error("InvalidParameter.Scope")),
        Some("Zone") if call.str("zoneId").is_none() => return Err(call.error("InvalidParameter.Scope")),
        _ => {}
    }
    if !destinations(resource_type).contains(&destination) {
        return Err(call.error("Invalid.DestinationResource"));
    }
    if spot(call) {
        if call.str("instanceChargeType") == Some("PrePaid") {
            return Err(call.error("Invalid.SpotStrategy"));
        }
        if call.str("instanceType").and_then(find).is_some_and(|t| !t.spot) {
            return Err(call.error("OperationDenied.FlavorNotSupported"));
        }
    }
    Ok(())
}

fn spot(call: &Call) -> bool {
    call.str("spotStrategy").is_some_and(|s| s != "NoSpot")
}

/// The instance types the filters leave.
fn candidates(call: &Call) -> Vec<&'static InstanceType> {
    // Every type on sale is I/O optimized and VPC-only.
    if call.str("networkCategory") == Some("classic") || call.str("ioOptimized") == Some("none") {
        return Vec::new();
    }
    let memory = call.request.get("memory").and_then(Value::as_f64);
    INSTANCE_TYPES
        .iter()
        .filter(|t| call.str("instanceType").is_none_or(|id| t.id == id))
        .filter(|t| call.int("cores").is_none_or(|c| i64::from(t.cores) == c))
        .filter(|t| memory.is_none_or(|m| (f64::from(t.memory_gib) - m).abs() < 1e-6))
        .filter(|t| !spot(call) || t.spot)
        .filter(|t| call.str("systemDiskCategory").is_none_or(|c| t.disks.contains(&c)))
        .filter(|t| call.str("dataDiskCategory").is_none_or(|c| t.disks.contains(&c)))
        .collect()
}

/// Disk categories taken by `types` (with their stock in the zone), each with the best stock of
/// the types that take it and its size range.
fn disk_offers(types: &[(&InstanceType, Stock)], only: Option<&str>, data: bool) -> Vec<Offer> {
    DISK_SIZES
        .iter()
        .filter(|sizes| only.is_none_or(|c| c == sizes.category))
        .filter_map(|sizes| {
            let stock = types.iter().filter(|(t, _)| t.disks.contains(&sizes.category)).map(|(_, s)| *s).max()?;
            let range = Some(if data { sizes.data } else { sizes.system });
            Some(Offer { value: sizes.category.to_string(), stock, range })
        })
        .collect()
}

/// What `destination` lists in `zone`.
fn offers(call: &Call, destination: &str, resource_type: &str, zone: &str, types: &[&InstanceType]) -> Vec<Offer> {
    let in_zone: Vec<(&InstanceType, Stock)> =
        types.iter().map(|t| (*t, t.stock_in(zone))).filter(|(_, s)| *s != Stock::NotOffered).collect();
    let best = in_zone.iter().map(|(_, s)| *s).max();
    match (resource_type, destination) {
        ("ddh", "ddh") => DDH_TYPES.iter().map(|d| Offer::new(d, Stock::WithStock)).collect(),
        ("ddh" | "disk", "Zone") => vec![Offer::new(zone, Stock::WithStock)],
        // Cloud disks bought alone do not depend on instance stock.
        ("disk", _) => {
            let offered: Vec<(&InstanceType, Stock)> = in_zone.iter().map(|(t, _)| (*t, Stock::WithStock)).collect();
            disk_offers(&offered, call.str("dataDiskCategory"), true)
        }
        (_, "InstanceType") => in_zone.iter().map(|(t, s)| Offer::new(t.id, *s)).collect(),
        (_, "SystemDisk") => disk_offers(&in_zone, call.str("systemDiskCategory"), false),
        (_, "DataDisk") => disk_offers(&in_zone, call.str("dataDiskCategory"), true),
        (_, _) => {
            let value = match destination {
                "Zone" => zone,
                "IoOptimized" => "optimized",
                _ => "vpc",
            };
            best.map(|stock| Offer::new(value, stock)).into_iter().collect()
        }
    }
}

pub fn describe_available(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let destination = call.str("destinationResource").unwrap_or_default();
    let resource_type = call.str("resourceType").unwrap_or(if destination == "ddh" { "ddh" } else { "instance" });
    check(call, destination, resource_type)?;
    let types = candidates(call);
    let zones: Vec<Value> = zones(&call.region)
        .into_iter()
        .filter(|zone| call.str("zoneId").is_none_or(|z| z == zone))
        .filter_map(|zone| {
            let offers = offers(call, destination, resource_type, &zone, &types);
            let best = offers.iter().map(|o| o.stock).max()?;
            let supported: Vec<Value> = offers.iter().map(Offer::view).collect();
            Some(json!({
                "ZoneId": zone,
                "RegionId": call.region,
                "Status": best.status(),
                "StatusCategory": best.category(),
                "AvailableResources": {"AvailableResource": [
                    {"Type": destination, "SupportedResources": {"SupportedResource": supported}}
                ]},
            }))
        })
        .collect();
    Ok(body_of("AvailableZones", json!({ "AvailableZone": zones })))
}

pub fn describe_support_instance_types(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let legacy = call.list("filter").iter().find(|f| f.get("key").and_then(Value::as_str) == Some("imageId"));
    let id = call.str("imageId").or_else(|| legacy.and_then(|f| f.get("value")).and_then(Value::as_str));
    let id = id.filter(|id| !id.is_empty()).ok_or_else(|| call.error("InvalidParamter"))?;
    let image = store
        .image(&call.region, id)
        .filter(|i| visible(i, call.account))
        .ok_or_else(|| call.error("InvalidImageId.NotFound").arg(id))?;
    if !matches!(image.status, ImageStatus::Available | ImageStatus::Deprecated) {
        return Err(call.error_variant("InvalidImageId.NotFound", "status is available"));
    }
    let attr = |key: &str| image.attrs.get(key).and_then(Value::as_str).unwrap_or_default();
    let nvme = image.attrs.get("Features").and_then(|f| f.get("NvmeSupport")).and_then(Value::as_str);
    let nvme = nvme == Some("supported");
    let uefi_only = attr("BootMode") == "UEFI";
    let types: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|t| t.runs(attr("Architecture")) && (t.uefi || !uefi_only) && (nvme || !t.nvme_only))
        .map(|t| {
            json!({"InstanceTypeId": t.id, "CpuCoreCount": t.cores, "MemorySize": t.memory_gib, "InstanceTypeFamily": t.family})
        })
        .collect();
    let mut body = Body::new();
    body.insert("ImageId".into(), id.into());
    body.insert("RegionId".into(), call.region.clone().into());
    body.insert("InstanceTypes".into(), json!({ "InstanceType": types }));
    Ok(body)
}

//! CreateImagePipeline, DescribeImagePipelines, DeleteImagePipeline: image templates, which say
//! what to build from (an image, the newest image of a family, or image files in OSS), what to run
//! (the template language in [`crate::template`]), and where the result goes. The operations on
//! their executions are in `executions`; how an execution runs, in [`crate::state::executions`].

mod executions;

pub use executions::{cancel_execution, describe_executions, start_execution};

use super::{body_of, matches_tags, newest_first, paging, tags_body, Body, Call};
use crate::error::ServiceError;
use crate::seed::{instance_types, REGIONS};
use crate::state::pipelines::{base_image, list, text};
use crate::state::tags::{new_tags, tag_pairs};
use crate::state::{AccountId, Pipeline, Store};
use crate::template::{self, Place};
use ecsimg_core::json::value_text;
use serde_json::{json, Map, Value};

/// Why the image files of an OSS source cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OssProblem {
    NotFound,
    NotAuthorized,
}

/// The first problem with the OSS image files of a template, as `owner` reads them in `region`.
fn oss_problem(store: &Store, owner: AccountId, region: &str, request: &Value) -> Option<OssProblem> {
    list(request, "/importImageOptions/diskDeviceMappings").iter().find_map(|mapping| {
        let bucket = text(mapping, "/OSSBucket").and_then(|b| store.buckets.get(b)).filter(|b| b.region == region);
        match bucket {
            Some(b) if b.owner != owner => Some(OssProblem::NotAuthorized),
            Some(b) if text(mapping, "/OSSObject").is_some_and(|o| b.objects.get(o).is_some()) => None,
            _ => Some(OssProblem::NotFound),
        }
    })
}

/// Checks a content field of the call, and that the components it references are the caller's and
/// of the right type (build components in BuildContent, test components in TestContent).
fn check_content(store: &Store, call: &Call, field: &str, place: Place) -> Result<(), ServiceError> {
    let template =
        template::parse(call.str(field).unwrap_or_default(), place).map_err(|r| call.error(&r.code).arg(&r.detail))?;
    let kind = if place == Place::Test { "Test" } else { "Build" };
    for id in template.components() {
        let owned = store.components.get(id).filter(|c| c.owner == call.account && c.region == call.region);
        let Some(component) = owned else {
            return Err(call.error("ImageComponent.NotFound").arg(&format!("The image component {id} does not exist")));
        };
        if component.attrs.get("ComponentType").and_then(Value::as_str) != Some(kind) {
            return Err(call
                .error("InvalidImageComponent.NotSupported")
                .arg(&format!("The image component {id} is not a {kind} component")));
        }
    }
    Ok(())
}

/// Checks what a new template builds from.
fn check_source(store: &Store, call: &Call) -> Result<(), ServiceError> {
    if call.str("baseImageType") == Some("OSS") {
        return match oss_problem(store, call.account, &call.region, call.request) {
            Some(OssProblem::NotFound) => {
                Err(call.error("InvalidImportImageOptionsDiskDeviceMappingsOSSObject.NotFound"))
            }
            Some(OssProblem::NotAuthorized) => Err(call.error("InvalidOSSObject.NotAuthorized")),
            None => Ok(()),
        };
    }
    match base_image(store, call.account, &call.region, call.request) {
        Some(_) => Ok(()),
        None => {
            let base = call.str("baseImage").unwrap_or_default();
            Err(call.error("InvalidImage.NotFound").arg(&format!("The specified base image {base} does not exist")))
        }
    }
}

pub fn create(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    if let Some(name) = call.str("name") {
        if store.pipelines.values().any(|p| p.owner == call.account && p.region == call.region && p.name == name) {
            return Err(call
                .error("InvalidName.Malformed")
                .arg(&format!("The specified Name {name} is already used by another image template")));
        }
    }
    check_source(store, call)?;
    if let Some(region) = call.list("toRegionId").iter().filter_map(Value::as_str).find(|r| !REGIONS.contains(r)) {
        return Err(call
            .error("InvalidRegionId.NotFound")
            .arg(&format!("The specified ToRegionId {region} does not exist")));
    }
    if call.str("instanceType").is_some_and(|t| instance_types::find(t).is_none()) {
        return Err(call.error("InvalidInstanceType.NotFound"));
    }
    check_content(store, call, "buildContent", Place::Build)?;
    check_content(store, call, "testContent", Place::Test)?;
    let id = store.new_id("ip-");
    let pipeline = Pipeline {
        id: id.clone(),
        region: call.region.clone(),
        owner: call.account,
        name: call.str("name").map_or_else(|| id.clone(), str::to_string),
        tags: new_tags(call.tags("tag")),
        created: call.now,
        request: call.request.clone(),
        attrs: attrs(call.request),
    };
    store.pipelines.insert(id.clone(), pipeline);
    Ok(body_of("ImagePipelineId", Value::String(id)))
}

/// A field's value when the request leaves it out. (Not a `Value`: the tables below stay data
/// in the wasm rather than code that builds each default.)
#[derive(Clone, Copy)]
enum Fallback {
    None,
    Text(&'static str),
    Number(u64),
    Flag(bool),
}

/// The `(TS name, wire name, fallback)` fields of `source` that are present (and not null) or
/// have a fallback.
fn pick(source: Option<&Value>, fields: &[(&str, &str, Fallback)]) -> Map<String, Value> {
    let mut out = Map::new();
    for &(field, wire, fallback) in fields {
        let value = match (source.and_then(|s| s.get(field)), fallback) {
            (Some(value), _) => value.clone(),
            (None, Fallback::None) => Value::Null,
            (None, Fallback::Text(text)) => text.into(),
            (None, Fallback::Number(n)) => n.into(),
            (None, Fallback::Flag(flag)) => flag.into(),
        };
        if !value.is_null() {
            out.insert(wire.to_string(), value);
        }
    }
    out
}

/// `[{key, value}]` as `{wrapper: [{key_name: .., value_name: ..}]}`.
fn tag_list(items: &[Value], wrapper: &str, key_name: &str, value_name: &str) -> Value {
    let tags: Vec<Value> = tag_pairs(items).into_iter().map(|(k, v)| json!({ key_name: k, value_name: v })).collect();
    json!({ wrapper: tags })
}

/// A list of scalars as `{wrapper: [strings]}`, a non-string as its JSON.
fn string_list(items: &[Value], wrapper: &str) -> Value {
    let strings: Vec<Value> =
        items.iter().map(|v| v.as_str().map_or_else(|| Value::String(value_text(v)), |s| s.into())).collect();
    json!({ wrapper: strings })
}

/// A template's attributes as DescribeImagePipelines answers them, from its creating request.
fn attrs(request: &Value) -> Map<String, Value> {
    let r = Some(request);
    let mut out = pick(
        r,
        &[
            ("baseImageType", "BaseImageType", Fallback::None),
            ("baseImage", "BaseImage", Fallback::Text("")),
            ("buildContent", "BuildContent", Fallback::Text("")),
            ("testContent", "TestContent", Fallback::Text("")),
            ("description", "Description", Fallback::Text("")),
            ("instanceType", "InstanceType", Fallback::Text("")),
            ("internetMaxBandwidthOut", "InternetMaxBandwidthOut", Fallback::Number(0)),
            ("systemDiskSize", "SystemDiskSize", Fallback::Number(40)),
            ("deleteInstanceOnFailure", "DeleteInstanceOnFailure", Fallback::Flag(true)),
            ("resourceGroupId", "ResourceGroupId", Fallback::Text("")),
            ("vSwitchId", "VSwitchId", Fallback::Text("")),
            ("repairMode", "RepairMode", Fallback::Text("")),
        ],
    );
    let options = request.get("imageOptions");
    let image_name = text(request, "/imageOptions/imageName").or(text(request, "/imageName")).unwrap_or_default();
    let family = text(request, "/imageOptions/imageFamily").or(text(request, "/imageFamily")).unwrap_or_default();
    let nvme = text(request, "/imageOptions/imageFeatures/nvmeSupport").or(text(request, "/nvmeSupport"));
    out.insert("ImageName".into(), image_name.into());
    out.insert("ImageFamily".into(), family.into());
    out.insert("NvmeSupport".into(), nvme.unwrap_or_default().into());
    out.insert(
        "ImageOptions".into(),
        json!({
            "ImageName": image_name,
            "ImageFamily": family,
            "Description": options.and_then(|o| o.get("description")).cloned().unwrap_or_else(|| "".into()),
            "ImageFeatures": {"NvmeSupport": nvme.unwrap_or_default()},
            "ImageTags": tag_list(list(request, "/imageOptions/imageTags"), "ImageTag", "TagKey", "TagValue"),
        }),
    );
    out.insert(
        "AdvancedOptions".into(),
        Value::Object(pick(
            request.get("advancedOptions"),
            &[
                ("imageNameSuffix", "ImageNameSuffix", Fallback::Text("")),
                ("retainCloudAssistant", "RetainCloudAssistant", Fallback::Flag(false)),
            ],
        )),
    );
    out.insert("AddAccounts".into(), string_list(list(request, "/addAccount"), "AddAccount"));
    out.insert("ToRegionIds".into(), string_list(list(request, "/toRegionId"), "ToRegionId"));
    out.insert("RepairItems".into(), string_list(list(request, "/repairItem"), "RepairItem"));
    if let Some(import) = request.get("importImageOptions") {
        out.insert("ImportImageOptions".into(), import_options(import));
    }
    if let Some(mode) = text(request, "/imageSecurityOptions/securityScanMode") {
        out.insert("ImageSecurityOptions".into(), json!({ "SecurityScanMode": mode }));
    }
    out
}

/// `ImportImageOptions` with the service's defaults filled in.
fn import_options(import: &Value) -> Value {
    let mut out = pick(
        Some(import),
        &[
            ("architecture", "Architecture", Fallback::Text("x86_64")),
            ("bootMode", "BootMode", Fallback::Text("BIOS")),
            ("OSType", "OSType", Fallback::Text("linux")),
            ("platform", "Platform", Fallback::Text("Others Linux")),
            ("licenseType", "LicenseType", Fallback::Text("Auto")),
            ("retentionStrategy", "RetentionStrategy", Fallback::Text("RetainNever")),
            ("retainImportedImage", "RetainImportedImage", Fallback::None),
            ("description", "Description", Fallback::Text("")),
            ("imageName", "ImageName", Fallback::Text("")),
            ("roleName", "RoleName", Fallback::Text("")),
        ],
    );
    let features = pick(
        import.get("features"),
        &[
            ("imdsSupport", "ImdsSupport", Fallback::Text("v1")),
            ("nvmeSupport", "NvmeSupport", Fallback::Text("unsupported")),
        ],
    );
    out.insert("Features".into(), Value::Object(features));
    let disks: Vec<Value> = list(import, "/diskDeviceMappings")
        .iter()
        .map(|disk| {
            Value::Object(pick(
                Some(disk),
                &[
                    ("diskImageSize", "DiskImageSize", Fallback::None),
                    ("format", "Format", Fallback::Text("")),
                    ("OSSBucket", "OSSBucket", Fallback::Text("")),
                    ("OSSObject", "OSSObject", Fallback::Text("")),
                ],
            ))
        })
        .collect();
    out.insert("DiskDeviceMappings".into(), json!({ "DiskDeviceMapping": disks }));
    out.insert("ImportImageTags".into(), tag_list(list(import, "/importImageTags"), "ImportImageTag", "Key", "Value"));
    Value::Object(out)
}

fn view(pipeline: &Pipeline) -> Value {
    let mut out = pipeline.attrs.clone();
    out.insert("ImagePipelineId".into(), pipeline.id.clone().into());
    out.insert("Name".into(), pipeline.name.clone().into());
    out.insert("CreationTime".into(), super::iso(pipeline.created).into());
    out.insert("Tags".into(), tags_body(&pipeline.tags));
    Value::Object(out)
}

pub fn describe(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let ids: Vec<&str> = call.list("imagePipelineId").iter().filter_map(Value::as_str).collect();
    let tag_filter = call.tags("tag");
    let found: Vec<&Pipeline> = store
        .pipelines
        .values()
        .filter(|p| p.owner == call.account && p.region == call.region)
        .filter(|p| ids.is_empty() || ids.contains(&p.id.as_str()))
        .filter(|p| call.str("name").is_none_or(|n| p.name == n))
        .filter(|p| {
            call.str("resourceGroupId")
                .is_none_or(|g| p.attrs.get("ResourceGroupId").and_then(Value::as_str) == Some(g))
        })
        .filter(|p| matches_tags(&p.tags, &tag_filter))
        .collect();
    let found = newest_first(found, |p| (p.created, &p.id));
    let mut body = Body::new();
    let page = paging::by_token(call, found.into_iter().map(view).collect(), &mut body)?;
    body.insert("ImagePipeline".into(), json!({ "ImagePipelineSet": page }));
    Ok(body)
}

/// The caller's template in the call's region, or `InvalidImagePipeline.NotFound`.
fn own_pipeline<'s>(store: &'s Store, call: &Call, id: &str) -> Result<&'s Pipeline, ServiceError> {
    store.pipelines.get(id).filter(|p| p.owner == call.account && p.region == call.region).ok_or_else(|| {
        call.error("InvalidImagePipeline.NotFound").arg(&format!("The image template {id} does not exist"))
    })
}

/// Whether a template has an execution that is not final.
fn running(store: &Store, pipeline: &str) -> bool {
    store.executions.values().any(|e| e.pipeline == pipeline && !e.status.is_final())
}

fn has_running_execution(call: &Call, id: &str) -> ServiceError {
    call.error("InvalidImagePipeline.HasRunningExecution")
        .arg(&format!("The image template {id} has an execution in progress"))
}

/// Deleting a template also forgets its (final) executions; the images they built stay.
pub fn delete(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imagePipelineId").unwrap_or_default();
    own_pipeline(store, call, id)?;
    if running(store, id) {
        return Err(has_running_execution(call, id));
    }
    store.pipelines.remove(id);
    store.executions.retain(|e| e.pipeline != id);
    Ok(Body::new())
}

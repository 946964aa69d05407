//! CreateImageComponent, DescribeImageComponents, DeleteImageComponent: named, versioned blocks of
//! build or test commands (the template language in [`crate::template`]) that image
//! templates reference with `COMPONENT ic-...`.

use super::{body_of, matches_tags, newest_first, paging, tags_body, Body, Call};
use crate::error::ServiceError;
use crate::state::pipelines::referenced_components;
use crate::state::tags::new_tags;
use crate::state::{Component, Store};
use crate::template;
use serde_json::{json, Map, Value};

/// `major.minor.patch` as numbers; `None` when a part is missing or too large.
fn version(text: &str) -> Option<[u64; 3]> {
    let parts: Vec<u64> = text.split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    parts.try_into().ok()
}

/// Whether `text` matches a version filter in which any part may be `*`.
fn version_matches(filter: &[&str], text: &str) -> bool {
    let number = |part: &str| part.parse::<u64>().ok();
    filter.iter().zip(text.split('.')).all(|(want, have)| *want == "*" || number(want) == number(have))
}

/// The version a new component of `name` gets: the one asked for, unless the name already has it;
/// else, as the service does, one major version above the highest one of the name.
fn new_version(store: &Store, call: &Call, name: Option<&str>) -> Result<String, ServiceError> {
    let taken: Vec<[u64; 3]> = store
        .components
        .values()
        .filter(|c| c.owner == call.account && c.region == call.region && Some(c.name.as_str()) == name)
        .filter_map(|c| version(&c.version))
        .collect();
    match call.str("componentVersion") {
        Some(text) => match version(text) {
            None => Err(call.error("InvalidParameter.ComponentVersion")),
            Some(asked) if taken.contains(&asked) => Err(call.error("InvalidComponentVersion.Exist")),
            Some(_) => Ok(text.to_string()),
        },
        None => Ok(format!("{}.0.0", taken.iter().map(|v| v[0]).max().map_or(1, |major| major + 1))),
    }
}

pub fn create(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let content = call.str("content").unwrap_or_default();
    let template =
        template::parse(content, template::Place::Component).map_err(|r| call.error(&r.code).arg(&r.detail))?;
    let system_type = call.str("systemType").unwrap_or("Linux");
    if system_type == "Windows" && !template.yaml {
        return Err(call
            .error("InvalidParameter.Content")
            .arg("Windows components must be written in YAML: the Dockerfile format is for Linux only"));
    }
    let version = new_version(store, call, call.str("name"))?;
    let id = store.new_id("ic-");
    let name = call.str("name").map_or_else(|| id.clone(), str::to_string);
    let mut attrs = Map::new();
    attrs.insert("ComponentType".into(), call.str("componentType").unwrap_or("Build").into());
    attrs.insert("SystemType".into(), system_type.into());
    attrs.insert("Content".into(), content.into());
    attrs.insert("Description".into(), call.str("description").unwrap_or_default().into());
    attrs.insert("ResourceGroupId".into(), call.str("resourceGroupId").unwrap_or_default().into());
    attrs.insert("Owner".into(), "SELF".into());
    attrs.insert("Parameters".into(), json!({ "Parameter": template.parameters }));
    let component = Component {
        id: id.clone(),
        region: call.region.clone(),
        owner: call.account,
        name,
        version,
        tags: new_tags(call.tags("tag")),
        created: call.now,
        attrs,
    };
    store.components.insert(id.clone(), component);
    Ok(body_of("ImageComponentId", Value::String(id)))
}

fn view(component: &Component) -> Value {
    let mut out = component.attrs.clone();
    out.insert("ImageComponentId".into(), component.id.clone().into());
    out.insert("Name".into(), component.name.clone().into());
    out.insert("ComponentVersion".into(), component.version.clone().into());
    out.insert("CreationTime".into(), super::iso(component.created).into());
    out.insert("Tags".into(), tags_body(&component.tags));
    Value::Object(out)
}

pub fn describe(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let ids: Vec<&str> = call.list("imageComponentId").iter().filter_map(Value::as_str).collect();
    // The version filter only applies together with Name.
    let versions: Option<Vec<&str>> = match (call.str("name"), call.str("componentVersion")) {
        (Some(_), Some(filter)) => {
            let parts: Vec<&str> = filter.split('.').collect();
            if parts.len() != 3 || !parts.iter().all(|p| *p == "*" || p.parse::<u64>().is_ok()) {
                return Err(call.error("InvalidParameter.ComponentVersion"));
            }
            Some(parts)
        }
        _ => None,
    };
    let attr = |c: &Component, key: &str| c.attrs.get(key).and_then(Value::as_str).map(str::to_string);
    let tag_filter = call.tags("tag");
    // Alibaba Cloud publishes no components in the emulator: `Owner=ALIYUN` finds none.
    let own = call.str("owner") != Some("ALIYUN");
    let found: Vec<&Component> = store
        .components
        .values()
        .filter(|c| own && c.owner == call.account && c.region == call.region)
        .filter(|c| ids.is_empty() || ids.contains(&c.id.as_str()))
        .filter(|c| call.str("name").is_none_or(|n| c.name == n))
        .filter(|c| versions.as_ref().is_none_or(|v| version_matches(v, &c.version)))
        .filter(|c| call.str("componentType").is_none_or(|t| attr(c, "ComponentType").as_deref() == Some(t)))
        .filter(|c| call.str("systemType").is_none_or(|t| attr(c, "SystemType").as_deref() == Some(t)))
        .filter(|c| call.str("resourceGroupId").is_none_or(|g| attr(c, "ResourceGroupId").as_deref() == Some(g)))
        .filter(|c| matches_tags(&c.tags, &tag_filter))
        .collect();
    let found = newest_first(found, |c| (c.created, &c.id));
    let mut body = Body::new();
    let page = paging::by_token(call, found.into_iter().map(view).collect(), &mut body)?;
    body.insert("ImageComponent".into(), json!({ "ImageComponentSet": page }));
    Ok(body)
}

pub fn delete(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageComponentId").unwrap_or_default();
    if !store.components.get(id).is_some_and(|c| c.owner == call.account && c.region == call.region) {
        return Err(call
            .error("InvalidImageComponent.NotFound")
            .arg(&format!("The image component {id} does not exist")));
    }
    let user = store.pipelines.values().find(|p| referenced_components(p).iter().any(|c| c == id));
    if let Some(pipeline) = user {
        return Err(call
            .error("InvalidImageComponent.InUse")
            .arg(&format!("The image component {id} is used by the image template {}", pipeline.id)));
    }
    store.components.remove(id);
    Ok(Body::new())
}

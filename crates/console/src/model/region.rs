//! One notion of region: the region a call goes to, the regions the console knows (the catalogue's
//! `REGIONS`: those the sandbox serves and the console suggests), "did you mean" for one it does not
//! know, and forms that follow a change of the connection's region.

use ecsimg_core::catalogue::{suggest, Field, IdKind, Shape, REGIONS};
use serde_json::Value;

/// The request field of the region a call is made in (SDK name); the client fills it from the
/// connection when a request has none.
pub const REGION_FIELD: &str = "regionId";

/// The region a request goes to: its own `regionId`, else the connection's.
pub fn region_of(request: &Value, connection_region: &str) -> String {
    match request.get(REGION_FIELD).and_then(Value::as_str) {
        Some(region) if !region.is_empty() => region.to_string(),
        _ => connection_region.to_string(),
    }
}

/// Whether the console knows `region` (the catalogue's list).
pub fn is_known(region: &str) -> bool {
    REGIONS.contains(&region)
}

/// The known region a user most likely meant by `typed`: the one it names the end of (`hangzhou` →
/// `cn-hangzhou`), else the closest by spelling (`cn-hangzou`).
pub fn closest_known(typed: &str) -> Option<&'static str> {
    let typed = typed.trim().to_ascii_lowercase();
    if typed.is_empty() {
        return None;
    }
    REGIONS
        .iter()
        .copied()
        .find(|r| r.ends_with(&format!("-{typed}")))
        .or_else(|| suggest(&typed, REGIONS.iter().copied()))
}

/// What is said of a region the console does not know, before anything is sent; `None` for a known
/// one (or nothing typed). On the sandbox its regions are all there is: the caller blocks the call.
/// On a real account any well-formed ID may exist: the caller only warns.
pub fn unknown_region(typed: &str, sandbox: bool) -> Option<String> {
    if typed.is_empty() || is_known(typed) {
        return None;
    }
    let hint = match closest_known(typed) {
        Some(known) => format!(": did you mean {known}?"),
        None => format!(" ({})", REGIONS.join(", ")),
    };
    Some(if sandbox {
        format!("{typed:?} is not one of the sandbox's regions{hint}")
    } else {
        format!("{typed:?} is not a region ID this console knows{hint} If your account has it, it is sent as it is.")
    })
}

/// Moves a form that still holds the connection's previous region to its new one; a form whose
/// region the user changed keeps it. Whether the form changed.
pub fn follow_region(form: &mut Value, previous: &str, next: &str) -> bool {
    let holds_previous = form.get(REGION_FIELD).and_then(Value::as_str) == Some(previous);
    if holds_previous && previous != next {
        form[REGION_FIELD] = Value::String(next.to_string());
    }
    holds_previous && previous != next
}

/// The region IDs a request holds, wherever the catalogue says a field holds one (`regionId`,
/// `destinationRegionId`, `toRegionId[0]`), with their paths as the core renders them.
pub fn region_values<'a>(fields: &'static [Field], request: &'a Value) -> Vec<(String, &'a str)> {
    let mut found = Vec::new();
    walk(fields, request, "", &mut found);
    found
}

fn walk<'a>(fields: &'static [Field], value: &'a Value, at: &str, found: &mut Vec<(String, &'a str)>) {
    for field in fields {
        let Some(inner) = value.get(field.field()) else { continue };
        let path = if at.is_empty() { field.field().to_string() } else { format!("{at}.{}", field.field()) };
        match field.shape() {
            Shape::Scalar(_) => region_scalar(field, inner, path, found),
            Shape::Struct(members) => walk(members, inner, &path, found),
            Shape::List { item, .. } => {
                for (i, row) in inner.as_array().into_iter().flatten().enumerate() {
                    let row_path = format!("{path}[{i}]");
                    match item.shape() {
                        Shape::Struct(members) => walk(members, row, &row_path, found),
                        _ => region_scalar(item, row, row_path, found),
                    }
                }
            }
        }
    }
}

fn region_scalar<'a>(field: &Field, value: &'a Value, path: String, found: &mut Vec<(String, &'a str)>) {
    if let (Some(IdKind::Region), Some(text)) = (field.id_kind(), value.as_str()) {
        found.push((path, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn the_region_a_call_goes_to() {
        assert_eq!(region_of(&json!({"regionId": "cn-shanghai"}), "cn-hangzhou"), "cn-shanghai");
        assert_eq!(region_of(&json!({}), "cn-hangzhou"), "cn-hangzhou");
        assert_eq!(region_of(&json!({"regionId": ""}), "cn-hangzhou"), "cn-hangzhou");
    }

    #[test]
    fn did_you_mean_a_known_region() {
        assert_eq!(closest_known("hangzhou"), Some("cn-hangzhou"));
        assert_eq!(closest_known("cn-hangzou"), Some("cn-hangzhou"));
        assert_eq!(closest_known("shanghai"), Some("cn-shanghai"));
        assert_eq!(closest_known("Hongkong"), Some("cn-hongkong"));
        assert_eq!(closest_known("ap-southeast1"), Some("ap-southeast-1"));
        assert_eq!(closest_known("mars-north-9"), None);
        assert_eq!(closest_known("cn-wulanchabu"), None);
        assert_eq!(closest_known(""), None);
        assert_eq!(unknown_region("cn-hangzhou", true), None);
        assert_eq!(unknown_region("", true), None);
        assert_eq!(
            unknown_region("hangzhou", true).unwrap(),
            "\"hangzhou\" is not one of the sandbox's regions: did you mean cn-hangzhou?"
        );
        let real = unknown_region("hangzhou", false).unwrap();
        assert!(
            real.starts_with("\"hangzhou\" is not a region ID this console knows: did you mean cn-hangzhou?"),
            "{real}"
        );
        let far = unknown_region("mars-north-9", true).unwrap();
        assert!(far.contains("cn-hangzhou, cn-shanghai"), "{far}");
    }

    #[test]
    fn forms_on_the_previous_region_follow_it() {
        let mut untouched = json!({"regionId": "cn-hangzhou", "imageId": "m-1"});
        assert!(follow_region(&mut untouched, "cn-hangzhou", "cn-shanghai"));
        assert_eq!(untouched, json!({"regionId": "cn-shanghai", "imageId": "m-1"}));
        let mut chosen = json!({"regionId": "cn-beijing"});
        assert!(!follow_region(&mut chosen, "cn-hangzhou", "cn-shanghai"));
        assert_eq!(chosen["regionId"], "cn-beijing");
        let mut empty = json!({});
        assert!(!follow_region(&mut empty, "cn-hangzhou", "cn-shanghai"));
        assert_eq!(empty, json!({}));
    }

    #[test]
    fn finds_every_region_a_request_holds() {
        let copy = operation("CopyImage").unwrap();
        let request = json!({"regionId": "cn-hangzhou", "imageId": "m-1", "destinationRegionId": "shanghai"});
        let mut found = region_values(copy.params, &request);
        found.sort();
        assert_eq!(found, [("destinationRegionId".to_string(), "shanghai"), ("regionId".to_string(), "cn-hangzhou")]);
        let pipeline = operation("CreateImagePipeline").unwrap();
        let request = json!({"regionId": "cn-hangzhou", "toRegionId": ["cn-beijing", "hongkong"]});
        let found = region_values(pipeline.params, &request);
        assert!(found.contains(&("toRegionId[1]".to_string(), "hongkong")), "{found:?}");
    }
}

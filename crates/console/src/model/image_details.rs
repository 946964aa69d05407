//! An image's every attribute in words, for its details: grouped, each with a label people read,
//! the field's SDK name (developers keep theirs) and the catalogue's description of it; its disks,
//! tags and image check as lists.

use super::inventory::owner_label;
use crate::format::{ago, epoch_ms, short_time, tag_pairs};
use ecsimg_core::catalogue::{Field, IdKind, Shape};
use serde_json::Value;

/// How a value is said.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Words {
    /// As it is.
    Text,
    /// `true` → `Yes`.
    YesNo,
    /// `40` → `40 GiB`.
    Gib,
    /// A time, exact and how long ago.
    Time,
    /// `ImageOwnerAlias`.
    Owner,
    /// `Usage`: `instance` → `Yes, by instances`.
    Usage,
    /// `supported` → `Supported`.
    Support,
    /// `ImdsSupport`: which metadata access the image allows.
    Imds,
}

/// One attribute shown: its group, its label, where it is in an image (wire names), how it is said.
struct Shown {
    group: &'static str,
    label: &'static str,
    path: &'static [&'static str],
    words: Words,
}

const fn shown(group: &'static str, label: &'static str, path: &'static [&'static str], words: Words) -> Shown {
    Shown { group, label, path, words }
}

const OVERVIEW: &str = "Overview";
const SYSTEM: &str = "Operating system";
const FEATURES: &str = "Features";
const USE: &str = "Use and sharing";

/// The groups, in the order they are shown.
const GROUPS: [&str; 4] = [OVERVIEW, SYSTEM, FEATURES, USE];

/// Every scalar attribute of an image, as the details show it.
const SHOWN: &[Shown] = &[
    shown(OVERVIEW, "Name", &["ImageName"], Words::Text),
    shown(OVERVIEW, "Image ID", &["ImageId"], Words::Text),
    shown(OVERVIEW, "Status", &["Status"], Words::Text),
    shown(OVERVIEW, "Progress", &["Progress"], Words::Text),
    shown(OVERVIEW, "Description", &["Description"], Words::Text),
    shown(OVERVIEW, "Family", &["ImageFamily"], Words::Text),
    shown(OVERVIEW, "Version", &["ImageVersion"], Words::Text),
    shown(OVERVIEW, "Created", &["CreationTime"], Words::Time),
    shown(OVERVIEW, "Source", &["ImageOwnerAlias"], Words::Owner),
    shown(OVERVIEW, "Owner account", &["ImageOwnerId"], Words::Text),
    shown(OVERVIEW, "Resource group", &["ResourceGroupId"], Words::Text),
    shown(SYSTEM, "Operating system", &["OSNameEn"], Words::Text),
    shown(SYSTEM, "Operating system (Chinese name)", &["OSName"], Words::Text),
    shown(SYSTEM, "OS type", &["OSType"], Words::Text),
    shown(SYSTEM, "Platform", &["Platform"], Words::Text),
    shown(SYSTEM, "Architecture", &["Architecture"], Words::Text),
    shown(SYSTEM, "Boot mode", &["BootMode"], Words::Text),
    shown(SYSTEM, "Size", &["Size"], Words::Gib),
    shown(SYSTEM, "License", &["LicenseType"], Words::Text),
    shown(SYSTEM, "cloud-init", &["IsSupportCloudinit"], Words::YesNo),
    shown(SYSTEM, "I/O optimized instances", &["IsSupportIoOptimized"], Words::YesNo),
    shown(SYSTEM, "Log in as a non-root user", &["LoginAsNonRootSupported"], Words::YesNo),
    shown(FEATURES, "NVMe", &["Features", "NvmeSupport"], Words::Support),
    shown(FEATURES, "Instance metadata (IMDS)", &["Features", "ImdsSupport"], Words::Imds),
    shown(FEATURES, "Add vCPUs while running", &["Features", "CpuOnlineUpgrade"], Words::Support),
    shown(FEATURES, "Remove vCPUs while running", &["Features", "CpuOnlineDowngrade"], Words::Support),
    shown(FEATURES, "Add memory while running", &["Features", "MemoryOnlineUpgrade"], Words::Support),
    shown(FEATURES, "Remove memory while running", &["Features", "MemoryOnlineDowngrade"], Words::Support),
    shown(FEATURES, "Secure Boot", &["SecureBootOptions", "SecureBootSupport"], Words::Support),
    shown(USE, "In use", &["Usage"], Words::Usage),
    shown(USE, "Usable now", &["Usable"], Words::YesNo),
    shown(USE, "Shared by its owner", &["IsSelfShared"], Words::YesNo),
    shown(USE, "Public", &["IsPublic"], Words::YesNo),
    shown(USE, "A copy of another image", &["IsCopied"], Words::YesNo),
    shown(USE, "Marketplace product", &["ProductCode"], Words::Text),
    shown(USE, "Marketplace terms accepted", &["IsSubscribed"], Words::YesNo),
    shown(USE, "Publisher", &["SupplierName"], Words::Text),
];

/// One attribute, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub label: &'static str,
    /// The field's SDK name, with the structure it sits in: `features.nvmeSupport`.
    pub api: String,
    pub value: String,
    /// The catalogue's description of the field.
    pub help: &'static str,
}

/// A group of attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub attributes: Vec<Attribute>,
}

/// The fields of an image in DescribeImages' answer.
fn image_fields() -> &'static [Field] {
    let lifecycle = IdKind::Image.lifecycle().expect("the catalogue says how images move");
    let Shape::List { item, .. } = lifecycle.items_field().shape() else { return &[] };
    match item.shape() {
        Shape::Struct(fields) => fields,
        _ => &[],
    }
}

/// The catalogue's field at a wire path, with the path's SDK names.
fn field_at(path: &[&str]) -> Option<(&'static Field, Vec<&'static str>)> {
    let mut fields = image_fields();
    let mut names = Vec::new();
    let mut found = None;
    for wire in path {
        let field = fields.iter().find(|f| f.name() == *wire)?;
        names.push(field.field());
        if let Shape::Struct(inner) = &field.shape() {
            fields = inner;
        }
        found = Some(field);
    }
    found.map(|f| (f, names))
}

/// A value in words; `None` when there is nothing to say.
fn say(words: Words, value: &Value, now_ms: f64) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.is_empty() {
        return None;
    }
    let yes = |t: &str| t.eq_ignore_ascii_case("true");
    Some(match words {
        Words::Text => text,
        Words::YesNo => if yes(&text) { "Yes" } else { "No" }.into(),
        Words::Gib => format!("{text} GiB"),
        Words::Time => match epoch_ms(&text) {
            Some(ms) => format!("{} ({})", short_time(&text), ago(ms, now_ms)),
            None => text,
        },
        Words::Owner => format!("{} ({text})", owner_label(&text)),
        Words::Usage => if text == "instance" { "Yes, instances use it" } else { "No" }.into(),
        Words::Support => match text.as_str() {
            "supported" => "Supported".into(),
            "unsupported" => "Not supported".into(),
            _ => text,
        },
        Words::Imds => match text.as_str() {
            "v1" => "IMDSv1 and IMDSv2 (normal and security hardening modes)".into(),
            "v2" => "IMDSv2 only (security hardening mode)".into(),
            _ => text,
        },
    })
}

/// The image's attributes (an image of the flat view) by group, at `now_ms`; groups and
/// attributes without a value are left out.
pub fn sections(image: &Value, now_ms: f64) -> Vec<Section> {
    GROUPS
        .iter()
        .map(|group| Section {
            title: group,
            attributes: SHOWN
                .iter()
                .filter(|s| s.group == *group)
                .filter_map(|s| attribute(s, image, now_ms))
                .collect(),
        })
        .filter(|section| !section.attributes.is_empty())
        .collect()
}

fn attribute(shown: &Shown, image: &Value, now_ms: f64) -> Option<Attribute> {
    let (field, names) = field_at(shown.path)?;
    let value = names.iter().try_fold(image, |v, name| v.get(name))?;
    Some(Attribute {
        label: shown.label,
        api: names.join("."),
        value: say(shown.words, value, now_ms)?,
        help: field.docs().text,
    })
}

/// One of the image's disks.
#[derive(Debug, Clone, PartialEq)]
pub struct Disk {
    pub device: String,
    /// `System disk` or `Data disk`.
    pub role: String,
    pub size: String,
    pub snapshot: String,
    /// `Encrypted`, `Not encrypted`, or nothing when the answer does not say; with the file
    /// format and where it was imported from, when it was.
    pub notes: String,
}

fn text(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The image's disks and the snapshots behind them (`diskDeviceMappings`).
pub fn disks(image: &Value) -> Vec<Disk> {
    let list = image.get("diskDeviceMappings").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    list.iter()
        .map(|d| {
            let role = match text(d, "type").as_str() {
                "system" => "System disk".to_string(),
                "data" => "Data disk".to_string(),
                other => other.to_string(),
            };
            let mut notes = Vec::new();
            match d.get("encrypted").and_then(Value::as_bool) {
                Some(true) => notes.push("Encrypted".to_string()),
                Some(false) => notes.push("Not encrypted".to_string()),
                None => {}
            }
            let (bucket, object, format) = (text(d, "importOSSBucket"), text(d, "importOSSObject"), text(d, "format"));
            if !bucket.is_empty() {
                notes.push(format!("imported from oss://{bucket}/{object}"));
            }
            if !format.is_empty() {
                notes.push(format!("{format} file"));
            }
            let size = text(d, "size");
            Disk {
                device: text(d, "device"),
                role,
                size: if size.is_empty() { size } else { format!("{size} GiB") },
                snapshot: text(d, "snapshotId"),
                notes: notes.join(", "),
            }
        })
        .collect()
}

/// The image's tags.
pub fn tags(image: &Value) -> Vec<(String, String)> {
    tag_pairs(image.get("tags"))
}

/// One item of the image check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckItem {
    pub name: String,
    pub value: String,
    /// `Medium risk: SELinux.Enforcing`, when the item found one.
    pub risk: Option<String>,
}

/// The image check's status and items (`detectionOptions`), when the answer has them.
pub fn check(image: &Value) -> Option<(String, Vec<CheckItem>)> {
    let options = image.get("detectionOptions").filter(|o| o.is_object())?;
    let items = options.get("items").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let items = items
        .iter()
        .map(|item| {
            let (level, code) = (text(item, "riskLevel"), text(item, "riskCode"));
            CheckItem {
                name: text(item, "name"),
                value: text(item, "value"),
                risk: (!level.is_empty() || !code.is_empty()).then(|| format!("{level} risk: {code}")),
            }
        })
        .collect();
    Some((text(options, "status"), items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: f64 = 1_767_225_600_000.0 + 40.0 * 86_400_000.0;

    /// The attributes the details show as lists of their own (`disks`, `tags`, `check`) rather
    /// than as one value (wire names).
    const LISTS: [&str; 3] = ["DiskDeviceMappings", "Tags", "DetectionOptions"];

    #[test]
    fn every_attribute_of_an_image_is_shown() {
        fn leaves(fields: &[Field], prefix: Vec<&'static str>, out: &mut Vec<Vec<&'static str>>) {
            for f in fields {
                let mut path = prefix.clone();
                path.push(f.name());
                match f.shape() {
                    Shape::Struct(inner) => leaves(inner, path, out),
                    _ => out.push(path),
                }
            }
        }
        let mut all = Vec::new();
        leaves(image_fields(), Vec::new(), &mut all);
        assert!(all.len() > 30);
        for path in all {
            let listed = LISTS.contains(&path[0]);
            let shown = SHOWN.iter().any(|s| s.path == path.as_slice());
            assert!(listed || shown, "{} is not shown", path.join("."));
        }
        for s in SHOWN {
            assert!(field_at(s.path).is_some(), "{:?} is not in the catalogue", s.path);
            assert!(GROUPS.contains(&s.group));
        }
    }

    #[test]
    fn attributes_in_words_with_their_sdk_names() {
        let image = json!({
            "imageName": "shop-web-v3", "imageId": "m-1", "status": "Available", "creationTime": "2026-01-01T00:00:00Z",
            "imageOwnerAlias": "self", "size": 40, "isSupportCloudinit": true, "usage": "instance", "isSelfShared": "True",
            "features": {"nvmeSupport": "supported", "imdsSupport": "v2"}, "description": "",
        });
        let sections = sections(&image, NOW);
        let titles: Vec<&str> = sections.iter().map(|s| s.title).collect();
        assert_eq!(titles, [OVERVIEW, SYSTEM, FEATURES, USE]);
        let find = |label: &str| sections.iter().flat_map(|s| &s.attributes).find(|a| a.label == label).cloned();
        let created = find("Created").unwrap();
        assert_eq!(created.value, "2026-01-01 00:00 UTC (1 month ago)");
        assert_eq!(created.api, "creationTime");
        assert!(!created.help.is_empty());
        assert_eq!(find("Source").unwrap().value, "My images (self)");
        assert_eq!(find("Size").unwrap().value, "40 GiB");
        assert_eq!(find("cloud-init").unwrap().value, "Yes");
        assert_eq!(find("In use").unwrap().value, "Yes, instances use it");
        assert_eq!(find("Shared by its owner").unwrap().value, "Yes");
        let nvme = find("NVMe").unwrap();
        assert_eq!((nvme.value.as_str(), nvme.api.as_str()), ("Supported", "features.nvmeSupport"));
        assert_eq!(find("Instance metadata (IMDS)").unwrap().value, "IMDSv2 only (security hardening mode)");
        // Nothing to say: left out.
        assert_eq!(find("Description"), None);
        assert_eq!(find("Platform"), None);
    }

    #[test]
    fn disks_tags_and_the_image_check() {
        let image = json!({
            "diskDeviceMappings": [
                {"device": "/dev/xvda", "type": "system", "size": "40", "snapshotId": "s-1", "encrypted": false},
                {"device": "/dev/xvdb", "type": "data", "size": "100", "snapshotId": "", "format": "RAW",
                 "importOSSBucket": "b", "importOSSObject": "images/d.raw"},
            ],
            "tags": [{"tagKey": "env", "tagValue": "prod"}],
            "detectionOptions": {"status": "Finished", "items": [
                {"name": "Nvme", "value": "supported"},
                {"name": "SELinux", "value": "enforcing", "riskLevel": "Medium", "riskCode": "SELinux.Enforcing"},
            ]},
        });
        let disks = disks(&image);
        assert_eq!(disks.len(), 2);
        assert_eq!(
            (disks[0].role.as_str(), disks[0].size.as_str(), disks[0].snapshot.as_str()),
            ("System disk", "40 GiB", "s-1")
        );
        assert_eq!(disks[0].notes, "Not encrypted");
        assert_eq!(disks[1].notes, "imported from oss://b/images/d.raw, RAW file");
        assert_eq!(tags(&image), [("env".to_string(), "prod".to_string())]);
        let (status, items) = check(&image).unwrap();
        assert_eq!(status, "Finished");
        assert_eq!(items[0].risk, None);
        assert_eq!(items[1].risk.as_deref(), Some("Medium risk: SELinux.Enforcing"));
        assert_eq!(check(&json!({})), None);
        assert!(super::disks(&json!({})).is_empty());
    }
}

//! IDs seen in answers, offered in the ID fields of other forms. Which answer fields hold which kind
//! of ID is the catalogue's (`Field::id_kind`), as is the field beside an ID that names it for
//! people (`IdKind::label`: an image's `imageName`, an execution's `status`).

use ecsimg_core::catalogue::{Field, IdKind, Shape, OPERATIONS};
use serde_json::Value;
use std::collections::{HashSet, VecDeque};
use std::sync::OnceLock;

/// How many IDs of each kind are offered; the oldest seen are forgotten first. A datalist of ten
/// thousand options (after "Load all") would help nobody and slow every page.
pub const KNOWN_CAP: usize = 1000;

/// The number of kinds of ID.
pub const KINDS: usize = IdKind::ALL.len();

/// Where a kind sits in [`IdKind::ALL`] (and in the lists kept per kind).
pub fn slot(kind: IdKind) -> usize {
    IdKind::ALL.iter().position(|k| *k == kind).expect("IdKind::ALL has every kind")
}

/// Things of a kind, in the plural: `images`, `vswitches`.
pub fn plural(kind: IdKind) -> String {
    let name = kind.name();
    let ending = if name.ends_with(['s', 'h', 'x']) { "es" } else { "s" };
    name.to_string() + ending
}

/// The id of the datalist that offers the IDs of a kind: `ids-images`, `ids-vswitches`.
pub fn suggestions_id(kind: IdKind) -> String {
    "ids-".to_string() + &plural(kind)
}

/// IDs of one kind, with a label to recognise them by (an image's name), oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdList {
    entries: VecDeque<(String, String)>,
    /// The IDs of `entries`, to look them up without a scan ("Load all" learns thousands).
    ids: HashSet<String>,
}

impl IdList {
    /// Adds an ID (or gives a known one a label it lacked); forgets the oldest beyond [`KNOWN_CAP`].
    /// Whether the list changed.
    pub fn add(&mut self, id: &str, label: &str) -> bool {
        if self.ids.contains(id) {
            if label.is_empty() {
                return false;
            }
            return match self.entries.iter_mut().find(|e| e.0 == id && e.1 != label) {
                Some(entry) => {
                    entry.1 = label.to_string();
                    true
                }
                None => false,
            };
        }
        self.ids.insert(id.to_string());
        self.entries.push_back((id.to_string(), label.to_string()));
        if self.entries.len() > KNOWN_CAP {
            if let Some((old, _)) = self.entries.pop_front() {
                self.ids.remove(&old);
            }
        }
        true
    }

    /// Adds every `(id, label)`; whether the list changed.
    pub fn add_all(&mut self, found: &[(String, String)]) -> bool {
        found.iter().fold(false, |changed, (id, label)| self.add(id, label) | changed)
    }

    /// `(id, label)` pairs, oldest first.
    pub fn entries(&self) -> impl Iterator<Item = &(String, String)> {
        self.entries.iter()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// What an answer field holds: a kind of ID, and whether it is the ID of the object it sits in (its
/// wire name ends in `Id`: an image's `imageId`, not a pipeline's `baseImage`), which the object's
/// label then names.
#[derive(Debug, Clone, Copy)]
struct Holds {
    kind: IdKind,
    own: bool,
}

/// The answer fields (SDK names) that hold IDs, from every operation's response in the catalogue (a
/// score of names, so a list).
fn id_fields() -> &'static [(&'static str, Holds)] {
    static FIELDS: OnceLock<Vec<(&'static str, Holds)>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        fn walk(fields: &'static [Field], out: &mut Vec<(&'static str, Holds)>) {
            for f in fields {
                let (holder, own) = match f.shape() {
                    Shape::List { item, .. } => (item, false),
                    _ => (f, f.name().ends_with("Id")),
                };
                if let Some(kind) = holder.id_kind().filter(|_| !out.iter().any(|(name, _)| *name == f.field())) {
                    out.push((f.field(), Holds { kind, own }));
                }
                match f.shape() {
                    Shape::Struct(inner) => walk(inner, out),
                    Shape::List { item, .. } => walk(std::slice::from_ref(item), out),
                    Shape::Scalar(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        for op in OPERATIONS {
            walk(op.response, &mut out);
        }
        out
    })
}

/// The IDs found in answers, by kind (in [`IdKind::ALL`]'s order): `(id, label)` pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    by_kind: Vec<Vec<(String, String)>>,
}

impl Learned {
    /// The IDs of answers (flat views, or the items of a page), wherever they sit, each labelled
    /// from the object it is the ID of.
    pub fn from<'a>(values: impl IntoIterator<Item = &'a Value>) -> Learned {
        let mut learned = Learned { by_kind: vec![Vec::new(); KINDS] };
        for value in values {
            learned.walk(value);
        }
        learned
    }

    fn walk(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if let Some((_, Holds { kind, own })) = id_fields().iter().find(|(name, _)| name == key) {
                        let label = kind.label().filter(|_| *own).and_then(|l| map.get(l)).and_then(Value::as_str);
                        self.found(*kind, v, label.unwrap_or_default());
                    }
                    self.walk(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.walk(v)),
            _ => {}
        }
    }

    /// An ID field's value: one ID, or a list of them.
    fn found(&mut self, kind: IdKind, value: &Value, label: &str) {
        let list = &mut self.by_kind[slot(kind)];
        match value {
            Value::String(id) if !id.is_empty() => list.push((id.clone(), label.to_string())),
            Value::Array(ids) => {
                let ids = ids.iter().filter_map(Value::as_str).filter(|id| !id.is_empty());
                list.extend(ids.map(|id| (id.to_string(), String::new())));
            }
            _ => {}
        }
    }

    /// The kinds some ID was found of, with their `(id, label)` pairs.
    pub fn kinds(&self) -> impl Iterator<Item = (IdKind, &[(String, String)])> {
        IdKind::ALL.iter().zip(&self.by_kind).filter(|(_, found)| !found.is_empty()).map(|(k, f)| (*k, f.as_slice()))
    }

    #[cfg(test)]
    fn of(&self, kind: IdKind) -> &[(String, String)] {
        &self.by_kind[slot(kind)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pair(id: &str, label: &str) -> (String, String) {
        (id.to_string(), label.to_string())
    }

    #[test]
    fn learns_ids_with_labels_wherever_they_are() {
        let answer = json!({
            "regionId": "cn-hangzhou",
            "images": [{"imageId": "m-1", "imageName": "web", "diskDeviceMappings": [{"snapshotId": "s-1"}]}],
            "imagePipelineExecution": [{"executionId": "exec-1", "status": "BUILDING", "imagePipelineId": "ip-1"}],
        });
        let learned = Learned::from([&answer]);
        assert_eq!(learned.of(IdKind::Image), [pair("m-1", "web")]);
        assert_eq!(learned.of(IdKind::Snapshot), [pair("s-1", "")]);
        assert_eq!(learned.of(IdKind::Execution), [pair("exec-1", "BUILDING")]);
        assert_eq!(learned.of(IdKind::Pipeline), [pair("ip-1", "")]);
        assert_eq!(learned.of(IdKind::Region), [pair("cn-hangzhou", "")]);
        assert_eq!(learned.kinds().count(), 5);
        // Empty IDs are none; lists of IDs are each one; a base image is not named by the name of
        // the image its pipeline makes.
        let pipelines = json!({"imagePipeline": [{"imagePipelineId": "ip-1", "name": "nightly", "baseImage": "m-2",
            "imageName": "out", "toRegionIds": ["cn-beijing", ""]}], "imageId": ""});
        let learned = Learned::from([&pipelines]);
        assert_eq!(learned.of(IdKind::Pipeline), [pair("ip-1", "nightly")]);
        assert_eq!(learned.of(IdKind::Image), [pair("m-2", "")]);
        assert_eq!(learned.of(IdKind::Region), [pair("cn-beijing", "")]);
    }

    #[test]
    fn a_list_keeps_a_label_found_later() {
        let mut list = IdList::default();
        assert!(list.add("ip-1", ""));
        assert!(list.add("ip-1", "nightly"));
        assert!(!list.add("ip-1", ""));
        assert!(!list.add_all(&[pair("ip-1", "nightly")]));
        assert_eq!(list.entries().cloned().collect::<Vec<_>>(), [pair("ip-1", "nightly")]);
    }

    #[test]
    fn forgets_the_oldest_beyond_the_cap() {
        let mut list = IdList::default();
        for i in 0..KNOWN_CAP + 5 {
            list.add(&format!("m-{i}"), "");
        }
        assert_eq!(list.len(), KNOWN_CAP);
        assert!(!list.contains("m-4"));
        assert!(list.contains("m-5"));
        assert!(list.contains(&format!("m-{}", KNOWN_CAP + 4)));
    }

    #[test]
    fn every_kind_has_its_datalist() {
        assert_eq!(suggestions_id(IdKind::Image), "ids-images");
        assert_eq!(suggestions_id(IdKind::Instance), "ids-instances");
        assert_eq!(suggestions_id(IdKind::Vswitch), "ids-vswitches");
        let ids: HashSet<String> = IdKind::ALL.iter().map(|k| suggestions_id(*k)).collect();
        assert_eq!(ids.len(), KINDS);
        assert!(IdKind::ALL.iter().enumerate().all(|(i, k)| slot(*k) == i));
    }
}

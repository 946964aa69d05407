//! IDs seen in answers, offered in the ID fields of other forms.

use serde_json::Value;
use std::collections::{HashSet, VecDeque};

/// How many IDs of each kind are offered; the oldest seen are forgotten first. A datalist of ten
/// thousand options (after "Load all") would help nobody and slow every page.
pub const KNOWN_CAP: usize = 1000;

/// IDs of one kind, with a label to recognise them by (an image's name), oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdList {
    entries: VecDeque<(String, String)>,
    /// The IDs of `entries`, to look them up without a scan ("Load all" learns thousands).
    ids: HashSet<String>,
}

impl IdList {
    /// Adds an ID (or gives a known one a label it lacked); forgets the oldest beyond [`KNOWN_CAP`].
    pub fn add(&mut self, id: &str, label: &str) {
        if self.ids.contains(id) {
            if !label.is_empty() {
                if let Some(entry) = self.entries.iter_mut().find(|e| e.0 == id && e.1 != label) {
                    entry.1 = label.to_string();
                }
            }
            return;
        }
        self.ids.insert(id.to_string());
        self.entries.push_back((id.to_string(), label.to_string()));
        if self.entries.len() > KNOWN_CAP {
            if let Some((old, _)) = self.entries.pop_front() {
                self.ids.remove(&old);
            }
        }
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

/// IDs seen in answers, offered in the ID fields of other forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnownIds {
    pub images: IdList,
    pub pipelines: IdList,
    pub executions: IdList,
    pub components: IdList,
    pub snapshots: IdList,
    pub instances: IdList,
}

impl KnownIds {
    /// Collects the IDs of an answer (flat view), wherever they are, each labelled from the object
    /// it sits in (an image by its name, an execution by its status).
    pub fn learn(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                let text = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or_default();
                for (key, v) in map {
                    if let Some(id) = v.as_str().filter(|s| !s.is_empty()) {
                        let (list, label) = match key.as_str() {
                            "imageId" => (&mut self.images, text("imageName").to_string()),
                            "imagePipelineId" => (&mut self.pipelines, text("name").to_string()),
                            "executionId" => (&mut self.executions, text("status").to_string()),
                            "imageComponentId" => (&mut self.components, text("name").to_string()),
                            "snapshotId" => (&mut self.snapshots, String::new()),
                            "instanceId" => (&mut self.instances, String::new()),
                            _ => {
                                self.learn(v);
                                continue;
                            }
                        };
                        list.add(id, &label);
                    }
                    self.learn(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.learn(v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn learns_ids_with_labels_wherever_they_are() {
        let mut known = KnownIds::default();
        known.learn(&json!({
            "images": [{"imageId": "m-1", "imageName": "web", "diskDeviceMappings": [{"snapshotId": "s-1"}]}],
            "imagePipelineExecution": [{"executionId": "exec-1", "status": "BUILDING", "imagePipelineId": "ip-1"}],
        }));
        known.learn(&json!({"imagePipeline": [{"imagePipelineId": "ip-1", "name": "nightly"}], "imageId": ""}));
        assert_eq!(known.images.entries().cloned().collect::<Vec<_>>(), [("m-1".to_string(), "web".to_string())]);
        assert!(known.snapshots.contains("s-1"));
        assert_eq!(known.executions.entries().next().unwrap().1, "BUILDING");
        // A label found later fills the one missing, and an answer without one keeps it.
        assert_eq!(known.pipelines.entries().next().unwrap().1, "nightly");
        known.learn(&json!({"imagePipelineId": "ip-1"}));
        assert_eq!(known.pipelines.entries().next().unwrap().1, "nightly");
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
}

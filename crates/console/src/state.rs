//! The console's state, shared through context: cheap `Copy` handles to signals.

use crate::client::Failure;
use crate::connection::Connection;
use ecsimg_core::catalogue::{operation, Operation};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};

/// One call made in this tab.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRecord {
    pub id: u64,
    pub action: &'static str,
    pub request: Value,
    pub outcome: Result<Value, Failure>,
    /// When it was made (ms since the epoch) and how long it took.
    pub at: f64,
    pub duration_ms: f64,
    pub connection: String,
}

/// IDs seen in answers, offered in the ID fields of other forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KnownIds {
    pub images: BTreeSet<String>,
    pub pipelines: BTreeSet<String>,
    pub executions: BTreeSet<String>,
    pub components: BTreeSet<String>,
}

impl KnownIds {
    /// Collects the IDs of an answer (flat view), wherever they are.
    pub fn learn(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    if let Some(id) = v.as_str().filter(|s| !s.is_empty()) {
                        let set = match key.as_str() {
                            "imageId" => Some(&mut self.images),
                            "imagePipelineId" => Some(&mut self.pipelines),
                            "executionId" => Some(&mut self.executions),
                            "imageComponentId" => Some(&mut self.components),
                            _ => None,
                        };
                        if let Some(set) = set {
                            set.insert(id.to_string());
                        }
                    }
                    self.learn(v);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.learn(v)),
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub connection: RwSignal<Connection>,
    pub selected: RwSignal<&'static Operation>,
    /// One form per operation, kept while switching between them.
    forms: StoredValue<HashMap<&'static str, RwSignal<Value>>>,
    /// The call whose answer is shown.
    pub shown: RwSignal<Option<CallRecord>>,
    pub history: RwSignal<Vec<CallRecord>>,
    pub known: RwSignal<KnownIds>,
    /// The last request signed for "Show request".
    pub preview: RwSignal<Option<crate::request_view::Preview>>,
    /// A call is in flight.
    pub busy: RwSignal<bool>,
    next_id: StoredValue<u64>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            connection: RwSignal::new(Connection::restored()),
            selected: RwSignal::new(operation("DescribeImages").expect("in the catalogue")),
            forms: StoredValue::new(HashMap::new()),
            shown: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
            known: RwSignal::new(KnownIds::default()),
            preview: RwSignal::new(None),
            busy: RwSignal::new(false),
            next_id: StoredValue::new(0),
        }
    }

    /// The form of an operation, made on first use with the connection's region filled in.
    pub fn form_for(&self, op: &'static Operation) -> RwSignal<Value> {
        if let Some(form) = self.forms.with_value(|f| f.get(op.name).copied()) {
            return form;
        }
        let region = self.connection.with_untracked(|c| c.region.clone());
        let form = RwSignal::new(json!({ "regionId": region }));
        self.forms.update_value(|f| {
            f.insert(op.name, form);
        });
        form
    }

    pub fn next_call_id(&self) -> u64 {
        self.next_id.update_value(|n| *n += 1);
        self.next_id.get_value()
    }
}

//! What a dialog of the image manager will do, before it does it: the exact calls (one per target
//! resource, or one when it acts on none), each checked by the core as the user types; what a
//! destructive action asks the user to confirm; and, once it runs, how each call went.

use super::failure::Failure;
use crate::forms::Checked;
use ecsimg_core::catalogue::Operation;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The request field of the region a call is made in (SDK name).
const REGION: &str = "regionId";

/// A resource a dialog acts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    /// What people call it (its name; empty when it has none).
    pub name: String,
    pub region: String,
    /// The request values that name it: `{regionId, imagePipelineId}`.
    pub request: Value,
}

impl Target {
    /// The resource `id` in `region`, which requests name in their `key` field (SDK name).
    pub fn new(key: &str, id: &str, name: &str, region: &str) -> Target {
        let request = Value::Object(Map::from_iter([
            (REGION.to_string(), Value::from(region)),
            (key.to_string(), Value::from(id)),
        ]));
        Target { id: id.into(), name: name.into(), region: region.into(), request }
    }

    /// `web-build (ip-123)`, or the ID alone when it has no other name.
    pub fn describe(&self) -> String {
        if self.name.is_empty() || self.name == self.id {
            self.id.clone()
        } else {
            format!("{} ({})", self.name, self.id)
        }
    }

    /// What a user types to confirm destroying it: its name, else its ID.
    fn typed_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// One call a dialog will make.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCall {
    pub request: Value,
    /// The resource it acts on, if any.
    pub target: Option<Target>,
}

impl PlannedCall {
    /// The region the call goes to.
    pub fn region(&self) -> &str {
        self.request.get(REGION).and_then(Value::as_str).unwrap_or_default()
    }

    /// The call in a line: `DeleteImagePipeline · web-build (ip-1) · cn-hangzhou`.
    pub fn summary(&self, op: &Operation) -> String {
        match &self.target {
            Some(target) => format!("{} · {} · {}", op.name, target.describe(), self.region()),
            None => format!("{} · {}", op.name, self.region()),
        }
    }
}

/// The problems the core finds in a plan's calls: at the fields the dialog shows, and those no
/// field shows (said in the dialog as a whole).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems {
    /// Messages by path (`imageOptions.imageName`, `tag[0].key`), each once however many calls
    /// share it.
    pub at: HashMap<String, Vec<String>>,
    /// `imagePipelineId: is required` (the path named, as there is no field to stand beside).
    pub loose: Vec<String>,
}

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.at.is_empty() && self.loose.is_empty()
    }

    /// The paths with problems at or inside `fields` (a step of a dialog), in order.
    pub fn under(&self, fields: &[String]) -> Vec<String> {
        let mut paths: Vec<String> =
            self.at.keys().filter(|path| fields.iter().any(|f| under(path, f))).cloned().collect();
        paths.sort();
        paths
    }

    /// The number of problems shown beside fields.
    pub fn at_fields(&self) -> usize {
        self.at.values().map(Vec::len).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub op: &'static Operation,
    pub calls: Vec<PlannedCall>,
}

/// Plans are the same when they make the same calls of the same operation.
impl PartialEq for Plan {
    fn eq(&self, other: &Plan) -> bool {
        self.op.name == other.op.name && self.calls == other.calls
    }
}

impl Plan {
    /// One call per target (or one call when there is none): the dialog's fixed values (`base`),
    /// under what the user entered (`form`), under the values that name the target.
    pub fn per_target(op: &'static Operation, base: &Value, form: &Value, targets: &[Target]) -> Plan {
        let call = |target: Option<&Target>| PlannedCall {
            request: merged(&[base, form, target.map_or(&Value::Null, |t| &t.request)]),
            target: target.cloned(),
        };
        let calls = if targets.is_empty() { vec![call(None)] } else { targets.iter().map(Some).map(call).collect() };
        Plan { op, calls }
    }

    /// One call per value of the form's list at `key` and per target (a copy to each region
    /// ticked): each call has one of the values there. An empty or missing list leaves one call
    /// without it (the core says so where the catalogue requires it).
    pub fn per_value(op: &'static Operation, base: &Value, form: &Value, targets: &[Target], key: &str) -> Plan {
        let values = match form.get(key) {
            Some(Value::Array(values)) if !values.is_empty() => values.clone(),
            Some(Value::Array(_)) | None => vec![Value::Null],
            Some(one) => vec![one.clone()],
        };
        let calls = values
            .into_iter()
            .flat_map(|value| {
                let mut one = form.clone();
                if let Some(map) = one.as_object_mut() {
                    match value {
                        Value::Null => map.remove(key),
                        value => map.insert(key.to_string(), value),
                    };
                }
                Plan::per_target(op, base, &one, targets).calls
            })
            .collect();
        Plan { op, calls }
    }

    /// What the core says of every call (the same messages as the API view's forms). Problems at
    /// a path under one of `fields` (the paths the dialog has editors for, `tag` covering
    /// `tag[0].key`) stand beside it; the others are loose.
    pub fn problems(&self, fields: &[String]) -> Problems {
        let mut problems = Problems::default();
        for call in &self.calls {
            for (path, messages) in Checked::of(self.op, &call.request, false).by_path {
                let shown = fields.iter().any(|f| under(&path, f));
                for message in messages {
                    if shown {
                        let list = problems.at.entry(path.clone()).or_default();
                        if !list.contains(&message) {
                            list.push(message);
                        }
                    } else {
                        let loose = if path.is_empty() { message } else { format!("{path}: {message}") };
                        if !problems.loose.contains(&loose) {
                            problems.loose.push(loose);
                        }
                    }
                }
            }
        }
        problems.loose.sort();
        problems
    }
}

/// Whether `path` is `field` or inside it (`tag[0].key` is inside `tag`, `tagline` is not).
fn under(path: &str, field: &str) -> bool {
    path.strip_prefix(field).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Objects merged key by key, a later one's value over an earlier one's (nested objects merged
/// too); anything but an object adds nothing.
pub fn merged(layers: &[&Value]) -> Value {
    let mut out = Map::new();
    for layer in layers {
        let Value::Object(map) = layer else { continue };
        for (key, value) in map {
            let value = match (out.get(key), value) {
                (Some(old @ Value::Object(_)), Value::Object(_)) => merged(&[old, value]),
                _ => value.clone(),
            };
            out.insert(key.clone(), value);
        }
    }
    Value::Object(out)
}

/// What a destructive action asks before it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Nothing: it destroys nothing.
    Nothing,
    /// The user types this (the one target's name).
    Type(String),
    /// The user ticks a checkbox saying this (several targets, each listed beside it).
    Tick(String),
}

impl Confirm {
    /// What destroying `targets` asks: the name of one typed, or for several a box ticked that
    /// counts them (`verb` `delete`, `noun` the targets' kind in the plural: `pipelines`).
    pub fn destroying(verb: &str, noun: &str, targets: &[Target]) -> Confirm {
        match targets {
            [] => Confirm::Nothing,
            [one] => Confirm::Type(one.typed_name().to_string()),
            many => Confirm::Tick(format!("Yes, {verb} these {} {noun}", many.len())),
        }
    }

    /// Whether what the user typed and ticked confirms it.
    pub fn satisfied(&self, typed: &str, ticked: bool) -> bool {
        match self {
            Confirm::Nothing => true,
            Confirm::Type(name) => typed.trim() == name,
            Confirm::Tick(_) => ticked,
        }
    }
}

/// How one call of a running plan went.
#[derive(Debug, Clone, PartialEq)]
pub enum CallState {
    Waiting,
    Running,
    /// With the answer.
    Done(Value),
    Failed(Failure),
}

/// A plan being carried out: its calls as they were when the user ran it, one at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub calls: Vec<PlannedCall>,
    pub states: Vec<CallState>,
}

impl Run {
    pub fn new(plan: &Plan) -> Run {
        Run { calls: plan.calls.clone(), states: vec![CallState::Waiting; plan.calls.len()] }
    }

    /// The next call to make, marked as running.
    pub fn start_next(&mut self) -> Option<(usize, Value)> {
        let i = self.states.iter().position(|s| *s == CallState::Waiting)?;
        self.states[i] = CallState::Running;
        Some((i, self.calls[i].request.clone()))
    }

    pub fn record(&mut self, i: usize, outcome: Result<Value, Failure>) {
        if let Some(state) = self.states.get_mut(i) {
            *state = match outcome {
                Ok(answer) => CallState::Done(answer),
                Err(failure) => CallState::Failed(failure),
            };
        }
    }

    /// Puts the failed calls back in line (a partial bulk action, tried again).
    pub fn retry_failed(&mut self) {
        for state in &mut self.states {
            if matches!(state, CallState::Failed(_)) {
                *state = CallState::Waiting;
            }
        }
    }

    /// No call is waiting or running.
    pub fn over(&self) -> bool {
        self.states.iter().all(|s| matches!(s, CallState::Done(_) | CallState::Failed(_)))
    }

    pub fn failed(&self) -> usize {
        self.states.iter().filter(|s| matches!(s, CallState::Failed(_))).count()
    }

    /// Every call's request and answer, once every call succeeded.
    pub fn answers(&self) -> Option<Vec<(Value, Value)>> {
        self.calls
            .iter()
            .zip(&self.states)
            .map(|(call, state)| match state {
                CallState::Done(answer) => Some((call.request.clone(), answer.clone())),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    fn pipelines() -> Vec<Target> {
        vec![
            Target::new("imagePipelineId", "ip-1", "web-build", "cn-hangzhou"),
            Target::new("imagePipelineId", "ip-2", "", "cn-shanghai"),
        ]
    }

    #[test]
    fn one_call_per_target_with_the_form_over_the_fixed_values() {
        let op = operation("DeleteImagePipeline").unwrap();
        let plan = Plan::per_target(op, &json!({"regionId": "cn-beijing"}), &json!({}), &pipelines());
        assert_eq!(plan.calls.len(), 2);
        assert_eq!(plan.calls[0].request, json!({"regionId": "cn-hangzhou", "imagePipelineId": "ip-1"}));
        assert_eq!(plan.calls[1].region(), "cn-shanghai");
        assert_eq!(plan.calls[0].summary(op), "DeleteImagePipeline · web-build (ip-1) · cn-hangzhou");
        assert_eq!(plan.calls[1].summary(op), "DeleteImagePipeline · ip-2 · cn-shanghai");
        assert!(plan.problems(&[]).is_empty());
        let create = operation("CreateImageComponent").unwrap();
        let plan = Plan::per_target(create, &json!({"regionId": "cn-hangzhou"}), &json!({"name": "web"}), &[]);
        assert_eq!(
            plan.calls,
            [PlannedCall { request: json!({"regionId": "cn-hangzhou", "name": "web"}), target: None }]
        );
        assert_eq!(plan.calls[0].summary(create), "CreateImageComponent · cn-hangzhou");
    }

    #[test]
    fn one_call_per_value_of_a_list_in_the_form() {
        let op = operation("CopyImage").unwrap();
        let image = [Target::new("imageId", "m-1", "web", "cn-hangzhou")];
        let form = json!({"destinationRegionId": ["cn-shanghai", "cn-beijing"], "destinationImageName": "web"});
        let plan = Plan::per_value(op, &json!({}), &form, &image, "destinationRegionId");
        assert_eq!(plan.calls.len(), 2);
        assert_eq!(
            plan.calls[1].request,
            json!({"regionId": "cn-hangzhou", "imageId": "m-1", "destinationRegionId": "cn-beijing", "destinationImageName": "web"})
        );
        let none = Plan::per_value(op, &json!({}), &json!({"destinationRegionId": []}), &image, "destinationRegionId");
        assert_eq!(none.calls.len(), 1);
        assert!(none.calls[0].request.get("destinationRegionId").is_none());
    }

    #[test]
    fn nested_values_merge() {
        let base = json!({"imageOptions": {"imageName": "a"}, "tag": [{"key": "x"}]});
        let form = json!({"imageOptions": {"imageFamily": "f"}, "tag": [{"key": "y"}]});
        assert_eq!(
            merged(&[&base, &form, &Value::Null]),
            json!({"imageOptions": {"imageName": "a", "imageFamily": "f"}, "tag": [{"key": "y"}]})
        );
    }

    #[test]
    fn problems_stand_beside_their_fields_once_and_the_rest_are_loose() {
        let op = operation("CreateImageComponent").unwrap();
        let form = json!({"name": "a", "content": "RUN echo hi", "tag": [{"key": ""}]});
        let plan = Plan::per_target(op, &json!({"regionId": "cn-hangzhou"}), &form, &[]);
        let problems = plan.problems(&["name".into(), "content".into(), "tag".into()]);
        let name = &problems.at["name"];
        assert_eq!(name.len(), 1);
        assert!(name[0].starts_with("must be 2 to 128 characters"), "{name:?}");
        assert!(problems.at.keys().any(|k| k.starts_with("tag[0]")), "{problems:?}");
        assert!(problems.loose.is_empty(), "{problems:?}");
        assert_eq!(problems.at_fields(), problems.at.values().map(Vec::len).sum::<usize>());
        // A step of the dialog has the problems of its own fields.
        assert_eq!(problems.under(&["name".into()]), ["name"]);
        assert!(problems.under(&["content".into()]).is_empty());
        assert!(problems.under(&["tag".into()]).iter().all(|p| p.starts_with("tag[0]")));
        // The same problem in every call of a bulk plan is said once; a field the dialog does
        // not show has its problem said loose, naming the path.
        let delete = operation("DeleteImagePipeline").unwrap();
        let elsewhere = vec![Target::new("imagePipelineId", "ip-1", "", "Hangzhou"); 2];
        let plan = Plan::per_target(delete, &json!({}), &json!({}), &elsewhere);
        let problems = plan.problems(&[]);
        assert_eq!(problems.loose.len(), 1, "{problems:?}");
        assert!(problems.loose[0].starts_with("regionId: "), "{problems:?}");
        assert!(under("tag[0].key", "tag") && under("tag", "tag") && !under("tagline", "tag"));
    }

    #[test]
    fn destroying_one_asks_for_its_name_and_several_for_a_tick() {
        let targets = pipelines();
        let one = Confirm::destroying("delete", "pipelines", &targets[..1]);
        assert_eq!(one, Confirm::Type("web-build".into()));
        assert!(!one.satisfied("web", true) && one.satisfied(" web-build ", false));
        let unnamed = Confirm::destroying("delete", "pipelines", &targets[1..]);
        assert_eq!(unnamed, Confirm::Type("ip-2".into()));
        let both = Confirm::destroying("delete", "pipelines", &targets);
        assert_eq!(both, Confirm::Tick("Yes, delete these 2 pipelines".into()));
        assert!(!both.satisfied("", false) && both.satisfied("", true));
        assert!(Confirm::destroying("delete", "pipelines", &[]).satisfied("", false));
    }

    #[test]
    fn a_run_makes_each_call_once_and_retries_only_the_failed() {
        let op = operation("DeleteImagePipeline").unwrap();
        let plan = Plan::per_target(op, &json!({}), &json!({}), &pipelines());
        let mut run = Run::new(&plan);
        let (first, request) = run.start_next().unwrap();
        assert_eq!((first, request["imagePipelineId"].as_str()), (0, Some("ip-1")));
        run.record(0, Ok(json!({"requestId": "r1"})));
        let (second, _) = run.start_next().unwrap();
        assert!(!run.over());
        run.record(second, Err(Failure::local("no")));
        assert!(run.over() && run.start_next().is_none());
        assert_eq!((run.failed(), run.answers()), (1, None));
        run.retry_failed();
        assert_eq!(run.start_next().map(|(i, _)| i), Some(1));
        run.record(1, Ok(json!({"requestId": "r2"})));
        let answers = run.answers().unwrap();
        assert_eq!(answers[1].1, json!({"requestId": "r2"}));
        assert_eq!(answers[0].0["imagePipelineId"], "ip-1");
    }
}

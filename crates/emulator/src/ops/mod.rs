//! The 23 operations. Each takes the store and a checked call (parameters already validated against
//! the catalogue, in the official TS SDK's names) and returns the answer's body in wire names,
//! without `RequestId`, or the service's error.

pub mod components;
pub mod copy;
pub mod images;
pub mod paging;
pub mod pipelines;
pub mod resources;
pub mod share;
pub mod transfer;

use crate::error::ServiceError;
use crate::state::lifecycle::Timing;
use crate::state::tags::tag_pairs;
use crate::state::{AccountId, Millis, Store};
use ecsimg_core::catalogue::Operation;
use ecsimg_core::signing::Timestamp;
use serde_json::{json, Map, Value};

/// An answer's body in wire names.
pub type Body = Map<String, Value>;

/// A body of one field. (Filled by `insert`: collecting into a `Map` brings a sort and a bulk
/// build of the B-tree into the wasm.)
pub fn body_of(key: &str, value: Value) -> Body {
    let mut body = Body::new();
    body.insert(key.to_string(), value);
    body
}

/// One checked call.
pub struct Call<'a> {
    pub op: &'static Operation,
    pub account: AccountId,
    /// The call's `RegionId`, a region the emulator serves.
    pub region: String,
    /// The parameters, in the official TS SDK's names and types.
    pub request: &'a Value,
    pub now: Millis,
    pub timing: Timing,
}

impl Call<'_> {
    pub fn str(&self, field: &str) -> Option<&str> {
        self.request.get(field).and_then(Value::as_str)
    }

    pub fn int(&self, field: &str) -> Option<i64> {
        self.request.get(field).and_then(Value::as_i64)
    }

    pub fn bool(&self, field: &str) -> Option<bool> {
        self.request.get(field).and_then(Value::as_bool)
    }

    pub fn list(&self, field: &str) -> &[Value] {
        self.request.get(field).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
    }

    /// A `[{key, value}]` list as pairs (missing values are empty).
    pub fn tags(&self, field: &str) -> Vec<(String, String)> {
        tag_pairs(self.list(field))
    }

    /// The operation's documented error `code`.
    pub fn error(&self, code: &str) -> ServiceError {
        ServiceError::documented(Some(self.op), code)
    }

    /// The operation's documented error `code` in the variant whose message contains `hint`, for
    /// codes documented more than once with different statuses or messages.
    pub fn error_variant(&self, code: &str, hint: &str) -> ServiceError {
        let row = self.op.errors().find(|e| e.code == code && e.message.contains(hint));
        row.map_or_else(|| self.error(code), |e| ServiceError::new(e.status, code, e.message))
    }
}

/// Carries out a call.
pub fn run(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    match call.op.name {
        "CreateImage" => images::create(store, call),
        "DescribeImages" => images::describe(store, call),
        "DescribeImageFromFamily" => images::describe_from_family(store, call),
        "ModifyImageAttribute" => images::modify(store, call),
        "DeleteImage" => images::delete(store, call),
        "CopyImage" => copy::copy(store, call),
        "CancelCopyImage" => copy::cancel(store, call),
        "ModifyImageSharePermission" => share::modify(store, call),
        "DescribeImageSharePermission" => share::describe(store, call),
        "ModifyImageShareGroupPermission" => share::modify_groups(store, call),
        "ImportImage" => transfer::import(store, call),
        "ExportImage" => transfer::export(store, call),
        "CreateImageComponent" => components::create(store, call),
        "DescribeImageComponents" => components::describe(store, call),
        "DeleteImageComponent" => components::delete(store, call),
        "CreateImagePipeline" => pipelines::create(store, call),
        "DescribeImagePipelines" => pipelines::describe(store, call),
        "DeleteImagePipeline" => pipelines::delete(store, call),
        "StartImagePipelineExecution" => pipelines::start_execution(store, call),
        "DescribeImagePipelineExecutions" => pipelines::describe_executions(store, call),
        "CancelImagePipelineExecution" => pipelines::cancel_execution(store, call),
        "DescribeAvailableResource" => resources::describe_available(store, call),
        "DescribeImageSupportInstanceTypes" => resources::describe_support_instance_types(store, call),
        other => unreachable!("{other} is in the catalogue but has no handler"),
    }
}

/// Whether a successful call of `op` changes state (and must be saved before it is answered), as
/// the catalogue's operation kind says, for the gateway's `Outcome::mutated`.
pub fn mutates(op: &Operation) -> bool {
    op.kind.changes_state()
}

/// `yyyy-MM-ddTHH:mm:ssZ`, the service's time format.
pub fn iso(ms: Millis) -> String {
    Timestamp::from_unix_seconds((ms / 1000) as i64).to_string()
}

/// Tags as the service answers them: `{"Tag": [{"TagKey": .., "TagValue": ..}]}`.
pub fn tags_body(tags: &[(String, String)]) -> Value {
    let items: Vec<Value> = tags.iter().map(|(k, v)| json!({"TagKey": k, "TagValue": v})).collect();
    json!({ "Tag": items })
}

/// Newest first, then by ID, as the service lists resources.
pub fn newest_first<'a, T>(found: Vec<&'a T>, key: impl Fn(&'a T) -> (Millis, &'a str)) -> Vec<&'a T> {
    let keys = found
        .iter()
        .map(|item| {
            let (created, id) = key(item);
            (Millis::MAX - created, 0, id)
        })
        .collect();
    crate::order::ascending(keys).into_iter().map(|at| found[at]).collect()
}

/// Whether a resource's tags satisfy a tag filter: every filter key present, and equal when the
/// filter gives a value.
pub fn matches_tags(have: &[(String, String)], filter: &[(String, String)]) -> bool {
    filter.iter().all(|(key, value)| have.iter().any(|(k, v)| k == key && (value.is_empty() || v == value)))
}

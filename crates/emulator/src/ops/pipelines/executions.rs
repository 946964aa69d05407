//! StartImagePipelineExecution, DescribeImagePipelineExecutions, CancelImagePipelineExecution. Only
//! PREPARING and BUILDING executions can be cancelled, as on the service. How an execution runs by
//! itself is in [`crate::state::executions`].

use super::{has_running_execution, oss_problem, own_pipeline, running, OssProblem};
use crate::error::ServiceError;
use crate::ops::{body_of, iso, matches_tags, newest_first, paging, tags_body, Body, Call};
use crate::state::executions;
use crate::state::pipelines::{base_image, text};
use crate::state::tags::new_tags;
use crate::state::{Execution, ExecutionStatus as Status, Store};
use serde_json::{json, Value};

pub fn start_execution(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imagePipelineId").unwrap_or_default();
    let pipeline = own_pipeline(store, call, id)?;
    if running(store, id) {
        return Err(has_running_execution(call, id));
    }
    if text(&pipeline.request, "/baseImageType") == Some("OSS") {
        match oss_problem(store, call.account, &call.region, &pipeline.request) {
            Some(OssProblem::NotFound) => return Err(call.error("InvalidImagePipeline.OSSObjectNotFound")),
            Some(OssProblem::NotAuthorized) => return Err(call.error("InvalidImagePipeline.OSSObjectNotAuthorized")),
            None => {}
        }
    } else if base_image(store, call.account, &call.region, &pipeline.request).is_none() {
        return Err(call.error("InvalidImagePipeline.BaseImageNotFound"));
    }
    let execution_id = store.new_id("exec-");
    let execution = Execution {
        id: execution_id.clone(),
        region: call.region.clone(),
        owner: call.account,
        pipeline: id.to_string(),
        status: Status::Preparing,
        since: call.now,
        created: call.now,
        modified: call.now,
        image: None,
        tags: new_tags(call.tags("tag")),
        error_code: None,
        message: String::new(),
    };
    executions::start(store, execution, &call.timing);
    Ok(body_of("ExecutionId", Value::String(execution_id)))
}

fn view(store: &Store, execution: &Execution) -> Value {
    let group = store.pipelines.get(&execution.pipeline).and_then(|p| p.attrs.get("ResourceGroupId")).cloned();
    let error = execution.error_code.clone().unwrap_or_default();
    let info = if error.is_empty() { "" } else { execution.message.as_str() };
    json!({
        "ExecutionId": execution.id,
        "ImagePipelineId": execution.pipeline,
        "Status": execution.status.as_str(),
        "ImageId": execution.image.clone().unwrap_or_default(),
        "Message": execution.message,
        "ErrorCode": error,
        "ErrorInfo": info,
        "CreationTime": iso(execution.created),
        "ModifiedTime": iso(execution.modified),
        "ResourceGroupId": group.unwrap_or_else(|| "".into()),
        "Tags": tags_body(&execution.tags),
    })
}

pub fn describe_executions(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let pipeline = call.str("imagePipelineId");
    let execution = call.str("executionId");
    match pipeline {
        Some(id) => {
            own_pipeline(store, call, id)?;
        }
        None if execution.is_none() => return Err(call.error("MissingParameter.ImagePipelineId")),
        None => {}
    }
    let statuses: Vec<&str> = call.str("status").unwrap_or_default().split(',').filter(|s| !s.is_empty()).collect();
    let tag_filter = call.tags("tag");
    let found: Vec<&Execution> = store
        .executions
        .values()
        .filter(|e| e.owner == call.account && e.region == call.region)
        .filter(|e| pipeline.is_none_or(|p| e.pipeline == p) && execution.is_none_or(|x| e.id == x))
        .filter(|e| statuses.is_empty() || statuses.contains(&e.status.as_str()))
        .filter(|e| matches_tags(&e.tags, &tag_filter))
        .collect();
    let found = newest_first(found, |e| (e.created, &e.id));
    let views = found.iter().map(|e| view(store, e)).collect();
    let mut body = Body::new();
    let page = paging::by_token(call, views, &mut body)?;
    body.insert("ImagePipelineExecution".into(), json!({ "ImagePipelineExecutionSet": page }));
    Ok(body)
}

pub fn cancel_execution(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("executionId").unwrap_or_default().to_string();
    let execution = store
        .executions
        .get(&id)
        .filter(|e| e.owner == call.account && e.region == call.region)
        .ok_or_else(|| call.error("InvalidImagePipelineExecution.NotFound"))?;
    match execution.status {
        Status::Preparing | Status::Building => {}
        status if status.is_final() => return Err(call.error("InvalidStatus.CancelFailed")),
        status => {
            return Err(call
                .error("InvalidStatus.ImagePipelineExecution")
                .arg(&format!("The execution is {} and can no longer be cancelled", status.as_str())))
        }
    }
    executions::cancel(store, &id, call.now, &call.timing);
    Ok(Body::new())
}

//! (being written)
use super::{Body, Call};
use crate::gateway::ServiceError;
use crate::state::Store;
use crate::state::{lifecycle::Timing, Millis};

pub fn execution_due(_store: &mut Store, _id: &str, _at: Millis, _timing: &Timing) {}

pub fn create(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn describe(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn delete(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn start_execution(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn describe_executions(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn cancel_execution(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

//! (being written)
use super::{Body, Call};
use crate::gateway::ServiceError;
use crate::state::Store;

pub fn create(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn describe(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn delete(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

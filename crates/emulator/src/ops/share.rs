//! (being written)
use super::{Body, Call};
use crate::gateway::ServiceError;
use crate::state::Store;

pub fn modify(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn describe(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn modify_groups(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

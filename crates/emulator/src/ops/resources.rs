//! (being written)
use super::{Body, Call};
use crate::gateway::ServiceError;
use crate::state::Store;

pub fn describe_available(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

pub fn describe_support_instance_types(_store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    Err(ServiceError::new(501, "NotImplemented", format!("{} is not emulated yet", call.op.name)))
}

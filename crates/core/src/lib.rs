//! ecsimg-core: everything about an ECS image API call that is not I/O.
//!
//! ```text
//! request object ─▶ catalogue ─▶ validate + flatten ─▶ sign (V1 | V3) ─▶ SignedRequest
//!  (TS SDK names)                                                          │ any transport
//!        typed body / ApiError ◀── response::decode ◀── status + body ◀────┘
//! ```
//!
//! It compiles to native code and to `wasm32-unknown-unknown`; it reads no clock, draws no random
//! numbers and opens no sockets: time and nonces come in as values, bytes go out as values.

pub mod catalogue;
pub mod json;
pub mod request;
pub mod response;
mod search;
pub mod signing;
pub mod validate;
pub mod wire;

pub use catalogue::{Field, Operation, OPERATIONS, VERSION};
pub use request::{build, BuildError, Method, RequestOptions, SignedRequest};
pub use response::{decode, decode_for, ApiError, DecodeError, ResponseError};
pub use signing::{Credentials, Secret, SignatureVersion, SigningContext, Timestamp};
pub use validate::{Spelling, Strictness, ValidationError, Violation};

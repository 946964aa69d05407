//! ecsimg-emulator: a faithful local stand-in for the ECS image API (2014-05-26).
//!
//! It speaks the RPC protocol for the 23 image operations, checks V1 and V3 signatures the way the
//! gateway does, keeps per-account, per-region state with real lifecycles, and answers with the
//! service's response and error shapes. This library holds the whole service and no network code:
//! [`Emulator::handle`] takes a request and the current time and returns the answer, so it runs in
//! the native server (`ecsimg-emulator`), in tests, and in a browser page.

pub mod accounts;
pub mod error;
pub mod faults;
pub mod gateway;
pub mod http;
pub mod ops;
pub mod order;
pub mod seed;
#[cfg(feature = "server")]
pub mod server;
pub mod state;
pub mod template;

pub use error::ServiceError;
pub use gateway::{Config, Emulator, Outcome};
pub use http::{HttpRequest, HttpResponse};

//! The response decoder (`ecsimg_core::response::decode`) on any answer: an operation chosen by the
//! first byte (its index in `OPERATIONS`), a status from the next two (`0 _`: 200, `1 n`: 400 + n % 32,
//! `2 n`: 500 + n % 8, else any), the rest as the body.
//!
//! Checks: never a panic; a status of 400 or more is never a success; a success is valid JSON text
//! (serde_json reads it); the same bytes decode the same way twice.
#![no_main]

use ecsimg_core::{decode, ResponseError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [op, hi, lo, body @ ..] = data else { return };
    let op = ecsimg_fuzz::operation(*op);
    // Mostly the statuses that matter, sometimes any.
    let status = match hi % 4 {
        0 => 200,
        1 => 400 + u16::from(*lo % 32),
        2 => 500 + u16::from(*lo % 8),
        _ => u16::from_be_bytes([*hi >> 2, *lo]),
    };
    let first = decode(op, status, body);
    match &first {
        Ok(text) => {
            assert!(status < 400, "status {status} decoded as a success");
            serde_json::from_str::<serde_json::Value>(text).expect("the decoder writes JSON text");
        }
        Err(ResponseError::Api(_)) => assert!(status >= 400, "status {status} decoded as an ApiError"),
        Err(ResponseError::Decode(_)) => {}
    }
    assert_eq!(format!("{first:?}"), format!("{:?}", decode(op, status, body)));
});

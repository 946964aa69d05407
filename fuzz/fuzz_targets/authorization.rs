//! The V3 `Authorization` header parser (`ecsimg_core::signing::v3::Authorization::parse`) on any text.
//!
//! Checks: never a panic; whatever it accepts, written back in the canonical form
//! (`ACS3-HMAC-SHA256 Credential=..,SignedHeaders=a;b,Signature=..`), parses to the same value.
#![no_main]

use ecsimg_core::signing::v3::Authorization;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(auth) = Authorization::parse(text) else { return };
    let written = format!(
        "ACS3-HMAC-SHA256 Credential={},SignedHeaders={},Signature={}",
        auth.access_key_id,
        auth.signed_headers.join(";"),
        auth.signature
    );
    assert_eq!(Authorization::parse(&written).as_ref(), Some(&auth), "{written:?}");
});

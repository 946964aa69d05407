//! Signs every vector under `tests/vectors/` and compares each expected file byte for byte.

use ecsimg_core::signing::{v1, v3, Credentials, Secret, SigningContext, Timestamp};
use ecsimg_core::wire::encode::canonical_query;
use serde_json::Value;
use std::{fs, path::Path};

fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    input[key].as_str().unwrap_or_else(|| panic!("input.json: `{key}` must be a string"))
}

/// The produced value of every expected file name a signer knows about.
fn produce(input: &Value) -> Vec<(&'static str, String)> {
    let params: Vec<(&str, &str)> = input["params"]
        .as_array()
        .expect("params")
        .iter()
        .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
        .collect();
    let method = text(input, "method");
    match text(input, "signatureVersion") {
        "v1" => {
            let signed = v1::sign(method, &params, &Secret::new(text(input, "accessKeySecret")));
            vec![
                ("canonical-query.txt", signed.canonical_query),
                ("string-to-sign.txt", signed.string_to_sign),
                ("signature.txt", signed.signature),
            ]
        }
        "v3" => {
            let mut credentials = Credentials::new(text(input, "accessKeyId"), text(input, "accessKeySecret"));
            credentials.security_token = input["securityToken"].as_str().map(str::to_string);
            let ctx = SigningContext {
                timestamp: Timestamp::parse(text(input, "timestamp")).expect("timestamp"),
                nonce: text(input, "nonce"),
            };
            let input = v3::Input {
                method,
                host: text(input, "host"),
                action: text(input, "action"),
                version: text(input, "version"),
                query: &params,
                body: b"",
                content_type: None,
            };
            let signed = v3::sign(&input, &credentials, &ctx);
            let authorization = signed.headers.iter().find(|(k, _)| *k == "Authorization").unwrap().1.clone();
            vec![
                ("canonical-query.txt", canonical_query(&params)),
                ("canonical-request.txt", signed.canonical_request),
                ("string-to-sign.txt", signed.string_to_sign),
                ("signature.txt", signed.signature),
                ("authorization.txt", authorization),
            ]
        }
        other => panic!("unknown signatureVersion {other}"),
    }
}

#[test]
fn every_vector_signs_to_its_expected_bytes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut checked = 0;
    for entry in fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let input: Value = serde_json::from_str(&fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
        let produced = produce(&input);
        for file in fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()) {
            if file == "input.json" {
                continue;
            }
            let (_, value) = produced
                .iter()
                .find(|(name, _)| *name == file)
                .unwrap_or_else(|| panic!("{}/{file}: no signer step produces this file", dir.display()));
            assert_eq!(*value, fs::read_to_string(dir.join(&file)).unwrap(), "{}/{file}", dir.display());
            checked += 1;
        }
    }
    assert!(checked >= 7, "only {checked} expected files were compared");
}

//! Building a request never panics, whatever the caller passes: any JSON ends in a signed request
//! or in a validation error that names at least one problem; the request read from its JSON
//! text (as the npm package hands it over) builds exactly as the `serde_json::Value` does; and a
//! length limit counts characters, whatever their width in bytes.

use ecsimg_core::catalogue::{operation, OPERATIONS};
use ecsimg_core::json::Doc;
use ecsimg_core::validate::problem::Problem;
use ecsimg_core::{
    build, wire, BuildError, Credentials, RequestOptions, SignatureVersion, SigningContext, Spelling, Strictness,
    Timestamp,
};
use proptest::prelude::*;
use serde_json::Value;

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("regionId".to_string()),
                        Just("tag".to_string()),
                        Just("key".to_string()),
                        "[a-zA-Z]{1,10}"
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn any_request_builds_or_explains(request in any_json(), op in 0..OPERATIONS.len(), v1 in any::<bool>()) {
        let credentials = Credentials::new("id", "secret");
        let options = RequestOptions {
            signature_version: if v1 { SignatureVersion::V1 } else { SignatureVersion::V3 },
            ..Default::default()
        };
        let ctx = SigningContext { timestamp: Timestamp::parse("2026-01-01T00:00:00Z").unwrap(), nonce: "n" };
        match build(OPERATIONS[op].name, &request, &credentials, &options, &ctx) {
            Ok(signed) => prop_assert!(signed.url.starts_with("https://")),
            Err(BuildError::Validation(e)) => prop_assert!(!e.violations.is_empty()),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn text_and_value_build_the_same(request in any_json(), op in 0..OPERATIONS.len()) {
        let op = &OPERATIONS[op];
        let text = request.to_string();
        let doc = Doc::parse(&text).unwrap();
        let render = |r: Result<wire::WireParams, ecsimg_core::ValidationError>| match r {
            Ok(params) => format!("{:?} {:?}", params.pairs, params.warnings),
            Err(e) => e.messages(Spelling::Sdk).join("\n"),
        };
        for strictness in [Strictness::Strict, Strictness::Lenient] {
            prop_assert_eq!(
                render(wire::prepare(op, doc.root(), strictness)),
                render(wire::prepare(op, &request, strictness))
            );
        }
    }

    /// `imageName` takes 2 to 128 characters: a name of letters 1 to 4 bytes wide breaks that
    /// limit exactly when its character count is outside it (the flattener counts characters only
    /// when the byte length cannot settle it).
    #[test]
    fn length_limits_count_characters(widths in prop::collection::vec(0..4usize, 0..200)) {
        let name: String = widths.iter().map(|w| ['a', 'é', '镜', '😀'][*w]).collect();
        let request = serde_json::json!({"regionId": "cn-hangzhou", "imageName": name});
        let op = operation("CreateImage").unwrap();
        let length = wire::validate(op, &request).iter().any(|v| matches!(v.problem, Problem::Length { .. }));
        prop_assert_eq!(length, !(2..=128).contains(&widths.len()), "{} characters", widths.len());
    }
}

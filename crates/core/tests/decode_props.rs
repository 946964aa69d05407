//! The response decoder never panics: arbitrary bytes, cut-off bodies and JSON of the wrong shape
//! all end in a value or an error, for every operation, and a value is always valid JSON text.

use ecsimg_core::catalogue::OPERATIONS;
use ecsimg_core::{decode, ResponseError};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A realistic body to cut and mutate.
fn sample_body() -> String {
    json!({
        "RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
        "TotalCount": 1, "PageNumber": 1, "PageSize": 10, "RegionId": "cn-hangzhou",
        "Images": {"Image": [{
            "ImageId": "m-bp1g7004ksh0oeuc****", "Status": "Available", "Size": 40, "Progress": "100%",
            "Tags": {"Tag": [{"TagKey": "k", "TagValue": "v"}]},
            "DiskDeviceMappings": {"DiskDeviceMapping": [{"Size": "40", "Device": "/dev/xvda"}]},
            "Features": {"NvmeSupport": "supported"}, "IsPublic": true
        }]}
    })
    .to_string()
}

/// Any JSON value, nested a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![Just("Images".to_string()), Just("Image".to_string()), "[A-Z][a-zA-Z]{0,10}"], inner),
                0..6
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn check(status: u16, body: &[u8]) {
    for op in OPERATIONS {
        match decode(op, status, body) {
            Ok(text) => {
                assert!(status < 400);
                serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{}: {e} in {text}", op.name));
            }
            Err(ResponseError::Api(e)) => assert!(status >= 400 && !e.code.is_empty()),
            Err(ResponseError::Decode(e)) => assert!(!e.reason.is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_bytes(body in prop::collection::vec(any::<u8>(), 0..256), status in prop_oneof![Just(200u16), Just(400), Just(503), any::<u16>()]) {
        check(status, &body);
    }

    #[test]
    fn cut_off_bodies(cut in 0usize..400) {
        let body = sample_body();
        let cut = cut.min(body.len());
        check(200, &body.as_bytes()[..cut]);
    }

    #[test]
    fn json_of_any_shape(value in any_json(), status in prop_oneof![Just(200u16), Just(404)]) {
        check(status, value.to_string().as_bytes());
        let wrapped = json!({"RequestId": "r", "Images": value.clone(), "Image": value.clone(), "AvailableZones": value});
        check(status, wrapped.to_string().as_bytes());
    }
}

//! The tests both wasm suites run (`tests/web.rs` in headless Chromium, `tests/node.rs` in Node):
//! the three functions the npm package's JavaScript calls, `sign`, `decode` and `validate`, through
//! their JSON-text boundary. `unsupported = test` also runs them natively under `cargo test`.
//!
//! Expected signatures marked "independent" were computed outside this project, with Python's
//! `hmac`/`hashlib` over a string-to-sign written out by hand from the documented rules; the two
//! documented worked examples (`crates/core/tests/vectors/`) are checked here too, inside wasm.

use ecsimg_core::signing::digest::{hex, sha256};
use ecsimg_core::signing::{v1, v3, Credentials, Secret, SigningContext, Timestamp};
use ecsimg_core::wire::encode::{canonical_query, percent_encode};
use ecsimg_core::{build, Method, RequestOptions, SignatureVersion, Strictness};
use ecsimg_wasm::{decode, sign, validate};
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

/// The V1 worked example of the ECS "request signature" page.
const V1_DOC_TIMESTAMP: i64 = 1_456_231_584; // 2016-02-23T12:46:24Z
const V1_DOC_NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";
/// The V3 worked example of the "V3 request structure and signature" page.
const V3_DOC_TIMESTAMP: i64 = 1_698_315_752; // 2023-10-26T10:22:32Z
const V3_DOC_NONCE: &str = "3156853299f313e23d1673dc12e1703d";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn sign_value(input: &Value) -> Value {
    parse(&sign(&input.to_string()))
}

/// `sign`'s `{ok}`, or a panic naming the `{error}`.
fn signed(input: &Value) -> Value {
    let answer = sign_value(input);
    match answer.get("ok") {
        Some(ok) => ok.clone(),
        None => panic!("sign failed: {answer}"),
    }
}

fn signing_error(input: &Value) -> Value {
    let answer = sign_value(input);
    answer.get("error").cloned().unwrap_or_else(|| panic!("sign succeeded: {answer}"))
}

fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("a list of pairs")
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
        .collect()
}

fn header<'a>(ok: &'a Value, name: &str) -> Option<&'a str> {
    ok["headers"].as_array()?.iter().find(|h| h[0].as_str() == Some(name)).and_then(|h| h[1].as_str())
}

/// The V1 doc vector's credentials and clock, signing DescribeImages.
fn v1_input() -> Value {
    json!({
        "action": "DescribeImages",
        "request": {"regionId": "cn-hangzhou", "imageOwnerAlias": "system", "pageSize": 10},
        "accessKeyId": "testid",
        "accessKeySecret": "testsecret",
        "signatureVersion": "v1",
        "method": "GET",
        "timestamp": V1_DOC_TIMESTAMP,
        "nonce": V1_DOC_NONCE,
    })
}

/// The V3 doc vector's credentials, clock and host, signing DescribeImages.
fn v3_input() -> Value {
    json!({
        "action": "describeImages",
        "request": {"regionId": "cn-shanghai", "imageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"},
        "accessKeyId": "YourAccessKeyId",
        "accessKeySecret": "YourAccessKeySecret",
        "timestamp": V3_DOC_TIMESTAMP,
        "nonce": V3_DOC_NONCE,
    })
}

/// The same call through `ecsimg_core::build`, serialized as `sign` does.
fn core_build(input: &Value) -> Value {
    let text = |k: &str| input[k].as_str();
    let mut credentials = Credentials::new(text("accessKeyId").unwrap(), text("accessKeySecret").unwrap());
    credentials.security_token = text("securityToken").map(str::to_string);
    let options = RequestOptions {
        signature_version: if text("signatureVersion") == Some("v1") {
            SignatureVersion::V1
        } else {
            SignatureVersion::V3
        },
        method: if text("method") == Some("GET") { Method::Get } else { Method::Post },
        endpoint: text("endpoint").map(str::to_string),
        proxy_base_url: text("proxyBaseUrl").map(str::to_string),
        strictness: if text("strictness") == Some("lenient") { Strictness::Lenient } else { Strictness::Strict },
    };
    let ctx = SigningContext {
        timestamp: Timestamp::from_unix_seconds(input["timestamp"].as_i64().unwrap()),
        nonce: text("nonce").unwrap(),
    };
    let s = build(text("action").unwrap(), &input["request"], &credentials, &options, &ctx).expect("core builds it");
    json!({
        "action": s.action,
        "method": s.method,
        "url": s.url,
        "headers": s.headers,
        "body": s.body,
        "stringToSign": s.string_to_sign,
        "canonicalRequest": s.canonical_request,
        "params": s.params.to_vec(),
    })
}

/// Checks a V3 answer by rebuilding canonical request, string-to-sign and signature from its parts.
fn assert_v3_consistent(ok: &Value, secret: &str) {
    let params = pairs(&ok["params"]);
    let query: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert!(ok["url"].as_str().unwrap().ends_with(&format!("/?{}", canonical_query(&query))), "{ok}");
    let authorization = v3::Authorization::parse(header(ok, "Authorization").expect("Authorization")).unwrap();
    let signed: Vec<(&str, &str)> = authorization
        .signed_headers
        .iter()
        .map(|name| (name.as_str(), header(ok, name).unwrap_or_else(|| panic!("signed header {name} not sent"))))
        .collect();
    assert_eq!(header(ok, "x-acs-content-sha256"), Some(EMPTY_SHA256));
    let (canonical, names) = v3::canonical_headers(&signed);
    let method = ok["method"].as_str().unwrap();
    let request = v3::canonical_request(method, "/", &canonical_query(&query), &canonical, &names, EMPTY_SHA256);
    assert_eq!(ok["canonicalRequest"].as_str(), Some(request.as_str()));
    let string_to_sign = v3::string_to_sign(&request);
    assert_eq!(ok["stringToSign"].as_str(), Some(string_to_sign.as_str()));
    assert_eq!(authorization.signature, v3::signature(&Secret::new(secret), &string_to_sign));
}

// ---------------------------------------------------------------------------------------------
// The documented worked examples, signed by the core compiled to this target.

#[wasm_bindgen_test(unsupported = test)]
fn v1_documented_example_signs_to_its_documented_signature() {
    let params = [
        ("Action", "DescribeRegions"),
        ("Format", "XML"),
        ("Version", "2014-05-26"),
        ("AccessKeyId", "testid"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", V1_DOC_NONCE),
        ("Timestamp", "2016-02-23T12:46:24Z"),
    ];
    let signed = v1::sign("GET", &params, &Secret::new("testsecret"));
    assert_eq!(signed.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    assert!(signed.string_to_sign.starts_with("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"));
}

#[wasm_bindgen_test(unsupported = test)]
fn v3_documented_example_signs_to_its_documented_signature() {
    let credentials = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds(V3_DOC_TIMESTAMP), nonce: V3_DOC_NONCE };
    let query = [("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")];
    let input = v3::Input {
        method: "POST",
        host: "ecs.cn-shanghai.aliyuncs.com",
        action: "RunInstances",
        version: "2014-05-26",
        query: &query,
        body: b"",
        content_type: None,
    };
    let signed = v3::sign(&input, &credentials, &ctx);
    assert_eq!(signed.signature, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    assert_eq!(hex(&sha256(b"")), EMPTY_SHA256);
}

// ---------------------------------------------------------------------------------------------
// sign

#[wasm_bindgen_test(unsupported = test)]
fn sign_v1_adds_the_common_parameters_and_an_independently_checked_signature() {
    let ok = signed(&v1_input());
    assert_eq!(ok["action"], "DescribeImages");
    assert_eq!(ok["method"], "GET");
    assert_eq!(ok["body"], "");
    assert_eq!(ok["canonicalRequest"], Value::Null);
    assert_eq!(ok["warnings"], json!([]));
    // The operation's parameters as they travel, without the signing ones.
    assert_eq!(
        pairs(&ok["params"]),
        [("ImageOwnerAlias", "system"), ("PageSize", "10"), ("RegionId", "cn-hangzhou")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    let expected_string_to_sign = "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeImages%26Format%3Djson\
        %26ImageOwnerAlias%3Dsystem%26PageSize%3D10%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1\
        %26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0\
        %26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";
    assert_eq!(ok["stringToSign"], expected_string_to_sign);
    // Independent: base64(HMAC-SHA1("testsecret&", string-to-sign)) computed with Python.
    let signature = "qxYnjBGjGnKfc1WlpCsnQN4YCNs=";
    let canonical = "AccessKeyId=testid&Action=DescribeImages&Format=json&ImageOwnerAlias=system&PageSize=10\
        &RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
        &SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26";
    assert_eq!(
        ok["url"],
        format!("https://ecs-cn-hangzhou.aliyuncs.com/?{canonical}&Signature={}", percent_encode(signature))
    );
    // The same steps the core exposes agree.
    assert_eq!(v1::signature(&Secret::new("testsecret"), expected_string_to_sign), signature);
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_v3_matches_an_independently_computed_signature() {
    let mut input = v3_input();
    input["endpoint"] = json!("ecs.cn-shanghai.aliyuncs.com");
    let ok = signed(&input);
    assert_eq!(ok["action"], "DescribeImages", "the SDK method name resolves to the wire name");
    assert_eq!(ok["method"], "POST");
    assert_eq!(
        ok["url"],
        "https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
    );
    assert_eq!(header(&ok, "host"), Some("ecs.cn-shanghai.aliyuncs.com"));
    assert_eq!(header(&ok, "x-acs-date"), Some("2023-10-26T10:22:32Z"));
    assert_eq!(header(&ok, "x-acs-signature-nonce"), Some(V3_DOC_NONCE));
    // Independent: hex(HMAC-SHA256(secret, string-to-sign)) computed with Python.
    assert_eq!(
        header(&ok, "Authorization"),
        Some(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;\
             x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=345dffd599d6ab61beb7e4779f8353d141a0e50e8582d2b74bd3846a80fbd0bc"
        )
    );
    assert_v3_consistent(&ok, "YourAccessKeySecret");
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_equals_core_build_for_the_same_input() {
    let mut proxied = v3_input();
    proxied["endpoint"] = json!("http://127.0.0.1:9080");
    proxied["proxyBaseUrl"] = json!("/api/ecs/");
    let mut sts = v1_input();
    sts["securityToken"] = json!("CAIS+token/==");
    sts["method"] = json!("POST");
    let pipeline = json!({
        "action": "CreateImagePipeline",
        "request": {
            "regionId": "cn-hangzhou",
            "name": "pipeline-1",
            "baseImageType": "IMAGE",
            "baseImage": "aliyun_3_x64_20G_alibase_20250915.vhd",
            "buildContent": "RUN echo 你好 && yum -y update",
            "toRegionId": ["cn-shanghai", "cn-beijing"],
            "addAccount": [1000000000000002_u64],
            "systemDiskSize": 40,
            "deleteInstanceOnFailure": true,
            "tag": [{"key": "team", "value": "images"}, {"key": "env", "value": "e2e test"}],
        },
        "accessKeyId": "demo",
        "accessKeySecret": "demo-secret",
        "signatureVersion": "v3",
        "strictness": "lenient",
        "timestamp": 1_790_000_000,
        "nonce": "n-pipeline",
    });
    for input in [v1_input(), v3_input(), proxied, sts, pipeline] {
        let mut ok = signed(&input);
        assert_eq!(ok.as_object_mut().unwrap().remove("warnings"), Some(json!([])), "{input}");
        assert_eq!(ok, core_build(&input), "{input}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_is_deterministic_given_the_clock_and_nonce() {
    for input in [v1_input(), v3_input()] {
        assert_eq!(sign(&input.to_string()), sign(&input.to_string()));
        let mut other = input.clone();
        other["nonce"] = json!("another-nonce");
        let (a, b) = (signed(&input), signed(&other));
        assert_ne!(a["stringToSign"], b["stringToSign"]);
        assert_ne!((&a["url"], &a["headers"]), (&b["url"], &b["headers"]));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_brief_answer_is_the_same_call_without_what_only_a_presign_shows() {
    for input in [v1_input(), v3_input()] {
        let full = signed(&input);
        let mut brief_input = input.clone();
        brief_input["brief"] = json!(true);
        let brief = signed(&brief_input);
        assert!(brief.get("canonicalRequest").is_none() && brief.get("params").is_none());
        for key in ["action", "method", "url", "headers", "body", "stringToSign", "warnings"] {
            assert_eq!(brief[key], full[key], "{key}");
        }
        brief_input["brief"] = json!(false);
        assert_eq!(signed(&brief_input), full);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_for_a_proxy_signs_the_host_the_proxy_sends() {
    let mut input = v3_input();
    input["request"] = json!({"regionId": "cn-hangzhou"});
    input["proxyBaseUrl"] = json!("/api/ecs");
    // No endpoint: the Host the proxy sends, ecs.<RegionId>.aliyuncs.com (not cn-hangzhou's SDK
    // endpoint, ecs-cn-hangzhou.aliyuncs.com).
    let ok = signed(&input);
    assert_eq!(ok["url"], "/api/ecs/?RegionId=cn-hangzhou");
    assert_eq!(header(&ok, "host"), Some("ecs.cn-hangzhou.aliyuncs.com"));
    assert_v3_consistent(&ok, "YourAccessKeySecret");
    input["endpoint"] = json!("http://127.0.0.1:9080/");
    let ok = signed(&input);
    assert_eq!(ok["url"], "/api/ecs/?RegionId=cn-hangzhou");
    assert_eq!(header(&ok, "host"), Some("127.0.0.1:9080"));
    assert!(ok["canonicalRequest"].as_str().unwrap().contains("\nhost:127.0.0.1:9080\n"));
    assert_v3_consistent(&ok, "YourAccessKeySecret");
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_with_a_security_token() {
    let mut v3 = v3_input();
    v3["securityToken"] = json!("CAIS+token/==");
    let ok = signed(&v3);
    assert_eq!(header(&ok, "x-acs-security-token"), Some("CAIS+token/=="));
    assert_eq!(header(&ok, "x-acs-accesskey-id"), Some("YourAccessKeyId"));
    assert!(header(&ok, "Authorization").unwrap().contains("x-acs-security-token"));
    assert_v3_consistent(&ok, "YourAccessKeySecret");
    let mut v1 = v1_input();
    v1["securityToken"] = json!("CAIS+token/==");
    let ok = signed(&v1);
    assert!(ok["url"].as_str().unwrap().contains("&SecurityToken=CAIS%2Btoken%2F%3D%3D&"), "{ok}");
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_never_returns_the_secret() {
    for mut input in [v1_input(), v3_input()] {
        input["accessKeySecret"] = json!("TOP-SECRET-VALUE");
        let text = sign(&input.to_string());
        assert!(!text.contains("TOP-SECRET"), "{text}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_refuses_invalid_requests_with_every_problem() {
    let mut input = v3_input();
    input["action"] = json!("CreateImage");
    input["request"] = json!({"regionId": "cn-hangzhou", "imageName": "a", "bogus": 1, "tag": [{"key": ""}]});
    let error = signing_error(&input);
    assert_eq!(error["kind"], "validation");
    assert_eq!(error["operation"], "CreateImage");
    let problems = error["problems"].as_array().unwrap();
    let found = |path: &str| problems.iter().find(|p| p["path"] == path).unwrap_or_else(|| panic!("{path}: {error}"));
    assert_eq!(found("bogus")["kind"], "unknown");
    assert_eq!(found("bogus")["structural"], true);
    assert_eq!(found("imageName")["wirePath"], "ImageName");
    assert_eq!(found("imageName")["problem"], json!({"code": "length", "min": 2, "max": 128, "got": 1}));
    assert_eq!(found("tag[0].key")["wirePath"], "Tag.1.Key");
    assert_eq!(found("")["kind"], "required");
    assert_eq!(
        found("")["problem"],
        json!({"code": "missingOneOf", "options": ["instanceId", "diskDeviceMapping", "snapshotId"]})
    );
    // The client says the problems in words: the wasm sends none.
    assert_eq!(error.get("message"), None, "{error}");
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_lenient_sends_broken_limits_with_warnings_but_not_unknown_keys() {
    let mut input = v3_input();
    input["action"] = json!("CreateImage");
    input["strictness"] = json!("lenient");
    input["request"] = json!({"regionId": "cn-hangzhou", "instanceId": "i-1", "imageName": "a"});
    let ok = signed(&input);
    let warnings = ok["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{ok}");
    assert_eq!(warnings[0]["path"], "imageName");
    assert!(ok["url"].as_str().unwrap().contains("ImageName=a"));
    input["request"]["bogus"] = json!(true);
    assert_eq!(signing_error(&input)["kind"], "validation");
}

#[wasm_bindgen_test(unsupported = test)]
fn sign_reports_bad_input_as_input_errors() {
    let input_error = |text: &str| {
        let answer = parse(&sign(text));
        assert_eq!(answer["error"]["kind"], "input", "{text} → {answer}");
        answer["error"]["message"].as_str().unwrap().to_string()
    };
    assert!(input_error("{").starts_with("the input is not JSON"));
    let mut unknown = v3_input();
    unknown["action"] = json!("CreateImages");
    assert_eq!(
        input_error(&unknown.to_string()),
        "\"CreateImages\" is not an operation of ECS 2014-05-26 that ecsimg knows (did you mean CreateImage?)"
    );
    for (key, value, expected) in [
        ("signatureVersion", json!("v2"), "signatureVersion must be \"v1\" or \"v3\", got \"v2\""),
        ("method", json!("PUT"), "method must be \"POST\" or \"GET\", got \"PUT\""),
        ("strictness", json!("loose"), "strictness must be \"strict\" or \"lenient\", got \"loose\""),
        ("timestamp", json!("2026-01-01T00:00:00Z"), "`timestamp` must be unix seconds"),
        ("accessKeyId", json!(null), "`accessKeyId` must be a string"),
        ("nonce", json!(7), "`nonce` must be a string"),
        ("endpoint", json!("ftp://example.com"), "option endpoint: unsupported scheme in \"ftp://example.com\""),
    ] {
        let mut input = v3_input();
        input[key] = value;
        assert_eq!(input_error(&input.to_string()), expected, "{key}");
    }
}

// ---------------------------------------------------------------------------------------------
// decode

const DESCRIBE_IMAGES_BODY: &str = r#"{
  "RequestId": "6F1E6BD2-0B5F-4B2C-9B4D-3C0B2B8E1A11",
  "RegionId": "cn-hangzhou",
  "TotalCount": 1,
  "PageNumber": 1,
  "PageSize": 10,
  "Images": {"Image": [{
    "ImageId": "m-bp1g7004ksh0oeuc****",
    "ImageName": "web-2026",
    "Status": "Available",
    "Size": 40,
    "OSType": "linux",
    "IsCopied": false,
    "Tags": {"Tag": [{"TagKey": "team", "TagValue": "images"}]},
    "DiskDeviceMappings": {"DiskDeviceMapping": [{"Device": "/dev/xvda", "Size": "40", "Type": "system"}]},
    "FieldAddedLater": {"NestedName": 1}
  }]}
}"#;

#[wasm_bindgen_test(unsupported = test)]
fn decode_a_success_body_into_the_sdk_shape() {
    for action in ["DescribeImages", "describeImages"] {
        let answer = parse(&decode(action, 200, DESCRIBE_IMAGES_BODY.as_bytes(), "unused"));
        let body = &answer["ok"]["body"];
        assert_eq!(body["requestId"], "6F1E6BD2-0B5F-4B2C-9B4D-3C0B2B8E1A11");
        assert_eq!(body["totalCount"], 1);
        let image = &body["images"]["image"][0];
        assert_eq!(image["imageId"], "m-bp1g7004ksh0oeuc****");
        assert_eq!(image["OSType"], "linux", "named as the official TS SDK names it");
        assert_eq!(image["size"], 40);
        assert_eq!(image["isCopied"], false);
        assert_eq!(image["tags"]["tag"][0], json!({"tagKey": "team", "tagValue": "images"}));
        assert_eq!(image["diskDeviceMappings"]["diskDeviceMapping"][0]["device"], "/dev/xvda");
        assert_eq!(
            image["fieldAddedLater"],
            json!({"nestedName": 1}),
            "unknown fields are kept, named by the SDK rule"
        );
        assert!(answer["ok"].get("flat").is_none(), "the client unwraps the lists itself");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn decode_a_signature_error_with_both_strings_to_sign() {
    let body = json!({
        "RequestId": "R-1",
        "HostId": "ecs.aliyuncs.com",
        "Code": "SignatureDoesNotMatch",
        "Message": "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&A%3D1",
        "Recommend": "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch",
    });
    let answer = parse(&decode("DeleteImage", 400, body.to_string().as_bytes(), "GET&%2F&A%3D2"));
    let e = &answer["error"];
    assert_eq!(e["kind"], "api");
    assert_eq!(e["operation"], "DeleteImage");
    assert_eq!(e["httpStatus"], 400);
    assert_eq!(e["code"], "SignatureDoesNotMatch");
    assert_eq!(e["requestId"], "R-1");
    assert_eq!(e["hostId"], "ecs.aliyuncs.com");
    assert_eq!(e["recommend"], "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch");
    assert_eq!(e["serverStringToSign"], "GET&%2F&A%3D1");
    assert_eq!(e["clientStringToSign"], "GET&%2F&A%3D2");
    assert_eq!(
        (e["retryable"].clone(), e["throttling"].clone(), e["clockSkew"].clone()),
        (json!(false), json!(false), json!(false))
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn decode_classifies_errors_for_retries() {
    let error =
        |status: u16, body: &str| parse(&decode("CreateImage", status, body.as_bytes(), "mine"))["error"].clone();
    let throttled =
        error(400, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#);
    assert_eq!((throttled["retryable"].clone(), throttled["throttling"].clone()), (json!(true), json!(true)));
    assert_eq!(throttled["clientStringToSign"], Value::Null, "only signature errors carry ours");
    let unavailable = error(503, r#"{"Code":"ServiceUnavailable","Message":"busy"}"#);
    assert_eq!(unavailable["retryable"], true);
    let skew = error(400, r#"{"Code":"InvalidTimeStamp.Expired","Message":"too old"}"#);
    assert_eq!((skew["clockSkew"].clone(), skew["retryable"].clone()), (json!(true), json!(false)));
    let denied = error(403, r#"{"Code":"Forbidden.RAM","Message":"no"}"#);
    assert_eq!(denied["retryable"], false);
    // A dropped connection mid-answer: a decode error worth another attempt.
    let cut = error(200, r#"{"RequestId":"R","ImageId":"m-"#);
    assert_eq!(cut["kind"], "decode");
    assert_eq!(cut["truncated"], true);
    assert_eq!(cut["retryable"], true);
    assert_eq!(cut["excerpt"], r#"{"RequestId":"R","ImageId":"m-"#);
    let html = error(502, "<html>Bad Gateway</html>");
    assert_eq!(
        (html["kind"].clone(), html["truncated"].clone(), html["retryable"].clone()),
        (json!("decode"), json!(false), json!(true))
    );
    let empty = error(200, "");
    assert_eq!(empty["message"], "CreateImage answer (HTTP 200) could not be read: the body is empty");
    let wrong_shape = error(200, r#"{"ImageId": {"Id": 7}}"#);
    assert_eq!(wrong_shape["kind"], "decode");
    assert_eq!(wrong_shape["retryable"], false);
    let unknown = parse(&decode("CreateImages", 200, b"{}", ""));
    assert_eq!(unknown["error"]["kind"], "input");
}

#[wasm_bindgen_test(unsupported = test)]
fn decode_never_panics_on_odd_bytes() {
    for body in [&b"\xff\xfe\x00"[..], b"[]", b"null", b"{\"Images\":{\"Image\":{}}}", b"{\"TotalCount\":\"x\"}"] {
        let answer = parse(&decode("DescribeImages", 200, body, ""));
        assert!(answer.get("ok").is_some() || answer["error"]["kind"] == "decode", "{answer}");
    }
}

// ---------------------------------------------------------------------------------------------
// validate

#[wasm_bindgen_test(unsupported = test)]
fn validate_lists_nothing_for_a_valid_request() {
    let request = json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "web-2026",
        "tag": [{"key": "team", "value": "images"}]});
    assert_eq!(validate("CreateImage", &request.to_string()), "[]");
    assert_eq!(validate("createImage", &request.to_string()), "[]");
}

#[wasm_bindgen_test(unsupported = test)]
fn validate_lists_every_problem_with_both_paths() {
    let tags: Vec<Value> = (0..21).map(|i| json!({"key": format!("k{i}"), "value": "v"})).collect();
    let request = json!({"regionId": "cn-hangzhou", "imageName": "a", "bogus": 1, "tag": tags});
    let problems = parse(&validate("CreateImage", &request.to_string()));
    let problems = problems.as_array().expect("a list");
    let kinds: Vec<(&str, &str, &str)> = problems
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["wirePath"].as_str().unwrap(), p["kind"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("imageName", "ImageName", "length")), "{kinds:?}");
    assert!(kinds.contains(&("bogus", "bogus", "unknown")), "{kinds:?}");
    assert!(kinds.iter().any(|(path, wire, _)| *path == "tag" && *wire == "Tag"), "{kinds:?}");
    assert!(kinds.contains(&("", "", "required")), "{kinds:?}");
    for p in problems {
        assert!(p["problem"]["code"].is_string(), "{p}");
        assert!(p["structural"].is_boolean());
    }
    let bogus = problems.iter().find(|p| p["path"] == "bogus").unwrap();
    assert_eq!(bogus["problem"], json!({"code": "unknown"}));
}

#[wasm_bindgen_test(unsupported = test)]
fn validate_reports_bad_input() {
    let not_json = parse(&validate("CreateImage", "{regionId:"));
    assert_eq!(not_json["error"]["kind"], "input");
    assert!(not_json["error"]["message"].as_str().unwrap().starts_with("the request is not JSON"));
    let unknown = parse(&validate("MakeImage", "{}"));
    assert_eq!(unknown["error"]["message"], "unknown action \"MakeImage\"");
    let wrong_type = parse(&validate("DescribeImages", r#"{"regionId": "cn-hangzhou", "pageSize": "ten"}"#));
    assert_eq!(wrong_type[0]["path"], "pageSize");
    assert_eq!(wrong_type[0]["structural"], true);
}

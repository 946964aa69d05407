//! The gateway's checks, with the service's codes: signatures (V1, V3, STS), timestamps, nonces,
//! actions and versions, parameters, DryRun, ClientToken replays and injected faults.

mod common;

use common::{emulator, http, Client, START};
use ecsimg_core::signing::{v1, v3, Secret};
use ecsimg_core::wire::encode::canonical_query;
use ecsimg_core::{build, Credentials, RequestOptions, SignatureVersion, SigningContext, Timestamp};
use ecsimg_emulator::accounts::{demo_keys, KeysFile};
use ecsimg_emulator::faults::NetworkFault;
use ecsimg_emulator::state::lifecycle::Timing;
use ecsimg_emulator::{Config, Emulator, HttpRequest};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

fn error_of(outcome: &ecsimg_emulator::Outcome) -> (u16, String, String) {
    let body: Value = serde_json::from_slice(&outcome.response.body).unwrap();
    (outcome.response.status, body["Code"].as_str().unwrap().into(), body["Message"].as_str().unwrap().into())
}

/// A hand-made V1 request (for what ecsimg-core refuses to build, such as unknown actions).
fn v1_request(params: &[(&str, &str)], secret: &str, now_ms: u64) -> HttpRequest {
    v1_signed("GET", params, secret, now_ms)
}

fn v1_signed(method: &str, params: &[(&str, &str)], secret: &str, now_ms: u64) -> HttpRequest {
    static NONCES: AtomicU64 = AtomicU64::new(0);
    let nonce = format!("hand-made-{}", NONCES.fetch_add(1, Ordering::Relaxed));
    let timestamp = Timestamp::from_unix_seconds((now_ms / 1000) as i64).to_string();
    let mut all: Vec<(&str, &str)> = vec![
        ("Format", "JSON"),
        ("AccessKeyId", "demo"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", &nonce),
        ("Timestamp", &timestamp),
    ];
    all.extend_from_slice(params);
    let signed = v1::sign(method, &all, &Secret::new(secret));
    HttpRequest { method: method.into(), path: "/".into(), query: signed.query(), ..Default::default() }
}

#[test]
fn both_signature_versions_are_accepted() {
    let emu = emulator();
    for client in [Client::demo(&emu), Client::demo(&emu).v1()] {
        let page = client.ok("DescribeImages", json!({"regionId": "cn-shanghai", "pageSize": 1}));
        assert_eq!(page["images"]["image"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn a_wrong_secret_is_refused_with_the_servers_string_to_sign() {
    let emu = emulator();
    for (i, version) in [SignatureVersion::V1, SignatureVersion::V3].into_iter().enumerate() {
        let nonce = format!("wrong-secret-{i}");
        let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds((START / 1000) as i64), nonce: &nonce };
        let options = RequestOptions {
            signature_version: version,
            endpoint: Some("http://127.0.0.1:9000".into()),
            ..Default::default()
        };
        let request = json!({"regionId": "cn-hangzhou"});
        let signed = build("DescribeImages", &request, &Credentials::new("demo", "nope"), &options, &ctx).unwrap();
        let ours = signed.string_to_sign.clone();
        let (status, code, message) = error_of(&emu.handle(&http(signed), START));
        assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
        // The server computes the same string-to-sign as the client; only the key differs.
        assert_eq!(message.split_once("server string to sign is:").unwrap().1, ours);
    }
}

#[test]
fn keys_timestamps_and_nonces() {
    let emu = emulator();
    let stranger = Client::new(&emu, "nobody", "x");
    let failure = stranger.call("DescribeImages", json!({"regionId": "cn-hangzhou"})).unwrap_err();
    assert_eq!((failure.status, failure.code.as_str()), (404, "InvalidAccessKeyId.NotFound"));

    let c = Client::demo(&emu);
    let request = c.request("DescribeImages", &json!({"regionId": "cn-hangzhou"}));
    assert_eq!(emu.handle(&request, START + 16 * 60 * 1000).response.status, 400);
    assert_eq!(error_of(&emu.handle(&request, START + 16 * 60 * 1000)).1, "InvalidTimeStamp.Expired");
    assert_eq!(emu.handle(&request, START).response.status, 200);
    assert_eq!(error_of(&emu.handle(&request, START + 1000)).1, "SignatureNonceUsed");
}

#[test]
fn actions_versions_formats_and_methods() {
    let emu = emulator();
    type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str);
    let cases: [Case; 4] = [
        (&[("Action", "DescribeRegions"), ("Version", "2014-05-26")], 404, "InvalidAction.NotFound"),
        (
            &[("Action", "DescribeImages"), ("Version", "2016-01-01"), ("RegionId", "cn-hangzhou")],
            400,
            "InvalidVersion",
        ),
        (&[("Action", "DescribeImages"), ("RegionId", "cn-hangzhou")], 400, "MissingParameter"),
        (&[("Action", "DescribeImages"), ("Version", "2014-05-26")], 400, "MissingParameter"),
    ];
    for (params, status, code) in cases {
        let (got_status, got_code, _) = error_of(&emu.handle(&v1_request(params, "demo-secret", START), START));
        assert_eq!((got_status, got_code.as_str()), (status, code), "{params:?}");
    }
    let mut xml = v1_request(
        &[("Action", "DescribeImages"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")],
        "demo-secret",
        START,
    );
    xml.query = xml.query.replace("Format=JSON", "Format=XML");
    assert_eq!(error_of(&emu.handle(&xml, START)).1, "InvalidParameter.Format");
    let mut delete = v1_request(
        &[("Action", "DescribeImages"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")],
        "demo-secret",
        START,
    );
    delete.method = "DELETE".into();
    assert_eq!(error_of(&emu.handle(&delete, START)).0, 403);
    let missing_signature = HttpRequest {
        method: "GET".into(),
        path: "/".into(),
        query: "Action=DescribeImages&Version=2014-05-26&RegionId=cn-hangzhou&AccessKeyId=demo".into(),
        ..Default::default()
    };
    let (_, code, message) = error_of(&emu.handle(&missing_signature, START));
    assert_eq!((code.as_str(), message.contains("\"Signature\"")), ("MissingParameter", true));
}

#[test]
fn form_bodies_are_read_like_query_strings() {
    let emu = emulator();
    let params = [("Action", "DescribeImages"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")];
    let mut request = v1_signed("POST", &params, "demo-secret", START);
    request.body = std::mem::take(&mut request.query).into_bytes();
    request.headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
    assert_eq!(emu.handle(&request, START).response.status, 200);
}

/// A V3 DescribeImages signed for `/api/ecs` on a same-origin proxy (for `endpoint` when given),
/// as a proxy forwards it: path `/`, and `Host` set to `host`.
fn through_proxy(region: &str, endpoint: Option<&str>, secret: &str, nonce: &str, host: &str) -> (HttpRequest, String) {
    let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds((START / 1000) as i64), nonce };
    let options = RequestOptions {
        endpoint: endpoint.map(str::to_string),
        proxy_base_url: Some("/api/ecs".into()),
        ..Default::default()
    };
    let signed =
        build("DescribeImages", &json!({"regionId": region}), &Credentials::new("demo", secret), &options, &ctx)
            .unwrap();
    let string_to_sign = signed.string_to_sign.clone();
    let mut request = http(signed);
    request.path = "/".into();
    request.headers.retain(|(name, _)| name != "host");
    request.headers.push(("host".to_string(), host.to_string()));
    (request, string_to_sign)
}

#[test]
fn v3_verifies_over_the_host_received_and_nothing_else() {
    let emu = emulator();
    // In proxy mode the client signs ecs.<RegionId>.aliyuncs.com, the Host the shipped proxy sends.
    for region in ["cn-hangzhou", "cn-beijing"] {
        let host = format!("ecs.{region}.aliyuncs.com");
        let (request, _) = through_proxy(region, None, "demo-secret", &format!("proxy-{region}"), &host);
        assert_eq!(emu.handle(&request, START).response.status, 200, "{region}");
    }
    // Signed for one host, received with another: cn-hangzhou's SDK endpoint behind a proxy that
    // sends the regional host, or a proxy that sets its upstream's address. X-Forwarded-Host naming
    // the signed host changes nothing. The server's string-to-sign names the host it received.
    for (i, (endpoint, received)) in [
        ("ecs-cn-hangzhou.aliyuncs.com", "ecs.cn-hangzhou.aliyuncs.com"),
        ("ecs.cn-hangzhou.aliyuncs.com", "127.0.0.1:9080"),
    ]
    .into_iter()
    .enumerate()
    {
        let nonce = format!("moved-{i}");
        let (mut request, client_string_to_sign) =
            through_proxy("cn-hangzhou", Some(endpoint), "demo-secret", &nonce, received);
        request.headers.push(("x-forwarded-host".into(), endpoint.into()));
        let (status, code, message) = error_of(&emu.handle(&request, START));
        assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"), "{endpoint} as {received}");
        assert!(message.contains("ACS3-HMAC-SHA256") && !message.ends_with(&client_string_to_sign), "{message}");
    }
}

/// `request` re-signed over `names` only (a client that signs less than the official SDK).
fn signed_over(mut request: HttpRequest, names: &[&str]) -> HttpRequest {
    let header = |name: &str| request.header(name).unwrap().to_string();
    let values: Vec<(&str, String)> = names.iter().map(|n| (*n, header(n))).collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let (canonical, signed) = v3::canonical_headers(&pairs);
    let query: Vec<(String, String)> = ecsimg_emulator::gateway::params::decode_pairs(&request.query);
    let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let canonical_request = v3::canonical_request(
        &request.method,
        "/",
        &canonical_query(&query),
        &canonical,
        &signed,
        &header("x-acs-content-sha256"),
    );
    let signature = v3::signature(&Secret::new("demo-secret"), &v3::string_to_sign(&canonical_request));
    let authorization = format!("ACS3-HMAC-SHA256 Credential=demo,SignedHeaders={signed},Signature={signature}");
    request.headers.retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    request.headers.push(("authorization".into(), authorization));
    request
}

#[test]
fn v3_must_sign_what_the_official_sdk_signs() {
    let emu = emulator();
    let host = "ecs.cn-hangzhou.aliyuncs.com";
    let all = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"];
    let (request, _) = through_proxy("cn-hangzhou", None, "demo-secret", "over-all", host);
    assert_eq!(emu.handle(&signed_over(request, &all), START).response.status, 200);
    for (i, left_out) in all.iter().enumerate() {
        let names: Vec<&str> = all.iter().copied().filter(|n| n != left_out).collect();
        let (request, _) = through_proxy("cn-hangzhou", None, "demo-secret", &format!("less-{i}"), host);
        let (status, code, message) = error_of(&emu.handle(&signed_over(request, &names), START));
        assert_eq!((status, code.as_str()), (400, "IncompleteSignature"), "without {left_out}");
        assert!(message.contains(left_out), "{message}");
    }
    let (request, _) = through_proxy("cn-hangzhou", None, "demo-secret", "only-host", host);
    assert_eq!(error_of(&emu.handle(&signed_over(request, &["host"]), START)).1, "IncompleteSignature");
}

#[test]
fn sts_tokens_are_checked() {
    let keys = KeysFile::parse(
        r#"{"accessKeys": [{"accessKeyId": "STS.temp", "accessKeySecret": "temp-secret", "accountId": 1000000000000001,
            "securityToken": "token-1", "expiration": "2026-01-02T01:00:00Z"}]}"#,
    )
    .unwrap();
    let emu = Emulator::fresh(Config { keys, ..Config::default() });
    let mut with_token = Client::new(&emu, "STS.temp", "temp-secret");
    let without = Client::new(&emu, "STS.temp", "temp-secret");
    assert_eq!(without.code("DescribeImages", json!({"regionId": "cn-hangzhou"})), "MissingSecurityToken");
    with_token.credentials = with_token.credentials.clone().with_security_token("token-1");
    with_token.ok("DescribeImages", json!({"regionId": "cn-hangzhou"}));
    let v1 = {
        let mut c = Client::new(&emu, "STS.temp", "temp-secret").v1();
        c.credentials = c.credentials.clone().with_security_token("token-1");
        c
    };
    v1.ok("DescribeImages", json!({"regionId": "cn-hangzhou"}));
    with_token.wait(2 * 3600 * 1000);
    assert_eq!(with_token.code("DescribeImages", json!({"regionId": "cn-hangzhou"})), "InvalidSecurityToken.Expired");
    let mut wrong = Client::new(&emu, "STS.temp", "temp-secret");
    wrong.credentials = wrong.credentials.clone().with_security_token("token-2");
    assert_eq!(
        wrong.code("DescribeImages", json!({"regionId": "cn-hangzhou"})),
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
}

#[test]
fn parameters_are_checked_with_the_services_codes() {
    let emu = emulator();
    let c = Client::demo(&emu).lenient();
    let describe = |extra: (&str, &str)| {
        v1_request(
            &[("Action", "DescribeImages"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou"), extra],
            "demo-secret",
            START,
        )
    };
    let (status, code, message) = error_of(&emu.handle(&describe(("PageSize", "500")), START));
    assert_eq!((status, code.as_str()), (400, "InvalidParameter"));
    assert!(message.contains("PageSize: must be between 1 and 100, got 500"), "{message}");
    let (_, code, _) = error_of(&emu.handle(&describe(("Usable", "true")), START));
    assert_eq!(code, "MissingParameter");
    assert_eq!(
        c.code(
            "CreateImage",
            json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "镜像 名"})
        ),
        "InvalidImageName.Malformed"
    );
}

#[test]
fn dry_run_checks_everything_and_changes_nothing() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let count = |c: &Client| {
        c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "self", "status": "ALL"}))
            ["totalCount"]
            .clone()
    };
    let failure = c
        .call("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "dryRun": true}))
        .unwrap_err();
    assert_eq!(failure.code, "DryRunOperation");
    assert_eq!(count(&c), 0);
    let failure = c
        .call("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-missing", "dryRun": true}))
        .unwrap_err();
    assert_eq!(failure.code, "InvalidInstanceId.NotFound");
}

#[test]
fn client_tokens_make_creates_idempotent() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let request = json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "once", "clientToken": "token-1"});
    let first = c.ok("CreateImage", request.clone());
    let again = c.ok("CreateImage", request);
    assert_eq!(first["imageId"], again["imageId"]);
    let listed = c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "self", "status": "ALL"}));
    assert_eq!(listed["totalCount"], 1);
    let changed = json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "twice", "clientToken": "token-1"});
    assert_eq!(c.code("CreateImage", changed), "IdempotentParameterMismatch");
    // Tokens belong to an account: another account's same token is a new call.
    let other = c.other("demo2", "demo2-secret");
    other.ok("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web2", "imageName": "once", "clientToken": "token-1"}));
}

#[test]
fn injected_faults() {
    let mut config = Config { timing: Timing { speed: common::SPEED }, keys: demo_keys(), ..Config::default() };
    config.faults.add_flag("throttling=1@DescribeImages").unwrap();
    config.faults.add_flag("drop=1@CreateImage").unwrap();
    config.faults.add_flag("latency=250@CreateImage").unwrap();
    let emu = Emulator::fresh(config);
    let c = Client::demo(&emu);
    let failure = c.call("DescribeImages", json!({"regionId": "cn-hangzhou"})).unwrap_err();
    assert_eq!((failure.status, failure.code.as_str()), (400, "Throttling.User"));
    let outcome =
        c.send(&c.request("CreateImage", &json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1"})));
    assert_eq!((outcome.network_fault, outcome.latency_ms, outcome.mutated), (Some(NetworkFault::Drop), 250, true));
    emu.set_faults(Default::default());
    let listed = c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "self", "status": "ALL"}));
    assert_eq!(listed["totalCount"], 1, "the dropped create was carried out");
}

#[test]
fn hostile_paging_input_is_answered_never_a_panic() {
    let emu = emulator();
    let c = Client::demo(&emu);
    // A NextToken of the right length in bytes with a multi-byte character where a digit belongs.
    for action in ["DescribeImageComponents", "DescribeImagePipelines", "DescribeImagePipelineExecutions"] {
        let mut request = json!({"regionId": "cn-hangzhou", "nextToken": "AAAAA0000000é000"});
        if action == "DescribeImagePipelineExecutions" {
            request["executionId"] = json!("exec-none");
        }
        let failure = c.call(action, request).unwrap_err();
        assert_eq!((failure.status, failure.code.as_str()), (403, "Invalid.NextToken"), "{action}");
    }
    // The largest page number the parameter's type allows: an empty page, as for any page past the
    // last (the offset is computed checked); one past it is the service's InvalidParameter.
    for (page, status) in [("2147483647", 200), ("9223372036854775807", 400), ("99999999999999999999999", 400)] {
        for action in ["DescribeImages", "DescribeImageSharePermission"] {
            let mut params = vec![("Action", action), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")];
            params.extend([("PageNumber", page), ("PageSize", "100")]);
            if action == "DescribeImageSharePermission" {
                params.push(("ImageId", "m-hangzhou-none"));
            }
            let outcome = emu.handle(&v1_request(&params, "demo-secret", START), START);
            let body: Value = serde_json::from_slice(&outcome.response.body).unwrap();
            if status == 400 {
                assert_eq!((outcome.response.status, body["Code"].as_str()), (400, Some("InvalidParameter")), "{page}");
            } else if action == "DescribeImages" {
                assert_eq!(outcome.response.status, 200, "{page}: {body}");
                assert_eq!(body["Images"]["Image"], json!([]), "{page}");
                assert_eq!(body["PageNumber"].to_string(), page);
            } else {
                // No such image: answered by its code, the paging never reached.
                assert!(outcome.response.status < 500, "{body}");
            }
        }
    }
}

#[test]
fn a_replay_at_the_edge_of_the_window_is_refused() {
    const WINDOW: u64 = 15 * 60 * 1000;
    let emu = emulator();
    let c = Client::demo(&emu);
    // Accepted at the very edge of the window (both ends count), then refused as a replay there.
    let request = c.request("DescribeImages", &json!({"regionId": "cn-hangzhou"}));
    assert_eq!(emu.handle(&request, START + WINDOW).response.status, 200);
    assert_eq!(error_of(&emu.handle(&request, START + WINDOW)).1, "SignatureNonceUsed");
    // Used at its own time, replayed exactly 15 minutes later: the nonce is still remembered.
    let request = c.request("DescribeImages", &json!({"regionId": "cn-hangzhou"}));
    assert_eq!(emu.handle(&request, START).response.status, 200);
    assert_eq!(error_of(&emu.handle(&request, START + WINDOW)).1, "SignatureNonceUsed");
    // One millisecond later the timestamp itself is refused.
    assert_eq!(error_of(&emu.handle(&request, START + WINDOW + 1)).1, "InvalidTimeStamp.Expired");
    // Early side: first seen 15 minutes before its timestamp, replayed 15 minutes after it.
    let request = c.request("DescribeImages", &json!({"regionId": "cn-hangzhou"}));
    assert_eq!(emu.handle(&request, START - WINDOW).response.status, 200);
    assert_eq!(error_of(&emu.handle(&request, START + WINDOW)).1, "SignatureNonceUsed");
}

#[test]
fn client_token_records_expire_after_a_day() {
    const HOUR: u64 = 60 * 60 * 1000;
    let emu = emulator();
    let c = Client::demo(&emu);
    let request = json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "daily",
                         "clientToken": "token-daily"});
    let first = c.ok("CreateImage", request.clone())["imageId"].clone();
    c.ok(
        "CreateImage",
        json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "other",
                               "clientToken": "token-other"}),
    );
    c.wait(24 * HOUR - 1000);
    assert_eq!(c.ok("CreateImage", request.clone())["imageId"], first, "still the same call a second before");
    c.wait(1000);
    // A day after the first call the token is new again: with the first image gone, a new one.
    c.ok("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": first}));
    let second = c.ok("CreateImage", request.clone())["imageId"].clone();
    assert_ne!(second, first);
    assert_eq!(c.ok("CreateImage", request)["imageId"], second, "and remembered from then on");
    // Expired records are dropped from the state, not only ignored.
    assert!(!emu.state_json().contains("token-other"));
}

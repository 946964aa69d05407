//! The gateway's checks, with the service's codes: signatures (V1, V3, STS), timestamps, nonces,
//! actions and versions, parameters, DryRun, ClientToken replays and injected faults.

mod common;

use common::{emulator, http, Client, START};
use ecsimg_core::signing::{v1, Secret};
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

/// A V3 DescribeImages signed for `/api/ecs` on a same-origin proxy, as the proxy forwards it:
/// path `/`, Host set to `host` (none: left out) and the client's string-to-sign.
fn through_proxy(
    region: &str,
    endpoint: Option<&str>,
    secret: &str,
    nonce: &str,
    host: Option<&str>,
) -> (HttpRequest, String) {
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
    request.headers.extend(host.map(|h| ("host".to_string(), h.to_string())));
    (request, string_to_sign)
}

#[test]
fn v3_accepts_the_official_endpoint_host_behind_a_proxy() {
    let emu = emulator();
    let (request, _) = through_proxy("cn-beijing", None, "demo-secret", "proxy-1", Some("127.0.0.1:9080"));
    assert_eq!(emu.handle(&request, START).response.status, 200);
    // cn-hangzhou's SDK endpoint is ecs-cn-hangzhou.aliyuncs.com; the plain form is accepted too.
    let (request, _) =
        through_proxy("cn-hangzhou", Some("ecs.cn-hangzhou.aliyuncs.com"), "demo-secret", "proxy-2", None);
    assert_eq!(emu.handle(&request, START).response.status, 200);

    // With the wrong secret behind a proxy (X-Forwarded-Host), the mismatch shows the string-to-sign
    // for the official host the client signed, not for the proxy's upstream Host.
    let (mut request, client_string_to_sign) =
        through_proxy("cn-beijing", None, "wrong-secret", "proxy-3", Some("127.0.0.1"));
    request.headers.push(("x-forwarded-host".into(), "127.0.0.1:8080".into()));
    let (status, code, message) = error_of(&emu.handle(&request, START));
    assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
    assert!(message.ends_with(&client_string_to_sign), "{message}");
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

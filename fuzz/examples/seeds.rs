//! Writes the committed seed corpora (`fuzz/corpus/<target>/`) from real inputs: requests built and
//! signed by the core as a client sends them, the emulator's answers to them, the V3 signing
//! vector's `Authorization`, the template parser's test texts, and a small saved state.
//!
//! `cd fuzz && cargo +nightly-2026-05-20 run --example seeds` (the files are deterministic; rerun after a
//! change of the input formats the targets read).

use ecsimg_core::catalogue::operation;
use ecsimg_core::{
    build, Credentials, Method, RequestOptions, SignatureVersion, SigningContext, Strictness, Timestamp,
};
use ecsimg_emulator::HttpRequest;
use ecsimg_fuzz::{http, Session, Signing, START};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

const ALINUX: &str = "aliyun_3_x64_20G_alibase_20250915.vhd";

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn op_index(action: &str) -> u8 {
    ecsimg_core::OPERATIONS.iter().position(|op| op.name == action).unwrap() as u8
}

/// The request as `handle`'s text form.
fn as_text(request: &HttpRequest) -> Vec<u8> {
    let mut text = format!("{} {}?{}\n", request.method, request.path, request.query);
    for (k, v) in &request.headers {
        text += &format!("{k}: {v}\n");
    }
    text += "\n";
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(&request.body);
    bytes
}

fn main() {
    // Golden calls, as the emulator's tests make them.
    let calls: &[(&str, SignatureVersion, Method, Value)] = &[
        (
            "DescribeImages",
            SignatureVersion::V1,
            Method::Get,
            json!({"regionId": "cn-hangzhou", "pageSize": 2, "imageOwnerAlias": "system"}),
        ),
        ("DescribeImages", SignatureVersion::V3, Method::Post, json!({"regionId": "cn-hangzhou", "imageId": ALINUX})),
        (
            "CreateImage",
            SignatureVersion::V3,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "web-2026", "tag": [{"key": "team", "value": "web"}], "clientToken": "t-1"}),
        ),
        (
            "CreateImageComponent",
            SignatureVersion::V1,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "content": "RUN echo hello"}),
        ),
        (
            "CreateImagePipeline",
            SignatureVersion::V3,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "baseImageType": "IMAGE", "baseImage": ALINUX, "buildContent": "RUN yum -y update\nRUN exit 1"}),
        ),
        (
            "DescribeImageComponents",
            SignatureVersion::V3,
            Method::Get,
            json!({"regionId": "cn-hangzhou", "maxResults": 1, "nextToken": "AAAAA0000000é000"}),
        ),
        (
            "DescribeImageSharePermission",
            SignatureVersion::V1,
            Method::Get,
            json!({"regionId": "cn-hangzhou", "imageId": "m-hangzhou-none", "pageNumber": 2147483647}),
        ),
        (
            "ModifyImageSharePermission",
            SignatureVersion::V1,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "imageId": "m-hangzhou-none", "addAccount": ["1000000000000002"]}),
        ),
        (
            "CopyImage",
            SignatureVersion::V3,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "imageId": ALINUX, "destinationRegionId": "cn-shanghai"}),
        ),
        (
            "ExportImage",
            SignatureVersion::V1,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "imageId": "m-hangzhou-none", "OSSBucket": "ecsimg-demo-hangzhou-1"}),
        ),
        (
            "DescribeAvailableResource",
            SignatureVersion::V3,
            Method::Post,
            json!({"regionId": "cn-hangzhou", "destinationResource": "InstanceType"}),
        ),
    ];
    let credentials = Credentials::new("demo", "demo-secret");
    let session = Session::new(ecsimg_fuzz::emulator(ecsimg_fuzz::seeded_store()));
    for (n, (action, version, method, request)) in calls.iter().enumerate() {
        let nonce = format!("seed-{n}");
        let ctx = SigningContext { timestamp: Timestamp::from_unix_seconds((START / 1000) as i64), nonce: &nonce };
        let options = RequestOptions {
            signature_version: *version,
            method: *method,
            endpoint: Some("http://127.0.0.1:9000".into()),
            strictness: Strictness::Lenient,
            ..Default::default()
        };
        let signed = build(action, request, &credentials, &options, &ctx).unwrap_or_else(|e| panic!("{action}: {e}"));
        let request = http(signed);
        let name = format!("{n:02}-{action}");
        write("handle", &name, &[&[0u8][..], &as_text(&request)].concat());
        if let Some(auth) = request.header("authorization") {
            write("authorization", &name, auth.as_bytes());
        }
        let mut query = vec![0u8, op_index(action)];
        query.extend_from_slice(request.query.as_bytes());
        if !request.body.is_empty() {
            query.push(b'&');
            query.extend_from_slice(&request.body);
        }
        write("wire_parse", &name, &query);
        let outcome = session.emulator.handle(&request, START);
        let status = outcome.response.status;
        let mut body = outcome.response.body.clone();
        if body.len() > 8_000 {
            // A long listing: its first images only.
            let mut value: Value = serde_json::from_slice(&body).unwrap();
            if let Some(images) = value["Images"]["Image"].as_array_mut() {
                images.truncate(2);
            }
            body = serde_json::to_vec(&value).unwrap();
        }
        let head = match status {
            200 => [op_index(action), 0, 0],
            400..=431 => [op_index(action), 1, (status - 400) as u8],
            500..=507 => [op_index(action), 2, (status - 500) as u8],
            _ => [op_index(action), 3, status as u8],
        };
        write("decode", &format!("{name}-{status}"), &[&head[..], &body].concat());
    }
    let vector = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/core/tests/vectors/v3-run-instances-doc/authorization.txt");
    write("authorization", "vector-v3-run-instances-doc", &fs::read(vector).unwrap());
    write(
        "decode",
        "truncated-200",
        &[&[op_index("DescribeImages"), 0, 0][..], b"{\"Images\":{\"Image\":[{\"ImageId\""].concat(),
    );
    write("decode", "error-lowercase-403", &[&[op_index("DeleteImage"), 1, 3][..], br#"{"code":"Forbidden.RAM","message":"m","requestId":"r","recommend":"https://api.aliyun.com/troubleshoot"}"#].concat());

    // The template parser's test texts, in each place.
    let texts: &[(u8, &str)] = &[
        (1, "# setup\nRUN yum install -y \\\n  nginx\nCOMPONENT ic-1 --x 1\nRESTART\n"),
        (1, "FROM IMAGE:m-1\nENV A=1 B=2\nENV C 3\nCMD [\"nginx\"]\nWORKDIR /srv\nCOPY a b\nUSER admin\nLABEL x=y"),
        (2, "RUN echo\nRUN exit 1"),
        (0, "Parameters:\n  greeting:\n    Type: String\n    DefaultValue: hello\nTasks:\n  - Name: Say\n    Action: RunShellCommand\n    Properties:\n      commandContent: |\n        echo {{ greeting }}\n        exit 1\n  - Name: Fail\n    Action: RunShellCommand\n    Properties:\n      commandContent: exit 1\n"),
        (0, "RUN echo hello\nENTRYPOINT [\"/bin/sh\", \"-c\"]"),
    ];
    for (n, (place, text)) in texts.iter().enumerate() {
        write("template", &format!("{n:02}"), &[&[*place][..], text.as_bytes()].concat());
    }

    // A small saved state with work in progress: a few public images, the demo fleet, a component,
    // a template with an execution, an image being made.
    let mut store = ecsimg_fuzz::seeded_store();
    let image = ALINUX.to_string();
    let mut keep: Vec<String> =
        store.images.values().filter(|i| i.region == "cn-hangzhou").take(2).map(|i| i.id.clone()).collect();
    keep.push(ALINUX.to_string());
    store.images.retain(|i| i.region == "cn-hangzhou" && keep.contains(&i.id));
    let mut session = Session::new(ecsimg_fuzz::emulator(store));
    let steps: &[(&str, &[(&str, &str)])] = &[
        ("CreateImageComponent", &[("Content", "RUN echo hello")]),
        ("CreateImagePipeline", &[("BaseImageType", "IMAGE"), ("BaseImage", &image), ("BuildContent", "RUN exit 1")]),
        ("CreateImage", &[("InstanceId", "i-hangzhou-web1"), ("ImageName", "web-2026"), ("ClientToken", "t-1")]),
    ];
    for (action, params) in steps {
        let op = operation(action).unwrap();
        let mut pairs: Vec<(String, String)> = vec![("RegionId".into(), "cn-hangzhou".into())];
        pairs.extend(params.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let request = session.sign(op, &pairs, Signing::V1Get).unwrap();
        let outcome = session.emulator.handle(&request, session.now);
        let body: Value = serde_json::from_slice(&outcome.response.body).unwrap();
        assert_eq!(outcome.response.status, 200, "{action}: {body}");
        if let Some(id) = body["ImagePipelineId"].as_str() {
            let op = operation("StartImagePipelineExecution").unwrap();
            let pairs = vec![("RegionId".into(), "cn-hangzhou".into()), ("ImagePipelineId".into(), id.to_string())];
            let request = session.sign(op, &pairs, Signing::V1Get).unwrap();
            assert_eq!(session.emulator.handle(&request, session.now).response.status, 200);
        }
    }
    write("state", "in-progress", session.emulator.state_json().as_bytes());
    write("state", "empty", b"{}");
    write("state", "journal", session.emulator.nonce_journal().0.as_bytes());

    // Paging: (op, made, max_results, token: Given | Altered | Free, form), as `arbitrary` reads them.
    for (n, seed) in
        [[0u8, 3, 0, 0, 0, 0, 0, 0], [1, 2, 1, 0, 0, 0, 0, 1], [2, 3, 0, 0, 0, 0, 0x80, 5]].iter().enumerate()
    {
        write("paging", &format!("{n:02}"), seed);
    }
}

//! What one signed call costs, whole and step by step, for a small and a large request in V1 and V3.
//!
//! `cargo bench -p ecsimg-core --bench sign` prints, per request and signature version:
//! - `build`: the whole of `request::build` from a `serde_json::Value` (what docs/benchmarks.md
//!   records), and `build-text`: from the request's JSON text, parsed in place as the npm package's
//!   core reads it (parse included);
//! - `prepare`: validation and flattening into wire pairs (`wire::prepare`);
//! - `encode`: percent-encoding every key and value of the signed query;
//! - `sort`: sorting the signed query's pairs by key;
//! - `canonical-query`: the canonical query whole (sort, encode, join);
//! - `hash`: the digests over the signed strings (V1: HMAC-SHA1; V3: SHA-256 of the canonical
//!   request, then HMAC-SHA256);
//! - `sign`: the signer whole, from the wire pairs to the signature (`v1::sign`, `v3::sign`).
//!
//! `cargo bench -p ecsimg-core --bench sign -- build/` runs the `build` rows only.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ecsimg_core::catalogue::{operation, VERSION};
use ecsimg_core::json::Doc;
use ecsimg_core::signing::digest::{hmac_sha1, hmac_sha256, sha256};
use ecsimg_core::signing::{v1, v3};
use ecsimg_core::wire::encode::{canonical_query, percent_encode_into, small_sort};
use ecsimg_core::{build, wire, Credentials, RequestOptions, SignatureVersion, SigningContext, Strictness, Timestamp};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Duration;

fn describe_images() -> Value {
    json!({"regionId": "cn-hangzhou", "status": "Available", "pageSize": 50, "imageOwnerAlias": "self"})
}

/// A CreateImagePipeline request that sets every group of parameters the operation has.
fn full_pipeline() -> Value {
    let tags: Vec<Value> = (1..=20).map(|i| json!({"key": format!("team-{i}"), "value": format!("值 {i}")})).collect();
    json!({
        "regionId": "cn-hangzhou",
        "baseImageType": "IMAGE",
        "baseImage": "m-bp1g7004ksh0oeuc1234",
        "name": "nightly-build",
        "description": "Nightly image with the agent, hardened SSH and the latest patches",
        "buildContent": "RUN yum update -y\nRUN echo 'hello * world' > /etc/motd\nCOMPONENT ic-bp67acfmxazb4p1234",
        "testContent": "RUN test -f /etc/motd",
        "instanceType": "ecs.g7.large",
        "systemDiskSize": 60,
        "internetMaxBandwidthOut": 10,
        "vSwitchId": "vsw-bp1s5fnvk4gn2tws0abcd",
        "deleteInstanceOnFailure": true,
        "clientToken": "123e4567-e89b-12d3-a456-426655440000",
        "addAccount": [1000000000000001i64, 1000000000000002i64],
        "toRegionId": ["cn-beijing", "cn-shanghai", "ap-southeast-1"],
        "tag": tags,
        "imageOptions": {
            "imageName": "nightly",
            "imageFamily": "nightly-family",
            "description": "Output image",
            "imageTags": [{"key": "stage", "value": "nightly"}],
            "imageFeatures": {"nvmeSupport": "auto"}
        },
        "advancedOptions": {"retainCloudAssistant": true, "imageNameSuffix": "disable"},
        "repairMode": "Standard"
    })
}

/// One request signed one way, with every intermediate a step starts from.
struct Case {
    id: String,
    action: &'static str,
    request: Value,
    version: SignatureVersion,
    /// The operation's wire pairs (what `prepare` makes).
    params: Vec<(String, String)>,
    /// Every signed query pair: the operation's, and for V1 the common parameters too.
    signed: Vec<(String, String)>,
}

impl Case {
    fn new(label: &str, action: &'static str, request: Value, version: SignatureVersion, ctx: &SigningContext) -> Case {
        let op = operation(action).unwrap();
        let params = wire::prepare(op, &request, Strictness::Strict).expect("the benchmark request is valid").pairs;
        let params = params.to_vec();
        let mut signed = params.clone();
        if version == SignatureVersion::V1 {
            let (credentials, timestamp) = (credentials(), ctx.timestamp.text());
            let common = v1::common_params(action, VERSION, &credentials, ctx, &timestamp);
            signed.extend(common.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        }
        let v = if version == SignatureVersion::V1 { "v1" } else { "v3" };
        Case { id: format!("{label}/{v}"), action, request, version, params, signed }
    }

    fn signed_refs(&self) -> Vec<(&str, &str)> {
        self.signed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }
}

fn credentials() -> Credentials {
    Credentials::new("LTAI5tExampleKeyId", "ExampleSecret0123456789")
}

fn context() -> SigningContext<'static> {
    SigningContext {
        timestamp: Timestamp::parse("2026-11-28T06:00:00Z").unwrap(),
        nonce: "3156853299f313e23d1673dc12e1703d",
    }
}

fn cases() -> Vec<Case> {
    let ctx = context();
    let mut out = Vec::new();
    for (label, action, request) in [
        ("DescribeImages", "DescribeImages", describe_images()),
        ("CreateImagePipeline-full", "CreateImagePipeline", full_pipeline()),
    ] {
        for version in [SignatureVersion::V1, SignatureVersion::V3] {
            out.push(Case::new(label, action, request.clone(), version, &ctx));
        }
    }
    out
}

/// The whole of `request::build`.
fn bench_build(c: &mut Criterion, cases: &[Case]) {
    let (credentials, ctx) = (credentials(), context());
    let mut group = c.benchmark_group("build");
    group.throughput(Throughput::Elements(1));
    for case in cases {
        let options = RequestOptions { signature_version: case.version, ..Default::default() };
        group.bench_with_input(BenchmarkId::from_parameter(&case.id), case, |b, case| {
            b.iter(|| build(black_box(case.action), black_box(&case.request), &credentials, &options, &ctx).unwrap())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("build-text");
    for case in cases {
        let options = RequestOptions { signature_version: case.version, ..Default::default() };
        let text = case.request.to_string();
        group.bench_with_input(BenchmarkId::from_parameter(&case.id), &text, |b, text| {
            b.iter(|| {
                let doc = Doc::parse(black_box(text)).unwrap();
                build(case.action, doc.root(), &credentials, &options, &ctx).unwrap()
            })
        });
    }
    group.finish();
}

/// Validation and flattening, then the query's steps: encoding, sorting, both together.
fn bench_query_steps(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("step");
    for case in cases {
        let op = operation(case.action).unwrap();
        group.bench_with_input(BenchmarkId::new("prepare", &case.id), case, |b, case| {
            b.iter(|| wire::prepare(op, black_box(&case.request), Strictness::Strict).unwrap())
        });
        let pairs = case.signed_refs();
        group.bench_with_input(BenchmarkId::new("encode", &case.id), &pairs, |b, pairs| {
            let mut out = Vec::with_capacity(4096);
            b.iter(|| {
                out.clear();
                for (k, v) in black_box(pairs) {
                    percent_encode_into(&mut out, k);
                    percent_encode_into(&mut out, v);
                }
                out.len()
            })
        });
        group.bench_with_input(BenchmarkId::new("sort", &case.id), &pairs, |b, pairs| {
            b.iter(|| {
                let mut sorted: Vec<&(&str, &str)> = black_box(pairs).iter().collect();
                small_sort(&mut sorted, |a, b| a.0.as_bytes() < b.0.as_bytes());
                sorted
            })
        });
        group.bench_with_input(BenchmarkId::new("canonical-query", &case.id), &pairs, |b, pairs| {
            b.iter(|| canonical_query(black_box(pairs)))
        });
    }
    group.finish();
}

/// The digests, then each signer whole.
fn bench_signing_steps(c: &mut Criterion, cases: &[Case]) {
    let (credentials, ctx) = (credentials(), context());
    let secret = credentials.access_key_secret.expose_secret().to_string();
    let mut group = c.benchmark_group("step");
    for case in cases {
        let pairs = case.signed_refs();
        match case.version {
            SignatureVersion::V1 => {
                let signed = v1::sign("POST", &pairs, &credentials.access_key_secret);
                let key = format!("{secret}&");
                group.bench_with_input(BenchmarkId::new("hash", &case.id), &signed.string_to_sign, |b, sts| {
                    b.iter(|| hmac_sha1(key.as_bytes(), black_box(sts).as_bytes()))
                });
                group.bench_with_input(BenchmarkId::new("sign", &case.id), &pairs, |b, pairs| {
                    b.iter(|| v1::sign("POST", black_box(pairs), &credentials.access_key_secret))
                });
            }
            SignatureVersion::V3 => {
                let input = v3::Input {
                    method: "POST",
                    host: "ecs-cn-hangzhou.aliyuncs.com",
                    action: case.action,
                    version: VERSION,
                    query: &pairs,
                    body: b"",
                    content_type: None,
                };
                let signed = v3::sign(&input, &credentials, &ctx);
                let strings = (signed.canonical_request, signed.string_to_sign);
                group.bench_with_input(BenchmarkId::new("hash", &case.id), &strings, |b, (request, sts)| {
                    b.iter(|| (sha256(black_box(request).as_bytes()), hmac_sha256(secret.as_bytes(), sts.as_bytes())))
                });
                group.bench_with_input(BenchmarkId::new("sign", &case.id), &input, |b, input| {
                    b.iter(|| v3::sign(black_box(input), &credentials, &ctx))
                });
            }
        }
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    for case in &cases {
        // For costs per key: the step times divided by these.
        println!("{}: {} operation keys, {} signed query keys", case.id, case.params.len(), case.signed.len());
    }
    println!("targets (issue 13), the build/ rows: DescribeImages <= 1.5 µs, CreateImagePipeline-full <= 8 µs");
    bench_build(c, &cases);
    bench_query_steps(c, &cases);
    bench_signing_steps(c, &cases);
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);

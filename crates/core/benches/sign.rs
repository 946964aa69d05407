//! validate + flatten + sign + build, end to end, for a small and a large request in V1 and V3.
//! `cargo bench -p ecsimg-core --bench sign`; figures go to docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ecsimg_core::{build, Credentials, RequestOptions, SignatureVersion, SigningContext, Timestamp};
use serde_json::{json, Value};
use std::hint::black_box;

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

fn bench(c: &mut Criterion) {
    let credentials = Credentials::new("LTAI5tExampleKeyId", "ExampleSecret0123456789");
    let ctx = SigningContext {
        timestamp: Timestamp::parse("2026-11-28T06:00:00Z").unwrap(),
        nonce: "3156853299f313e23d1673dc12e1703d",
    };
    let mut group = c.benchmark_group("build");
    group.throughput(Throughput::Elements(1));
    for (name, action, request) in [
        ("DescribeImages", "DescribeImages", describe_images()),
        ("CreateImagePipeline-full", "CreateImagePipeline", full_pipeline()),
    ] {
        for (label, version) in [("v1", SignatureVersion::V1), ("v3", SignatureVersion::V3)] {
            let options = RequestOptions { signature_version: version, ..Default::default() };
            if let Err(e) = build(action, &request, &credentials, &options, &ctx) {
                panic!("benchmark request is invalid: {e}");
            }
            group.bench_with_input(BenchmarkId::new(name, label), &request, |b, request| {
                b.iter(|| build(black_box(action), black_box(request), &credentials, &options, &ctx).unwrap())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

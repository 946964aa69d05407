//! Image Builder: components (versions, content checks, filters, paging, deletion), image templates
//! (sources and references), and executions walking their statuses to an image in every region.

mod common;

use common::{emulator, Client};
use serde_json::{json, Value};

const HZ: &str = "cn-hangzhou";
const ALINUX: &str = "aliyun_3_x64_20G_alibase_20250915.vhd";
const DEMO2: u64 = 1_000_000_000_000_002;

/// `base` with the fields of `extra` added or replaced.
fn with(base: Value, extra: Value) -> Value {
    let mut out = base;
    if let (Some(out), Value::Object(extra)) = (out.as_object_mut(), extra) {
        out.extend(extra);
    }
    out
}

/// Creates a component; the clock then moves on a millisecond, so creation order is listing order.
fn component(c: &Client, extra: Value) -> String {
    let body = c.ok("CreateImageComponent", with(json!({"regionId": HZ, "content": "RUN echo hello"}), extra));
    c.wait(1);
    body["imageComponentId"].as_str().unwrap().to_string()
}

fn components(c: &Client, filter: Value) -> Value {
    c.ok("DescribeImageComponents", with(json!({"regionId": HZ}), filter))
}

fn component_set(body: &Value) -> Vec<Value> {
    body["imageComponent"]["imageComponentSet"].as_array().cloned().unwrap_or_default()
}

fn create_component_code(c: &Client, extra: Value) -> String {
    c.code("CreateImageComponent", with(json!({"regionId": HZ, "content": "RUN echo hello"}), extra))
}

/// Creates an image template; the clock then moves on a millisecond, as after [`component`].
fn pipeline(c: &Client, extra: Value) -> String {
    let body = c
        .ok("CreateImagePipeline", with(json!({"regionId": HZ, "baseImageType": "IMAGE", "baseImage": ALINUX}), extra));
    c.wait(1);
    body["imagePipelineId"].as_str().unwrap().to_string()
}

fn create_pipeline_code(c: &Client, extra: Value) -> String {
    c.code("CreateImagePipeline", with(json!({"regionId": HZ, "baseImageType": "IMAGE", "baseImage": ALINUX}), extra))
}

fn pipeline_set(body: &Value) -> Vec<Value> {
    body["imagePipeline"]["imagePipelineSet"].as_array().cloned().unwrap_or_default()
}

fn start(c: &Client, pipeline: &str) -> String {
    let body = c.ok("StartImagePipelineExecution", json!({"regionId": HZ, "imagePipelineId": pipeline}));
    body["executionId"].as_str().unwrap().to_string()
}

fn execution(c: &Client, id: &str) -> Value {
    let body = c.ok("DescribeImagePipelineExecutions", json!({"regionId": HZ, "executionId": id}));
    body["imagePipelineExecution"]["imagePipelineExecutionSet"][0].clone()
}

const FINAL: [&str; 4] = ["SUCCESS", "FAILED", "TEST_FAILED", "CANCELLED"];

/// Every status an execution takes from now until it is final, a millisecond at a time; `each`
/// sees the execution when it enters a status.
fn walk(c: &Client, id: &str, mut each: impl FnMut(&Value)) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..1000 {
        let now = execution(c, id);
        let status = now["status"].as_str().unwrap().to_string();
        if seen.last() != Some(&status) {
            each(&now);
            seen.push(status.clone());
        }
        if FINAL.contains(&status.as_str()) {
            return seen;
        }
        c.wait(1);
    }
    panic!("{id} never finished: {seen:?}");
}

fn image_in(c: &Client, region: &str, filter: Value) -> Value {
    let body = c.ok("DescribeImages", with(json!({"regionId": region, "status": "ALL"}), filter));
    body["images"]["image"][0].clone()
}

#[test]
fn component_versions_are_explicit_derived_or_refused_when_taken() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let version = |id: &str| {
        let body = components(&c, json!({"imageComponentId": [id]}));
        component_set(&body)[0]["componentVersion"].as_str().unwrap().to_string()
    };
    let first = component(&c, json!({"name": "nginx", "componentVersion": "1.2.3"}));
    assert_eq!(version(&first), "1.2.3");
    let derived = component(&c, json!({"name": "nginx"}));
    assert_eq!(version(&derived), "2.0.0");
    assert_eq!(
        create_component_code(&c, json!({"name": "nginx", "componentVersion": "1.2.3"})),
        "InvalidComponentVersion.Exist"
    );
    component(&c, json!({"name": "nginx", "componentVersion": "10.0.1"}));
    assert_eq!(version(&component(&c, json!({"name": "nginx"}))), "11.0.0");
    assert_eq!(version(&component(&c, json!({"name": "redis"}))), "1.0.0");
    let unnamed = component(&c, json!({}));
    let body = components(&c, json!({"imageComponentId": [unnamed]}));
    assert_eq!(component_set(&body)[0]["name"], unnamed.as_str());
    let lenient = Client::demo(&emu).lenient();
    assert_eq!(
        create_component_code(&lenient, json!({"name": "nginx", "componentVersion": "1.0"})),
        "InvalidParameter.ComponentVersion"
    );
    // Versions belong to an account.
    let other = c.other("demo2", "demo2-secret");
    component(&other, json!({"name": "nginx", "componentVersion": "1.2.3"}));
}

#[test]
fn component_content_is_checked_like_the_service() {
    let emu = emulator();
    let c = Client::demo(&emu);
    for (content, code) in [
        ("FROM IMAGE:m-1\nRUN echo", "NotSupportedCommand.FROM"),
        ("COMPONENT ic-1", "InvalidCommand.Component"),
        ("RUN", "EmptyCommandContent.RUN"),
        ("RUN echo\nENV", "EmptyCommandContent.ENV"),
        ("RESTART now", "NotEmptyCommandContent.RESTART"),
        ("WORKDIR relative/dir", "InvalidCommandContent.WORKDIR"),
        ("ADD a b", "InvalidImageTemplateCommand.NotSupported"),
        ("# nothing but a comment", "InvalidParameter.Content"),
        ("Tasks:\n  - Name: x\n", "InvalidParameter.Content"),
    ] {
        assert_eq!(create_component_code(&c, json!({ "content": content })), code, "{content}");
    }
    let lenient = Client::demo(&emu).lenient();
    assert_eq!(lenient.code("CreateImageComponent", json!({"regionId": HZ})), "MissingParameter.Content");
    assert_eq!(
        create_component_code(&c, json!({"systemType": "Windows", "content": "RUN echo"})),
        "InvalidParameter.Content"
    );
    let yaml = "Parameters:\n  greeting:\n    Type: String\n    DefaultValue: hello\nTasks:\n  - Name: Say\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ greeting }}\n";
    let id = component(&c, json!({"content": yaml, "systemType": "Windows", "componentType": "Test"}));
    let found = &component_set(&components(&c, json!({"imageComponentId": [id]})))[0];
    assert_eq!(found["content"], yaml);
    assert_eq!(found["owner"], "SELF");
    assert_eq!(found["componentType"], "Test");
    assert_eq!(
        found["parameters"]["parameter"][0],
        json!({"name": "greeting", "type": "String", "defaultValue": "hello"})
    );
}

#[test]
fn describe_components_filters_and_pages_by_token() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let prod = json!([{"key": "env", "value": "prod"}]);
    let mut ids = vec![
        component(&c, json!({"name": "web", "componentVersion": "1.0.0", "tag": prod})),
        component(&c, json!({"name": "web", "componentVersion": "2.1.0", "tag": prod, "resourceGroupId": "rg-1"})),
        component(&c, json!({"name": "db"})),
        component(&c, json!({"name": "check", "componentType": "Test"})),
        component(
            &c,
            json!({"name": "win", "systemType": "Windows", "content": "Tasks:\n  - Name: a\n    Action: Reboot\n"}),
        ),
    ];
    let count = |filter: Value| component_set(&components(&c, filter)).len();
    assert_eq!(count(json!({})), 5);
    assert_eq!(count(json!({"owner": "SELF"})), 5);
    assert_eq!(count(json!({"owner": "ALIYUN"})), 0);
    assert_eq!(count(json!({"componentType": "Test"})), 1);
    assert_eq!(count(json!({"systemType": "Windows"})), 1);
    assert_eq!(count(json!({"tag": [{"key": "env", "value": "prod"}]})), 2);
    assert_eq!(count(json!({"tag": [{"key": "env", "value": "dev"}]})), 0);
    assert_eq!(count(json!({"resourceGroupId": "rg-1"})), 1);
    assert_eq!(count(json!({"imageComponentId": [ids[0], ids[2]]})), 2);
    assert_eq!(count(json!({"name": "web"})), 2);
    assert_eq!(count(json!({"name": "web", "componentVersion": "2.*.*"})), 1);
    assert_eq!(count(json!({"name": "web", "componentVersion": "*.0.0"})), 1);
    assert_eq!(
        c.code("DescribeImageComponents", json!({"regionId": HZ, "name": "web", "componentVersion": "1.x.0"})),
        "InvalidParameter.ComponentVersion"
    );
    assert_eq!(component_set(&components(&c.other("demo2", "demo2-secret"), json!({}))).len(), 0);
    assert_eq!(component_set(&components(&c, json!({"regionId": "cn-shanghai"}))).len(), 0);

    // Pages of two, newest first, until the token runs out.
    let mut listed = Vec::new();
    let mut token = String::new();
    loop {
        let page = components(&c, json!({"maxResults": 2, "nextToken": token}));
        assert_eq!(page["totalCount"], 5);
        assert_eq!(page["maxResults"], 2);
        listed.extend(component_set(&page).iter().map(|i| i["imageComponentId"].as_str().unwrap().to_string()));
        token = page["nextToken"].as_str().unwrap().to_string();
        if token.is_empty() {
            break;
        }
    }
    ids.reverse();
    assert_eq!(listed, ids);
    assert_eq!(
        c.code("DescribeImageComponents", json!({"regionId": HZ, "nextToken": "AAAAA0000000200FF"})),
        "Invalid.NextToken"
    );
}

#[test]
fn components_in_use_cannot_be_deleted() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let build = component(&c, json!({"name": "build"}));
    let test = component(&c, json!({"name": "test", "componentType": "Test"}));
    let user = pipeline(
        &c,
        json!({"buildContent": format!("RUN echo\nCOMPONENT {build}"), "testContent": format!("COMPONENT {test}")}),
    );
    let delete = |c: &Client, id: &str| c.call("DeleteImageComponent", json!({"regionId": HZ, "imageComponentId": id}));
    assert_eq!(delete(&c, &build).unwrap_err().code, "InvalidImageComponent.InUse");
    assert_eq!(delete(&c, &test).unwrap_err().code, "InvalidImageComponent.InUse");
    assert_eq!(delete(&c.other("demo2", "demo2-secret"), &test).unwrap_err().code, "InvalidImageComponent.NotFound");
    c.ok("DeleteImagePipeline", json!({"regionId": HZ, "imagePipelineId": user}));
    delete(&c, &build).unwrap();
    delete(&c, &test).unwrap();
    assert_eq!(delete(&c, &build).unwrap_err().code, "InvalidImageComponent.NotFound");
}

#[test]
fn templates_check_their_sources_and_references() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let other = c.other("demo2", "demo2-secret");
    // IMAGE: a public image, or an own image that is Available.
    pipeline(&c, json!({}));
    let own = c.ok("CreateImage", json!({"regionId": HZ, "snapshotId": "s-hangzhou-sys1", "imageName": "own"}));
    let own = own["imageId"].as_str().unwrap().to_string();
    assert_eq!(create_pipeline_code(&c, json!({"baseImage": own})), "InvalidImage.NotFound");
    c.wait(25);
    let on_own = pipeline(&c, json!({"baseImage": own}));
    assert_eq!(create_pipeline_code(&other, json!({"baseImage": own})), "InvalidImage.NotFound");
    assert_eq!(create_pipeline_code(&c, json!({"baseImage": "m-nothere"})), "InvalidImage.NotFound");
    // IMAGE_FAMILY: a family with an Available image.
    pipeline(&c, json!({"baseImageType": "IMAGE_FAMILY", "baseImage": "acs:alibaba_cloud_linux_3_2104_lts_x64"}));
    assert_eq!(
        create_pipeline_code(&c, json!({"baseImageType": "IMAGE_FAMILY", "baseImage": "no-such-family"})),
        "InvalidImage.NotFound"
    );
    // OSS: image files in the caller's bucket of the region.
    let oss = |bucket: &str, object: &str| json!({"baseImageType": "OSS", "importImageOptions": {"diskDeviceMappings": [{"OSSBucket": bucket, "OSSObject": object}]}});
    pipeline(&c, oss("ecsimg-demo-hangzhou-1", "images/alinux3-custom.qcow2"));
    for (bucket, object, code) in [
        (
            "ecsimg-demo-hangzhou-1",
            "images/none.qcow2",
            "InvalidImportImageOptionsDiskDeviceMappingsOSSObject.NotFound",
        ),
        (
            "ecsimg-demo-shanghai-1",
            "images/alinux3-custom.qcow2",
            "InvalidImportImageOptionsDiskDeviceMappingsOSSObject.NotFound",
        ),
        ("ecsimg-demo-hangzhou-2", "images/alinux3-custom.qcow2", "InvalidOSSObject.NotAuthorized"),
    ] {
        assert_eq!(create_pipeline_code(&c, oss(bucket, object)), code, "{bucket}/{object}");
    }
    let lenient = Client::demo(&emu).lenient();
    assert_eq!(
        lenient.code("CreateImagePipeline", json!({"regionId": HZ, "baseImageType": "OSS"})),
        "MissingParameter.ImportImageOptions"
    );
    // Regions, instance types, names.
    pipeline(&c, json!({"toRegionId": ["cn-shanghai", "eu-central-1"], "instanceType": "ecs.g7.large"}));
    assert_eq!(create_pipeline_code(&c, json!({"toRegionId": ["mars-north-1"]})), "InvalidRegionId.NotFound");
    assert_eq!(create_pipeline_code(&c, json!({"instanceType": "ecs.nope.large"})), "InvalidInstanceType.NotFound");
    pipeline(&c, json!({"name": "nightly"}));
    assert_eq!(create_pipeline_code(&c, json!({"name": "nightly"})), "InvalidName.Malformed");
    // Content and the components it references.
    let test = component(&c, json!({"componentType": "Test"}));
    for (build, code) in [
        ("COMPONENT ic-nothere".to_string(), "ImageComponent.NotFound"),
        (format!("COMPONENT {test}"), "InvalidImageComponent.NotSupported"),
        ("RUN echo\nFROM IMAGE:m-1".to_string(), "InvalidCommandOrder.FROM"),
        ("FROM ubuntu:22.04".to_string(), "InvalidCommandContent.FROM"),
        ("RUN".to_string(), "EmptyCommandContent.RUN"),
    ] {
        assert_eq!(create_pipeline_code(&c, json!({ "buildContent": build })), code, "{build}");
    }
    pipeline(&c, json!({"buildContent": "FROM IMAGE:m-1\nRUN echo", "testContent": format!("COMPONENT {test}")}));
    // A base image deleted later stops new executions.
    c.ok("DeleteImage", json!({"regionId": HZ, "imageId": own}));
    assert_eq!(
        c.code("StartImagePipelineExecution", json!({"regionId": HZ, "imagePipelineId": on_own})),
        "InvalidImagePipeline.BaseImageNotFound"
    );
}

#[test]
fn describe_templates_answers_the_service_shape() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let web = pipeline(
        &c,
        json!({
            "name": "web",
            "description": "web servers",
            "addAccount": [DEMO2],
            "toRegionId": ["cn-shanghai"],
            "systemDiskSize": 60,
            "repairMode": "Customized",
            "repairItem": ["grub", "fstab"],
            "imageOptions": {"imageName": "web", "imageFamily": "web-family", "imageTags": [{"key": "team", "value": "web"}]},
            "tag": [{"key": "env", "value": "prod"}],
        }),
    );
    let imported = pipeline(
        &c,
        json!({
            "name": "imported",
            "baseImageType": "OSS",
            "importImageOptions": {
                "diskDeviceMappings": [{"OSSBucket": "ecsimg-demo-hangzhou-1", "OSSObject": "images/ubuntu-22.04.raw", "diskImageSize": 40}],
                "importImageTags": [{"key": "source", "value": "oss"}],
            },
        }),
    );
    let describe = |filter: Value| c.ok("DescribeImagePipelines", with(json!({"regionId": HZ}), filter));
    let found = &pipeline_set(&describe(json!({"name": "web"})))[0];
    assert_eq!(found["imagePipelineId"], web.as_str());
    assert_eq!(found["description"], "web servers");
    assert_eq!(found["baseImageType"], "IMAGE");
    assert_eq!(found["baseImage"], ALINUX);
    assert_eq!(found["addAccounts"]["addAccount"], json!([DEMO2.to_string()]));
    assert_eq!(found["toRegionIds"]["toRegionId"], json!(["cn-shanghai"]));
    assert_eq!(found["repairItems"]["repairItem"], json!(["grub", "fstab"]));
    assert_eq!(found["systemDiskSize"], 60);
    assert_eq!(found["deleteInstanceOnFailure"], true);
    assert_eq!(found["imageName"], "web");
    assert_eq!(found["imageOptions"]["imageFamily"], "web-family");
    assert_eq!(found["imageOptions"]["imageTags"]["imageTag"], json!([{"tagKey": "team", "tagValue": "web"}]));
    assert_eq!(found["tags"]["tag"], json!([{"tagKey": "env", "tagValue": "prod"}]));
    assert!(found["creationTime"].as_str().unwrap().ends_with('Z'));
    let found = &pipeline_set(&describe(json!({"imagePipelineId": [imported]})))[0];
    let import = &found["importImageOptions"];
    assert_eq!(import["importImageTags"]["importImageTag"], json!([{"key": "source", "value": "oss"}]));
    assert_eq!(import["diskDeviceMappings"]["diskDeviceMapping"][0]["OSSObject"], "images/ubuntu-22.04.raw");
    assert_eq!(import["diskDeviceMappings"]["diskDeviceMapping"][0]["diskImageSize"], 40);
    assert_eq!((import["architecture"].as_str(), import["OSType"].as_str()), (Some("x86_64"), Some("linux")));

    assert_eq!(pipeline_set(&describe(json!({"tag": [{"key": "env", "value": "prod"}]}))).len(), 1);
    assert_eq!(pipeline_set(&describe(json!({"imagePipelineId": [web, imported]}))).len(), 2);
    let first = describe(json!({"maxResults": 1}));
    assert_eq!((first["totalCount"].as_u64(), pipeline_set(&first).len()), (Some(2), 1));
    assert_eq!(pipeline_set(&first)[0]["imagePipelineId"], imported.as_str());
    let second = describe(json!({"maxResults": 1, "nextToken": first["nextToken"]}));
    assert_eq!(pipeline_set(&second)[0]["imagePipelineId"], web.as_str());
    assert_eq!(second["nextToken"], "");
    assert_eq!(c.code("DescribeImagePipelines", json!({"regionId": HZ, "nextToken": "forged"})), "Invalid.NextToken");
    let other = c.other("demo2", "demo2-secret");
    assert!(pipeline_set(&other.ok("DescribeImagePipelines", json!({"regionId": HZ}))).is_empty());
}

#[test]
fn an_execution_builds_distributes_and_shares_the_image() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let other = c.other("demo2", "demo2-secret");
    let setup = component(&c, json!({"content": "RUN yum install -y nginx"}));
    let id = pipeline(
        &c,
        json!({
            "buildContent": format!("COMPONENT {setup}\nRUN systemctl enable nginx"),
            "testContent": "RUN nginx -t",
            "toRegionId": ["cn-shanghai"],
            "addAccount": [DEMO2],
            "systemDiskSize": 60,
            "imageOptions": {"imageName": "web", "imageFamily": "web-family", "imageTags": [{"key": "team", "value": "web"}]},
        }),
    );
    let run = c.ok(
        "StartImagePipelineExecution",
        json!({"regionId": HZ, "imagePipelineId": id, "tag": [{"key": "trigger", "value": "manual"}]}),
    );
    let run = run["executionId"].as_str().unwrap().to_string();
    assert!(run.starts_with("exec-"), "{run}");
    let name = format!("web_{run}");
    let statuses = walk(&c, &run, |e| {
        let status = e["status"].as_str().unwrap();
        assert_eq!(e["imagePipelineId"], id.as_str());
        if status == "DISTRIBUTING" {
            let image = e["imageId"].as_str().unwrap();
            assert_eq!(image_in(&c, HZ, json!({"imageId": image}))["status"], "Available");
            assert_eq!(image_in(&c, "cn-shanghai", json!({"imageName": name}))["status"], "Creating");
            assert!(image_in(&other, HZ, json!({"imageId": image})).is_null(), "shared before RELEASING");
        }
    });
    assert_eq!(statuses, ["PREPARING", "BUILDING", "TESTING", "DISTRIBUTING", "RELEASING", "SUCCESS"]);
    let done = execution(&c, &run);
    assert_eq!(done["errorCode"], "");
    assert_eq!(done["tags"]["tag"], json!([{"tagKey": "trigger", "tagValue": "manual"}]));
    let image_id = done["imageId"].as_str().unwrap();
    let image = image_in(&c, HZ, json!({"imageId": image_id}));
    assert_eq!(image["status"], "Available");
    assert_eq!(image["imageName"], name.as_str());
    assert_eq!(image["imageFamily"], "web-family");
    assert_eq!(image["imageOwnerAlias"], "self");
    assert_eq!(image["size"], 60);
    assert_eq!(image["OSType"], "linux");
    assert_eq!(image["tags"]["tag"], json!([{"tagKey": "team", "tagValue": "web"}]));
    let copy = image_in(&c, "cn-shanghai", json!({"imageName": name}));
    assert_eq!(copy["status"], "Available");
    assert_ne!(copy["imageId"], image_id);
    // Shared with the AddAccount in every region.
    assert_eq!(image_in(&other, HZ, json!({"imageId": image_id}))["imageOwnerAlias"], "others");
    assert_eq!(image_in(&other, "cn-shanghai", json!({"imageId": copy["imageId"]}))["status"], "Available");
    let newest = other.ok("DescribeImageFromFamily", json!({"regionId": HZ, "imageFamily": "web-family"}));
    assert_eq!(newest["image"]["imageId"], image_id);
}

#[test]
fn failing_build_or_test_steps_end_the_execution() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let build = pipeline(&c, json!({"buildContent": "RUN echo start\nRUN exit 1", "testContent": "RUN true"}));
    let run = start(&c, &build);
    assert_eq!(walk(&c, &run, |_| {}), ["PREPARING", "BUILDING", "FAILED"]);
    let failed = execution(&c, &run);
    assert_eq!(failed["errorCode"], "BuildCommandFailed");
    assert_eq!(failed["imageId"], "");
    assert!(failed["message"].as_str().unwrap().contains("RUN exit 1"), "{failed}");

    let broken = component(&c, json!({"content": "RUN exit 1"}));
    let via_component = pipeline(&c, json!({"buildContent": format!("COMPONENT {broken}")}));
    let run = start(&c, &via_component);
    assert_eq!(walk(&c, &run, |_| {}).last().unwrap(), "FAILED");
    assert!(execution(&c, &run)["message"].as_str().unwrap().contains(&broken));

    let test = pipeline(&c, json!({"buildContent": "RUN echo ok", "testContent": "RUN exit 1"}));
    let run = start(&c, &test);
    assert_eq!(walk(&c, &run, |_| {}), ["PREPARING", "BUILDING", "TESTING", "TEST_FAILED"]);
    let failed = execution(&c, &run);
    assert_eq!((failed["errorCode"].as_str(), failed["imageId"].as_str()), (Some("TestCommandFailed"), Some("")));
    // A final execution makes room for the next one.
    start(&c, &test);

    // Without the name suffix, a second output image of the same name cannot be made.
    let fixed = pipeline(
        &c,
        json!({"imageOptions": {"imageName": "fixed"}, "advancedOptions": {"imageNameSuffix": "disable"}}),
    );
    let run = start(&c, &fixed);
    assert_eq!(walk(&c, &run, |_| {}).last().unwrap(), "SUCCESS");
    assert_eq!(image_in(&c, HZ, json!({"imageId": execution(&c, &run)["imageId"]}))["imageName"], "fixed");
    let run = start(&c, &fixed);
    assert_eq!(walk(&c, &run, |_| {}), ["PREPARING", "BUILDING", "TESTING", "FAILED"]);
    assert_eq!(execution(&c, &run)["errorCode"], "InvalidImageName.Duplicated");
}

#[test]
fn every_source_builds_an_image_with_its_attributes() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let sources = [
        (
            json!({"baseImageType": "IMAGE", "baseImage": "ubuntu_22_04_x64_20G_alibase_20250915.vhd"}),
            "x86_64",
            "Ubuntu",
        ),
        (
            json!({"baseImageType": "IMAGE_FAMILY", "baseImage": "acs:alibaba_cloud_linux_3_2104_lts_arm64"}),
            "arm64",
            "Aliyun",
        ),
        (
            json!({"baseImageType": "OSS", "importImageOptions": {
                "architecture": "arm64", "bootMode": "UEFI", "platform": "Debian",
                "diskDeviceMappings": [{"OSSBucket": "ecsimg-demo-hangzhou-1", "OSSObject": "images/ubuntu-22.04.raw"}],
            }}),
            "arm64",
            "Debian",
        ),
    ];
    for (source, architecture, platform) in sources {
        let run = start(&c, &pipeline(&c, source.clone()));
        assert_eq!(walk(&c, &run, |_| {}).last().unwrap(), "SUCCESS", "{source}");
        let image = image_in(&c, HZ, json!({"imageId": execution(&c, &run)["imageId"]}));
        assert_eq!((image["architecture"].as_str(), image["platform"].as_str()), (Some(architecture), Some(platform)));
        assert_eq!(image["size"], 40);
    }
}

#[test]
fn cancelling_passes_through_cancelling_to_cancelled() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id = pipeline(&c, json!({"buildContent": "RUN echo"}));
    let cancel =
        |c: &Client, run: &str| c.call("CancelImagePipelineExecution", json!({"regionId": HZ, "executionId": run}));
    let run = start(&c, &id);
    c.wait(1);
    assert_eq!(
        cancel(&c.other("demo2", "demo2-secret"), &run).unwrap_err().code,
        "InvalidImagePipelineExecution.NotFound"
    );
    cancel(&c, &run).unwrap();
    assert_eq!(walk(&c, &run, |_| {}), ["CANCELLING", "CANCELLED"]);
    assert_eq!(execution(&c, &run)["imageId"], "");
    assert_eq!(cancel(&c, &run).unwrap_err().code, "InvalidStatus.CancelFailed");
    // Past BUILDING an execution runs to its end.
    let run = start(&c, &id);
    walk(&c, &run, |e| {
        if e["status"] == "TESTING" {
            assert_eq!(cancel(&c, &run).unwrap_err().code, "InvalidStatus.ImagePipelineExecution");
        }
    });
    assert_eq!(cancel(&c, "exec-nothere").unwrap_err().code, "InvalidImagePipelineExecution.NotFound");
}

#[test]
fn one_execution_at_a_time_and_no_deleting_a_running_template() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id = pipeline(&c, json!({}));
    let run = c.ok(
        "StartImagePipelineExecution",
        json!({"regionId": HZ, "imagePipelineId": id, "tag": [{"key": "n", "value": "1"}]}),
    )["executionId"]
        .as_str()
        .unwrap()
        .to_string();
    let start_code = || c.code("StartImagePipelineExecution", json!({"regionId": HZ, "imagePipelineId": id}));
    assert_eq!(start_code(), "InvalidImagePipeline.HasRunningExecution");
    assert_eq!(
        c.code("DeleteImagePipeline", json!({"regionId": HZ, "imagePipelineId": id})),
        "InvalidImagePipeline.HasRunningExecution"
    );
    let list = |filter: Value| {
        let body =
            c.ok("DescribeImagePipelineExecutions", with(json!({"regionId": HZ, "imagePipelineId": id}), filter));
        body["imagePipelineExecution"]["imagePipelineExecutionSet"].as_array().cloned().unwrap()
    };
    assert_eq!(list(json!({"status": "PREPARING,BUILDING"})).len(), 1);
    assert_eq!(list(json!({"status": "SUCCESS"})).len(), 0);
    assert_eq!(list(json!({"tag": [{"key": "n", "value": "1"}]})).len(), 1);
    assert_eq!(c.code("DescribeImagePipelineExecutions", json!({"regionId": HZ})), "MissingParameter.ImagePipelineId");
    assert_eq!(
        c.code("DescribeImagePipelineExecutions", json!({"regionId": HZ, "imagePipelineId": "ip-nothere"})),
        "InvalidImagePipeline.NotFound"
    );
    walk(&c, &run, |_| {});
    let second = start(&c, &id);
    walk(&c, &second, |_| {});
    let page = c.ok("DescribeImagePipelineExecutions", json!({"regionId": HZ, "imagePipelineId": id, "maxResults": 1}));
    assert_eq!(page["totalCount"], 2);
    assert_eq!(page["imagePipelineExecution"]["imagePipelineExecutionSet"][0]["executionId"], second.as_str());
    assert_eq!(list(json!({"status": "SUCCESS"})).len(), 2);
    c.ok("DeleteImagePipeline", json!({"regionId": HZ, "imagePipelineId": id}));
    assert_eq!(start_code(), "InvalidImagePipeline.NotFound");
}

//! CreateImage → Available, describe filters and pagination, families, modify, delete.

mod common;

use common::{emulator, Client};
use serde_json::json;

#[test]
fn created_image_walks_to_available_with_progress() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id =
        c.ok("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1", "imageName": "web-1"}));
    let id = id["imageId"].as_str().unwrap().to_string();
    let describe =
        |c: &Client| c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageId": id, "status": "ALL"}));
    let first = describe(&c);
    assert_eq!(first["images"]["image"][0]["status"], "Creating");
    c.wait(10);
    let middle = describe(&c);
    assert_eq!(middle["images"]["image"][0]["progress"], "50%");
    c.wait(15);
    let done = describe(&c);
    assert_eq!(done["images"]["image"][0]["status"], "Available");
    assert_eq!(done["images"]["image"][0]["progress"], "100%");
    assert_eq!(done["images"]["image"][0]["imageOwnerAlias"], "self");
}

#[test]
fn describe_images_pages_and_filters_like_the_service() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let page = c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "system"}));
    assert_eq!(page["pageSize"], 10);
    assert_eq!(page["images"]["image"].as_array().unwrap().len(), 10);
    let total = page["totalCount"].as_u64().unwrap();
    assert!(total >= 20, "{total}");
    let arm = c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "architecture": "arm64", "pageSize": 100}));
    assert!(arm["images"]["image"].as_array().unwrap().iter().all(|i| i["architecture"] == "arm64"));
    let last = c.ok(
        "DescribeImages",
        json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "system", "pageNumber": 3, "pageSize": 10}),
    );
    assert_eq!(last["images"]["image"].as_array().unwrap().len() as u64, total - 20);
    assert_eq!(c.code("DescribeImages", json!({"regionId": "mars-north-1"})), "InvalidRegionId.NotFound");
}

#[test]
fn families_modify_and_delete() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let make = |name: &str| {
        let body = c.ok("CreateImage", json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-sys1", "imageName": name, "imageFamily": "web"}));
        body["imageId"].as_str().unwrap().to_string()
    };
    let old = make("web-old");
    c.wait(1000);
    let new = make("web-new");
    c.wait(1000);
    let newest = c.ok("DescribeImageFromFamily", json!({"regionId": "cn-hangzhou", "imageFamily": "web"}));
    assert_eq!(newest["image"]["imageId"], new.as_str());
    c.ok("ModifyImageAttribute", json!({"regionId": "cn-hangzhou", "imageId": new, "status": "Deprecated"}));
    let newest = c.ok("DescribeImageFromFamily", json!({"regionId": "cn-hangzhou", "imageFamily": "web"}));
    assert_eq!(newest["image"]["imageId"], old.as_str());
    assert_eq!(
        c.code("ModifyImageAttribute", json!({"regionId": "cn-hangzhou", "imageId": old, "imageName": "web-new"})),
        "InvalidImageName.Duplicated"
    );
    c.ok("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": old}));
    assert_eq!(c.code("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": old})), "InvalidImageId.NotFound");
}

#[test]
fn broken_sources_fail_and_bad_requests_get_real_codes() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id =
        c.ok("CreateImage", json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-broken1"}))["imageId"].clone();
    c.wait(100);
    let image = c.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageId": id, "status": "CreateFailed"}));
    assert_eq!(image["images"]["image"][0]["status"], "CreateFailed");
    assert_eq!(
        c.code("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-nope"})),
        "InvalidInstanceId.NotFound"
    );
    assert_eq!(
        c.code("CreateImage", json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-data1"})),
        "OperationDenied"
    );
    let other = c.other("demo2", "demo2-secret");
    assert_eq!(
        other.code("CreateImage", json!({"regionId": "cn-hangzhou", "instanceId": "i-hangzhou-web1"})),
        "InvalidInstanceId.NotFound"
    );
}

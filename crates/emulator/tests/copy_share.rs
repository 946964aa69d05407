//! CopyImage and its queue, CancelCopyImage, and sharing: accounts, the `all` group, community
//! images, as the owner and the other account see them.

mod common;

use common::{emulator, Client};
use serde_json::{json, Value};

const OTHER: &str = "1000000000000002";

/// Custom images made from the seeded system snapshot, waited for until `Available`.
fn available_images(c: &Client, names: &[&str]) -> Vec<String> {
    let ids = names
        .iter()
        .map(|name| {
            let body = c.ok(
                "CreateImage",
                json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-sys1", "imageName": name}),
            );
            body["imageId"].as_str().unwrap().to_string()
        })
        .collect();
    c.wait(25);
    ids
}

/// The image as `c` sees it in `region`, whatever its status (`Null` when invisible).
fn seen(c: &Client, region: &str, id: &str) -> Value {
    let body = c.ok("DescribeImages", json!({"regionId": region, "imageId": id, "status": "ALL"}));
    body["images"]["image"][0].clone()
}

fn copy(c: &Client, source: &str, destination: &str, name: &str) -> String {
    let request = json!({"regionId": "cn-hangzhou", "imageId": source, "destinationRegionId": destination, "destinationImageName": name});
    c.ok("CopyImage", request)["imageId"].as_str().unwrap().to_string()
}

/// `(Status, Progress)` of an image in `region`.
fn state(c: &Client, region: &str, id: &str) -> (String, String) {
    let image = seen(c, region, id);
    (image["status"].as_str().unwrap().into(), image["progress"].as_str().unwrap().into())
}

fn pair(status: &str, progress: &str) -> (String, String) {
    (status.into(), progress.into())
}

#[test]
fn copies_into_one_region_queue_and_walk_to_available() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let sources = available_images(&c, &["src-a", "src-b"]);
    let first = copy(&c, &sources[0], "cn-shanghai", "copy-a");
    let second = copy(&c, &sources[1], "cn-shanghai", "copy-b");
    assert_eq!(state(&c, "cn-shanghai", &first), pair("Creating", "0%"));
    assert_eq!(state(&c, "cn-shanghai", &second), pair("Waiting", "0%"));
    c.wait(15);
    assert_eq!(state(&c, "cn-shanghai", &first), pair("Creating", "50%"));
    assert_eq!(state(&c, "cn-shanghai", &second), pair("Waiting", "0%"));
    c.wait(30);
    assert_eq!(state(&c, "cn-shanghai", &first), pair("Available", "100%"));
    assert_eq!(state(&c, "cn-shanghai", &second), pair("Creating", "50%"));
    c.wait(15);
    assert_eq!(state(&c, "cn-shanghai", &second), pair("Available", "100%"));
    // The sources stay where they were; the copies are the caller's own images.
    assert_eq!(state(&c, "cn-hangzhou", &sources[0]), pair("Available", "100%"));
    let mine = c.ok("DescribeImages", json!({"regionId": "cn-shanghai", "imageOwnerAlias": "self"}));
    assert_eq!(mine["totalCount"], 2);
}

#[test]
fn a_copy_inherits_the_source_and_takes_its_own_name_tags_and_encryption() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let source = &available_images(&c, &["web-base"])[0];
    let request = json!({
        "regionId": "cn-hangzhou", "imageId": source, "destinationRegionId": "cn-beijing",
        "destinationImageName": "web-base-bj", "destinationDescription": "copied to Beijing",
        "encrypted": true, "KMSKeyId": "e522b26d-abf6-4e0d-b5da-04b7aaaaaa3c",
        "tag": [{"key": "team", "value": "web"}],
    });
    let id = c.ok("CopyImage", request)["imageId"].as_str().unwrap().to_string();
    c.wait(30);
    let original = seen(&c, "cn-hangzhou", source);
    let copied = seen(&c, "cn-beijing", &id);
    assert_eq!(copied["status"], "Available");
    assert_eq!(copied["imageName"], "web-base-bj");
    assert_eq!(copied["description"], "copied to Beijing");
    assert_eq!(copied["isCopied"], true);
    assert_eq!(original["isCopied"], false);
    assert_eq!(copied["imageOwnerAlias"], "self");
    assert_eq!(copied["tags"]["tag"][0], json!({"tagKey": "team", "tagValue": "web"}));
    for attr in ["architecture", "OSType", "platform", "size"] {
        assert_eq!(copied[attr], original[attr], "{attr}");
    }
    let disk = &copied["diskDeviceMappings"]["diskDeviceMapping"][0];
    assert_eq!(disk["encrypted"], true);
    assert_eq!(disk["size"], original["diskDeviceMappings"]["diskDeviceMapping"][0]["size"]);
    let snapshot = disk["snapshotId"].as_str().unwrap();
    assert_ne!(snapshot, original["diskDeviceMappings"]["diskDeviceMapping"][0]["snapshotId"]);
    // The copy's snapshot is in the destination, and images can be made from it.
    let again =
        c.ok("CreateImage", json!({"regionId": "cn-beijing", "snapshotId": snapshot, "imageName": "from-copy"}));
    assert!(again["imageId"].is_string());
    // An encrypted image cannot be copied into an unencrypted one; without a name, the copy is its ID,
    // and without a destination it stays in its region.
    let back = json!({"regionId": "cn-beijing", "imageId": id, "encrypted": false});
    assert_eq!(c.code("CopyImage", back), "OperationDeined.EncryptedSnapshot");
    let local =
        c.ok("CopyImage", json!({"regionId": "cn-beijing", "imageId": id}))["imageId"].as_str().unwrap().to_string();
    let local_copy = seen(&c, "cn-beijing", &local);
    assert_eq!(local_copy["imageName"], local.as_str());
    assert_eq!(local_copy["diskDeviceMappings"]["diskDeviceMapping"][0]["encrypted"], true);
}

#[test]
fn cancelling_a_waiting_and_a_running_copy_moves_the_queue_up() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let sources = available_images(&c, &["q-1", "q-2", "q-3"]);
    let running = copy(&c, &sources[0], "cn-beijing", "q-1-bj");
    let waiting = copy(&c, &sources[1], "cn-beijing", "q-2-bj");
    let last = copy(&c, &sources[2], "cn-beijing", "q-3-bj");
    // The source of a copy in progress cannot be deleted.
    let delete = json!({"regionId": "cn-hangzhou", "imageId": sources[1]});
    assert_eq!(c.code("DeleteImage", delete.clone()), "OperationDenied.ImageCopying");
    c.wait(5);
    c.ok("CancelCopyImage", json!({"regionId": "cn-beijing", "imageId": waiting}));
    assert!(seen(&c, "cn-beijing", &waiting).is_null());
    c.ok("DeleteImage", delete);
    // The last copy now waits only for the running one.
    c.wait(25);
    assert_eq!(state(&c, "cn-beijing", &running), pair("Available", "100%"));
    assert_eq!(state(&c, "cn-beijing", &last), pair("Creating", "0%"));
    c.ok("CancelCopyImage", json!({"regionId": "cn-beijing", "imageId": last}));
    assert!(seen(&c, "cn-beijing", &last).is_null());
    // A running copy cancelled: the next in line starts at once.
    let busy = copy(&c, &sources[0], "cn-beijing", "q-1-again");
    let next = copy(&c, &sources[2], "cn-beijing", "q-3-again");
    c.wait(10);
    assert_eq!(state(&c, "cn-beijing", &next), pair("Waiting", "0%"));
    c.ok("CancelCopyImage", json!({"regionId": "cn-beijing", "imageId": busy}));
    assert_eq!(state(&c, "cn-beijing", &next), pair("Creating", "0%"));
    c.wait(15);
    assert_eq!(state(&c, "cn-beijing", &next), pair("Creating", "50%"));
    c.wait(15);
    assert_eq!(state(&c, "cn-beijing", &next), pair("Available", "100%"));
    // Only copies in progress can be cancelled, and only where they are.
    let cancel = |region: &str, id: &str| c.code("CancelCopyImage", json!({"regionId": region, "imageId": id}));
    assert_eq!(cancel("cn-beijing", &next), "IncorrectImageStatus");
    assert_eq!(cancel("cn-beijing", &busy), "InvalidImageId.NotFound");
    assert_eq!(cancel("cn-hangzhou", &next), "InvalidImageId.NotFound");
    assert_eq!(cancel("cn-hangzhou", &sources[0]), "ImageCreatedNotFromCopy");
    let failure = c.call("CancelCopyImage", json!({"regionId": "cn-beijing", "imageId": next})).unwrap_err();
    assert_eq!((failure.status, failure.message.as_str()), (400, "The image copy has completed."));
}

#[test]
fn copy_errors_have_the_services_codes() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let source = &available_images(&c, &["err-src"])[0];
    let copy_code = |extra: Value| {
        let mut request = json!({"regionId": "cn-hangzhou", "imageId": source, "destinationRegionId": "cn-shanghai"});
        request.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        c.code("CopyImage", request)
    };
    assert_eq!(copy_code(json!({"imageId": "m-nope"})), "InvalidImageId.NotFound");
    assert_eq!(copy_code(json!({"imageId": "aliyun_3_x64_20G_alibase_20250915.vhd"})), "InvalidImageId.NotFound");
    assert_eq!(copy_code(json!({"destinationRegionId": "xx-nowhere-9"})), "DestinationRegion.NotFound");
    assert_eq!(copy_code(json!({"dryRun": true})), "DryRunOperation");
    let creating = c.ok("CreateImage", json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-sys1"}));
    assert_eq!(copy_code(json!({"imageId": creating["imageId"]})), "IncorrectImageStatus");
    copy(&c, source, "cn-shanghai", "taken");
    assert_eq!(copy_code(json!({"destinationImageName": "taken"})), "InvalidImageName.Duplicated");
    assert_eq!(copy_code(json!({"destinationImageName": "other-name"})), "OperationDenied.ImageCopyConflict");
    // One image may be copied into several regions at once.
    copy(&c, source, "cn-beijing", "taken");
    let mine = c.ok("DescribeImages", json!({"regionId": "cn-shanghai", "status": "ALL", "imageOwnerAlias": "self"}));
    assert_eq!(mine["totalCount"], 1, "the dry run and the refused copies left nothing behind");
}

#[test]
fn shared_images_are_seen_and_copied_by_the_other_account_until_unshared() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let other = c.other("demo2", "demo2-secret");
    let id = available_images(&c, &["shared-web"])[0].clone();
    assert!(seen(&other, "cn-hangzhou", &id).is_null());
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": [OTHER]}));
    let theirs = seen(&other, "cn-hangzhou", &id);
    assert_eq!(theirs["imageOwnerAlias"], "others");
    assert_eq!(theirs["imageOwnerId"], 1_000_000_000_000_001_i64);
    assert_eq!(theirs["isSelfShared"], "");
    assert_eq!(seen(&c, "cn-hangzhou", &id)["isSelfShared"], "True");
    let listed = other.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "others"}));
    assert_eq!(listed["totalCount"], 1);
    assert_eq!(listed["images"]["image"][0]["imageId"], id.as_str());
    // The other account may copy it into its own region only, and owns the copy.
    let elsewhere = json!({"regionId": "cn-hangzhou", "imageId": id, "destinationRegionId": "cn-shanghai"});
    assert_eq!(other.code("CopyImage", elsewhere), "OperationDenied.SameRegionOnly");
    let copied =
        other.ok("CopyImage", json!({"regionId": "cn-hangzhou", "imageId": id, "destinationImageName": "my-web"}));
    let copied = copied["imageId"].as_str().unwrap();
    assert_eq!(seen(&other, "cn-hangzhou", copied)["imageOwnerAlias"], "self");
    c.wait(30);
    // Only the owner changes or lists the sharing.
    let unshare = json!({"regionId": "cn-hangzhou", "imageId": id, "removeAccount": [OTHER]});
    assert_eq!(other.code("ModifyImageSharePermission", unshare.clone()), "InvalidImageId.NotFound");
    let listing = json!({"regionId": "cn-hangzhou", "imageId": id});
    assert_eq!(other.code("DescribeImageSharePermission", listing.clone()), "InvalidImageId.NotFound");
    let permission = c.ok("DescribeImageSharePermission", listing);
    assert_eq!(permission["accounts"]["account"][0]["aliyunId"], OTHER);
    assert!(permission["accounts"]["account"][0]["sharedTime"].as_str().unwrap().ends_with('Z'));
    // A shared image is deleted only by force.
    let delete = json!({"regionId": "cn-hangzhou", "imageId": id});
    assert_eq!(c.code("DeleteImage", delete.clone()), "ImageUseShared");
    c.ok("ModifyImageSharePermission", unshare);
    assert!(seen(&other, "cn-hangzhou", &id).is_null());
    let listed = other.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "imageOwnerAlias": "others"}));
    assert_eq!(listed["totalCount"], 0);
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": [OTHER]}));
    c.ok("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": id, "force": true}));
    assert!(seen(&other, "cn-hangzhou", &id).is_null());
}

#[test]
fn sharing_limits_and_refusals() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id = available_images(&c, &["limits"])[0].clone();
    let share = |accounts: Vec<String>| {
        c.call("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": accounts}))
    };
    let batch = |from: u64| (from..from + 10).map(|n| (2_000_000_000_000_000 + n).to_string()).collect::<Vec<_>>();
    for from in (0..50).step_by(10) {
        share(batch(from)).unwrap();
    }
    let over = share(vec!["2000000000000099".into()]).unwrap_err();
    assert_eq!((over.status, over.code.as_str()), (403, "QuotaExceed.ShareImageUser"));
    // Sharing again with an account already in the list is no new share.
    share(vec!["2000000000000000".into()]).unwrap();
    // Removing and adding in one call counts what results.
    let swap = json!({"regionId": "cn-hangzhou", "imageId": id, "removeAccount": ["2000000000000000"], "addAccount": ["2000000000000099"]});
    c.ok("ModifyImageSharePermission", swap);
    // More than 10 accounts in one call are refused before anything is done.
    let lenient = c.other("demo", "demo-secret").lenient();
    let eleven: Vec<String> = (0..11).map(|n| (3_000_000_000_000_000_u64 + n).to_string()).collect();
    let many = json!({"regionId": "cn-hangzhou", "imageId": id, "removeAccount": eleven});
    let refused = lenient.call("ModifyImageSharePermission", many).unwrap_err();
    assert_eq!(refused.code, "InvalidParameter");
    assert!(refused.message.contains("RemoveAccount"), "{}", refused.message);
    let code = |request: Value| c.code("ModifyImageSharePermission", request);
    let mine = "1000000000000001";
    assert_eq!(
        code(json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": [mine]})),
        "InvalidAccount.Forbbiden"
    );
    assert_eq!(
        code(json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": ["someone"]})),
        "InvalidAccount.NotFound"
    );
    let public =
        json!({"regionId": "cn-hangzhou", "imageId": "aliyun_3_x64_20G_alibase_20250915.vhd", "addAccount": [OTHER]});
    assert_eq!(code(public), "Image.Public");
    assert_eq!(
        code(json!({"regionId": "cn-hangzhou", "imageId": "m-nope", "addAccount": [OTHER]})),
        "InvalidImageId.NotFound"
    );
    let conflicting = json!({"regionId": "cn-hangzhou", "imageId": id, "isPublic": true, "addAccount": [OTHER]});
    assert_eq!(code(conflicting), "InvalidParameter.IsPublic");
    let creating = c.ok("CreateImage", json!({"regionId": "cn-hangzhou", "snapshotId": "s-hangzhou-sys1"}));
    let early = json!({"regionId": "cn-hangzhou", "imageId": creating["imageId"], "addAccount": [OTHER]});
    assert_eq!(code(early), "IncorrectImageStatus");
    c.ok("ModifyImageAttribute", json!({"regionId": "cn-hangzhou", "imageId": id, "status": "Deprecated"}));
    assert_eq!(
        code(json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": [OTHER]})),
        "OperationDenied.InvalidImageStatus"
    );
    // Withdrawing is always possible.
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "removeAccount": batch(10)}));
    let left = c.ok("DescribeImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id}));
    assert_eq!(left["totalCount"], 40);
}

#[test]
fn describe_share_permission_pages_through_accounts() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id = available_images(&c, &["paged"])[0].clone();
    for batch in 0..3_u64 {
        let accounts: Vec<String> = (0..10).map(|n| (2_000_000_000_000_000 + batch * 10 + n).to_string()).collect();
        c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": accounts}));
        c.wait(1000);
    }
    let page = |number: u64, size: u64| {
        let request = json!({"regionId": "cn-hangzhou", "imageId": id, "pageNumber": number, "pageSize": size});
        c.ok("DescribeImageSharePermission", request)
    };
    let first = page(1, 10);
    assert_eq!(
        (first["totalCount"].clone(), first["pageNumber"].clone(), first["pageSize"].clone()),
        (json!(30), json!(1), json!(10))
    );
    assert_eq!(first["imageId"], id.as_str());
    assert_eq!(first["regionId"], "cn-hangzhou");
    assert_eq!(first["accounts"]["account"].as_array().unwrap().len(), 10);
    assert_eq!(first["accounts"]["account"][0]["aliyunId"], "2000000000000000");
    let last = page(2, 25);
    let accounts = last["accounts"]["account"].as_array().unwrap();
    assert_eq!(accounts.len(), 5);
    assert_eq!(accounts[4]["aliyunId"], "2000000000000029");
    assert!(
        accounts[0]["sharedTime"].as_str().unwrap() > first["accounts"]["account"][0]["sharedTime"].as_str().unwrap()
    );
    assert_eq!(page(4, 10)["accounts"]["account"].as_array().unwrap().len(), 0);
    assert_eq!(first["shareGroups"]["shareGroup"].as_array().unwrap().len(), 0);
}

#[test]
fn community_images_and_the_all_group_reach_every_account() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let other = c.other("demo2", "demo2-secret");
    let ids = available_images(&c, &["community", "everyone"]);
    let (community, everyone) = (&ids[0], &ids[1]);
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": community, "isPublic": true}));
    let theirs = seen(&other, "cn-hangzhou", community);
    assert_eq!(theirs["isPublic"], true);
    assert_eq!(theirs["imageOwnerAlias"], "others");
    let public =
        other.ok("DescribeImages", json!({"regionId": "cn-hangzhou", "isPublic": true, "imageOwnerAlias": "others"}));
    assert_eq!(public["images"]["image"][0]["imageId"], community.as_str());
    // Community images are not copied, nor deleted while published.
    let copy = json!({"regionId": "cn-hangzhou", "imageId": community});
    assert_eq!(other.code("CopyImage", copy), "OperationDenied.CommunityImage");
    let delete = json!({"regionId": "cn-hangzhou", "imageId": community, "force": true});
    assert_eq!(c.code("DeleteImage", delete.clone()), "ImageIsPublic");
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": community, "isPublic": false}));
    assert!(seen(&other, "cn-hangzhou", community).is_null());
    c.ok("DeleteImage", delete);

    let group = |field: &str| json!({"regionId": "cn-hangzhou", "imageId": everyone, field: ["all"]});
    c.ok("ModifyImageShareGroupPermission", group("addGroup"));
    assert_eq!(seen(&other, "cn-hangzhou", everyone)["imageOwnerAlias"], "others");
    let permission = c.ok("DescribeImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": everyone}));
    assert_eq!(permission["shareGroups"]["shareGroup"], json!([{"group": "all"}]));
    assert_eq!(permission["totalCount"], 0);
    assert_eq!(c.code("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": everyone})), "ImageUseShared");
    assert_eq!(other.code("ModifyImageShareGroupPermission", group("addGroup")), "InvalidImageId.NotFound");
    c.ok("ModifyImageShareGroupPermission", group("removeGroup"));
    assert!(seen(&other, "cn-hangzhou", everyone).is_null());
    c.ok("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": everyone}));
}

#[test]
fn a_copy_sent_again_with_its_client_token_is_the_same_copy() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let source = &available_images(&c, &["golden"])[0];
    let request = json!({"regionId": "cn-hangzhou", "imageId": source, "destinationRegionId": "cn-shanghai",
        "destinationImageName": "golden", "clientToken": "plan-1-cn-shanghai"});
    let first = c.ok("CopyImage", request.clone())["imageId"].clone();
    assert_eq!(c.ok("CopyImage", request.clone())["imageId"], first);
    // Also once the copy is done, as a resumed distribution sends it.
    c.wait(60_000);
    assert_eq!(state(&c, "cn-shanghai", first.as_str().unwrap()).0, "Available");
    assert_eq!(c.ok("CopyImage", request)["imageId"], first);
    let mine = c.ok("DescribeImages", json!({"regionId": "cn-shanghai", "imageOwnerAlias": "self", "status": "ALL"}));
    assert_eq!(mine["totalCount"], 1);
}

#[test]
fn delete_image_dry_run_answers_as_the_delete_would_and_deletes_nothing() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let id = &available_images(&c, &["unused"])[0];
    let dry = |request: Value| c.call("DeleteImage", request).unwrap_err().code;
    assert_eq!(dry(json!({"regionId": "cn-hangzhou", "imageId": id, "dryRun": true})), "DryRunOperation");
    assert_eq!(state(&c, "cn-hangzhou", id).0, "Available");
    c.ok("ModifyImageSharePermission", json!({"regionId": "cn-hangzhou", "imageId": id, "addAccount": [OTHER]}));
    let shared = dry(json!({"regionId": "cn-hangzhou", "imageId": id, "dryRun": true}));
    assert_eq!(shared, c.code("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": id})));
    assert_ne!(shared, "DryRunOperation");
    assert_eq!(
        dry(json!({"regionId": "cn-hangzhou", "imageId": "m-missing0000", "dryRun": true})),
        "InvalidImageId.NotFound"
    );
    c.ok("DeleteImage", json!({"regionId": "cn-hangzhou", "imageId": id, "force": true}));
    assert_eq!(seen(&c, "cn-hangzhou", id), Value::Null);
}

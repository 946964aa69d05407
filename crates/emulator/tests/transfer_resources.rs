//! ImportImage and ExportImage through OSS buckets, DescribeAvailableResource over the stock
//! fixture, DescribeImageSupportInstanceTypes by architecture.

mod common;

use common::{emulator, Client, SPEED};
use ecsimg_emulator::seed;
use ecsimg_emulator::state::lifecycle::Timing;
use ecsimg_emulator::state::{Bucket, Owner, Store, Table};
use ecsimg_emulator::{Config, Emulator};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const HZ: &str = "cn-hangzhou";
const BUCKET: &str = "ecsimg-demo-hangzhou-1";
const DEMO: u64 = 1_000_000_000_000_001;
const X86: &str = "aliyun_3_x64_20G_alibase_20250915.vhd";
const ARM: &str = "aliyun_3_arm64_20G_alibase_20250915.vhd";
/// Import, export and create times at the tests' speed (ms).
const IMPORT: u64 = 40;
const EXPORT: u64 = 20;
const CREATE: u64 = 20;

/// An emulator over a seeded store changed by `edit`.
fn emulator_with(edit: impl FnOnce(&mut Store)) -> Emulator {
    let mut store = seed::store();
    edit(&mut store);
    Emulator::new(Config { timing: Timing { speed: SPEED }, ..Config::default() }, store)
}

/// `base` with the keys of `extra` added or replaced.
fn with(mut base: Value, extra: Value) -> Value {
    for (key, value) in extra.as_object().cloned().unwrap_or_default() {
        base[key] = value;
    }
    base
}

/// An ImportImage request for one file of the demo bucket into cn-hangzhou, plus `extra`.
fn import_request(object: &str, extra: Value) -> Value {
    with(json!({"regionId": HZ, "diskDeviceMapping": [{"OSSBucket": BUCKET, "OSSObject": object}]}), extra)
}

fn image(c: &Client, region: &str, id: &str) -> Value {
    let body = c.ok("DescribeImages", json!({"regionId": region, "imageId": id, "status": "ALL"}));
    body["images"]["image"][0].clone()
}

fn id(body: &Value, field: &str) -> String {
    body[field].as_str().unwrap_or_else(|| panic!("no {field} in {body}")).to_string()
}

/// The objects of a bucket, from the saved state.
fn objects(emu: &Emulator, bucket: &str) -> BTreeMap<String, u64> {
    let state: Value = serde_json::from_str(&emu.state_json()).unwrap();
    serde_json::from_value(state["buckets"][bucket]["objects"].clone()).unwrap()
}

/// An Available image made from a system snapshot (40 GiB) of the client's demo account `n`.
fn custom_image(c: &Client, n: u8) -> String {
    let body = c.ok("CreateImage", json!({"regionId": HZ, "snapshotId": format!("s-hangzhou-sys{n}")}));
    c.wait(CREATE);
    id(&body, "imageId")
}

#[test]
fn an_import_walks_to_available_and_shows_its_files() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let body = c.ok(
        "ImportImage",
        import_request("images/alinux3-custom.qcow2", json!({"imageName": "alinux-import", "platform": "Aliyun"})),
    );
    let image_id = id(&body, "imageId");
    assert!(image_id.starts_with("m-"), "{body}");
    assert!(id(&body, "taskId").starts_with("t-"), "{body}");
    assert_eq!(body["regionId"], HZ);
    let creating = image(&c, HZ, &image_id);
    assert_eq!(creating["status"], "Creating");
    assert_eq!(creating["imageName"], "alinux-import");
    assert_eq!((&creating["platform"], &creating["OSType"]), (&json!("Aliyun"), &json!("linux")));
    assert_eq!((&creating["architecture"], &creating["bootMode"]), (&json!("x86_64"), &json!("BIOS")));
    let disk = &creating["diskDeviceMappings"]["diskDeviceMapping"][0];
    assert_eq!(disk["importOSSBucket"], BUCKET);
    assert_eq!(disk["importOSSObject"], "images/alinux3-custom.qcow2");
    assert_eq!(disk["format"], "QCOW2");
    assert_eq!(disk["size"], "20", "a 2 GiB file gets the smallest system disk");
    assert_eq!(c.code("DeleteImage", json!({"regionId": HZ, "imageId": image_id})), "ImageIsImporting");
    c.wait(IMPORT / 2);
    assert_eq!(image(&c, HZ, &image_id)["progress"], "50%");
    c.wait(IMPORT / 2);
    let done = image(&c, HZ, &image_id);
    assert_eq!(done["status"], "Available");
    assert_eq!(done["imageOwnerAlias"], "self");
    c.ok("DeleteImage", json!({"regionId": HZ, "imageId": image_id}));
}

#[test]
fn an_import_takes_several_disks_sizes_and_windows_licences() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let request = json!({
        "regionId": HZ,
        "OSType": "windows",
        "platform": "Windows Server 2022",
        "licenseType": "BYOL",
        "diskDeviceMapping": [
            {"OSSBucket": BUCKET, "OSSObject": "images/windows-2022.vhd", "diskImageSize": 60},
            {"OSSBucket": BUCKET, "OSSObject": "images/data-disk.raw"},
        ],
    });
    let image_id = id(&c.ok("ImportImage", request), "imageId");
    c.wait(IMPORT);
    let done = image(&c, HZ, &image_id);
    assert_eq!(done["status"], "Available");
    assert_eq!((&done["OSType"], &done["licenseType"], &done["size"]), (&json!("windows"), &json!("BYOL"), &json!(60)));
    let disks = &done["diskDeviceMappings"]["diskDeviceMapping"];
    assert_eq!(
        (&disks[0]["type"], &disks[0]["format"], &disks[0]["device"]),
        (&json!("system"), &json!("VHD"), &json!("/dev/xvda"))
    );
    assert_eq!(
        (&disks[1]["type"], &disks[1]["size"], &disks[1]["device"]),
        (&json!("data"), &json!("10"), &json!("/dev/xvdb"))
    );
}

#[test]
fn imports_need_an_own_object_in_the_region_and_a_coherent_os() {
    let emu = emulator_with(|store| {
        let bucket = store.buckets.get_mut(BUCKET).unwrap();
        bucket.objects.insert("images/empty.raw".into(), 0);
        bucket.objects.insert("images/installer.iso".into(), 1 << 30);
    });
    let c = Client::demo(&emu);
    let file = |bucket: &str, object: &str| json!({"diskDeviceMapping": [{"OSSBucket": bucket, "OSSObject": object}]});
    let code = |c: &Client, extra: Value| c.code("ImportImage", import_request("images/ubuntu-22.04.raw", extra));
    assert_eq!(code(&c, file("ecsimg-missing", "images/ubuntu-22.04.raw")), "InvalidOSSBucket.NotFound");
    assert_eq!(code(&c, file(BUCKET, "images/nope.raw")), "InvalidOSSObject.NotFound");
    assert_eq!(code(&c, file("ecsimg-demo-shanghai-1", "images/ubuntu-22.04.raw")), "InvalidOSSBucket.NotFound");
    assert_eq!(code(&c.other("demo2", "demo2-secret"), json!({})), "InvalidOSS.NotAuthorized");
    assert_eq!(code(&c, file(BUCKET, "images/empty.raw")), "InvalidOSSObject.Size");
    assert_eq!(code(&c, file(BUCKET, "images/installer.iso")), "UnsupportedSuffix.OSSObject");
    let small = json!({"diskDeviceMapping": [{"OSSBucket": BUCKET, "OSSObject": "images/ubuntu-22.04.raw", "diskImageSize": 3}]});
    let failure = c.call("ImportImage", import_request("", small)).unwrap_err();
    assert_eq!(failure.code, "InvalidImageSize");
    assert!(failure.message.contains("(5 GiB)"), "{}", failure.message);
    let small_data = json!({"diskDeviceMapping": [
        {"OSSBucket": BUCKET, "OSSObject": "images/ubuntu-22.04.raw"},
        {"OSSBucket": BUCKET, "OSSObject": "images/data-disk.raw", "diskImSize": 5},
    ]});
    assert_eq!(code(&c, small_data), "InvalidDataDiskSize");
    let device = json!({"diskDeviceMapping": [{"OSSBucket": BUCKET, "OSSObject": "images/ubuntu-22.04.raw", "device": "/dev/sda"}]});
    assert_eq!(code(&c, device), "InvalidParameter.Malformed");
    assert_eq!(code(&Client::demo(&emu).lenient(), json!({"OSType": "windows"})), "MissingParameter");
    assert_eq!(
        code(&c, json!({"OSType": "windows", "licenseType": "Aliyun", "platform": "Ubuntu"})),
        "InvalidPlatform.Malformed"
    );
    assert_eq!(code(&c, json!({"platform": "Windows Server 2019"})), "InvalidPlatform.Malformed");
    let arm_windows = json!({"OSType": "windows", "platform": "Windows Server 2022", "licenseType": "BYOL", "architecture": "arm64", "bootMode": "UEFI"});
    assert_eq!(code(&c, arm_windows), "InvalidArchitecture.PlatformUnsupported");
    let checked_windows = json!({"OSType": "windows", "platform": "Other Windows", "licenseType": "BYOL", "detectionStrategy": "Standard"});
    assert_eq!(code(&c, checked_windows), "ImageCheckUnsupported.WindowsImage");
    assert_eq!(code(&c, json!({"platform": "RedHat", "licenseType": "Aliyun"})), "InvalidLicenseType.BYOLOnly");
    let cloud_box = json!({"storageLocationArn": "arn:acs:cloudbox:cn-hangzhou:123456:cloudbox/cb-xx123"});
    assert_eq!(code(&c, cloud_box), "InvalidOperation.CloudBoxImageImportUnsupported");
    assert_eq!(
        code(&c, json!({"tag": [{"key": "Env", "value": "a"}, {"key": "env", "value": "b"}]})),
        "TagKey.Duplication"
    );
    c.ok("ImportImage", import_request("images/ubuntu-22.04.raw", json!({"imageName": "ubuntu-import"})));
    assert_eq!(code(&c, json!({"imageName": "ubuntu-import"})), "InvalidImageName.Duplicated");
}

#[test]
fn a_file_in_another_format_than_declared_ends_in_create_failed() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let mislabelled = json!({"diskDeviceMapping": [{"OSSBucket": BUCKET, "OSSObject": "images/ubuntu-22.04.raw", "format": "QCOW2"}]});
    let image_id = id(&c.ok("ImportImage", import_request("", mislabelled)), "imageId");
    assert_eq!(image(&c, HZ, &image_id)["status"], "Creating");
    c.wait(IMPORT);
    assert_eq!(image(&c, HZ, &image_id)["status"], "CreateFailed");
    c.ok("DeleteImage", json!({"regionId": HZ, "imageId": image_id}));
}

#[test]
fn an_export_writes_the_file_and_blocks_deletion_meanwhile() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let image_id = custom_image(&c, 1);
    let request = json!({"regionId": HZ, "imageId": image_id, "OSSBucket": BUCKET, "OSSPrefix": "backup"});
    let body = c.ok("ExportImage", request.clone());
    assert!(id(&body, "taskId").starts_with("t-"), "{body}");
    assert_eq!(body["regionId"], HZ);
    let object = format!("backup_{image_id}_system.raw");
    assert!(!objects(&emu, BUCKET).contains_key(&object));
    assert_eq!(c.code("DeleteImage", json!({"regionId": HZ, "imageId": image_id})), "ImageIsExporting");
    assert_eq!(c.code("ExportImage", request), "ImageIsExporting");
    c.wait(EXPORT);
    c.ok("DescribeImages", json!({"regionId": HZ}));
    assert_eq!(objects(&emu, BUCKET).get(&object), Some(&(40u64 << 30)));
    c.ok("DeleteImage", json!({"regionId": HZ, "imageId": image_id}));
    let back = c.ok("ImportImage", import_request(&object, json!({})));
    c.wait(IMPORT);
    let back = image(&c, HZ, &id(&back, "imageId"));
    assert_eq!(back["status"], "Available");
    assert_eq!(back["diskDeviceMappings"]["diskDeviceMapping"][0]["format"], "RAW");
    assert_eq!(back["size"], 40);
}

#[test]
fn exports_in_a_format_region_write_that_format() {
    let bucket = "ecsimg-demo-singapore-1";
    let emu = emulator_with(|store| {
        let mut objects = Table::default();
        objects.insert("base.qcow2".to_string(), 3u64 << 30);
        let owned = Bucket { name: bucket.into(), region: "ap-southeast-1".into(), owner: DEMO, objects };
        store.buckets.insert(bucket.into(), owned);
    });
    let c = Client::demo(&emu);
    let region = "ap-southeast-1";
    let file =
        |object: &str| json!({"regionId": region, "diskDeviceMapping": [{"OSSBucket": bucket, "OSSObject": object}]});
    let image_id = id(&c.ok("ImportImage", file("base.qcow2")), "imageId");
    c.wait(IMPORT);
    c.ok("ExportImage", json!({"regionId": region, "imageId": image_id, "OSSBucket": bucket, "imageFormat": "qcow2"}));
    c.wait(EXPORT);
    let object = format!("{image_id}_system.qcow2");
    let back = id(&c.ok("ImportImage", file(&object)), "imageId");
    assert_eq!(image(&c, region, &back)["diskDeviceMappings"]["diskDeviceMapping"][0]["format"], "QCOW2");
    assert_eq!(objects(&emu, bucket)[&object], 20u64 << 30);
}

#[test]
fn exports_refuse_other_images_buckets_and_formats() {
    let emu = emulator_with(|store| {
        let public = store.image(HZ, X86).unwrap().clone();
        for (id, owner, key, value) in [
            ("m-market", DEMO, "ProductCode", json!("cmjj012345")),
            ("m-shared", 1_000_000_000_000_002, "ProductCode", json!("")),
            (
                "m-encrypted",
                DEMO,
                "DiskDeviceMappings",
                json!({"DiskDeviceMapping": [{"Type": "system", "Size": "40", "Encrypted": true}]}),
            ),
        ] {
            let mut image = public.clone();
            image.id = id.into();
            image.owner = Owner::Account(owner);
            image.shared_with.add(DEMO, seed::SEEDED_AT);
            image.attrs.insert(key.into(), value);
            store.insert_image(image);
        }
    });
    let c = Client::demo(&emu);
    let export = |c: &Client, image: &str, extra: Value| {
        c.call("ExportImage", with(json!({"regionId": HZ, "imageId": image, "OSSBucket": BUCKET}), extra))
            .map(|_| ())
            .map_err(|e| (e.status, e.code))
    };
    let refused = |image: &str, extra: Value| export(&c, image, extra).unwrap_err().1;
    assert_eq!(refused("m-nope", json!({})), "InvalidImageId.NotFound");
    assert_eq!(refused(X86, json!({})), "InvalidImageCategory.NotSupported");
    assert_eq!(refused("m-shared", json!({})), "Forbidden");
    assert_eq!(export(&c, "m-market", json!({})), Err((403, "ImageNotSupported".into())));
    assert_eq!(export(&c, "m-encrypted", json!({})), Err((400, "ImageNotSupported".into())));
    let creating = id(&c.ok("CreateImage", json!({"regionId": HZ, "snapshotId": "s-hangzhou-sys1"})), "imageId");
    assert_eq!(refused(&creating, json!({})), "IncorrectImageStatus");
    c.wait(CREATE);
    assert_eq!(refused(&creating, json!({"OSSBucket": "ecsimg-missing"})), "InvalidOSSBucket.NotFound");
    assert_eq!(refused(&creating, json!({"OSSBucket": "ecsimg-demo-shanghai-1"})), "InvalidOSSBucket.NotFound");
    let demo2 = c.other("demo2", "demo2-secret");
    let theirs = custom_image(&demo2, 2);
    assert_eq!(export(&demo2, &theirs, json!({})).unwrap_err().1, "InvalidOSS.NotAuthorized");
    assert_eq!(refused(&creating, json!({"imageFormat": "qcow2"})), "InvalidImageFormat.RegionNotSupported");
    assert_eq!(refused(&creating, json!({"roleName": "MyExportRole"})), "NoSetRoletoECSServiceAcount");
    let lenient = Client::demo(&emu).lenient();
    lenient.now.set(c.now.get());
    assert_eq!(
        export(&lenient, &creating, json!({"OSSPrefix": "bad-prefix"})).unwrap_err().1,
        "InvalidOSSPrefix.Malformed"
    );
    export(&c, &creating, json!({"roleName": "AliyunECSImageExportDefaultRole"})).unwrap();

    let windows = |licence: &str| {
        let request = json!({"regionId": HZ, "OSType": "windows", "platform": "Windows Server 2022", "licenseType": licence,
            "diskDeviceMapping": [{"OSSBucket": BUCKET, "OSSObject": "images/windows-2022.vhd"}]});
        id(&c.ok("ImportImage", request), "imageId")
    };
    let (licensed, byol) = (windows("Aliyun"), windows("BYOL"));
    let big_data = json!({"diskDeviceMapping": [
        {"OSSBucket": BUCKET, "OSSObject": "images/ubuntu-22.04.raw"},
        {"OSSBucket": BUCKET, "OSSObject": "images/data-disk.raw", "diskImageSize": 600},
    ]});
    let big = id(&c.ok("ImportImage", import_request("", big_data)), "imageId");
    c.wait(IMPORT);
    assert_eq!(refused(&licensed, json!({})), "InvalidImageLicense.NotSupported");
    assert_eq!(refused(&big, json!({})), "InvalidImage.DiskAmountOrSize");
    export(&c, &byol, json!({})).unwrap();
}

/// A `supportedResource` as `(value, status, statusCategory)`.
type Supported = (String, String, String);

/// An `availableZone` as `(zoneId, status, supported resources)`.
type Zone = (String, String, Vec<Supported>);

fn zones(body: &Value) -> Vec<Zone> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    body["availableZones"]["availableZone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|zone| {
            let resources =
                &zone["availableResources"]["availableResource"][0]["supportedResources"]["supportedResource"];
            let values = resources
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (text(&r["value"]), text(&r["status"]), text(&r["statusCategory"])))
                .collect();
            (text(&zone["zoneId"]), text(&zone["status"]), values)
        })
        .collect()
}

fn available(c: &Client, destination: &str, extra: Value) -> Value {
    c.ok("DescribeAvailableResource", with(json!({"regionId": HZ, "destinationResource": destination}), extra))
}

fn values(zone: &Zone) -> Vec<&str> {
    zone.2.iter().map(|(v, ..)| v.as_str()).collect()
}

#[test]
fn available_zones_instance_types_and_their_stock() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let all = zones(&available(&c, "Zone", json!({})));
    let names: Vec<&str> = all.iter().map(|z| z.0.as_str()).collect();
    assert_eq!(names, ["cn-hangzhou-a", "cn-hangzhou-b", "cn-hangzhou-c"]);
    assert!(all.iter().all(|z| z.1 == "Available" && values(z) == [z.0.as_str()]));
    let body = available(&c, "Zone", json!({"zoneId": "cn-hangzhou-b"}));
    let zone = &body["availableZones"]["availableZone"][0];
    assert_eq!((&zone["regionId"], &zone["statusCategory"]), (&json!(HZ), &json!("WithStock")));
    assert_eq!(zone["availableResources"]["availableResource"][0]["type"], "Zone");

    let a = zones(&available(&c, "InstanceType", json!({"zoneId": "cn-hangzhou-a"})));
    let stock = |zone: &Zone, id: &str| zone.2.iter().find(|(v, ..)| v == id).map(|(_, s, k)| (s.clone(), k.clone()));
    assert_eq!(stock(&a[0], "ecs.g7.large"), Some(("Available".into(), "WithStock".into())));
    assert_eq!(stock(&a[0], "ecs.g7.2xlarge"), Some(("SoldOut".into(), "WithoutStock".into())));
    assert_eq!(stock(&a[0], "ecs.g6.large"), Some(("Available".into(), "ClosedWithStock".into())));
    assert_eq!(stock(&a[0], "ecs.g8y.large"), None, "no arm64 types in zone a");
    let b = zones(&available(&c, "InstanceType", json!({"zoneId": "cn-hangzhou-b"})));
    assert_eq!(stock(&b[0], "ecs.t6-c1m2.large"), Some(("SoldOut".into(), "ClosedWithoutStock".into())));
    assert_eq!(stock(&b[0], "ecs.r7.large"), None);

    let sized = zones(&available(&c, "InstanceType", json!({"cores": 4, "memory": 16.0})));
    assert_eq!(values(&sized[0]), ["ecs.g7.xlarge", "ecs.g8i.xlarge"]);
    assert_eq!(values(&sized[1]), ["ecs.g7.xlarge", "ecs.g8i.xlarge", "ecs.g8y.xlarge"]);
    let sold_out = zones(&available(&c, "Zone", json!({"instanceType": "ecs.g7.2xlarge", "zoneId": "cn-hangzhou-a"})));
    assert_eq!((sold_out[0].1.as_str(), &sold_out[0].2[0].2), ("SoldOut", &"WithoutStock".to_string()));
    let gpu = zones(&available(&c, "InstanceType", json!({"instanceType": "ecs.gn7i-c8g1.2xlarge"})));
    assert_eq!(gpu.len(), 2, "not offered in zone c");
    let spot =
        zones(&available(&c, "InstanceType", json!({"spotStrategy": "SpotAsPriceGo", "zoneId": "cn-hangzhou-a"})));
    assert!(!values(&spot[0]).iter().any(|t| t.starts_with("ecs.t6") || t.starts_with("ecs.e-")));
    assert!(values(&spot[0]).contains(&"ecs.g7.large"));
    let unknown = available(&c, "InstanceType", json!({"instanceType": "ecs.nope.large"}));
    assert_eq!(unknown["availableZones"]["availableZone"], json!([]));
}

#[test]
fn available_disks_networks_and_dedicated_hosts() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let body = available(&c, "SystemDisk", json!({"instanceType": "ecs.g8i.large", "zoneId": "cn-hangzhou-a"}));
    let disks = &body["availableZones"]["availableZone"][0]["availableResources"]["availableResource"][0];
    assert_eq!(disks["type"], "SystemDisk");
    let disks = disks["supportedResources"]["supportedResource"].as_array().unwrap();
    let categories: Vec<&str> = disks.iter().map(|d| d["value"].as_str().unwrap()).collect();
    assert_eq!(categories, ["cloud_essd", "cloud_auto"]);
    assert_eq!((&disks[0]["min"], &disks[0]["max"], &disks[0]["unit"]), (&json!(20), &json!(2048), &json!("GiB")));
    let data = available(
        &c,
        "DataDisk",
        json!({"resourceType": "instance", "instanceType": "ecs.g7.large", "systemDiskCategory": "cloud_essd", "dataDiskCategory": "cloud_auto"}),
    );
    let data = zones(&data);
    assert_eq!(data.len(), 3);
    assert!(data.iter().all(|z| values(z) == ["cloud_auto"]));
    let first = &available(
        &c,
        "DataDisk",
        json!({"resourceType": "instance", "systemDiskCategory": "cloud_essd", "dataDiskCategory": "cloud_auto", "zoneId": "cn-hangzhou-a"}),
    )["availableZones"]["availableZone"][0]["availableResources"]["availableResource"][0]["supportedResources"]
        ["supportedResource"][0];
    assert_eq!((&first["min"], &first["max"]), (&json!(1), &json!(65536)));
    let standalone = zones(&available(&c, "DataDisk", json!({"resourceType": "disk", "zoneId": "cn-hangzhou-c"})));
    assert!(values(&standalone[0]).contains(&"cloud_essd_entry"));
    assert!(standalone[0].2.iter().all(|(_, s, _)| s == "Available"));
    let old_disks =
        zones(&available(&c, "InstanceType", json!({"systemDiskCategory": "cloud_ssd", "zoneId": "cn-hangzhou-a"})));
    assert!(!values(&old_disks[0]).contains(&"ecs.g8i.large"));

    let io = zones(&available(&c, "IoOptimized", json!({})));
    assert!(io.iter().all(|z| values(z) == ["optimized"]));
    assert_eq!(
        available(&c, "IoOptimized", json!({"ioOptimized": "none"}))["availableZones"]["availableZone"],
        json!([])
    );
    let network = zones(&available(&c, "Network", json!({})));
    assert!(network.iter().all(|z| values(z) == ["vpc"]));
    assert_eq!(
        available(&c, "Network", json!({"networkCategory": "classic"}))["availableZones"]["availableZone"],
        json!([])
    );
    let hosts = zones(&available(&c, "ddh", json!({"zoneId": "cn-hangzhou-a"})));
    assert!(values(&hosts[0]).contains(&"ddh.g7"));
    let reserved =
        zones(&available(&c, "InstanceType", json!({"resourceType": "reservedinstance", "scope": "Region"})));
    assert_eq!(reserved.len(), 3);
}

#[test]
fn available_resource_refuses_conflicting_parameters() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let code = |destination: &str, extra: Value| {
        c.code("DescribeAvailableResource", with(json!({"regionId": HZ, "destinationResource": destination}), extra))
    };
    assert_eq!(
        code("InstanceType", json!({"instanceType": "ecs.g7.large", "cores": 2})),
        "InvalidParam.TypeAndCpuMem.Conflict"
    );
    assert_eq!(code("Zone", json!({"cores": 2})), "InvalidParam.Cores");
    assert_eq!(code("Zone", json!({"memory": 8.0})), "InvalidParam.Memory");
    assert_eq!(code("Zone", json!({"dedicatedHostId": "dh-bp165p6xk2tlw61e0001"})), "InvalidDedicatedHostId.NotFound");
    assert_eq!(code("InstanceType", json!({"scope": "Region"})), "InvalidParameter.Scope");
    assert_eq!(
        code("InstanceType", json!({"resourceType": "reservedinstance", "scope": "Zone"})),
        "InvalidParameter.Scope"
    );
    assert_eq!(code("InstanceType", json!({"resourceType": "disk"})), "Invalid.DestinationResource");
    assert_eq!(
        code("InstanceType", json!({"spotStrategy": "SpotAsPriceGo", "instanceChargeType": "PrePaid"})),
        "Invalid.SpotStrategy"
    );
    assert_eq!(
        code("InstanceType", json!({"spotStrategy": "SpotWithPriceLimit", "instanceType": "ecs.t6-c1m1.large"})),
        "OperationDenied.FlavorNotSupported"
    );
    let lenient = Client::demo(&emu).lenient();
    let missing =
        lenient.code("DescribeAvailableResource", json!({"regionId": HZ, "destinationResource": "SystemDisk"}));
    assert_eq!(missing, "MissingParameter");
}

fn supported_types(c: &Client, request: Value) -> Vec<Value> {
    let body = c.ok("DescribeImageSupportInstanceTypes", with(json!({"regionId": HZ}), request));
    body["instanceTypes"]["instanceType"].as_array().unwrap().clone()
}

fn type_ids(types: &[Value]) -> Vec<&str> {
    types.iter().map(|t| t["instanceTypeId"].as_str().unwrap()).collect()
}

#[test]
fn images_run_on_types_of_their_architecture() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let x86 = supported_types(&c, json!({"imageId": X86}));
    assert_eq!(x86.len(), 14);
    assert!(type_ids(&x86).iter().all(|t| !t.contains("8y")));
    let g7 = x86.iter().find(|t| t["instanceTypeId"] == "ecs.g7.large").unwrap();
    assert_eq!(
        (&g7["cpuCoreCount"], &g7["memorySize"], &g7["instanceTypeFamily"]),
        (&json!(2), &json!(8.0), &json!("ecs.g7"))
    );
    let arm = supported_types(&c, json!({"imageId": ARM, "actionType": "ChangeOS"}));
    assert_eq!(type_ids(&arm), ["ecs.g8y.large", "ecs.g8y.xlarge", "ecs.c8y.large", "ecs.r8y.large"]);
    let legacy = supported_types(&c, json!({"filter": [{"key": "imageId", "value": ARM}]}));
    assert_eq!(type_ids(&legacy), type_ids(&arm));
    let body = c.ok("DescribeImageSupportInstanceTypes", json!({"regionId": HZ, "imageId": ARM}));
    assert_eq!((&body["imageId"], &body["regionId"]), (&json!(ARM), &json!(HZ)));

    let failure =
        c.call("DescribeImageSupportInstanceTypes", json!({"regionId": HZ, "imageId": "m-nope"})).unwrap_err();
    assert_eq!((failure.status, failure.code.as_str()), (404, "InvalidImageId.NotFound"));
    assert!(failure.message.contains("m-nope"), "{}", failure.message);
    assert_eq!(c.code("DescribeImageSupportInstanceTypes", json!({"regionId": HZ})), "InvalidParamter");
}

#[test]
fn imported_images_need_matching_boot_modes_and_drivers() {
    let emu = emulator();
    let c = Client::demo(&emu);
    let plain = id(&c.ok("ImportImage", import_request("images/ubuntu-22.04.raw", json!({}))), "imageId");
    let failure = c.call("DescribeImageSupportInstanceTypes", json!({"regionId": HZ, "imageId": plain})).unwrap_err();
    assert_eq!(failure.code, "InvalidImageId.NotFound");
    assert!(failure.message.contains("status is available"), "{}", failure.message);
    let uefi_request = json!({"bootMode": "UEFI", "features": {"nvmeSupport": "supported"}});
    let uefi = id(&c.ok("ImportImage", import_request("images/alinux3-custom.qcow2", uefi_request)), "imageId");
    c.wait(IMPORT);
    let bios = type_ids(&supported_types(&c, json!({"imageId": plain}))).join(",");
    assert!(bios.contains("ecs.g6.large") && !bios.contains("ecs.g8i"), "{bios}");
    let uefi = type_ids(&supported_types(&c, json!({"imageId": uefi}))).join(",");
    assert!(uefi.contains("ecs.g8i.large") && !uefi.contains("ecs.g6") && !uefi.contains("ecs.t6"), "{uefi}");
    let other = c.other("demo2", "demo2-secret");
    assert_eq!(
        other.code("DescribeImageSupportInstanceTypes", json!({"regionId": HZ, "imageId": plain})),
        "InvalidImageId.NotFound"
    );
}

#[test]
fn an_unsupported_combination_answers_the_documented_code() {
    let emu = common::emulator();
    let c = common::Client::demo(&emu).lenient();
    let request = serde_json::json!({
        "regionId": "cn-hangzhou", "architecture": "arm64", "bootMode": "BIOS",
        "diskDeviceMapping": [{"OSSBucket": "ecsimg-demo-hangzhou-1", "OSSObject": "images/alinux3-custom.qcow2"}]
    });
    assert_eq!(c.code("ImportImage", request), "InvalidBootMode.NotSupport");
}

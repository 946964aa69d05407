//! What a fresh emulator holds: public images in every region, and for each demo account the
//! instances, snapshots and OSS buckets that create, import and export calls can point at
//! ([`store`]); the local emulator and the console's sandbox also start with the demo accounts'
//! own images ([`demo_store`], see `demo`).
//!
//! Seeded names end in the account's last digit, e.g. for account 1000000000000001 in cn-hangzhou:
//! instances `i-hangzhou-web1` (Running), `i-hangzhou-build1` (Stopped), `i-hangzhou-arm1` (arm64);
//! snapshots `s-hangzhou-sys1` (system, 40 GiB), `s-hangzhou-data1` (data, 100 GiB),
//! `s-hangzhou-broken1` (images made from it end in CreateFailed); bucket `ecsimg-demo-hangzhou-1`
//! with objects under `images/`.

mod demo;
mod images;
pub mod instance_types;

pub use demo::demo_store;

use crate::accounts::demo_keys;
use crate::state::{Bucket, Instance, Snapshot, Store, Table};

/// The regions the emulator serves (the catalogue's); any other `RegionId` is `InvalidRegionId.NotFound`.
pub use ecsimg_core::catalogue::REGIONS;

/// Zones of a region: `<region>-a`, `-b`, ... (three per region).
pub fn zones(region: &str) -> Vec<String> {
    ["a", "b", "c"].iter().map(|z| format!("{region}-{z}")).collect()
}

/// When the seeded resources were made: 2026-01-01T00:00:00Z.
pub const SEEDED_AT: u64 = 1_767_225_600_000;

/// Regions where the demo accounts have instances, snapshots and buckets.
pub const DEMO_REGIONS: &[&str] = &["cn-hangzhou", "cn-shanghai"];

pub fn store() -> Store {
    let mut store = Store::default();
    images::public(&mut store);
    let (instances, snapshots) = demo_fleet();
    for instance in instances {
        store.instances.insert(instance.id.clone(), instance);
    }
    for snapshot in snapshots {
        store.snapshots.insert(snapshot.id.clone(), snapshot);
    }
    for key in demo_keys() {
        for region in DEMO_REGIONS {
            let name = format!("ecsimg-demo-{}-{}", city(region), key.account % 10);
            let mut objects = Table::default();
            for (object, bytes) in [
                ("images/alinux3-custom.qcow2", 2_147_483_648),
                ("images/ubuntu-22.04.raw", 5_368_709_120),
                ("images/windows-2022.vhd", 16_106_127_360),
                ("images/data-disk.raw", 10_737_418_240),
            ] {
                objects.insert(object.to_string(), bytes);
            }
            store
                .buckets
                .insert(name.clone(), Bucket { name, region: region.to_string(), owner: key.account, objects });
        }
    }
    store
}

/// The demo accounts' instances and snapshots. The console offers them in its ID fields from
/// this alone, without building a store (and so without carrying the emulator).
pub fn demo_fleet() -> (Vec<Instance>, Vec<Snapshot>) {
    let (mut instances, mut snapshots) = (Vec::new(), Vec::new());
    for key in demo_keys() {
        let account = key.account;
        let n = account % 10;
        for region in DEMO_REGIONS {
            let zone = format!("{region}-b");
            let linux = images::public_id(region, "aliyun_3_x64");
            let arm = images::public_id(region, "aliyun_3_arm64");
            for (suffix, image, instance_type, status) in [
                ("web", &linux, "ecs.g7.large", "Running"),
                ("build", &linux, "ecs.c7.xlarge", "Stopped"),
                ("arm", &arm, "ecs.g8y.large", "Running"),
            ] {
                instances.push(Instance {
                    id: format!("i-{}-{suffix}{n}", city(region)),
                    region: region.to_string(),
                    zone: zone.clone(),
                    owner: account,
                    image: image.clone(),
                    instance_type: instance_type.into(),
                    status: status.into(),
                    system_disk_gib: 40,
                });
            }
            for (suffix, disk_type, size, corrupt) in
                [("sys", "system", 40, false), ("data", "data", 100, false), ("broken", "system", 40, true)]
            {
                snapshots.push(Snapshot {
                    id: format!("s-{}-{suffix}{n}", city(region)),
                    region: region.to_string(),
                    owner: account,
                    disk_type: disk_type.into(),
                    size_gib: size,
                    corrupt,
                    source_image: (disk_type == "system").then(|| linux.clone()),
                });
            }
        }
    }
    (instances, snapshots)
}

/// `cn-hangzhou` → `hangzhou`, for readable seeded IDs (`i-hangzhou-web1` is account …001's).
fn city(region: &str) -> &str {
    region.rsplit('-').next().unwrap_or(region)
}

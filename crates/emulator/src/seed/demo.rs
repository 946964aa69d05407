//! The demo accounts' images: what a fresh local emulator and the console's sandbox show, so that a
//! demo has something to manage from the first click.
//!
//! The images are made the way a user makes them: the operations themselves (CreateImage,
//! ImportImage, CopyImage, ModifyImageAttribute, ModifyImageSharePermission, CreateImagePipeline,
//! StartImagePipelineExecution) are carried out at
//! points in the past, the lifecycles brought up to each point in between, so what DescribeImages
//! answers is exactly what those calls would have left. Only what no operation does is set
//! directly: an instance running a custom image, an image check's findings, and an image made
//! UnAvailable by the loss of its snapshot.
//!
//! For account …001 (`demo`): the family `shop-web` in four versions (v1 Deprecated, v2 and v3
//! Available, v4 Creating, done about a minute after the start), v3 in use by
//! `i-hangzhou-shop1`, shared with …002 and copied to cn-shanghai and ap-southeast-1 (and being
//! copied to eu-central-1, with `orders-db`'s copy Waiting behind it), v2 copied to us-west-1;
//! old images nobody uses (`build-agent-2025`, `ubuntu-22-hardened`, created months ago), one of
//! them shared with …002 (`legacy-api-2025`); the image pipeline `build-agent`, whose base image is
//! `ubuntu-22-hardened`, with two past runs (the first succeeded and made `build-agent`, the
//! second failed); one CreateFailed, one UnAvailable; Ubuntu, Windows and arm64 images; an image
//! with a data disk; in cn-shanghai `analytics-base`, shared with …002 and copied to cn-beijing.
//! So a clean-up has something to find and something to keep: an image in use, the newest of a
//! family, a pipeline's base image, shared images. Account …002 (`demo2`) shares `partner-base`
//! (cn-hangzhou) and `partner-gpu-ubuntu` (cn-shanghai) with …001, so its "shared with me" is not
//! empty. Both see two Marketplace images in cn-hangzhou and cn-shanghai (`ImageOwnerAlias`
//! `marketplace`).

use super::store;
use crate::accounts::demo_keys;
use crate::ops::{self, Call};
use crate::state::lifecycle::Timing;
use crate::state::{AccountId, ImageStatus, Instance, Millis, Store};
use ecsimg_core::catalogue::operation;
use serde_json::{json, Value};

const DAY: Millis = 86_400_000;

/// The history, oldest first: which demo key (`by`) made which call, when (`daysAgo`, or
/// `secondsAgo` for the work still under way at the start), with which request (in the SDK's
/// names). Later steps name images by name (`"imageId": "@shop-web-v3"` is the ID of the
/// account's image of that name in the request's region), pipelines likewise, and accounts by
/// their demo key (`"addAccount": ["@demo2"]`). Data rather than code: the console's wasm carries
/// it smaller.
const HISTORY: &str = include_str!("demo_history.json");

/// The demo state at `now`: [`store`] and the demo accounts' images. (A clock that reads less
/// than the history's length, a test's, is taken to read that.)
pub fn demo_store(now: Millis) -> Store {
    let steps = steps();
    let now = now.max(steps.first().map_or(0, |s| s.before_now));
    let mut store = store();
    let mut history = History { store: &mut store, now };
    for step in &steps {
        history.run(step);
    }
    let (demo, _) = accounts();
    finishing_touches(&mut store, demo);
    super::images::marketplace(&mut store);
    store.tick(now, &Timing::default());
    store
}

/// The two demo accounts (`demo`, `demo2`).
fn accounts() -> (AccountId, AccountId) {
    let keys = demo_keys();
    (keys[0].account, keys[1].account)
}

/// The account of the demo key with ID `key`.
fn account_of(key: &str) -> AccountId {
    let found = demo_keys().into_iter().find(|k| k.id == key);
    found.map(|k| k.account).unwrap_or_else(|| panic!("the demo history names no demo key {key}"))
}

/// One call of the history.
struct Step {
    account: AccountId,
    before_now: Millis,
    action: String,
    request: Value,
    /// Lifecycles run this much slower than the service's (work still under way at the start
    /// takes minutes, not seconds, so a demo can watch it).
    slow: bool,
}

/// [`HISTORY`], read.
fn steps() -> Vec<Step> {
    let history: Value = ecsimg_core::json::parse_value(HISTORY).expect("the demo history is JSON");
    let text = |entry: &Value, field: &str| entry[field].as_str().unwrap_or_default().to_string();
    let steps = history.as_array().into_iter().flatten().map(|entry| {
        let seconds = entry["secondsAgo"].as_u64();
        Step {
            account: account_of(&text(entry, "by")),
            before_now: seconds.map_or(entry["daysAgo"].as_u64().unwrap_or_default() * DAY, |s| s * 1000),
            action: text(entry, "call"),
            request: entry["request"].clone(),
            slow: seconds.is_some(),
        }
    });
    steps.collect()
}

/// How slowly the work under way at the start runs: a creation takes 100 s, a copy 150 s.
const SLOW: Timing = Timing { speed: 0.2 };

/// The history being played: images made so far, by name.
struct History<'s> {
    store: &'s mut Store,
    now: Millis,
}

impl History<'_> {
    fn run(&mut self, step: &Step) {
        let at = self.now - step.before_now;
        let timing = if step.slow { SLOW } else { Timing::default() };
        self.store.tick(at, &timing);
        let request = self.resolve(&step.request, step.account);
        let region = request["regionId"].as_str().unwrap_or_default().to_string();
        let op = operation(&step.action).expect("the demo history calls catalogue operations");
        let call = Call { op, account: step.account, region, request: &request, now: at, timing };
        if let Err(e) = ops::run(self.store, &call) {
            panic!("the demo history's {} failed: {} ({})", step.action, e.code, e.message);
        }
    }

    /// The request with `@name` image IDs (`imageId`, `baseImage`) replaced by the ID of the
    /// account's image of that name in the request's region, a `@name` `imagePipelineId` by the ID
    /// of its image pipeline of that name, and `@key` accounts (`addAccount`) by that demo key's.
    fn resolve(&self, request: &Value, account: AccountId) -> Value {
        let mut out = request.clone();
        let region = request["regionId"].as_str().unwrap_or_default();
        let named = |field: &str| request[field].as_str().and_then(|id| id.strip_prefix('@'));
        for field in ["imageId", "baseImage"] {
            if let Some(name) = named(field) {
                out[field] = image_id(self.store, account, region, name).into();
            }
        }
        if let Some(name) = named("imagePipelineId") {
            let pipeline =
                self.store.pipelines.values().find(|p| p.owner == account && p.region == region && p.name == name);
            out["imagePipelineId"] =
                pipeline.map(|p| p.id.clone()).expect("the demo history names its pipelines").into();
        }
        for added in out.get_mut("addAccount").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(key) = added.as_str().and_then(|a| a.strip_prefix('@')) {
                *added = account_of(key).to_string().into();
            }
        }
        out
    }
}

/// The ID of `account`'s image called `name` in `region`.
fn image_id(store: &Store, account: AccountId, region: &str, name: &str) -> String {
    let owner = crate::state::Owner::Account(account);
    let found = store.images.values().find(|i| i.owner == owner && i.region == region && i.name == name);
    found.map(|i| i.id.clone()).unwrap_or_else(|| panic!("the demo history made no {name} in {region}"))
}

/// What no operation does: an instance running `shop-web-v3` (so it is in use), the image check's
/// findings on it, and `reports-2025` UnAvailable (the snapshot it was made from is gone).
fn finishing_touches(store: &mut Store, demo: AccountId) {
    let hz = "cn-hangzhou";
    let v3 = image_id(store, demo, hz, "shop-web-v3");
    store.instances.insert(
        "i-hangzhou-shop1".into(),
        Instance {
            id: "i-hangzhou-shop1".into(),
            region: hz.into(),
            zone: format!("{hz}-b"),
            owner: demo,
            image: v3.clone(),
            instance_type: "ecs.g7.large".into(),
            status: "Running".into(),
            system_disk_gib: 40,
        },
    );
    let check = json!({"Status": "Finished", "Items": {"Item": [
        {"Name": "Nvme", "Value": "supported"},
        {"Name": "CloudInit", "Value": "installed"},
        {"Name": "SELinux", "Value": "enforcing", "RiskLevel": "Medium", "RiskCode": "SELinux.Enforcing"},
    ]}});
    if let Some(image) = store.image_mut(hz, &v3) {
        image.attrs.insert("DetectionOptions".into(), check);
    }
    let reports = image_id(store, demo, hz, "reports-2025");
    if let Some(image) = store.image_mut(hz, &reports) {
        image.status = ImageStatus::UnAvailable;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::SEEDED_AT;
    use crate::state::{Image, Owner};
    use std::collections::BTreeSet;

    const NOW: Millis = SEEDED_AT + 300 * DAY;

    fn images_of(store: &Store, account: AccountId) -> Vec<&Image> {
        store.images.values().filter(|i| i.owner == Owner::Account(account)).collect()
    }

    fn named<'s>(store: &'s Store, region: &str, name: &str) -> &'s Image {
        store.images.values().find(|i| i.region == region && i.name == name).expect(name)
    }

    /// It is played in the order written, so it has to be written in time order.
    #[test]
    fn the_history_is_written_oldest_first() {
        let steps = steps();
        assert_eq!(steps.len(), 30);
        assert!(steps.windows(2).all(|pair| pair[0].before_now >= pair[1].before_now));
    }

    #[test]
    fn every_status_the_catalogue_lists_shows() {
        let store = demo_store(NOW);
        let (demo, _) = accounts();
        let statuses: BTreeSet<&str> = images_of(&store, demo).iter().map(|i| i.status.as_str()).collect();
        let lifecycle = ecsimg_core::catalogue::IdKind::Image.lifecycle().unwrap();
        for status in lifecycle.done.iter().chain(lifecycle.failed).chain(lifecycle.in_progress) {
            assert!(statuses.contains(status), "no {status} image: {statuses:?}");
        }
    }

    #[test]
    fn a_family_in_several_versions_copied_and_shared_across_regions() {
        let store = demo_store(NOW);
        let (demo, demo2) = accounts();
        let family: Vec<(&str, &str)> = images_of(&store, demo)
            .into_iter()
            .filter(|i| i.region == "cn-hangzhou" && i.family.as_deref() == Some("shop-web"))
            .map(|i| (i.name.as_str(), i.status.as_str()))
            .collect();
        for version in [
            ("shop-web-v1", "Deprecated"),
            ("shop-web-v2", "Available"),
            ("shop-web-v3", "Available"),
            ("shop-web-v4", "Creating"),
        ] {
            assert!(family.contains(&version), "{version:?} in {family:?}");
        }
        let copies: BTreeSet<&str> =
            store.images.values().filter(|i| i.name == "shop-web-v3").map(|i| i.region.as_str()).collect();
        assert_eq!(copies, BTreeSet::from(["cn-hangzhou", "cn-shanghai", "ap-southeast-1", "eu-central-1"]));
        let regions: BTreeSet<&str> = images_of(&store, demo).iter().map(|i| i.region.as_str()).collect();
        assert!(regions.len() >= 5, "{regions:?}");
        assert!(named(&store, "cn-hangzhou", "shop-web-v3").shared_with.contains(demo2));
        // The second account shares with the first.
        let shared_with_demo: Vec<&str> =
            images_of(&store, demo2).iter().filter(|i| i.shared_with.contains(demo)).map(|i| i.name.as_str()).collect();
        assert_eq!(shared_with_demo, ["partner-base", "partner-gpu-ubuntu"]);
    }

    #[test]
    fn old_images_nobody_uses_and_one_in_use() {
        let store = demo_store(NOW);
        let old = named(&store, "cn-hangzhou", "build-agent-2025");
        assert_eq!(old.created, NOW - 400 * DAY);
        assert!(!ops::images::in_use(&store, old));
        assert!(ops::images::in_use(&store, named(&store, "cn-hangzhou", "shop-web-v3")));
        let disks = &named(&store, "cn-hangzhou", "orders-db").attrs["DiskDeviceMappings"]["DiskDeviceMapping"];
        assert_eq!(disks.as_array().map(Vec::len), Some(2));
        assert_eq!(named(&store, "cn-hangzhou", "win2022-iis").attrs["OSType"], "windows");
        assert_eq!(named(&store, "cn-hangzhou", "shop-web-arm").attrs["Architecture"], "arm64");
    }

    #[test]
    fn a_pipeline_on_an_old_image_ran_twice() {
        let store = demo_store(NOW);
        let (demo, _) = accounts();
        let pipeline = store.pipelines.values().find(|p| p.name == "build-agent").expect("the pipeline");
        let base = named(&store, "cn-hangzhou", "ubuntu-22-hardened");
        assert_eq!(pipeline.attrs["BaseImage"], base.id.as_str());
        assert!(base.created <= NOW - 300 * DAY && !ops::images::in_use(&store, base));
        let mut runs: Vec<_> = store.executions.values().filter(|e| e.pipeline == pipeline.id).collect();
        runs.sort_by_key(|e| e.created);
        let statuses: Vec<&str> = runs.iter().map(|e| e.status.as_str()).collect();
        assert_eq!(statuses, ["SUCCESS", "FAILED"]);
        assert_eq!(runs[1].error_code.as_deref(), Some("InvalidImageName.Duplicated"));
        let built = named(&store, "cn-hangzhou", "build-agent");
        assert_eq!((built.owner, built.family.as_deref()), (Owner::Account(demo), Some("build-agent")));
        assert_eq!(runs[0].image.as_deref(), Some(built.id.as_str()));
    }

    #[test]
    fn an_old_unused_image_shared_with_the_other_account() {
        let store = demo_store(NOW);
        let (_, demo2) = accounts();
        let legacy = named(&store, "cn-hangzhou", "legacy-api-2025");
        assert!(legacy.shared_with.contains(demo2));
        assert!(legacy.created <= NOW - 170 * DAY && !ops::images::in_use(&store, legacy));
    }

    #[test]
    fn marketplace_images_only_when_asked_for() {
        let mut store = demo_store(NOW);
        let (demo, _) = accounts();
        let mut names = |alias: Option<&str>| {
            let mut request = json!({"regionId": "cn-shanghai", "pageSize": 100});
            if let Some(alias) = alias {
                request["imageOwnerAlias"] = alias.into();
            }
            let op = operation("DescribeImages").unwrap();
            let call = Call {
                op,
                account: demo,
                region: "cn-shanghai".into(),
                request: &request,
                now: NOW,
                timing: Timing::default(),
            };
            let body = ops::run(&mut store, &call).unwrap();
            let images = body["Images"]["Image"].as_array().unwrap().clone();
            images
                .iter()
                .map(|i| (i["ImageName"].as_str().unwrap().to_string(), i["ImageOwnerAlias"].clone()))
                .collect::<Vec<_>>()
        };
        let market = names(Some("marketplace"));
        assert_eq!(market.len(), 2, "{market:?}");
        assert!(market.iter().all(|(_, alias)| alias == "marketplace"));
        assert!(names(None).iter().all(|(_, alias)| alias != "marketplace"));
    }

    #[test]
    fn any_clock_will_do() {
        let store = demo_store(0);
        assert_eq!(named(&store, "cn-hangzhou", "build-agent-2025").created, 0);
        assert_eq!(named(&store, "cn-hangzhou", "shop-web-v4").status, ImageStatus::Creating);
    }

    #[test]
    fn the_work_under_way_finishes() {
        let mut store = demo_store(NOW);
        let waiting = named(&store, "eu-central-1", "orders-db");
        assert_eq!(waiting.status, ImageStatus::Waiting);
        store.tick(NOW + 10 * 60_000, &Timing::default());
        for (region, name) in
            [("cn-hangzhou", "shop-web-v4"), ("eu-central-1", "shop-web-v3"), ("eu-central-1", "orders-db")]
        {
            assert_eq!(named(&store, region, name).status, ImageStatus::Available, "{name} in {region}");
        }
    }
}

//! The console's sandbox: the emulator's service logic compiled to its own wasm. The console runs
//! it in a module worker (web/sandbox-worker.js) that it starts when a form is first used (or on
//! the first call) on the sandbox connection, so the page loads without the emulator, and the
//! emulator's work never blocks the page.
//!
//! It starts with the demo accounts' images (`seed::demo_store`). For trying "Load all" on a big
//! account (and for the benchmark), `?sandboxImages=10000` in the page's URL adds that many custom
//! images of the `demo` account in cn-hangzhou (or in `&sandboxRegion=cn-shanghai`, or that many
//! in each region with `&sandboxRegion=all`): named `bench-00000`..., mostly Available, one in a
//! hundred Creating, Deprecated, ... so every status shows. List them all with DescribeImages,
//! `imageOwnerAlias` = `self` and `status` = `Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated`.
//!
//! For testing the worker's recovery, `?sandboxPanicOn=DescribeImages` in the page's URL makes
//! every call of that action panic inside the wasm (a trap, as a real bug would); the worker is
//! then replaced by a fresh one (web/sandbox.js). Only a page opened with the flag has the hook.
//!
//! What the user makes in the sandbox survives a reload: after each call that changes the state,
//! the worker saves [`Sandbox::state`] in the browser (IndexedDB) before it answers, and the next
//! worker starts from it ([`Sandbox::restore`], as the emulator's `--state` does). The state holds
//! no credentials (the demo keys are the emulator's configuration, not its state).

use ecsimg_emulator::accounts::demo_keys;
use ecsimg_emulator::faults::NetworkFault;
use ecsimg_emulator::seed::{self, SEEDED_AT};
use ecsimg_emulator::state::lifecycle::{self, Timing};
use ecsimg_emulator::state::{AccountId, Image, ImageStatus, Millis, Owner, Span, Store};
use ecsimg_emulator::{Config, Emulator, HttpRequest};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// Lifecycles run ten times faster than on the service: an image is ready in about two seconds,
/// slow enough to watch its progress.
const SPEED: f64 = 10.0;

/// The most extra images `?sandboxImages=` adds.
const MAX_EXTRA_IMAGES: usize = 100_000;

/// One sandbox: a fresh emulator holding the seeded resources (and the extra images asked for).
#[wasm_bindgen]
pub struct Sandbox {
    emulator: Emulator,
    /// The action whose calls panic (`?sandboxPanicOn=`), a test hook; empty: none.
    panic_on: String,
}

#[wasm_bindgen]
impl Sandbox {
    /// `extra_images` custom images of the `demo` account in `region` (a seeded region, `all` for
    /// each of them, else cn-hangzhou), on top of the demo state. `panic_on`: the action whose
    /// calls panic (the test hook `?sandboxPanicOn=`), or empty.
    #[wasm_bindgen(constructor)]
    pub fn new(extra_images: u32, region: &str, now: f64, panic_on: &str) -> Sandbox {
        let mut store = seed::demo_store(now as Millis);
        let regions = match region {
            "all" => seed::REGIONS,
            _ if seed::REGIONS.contains(&region) => std::slice::from_ref(&region),
            _ => &["cn-hangzhou"],
        };
        for region in regions {
            add_images(
                &mut store,
                demo_account(),
                region,
                (extra_images as usize).min(MAX_EXTRA_IMAGES),
                now as Millis,
            );
        }
        Sandbox::over(store, panic_on)
    }

    /// The sandbox a worker saved ([`Sandbox::state`]), or why it cannot be read (saved by another
    /// version, say): then the worker starts a fresh one.
    pub fn restore(saved: &str, panic_on: &str) -> Result<Sandbox, String> {
        let store = Store::from_json(saved).map_err(|e| format!("the saved sandbox state is unreadable: {e}"))?;
        Ok(Sandbox::over(store, panic_on))
    }

    /// The whole state, to save (JSON; no credentials).
    pub fn state(&self) -> String {
        self.emulator.state_json()
    }

    /// Answers one call as web/sandbox.js posts it (`{method, host, path, query, headers, body}`,
    /// `headers` as `[name, value]` pairs, `host` the URL's, which a real connection carries) with
    /// `{status, headers, body, changed}` (`changed`: the state changed, save it before answering),
    /// or `{fault}` for a connection that closed or an answer cut off.
    pub fn handle(&self, call: &JsValue, now: f64) -> Object {
        let field = |key: &str| Reflect::get(call, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let text = |key: &str| field(key).as_string().unwrap_or_default();
        let mut headers: Vec<(String, String)> = Array::from(&field("headers"))
            .iter()
            .filter_map(|pair| {
                let pair = Array::from(&pair);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect();
        headers.push(("host".into(), text("host")));
        let request = HttpRequest {
            method: text("method"),
            path: text("path"),
            query: text("query"),
            headers,
            body: text("body").into_bytes(),
        };
        if !self.panic_on.is_empty() && action_of(&request).as_deref() == Some(self.panic_on.as_str()) {
            panic!("sandbox: a deliberate panic on {} (?sandboxPanicOn)", self.panic_on);
        }
        let outcome = self.emulator.handle(&request, now as u64);
        let answer = Object::new();
        let set = |key: &str, value: &JsValue| {
            let _ = Reflect::set(&answer, &key.into(), value);
        };
        if let Some(fault) = outcome.network_fault {
            set("fault", &if fault == NetworkFault::Drop { "connection closed" } else { "answer cut off" }.into());
            return answer;
        }
        let response = outcome.response;
        set("status", &response.status.into());
        let pairs: Array =
            response.headers.iter().map(|(name, value)| Array::of2(&name.into(), &value.into())).collect();
        set("headers", &pairs);
        set("body", &Uint8Array::from(response.body.as_slice()));
        set("changed", &outcome.mutated.into());
        answer
    }
}

impl Sandbox {
    fn over(store: Store, panic_on: &str) -> Sandbox {
        Sandbox {
            emulator: Emulator::new(Config { timing: Timing { speed: SPEED }, ..Config::default() }, store),
            panic_on: panic_on.to_string(),
        }
    }
}

/// The call's action: V3's `x-acs-action` header, else V1's `Action` parameter (in the query or a
/// form body).
fn action_of(request: &HttpRequest) -> Option<String> {
    let header = request.headers.iter().find(|(name, _)| name.eq_ignore_ascii_case("x-acs-action"));
    if let Some((_, value)) = header {
        return Some(value.clone());
    }
    let body = std::str::from_utf8(&request.body).unwrap_or_default();
    request.query.split('&').chain(body.split('&')).find_map(|pair| pair.strip_prefix("Action=")).map(str::to_string)
}

/// The `demo` account's instances and snapshots, which the console offers in its ID fields (no
/// operation here lists them): `[{snapshot, region, id, label}]`. The worker hands them to the page
/// once it is up.
#[wasm_bindgen(js_name = demoResources)]
pub fn demo_resources() -> Array {
    demo_fleet()
        .into_iter()
        .map(|r| {
            let entry = Object::new();
            for (key, value) in [
                ("snapshot", JsValue::from(r.snapshot)),
                ("region", r.region.into()),
                ("id", r.id.into()),
                ("label", r.label.into()),
            ] {
                let _ = Reflect::set(&entry, &key.into(), &value);
            }
            entry
        })
        .collect()
}

/// An instance or snapshot of the `demo` account, and how the console labels it.
#[derive(Debug, Clone, PartialEq)]
struct DemoResource {
    snapshot: bool,
    region: String,
    id: String,
    label: String,
}

fn demo_fleet() -> Vec<DemoResource> {
    let account = demo_account();
    let (instances, snapshots) = seed::demo_fleet();
    let instances = instances.into_iter().filter(|i| i.owner == account).map(|i| DemoResource {
        snapshot: false,
        label: format!("{} · {} · {}", i.status, i.instance_type, i.zone),
        region: i.region,
        id: i.id,
    });
    let snapshots = snapshots.into_iter().filter(|s| s.owner == account).map(|s| DemoResource {
        snapshot: true,
        label: format!("{} disk · {} GiB{}", s.disk_type, s.size_gib, if s.corrupt { " · broken" } else { "" }),
        region: s.region,
        id: s.id,
    });
    instances.chain(snapshots).collect()
}

/// The `demo` account, which the sandbox connection signs as.
fn demo_account() -> AccountId {
    demo_keys().first().map_or(0, |k| k.account)
}

/// `count` custom images of `account` in `region`, built from the region's public images: one in a
/// hundred Creating (ninety-minute creations, each at its own percentage), one in a hundred
/// Deprecated, one in two hundred and fifty CreateFailed, one in five hundred Waiting (to start in
/// an hour); the rest Available.
fn add_images(store: &mut Store, account: AccountId, region: &str, count: usize, now: Millis) {
    let templates: Vec<Image> =
        store.images.values().filter(|i| i.region == region && i.owner == Owner::System).cloned().collect();
    if templates.is_empty() {
        return;
    }
    const ENVS: [&str; 3] = ["prod", "test", "dev"];
    for n in 0..count {
        let template = &templates[n % templates.len()];
        let mut attrs = template.attrs.clone();
        attrs.insert("ProductCode".into(), "".into());
        attrs.insert("IsSubscribed".into(), false.into());
        attrs.insert("Description".into(), "Seeded by ?sandboxImages".into());
        let id = store.new_id("m-");
        let mut image = Image {
            name: format!("bench-{n:05}"),
            family: Some(format!("bench-family-{}", n % 7)),
            tags: vec![("env".into(), ENVS[n % 3].into()), ("team".into(), format!("team-{}", n % 11))],
            ..Image::new(id, region.to_string(), Owner::Account(account), SEEDED_AT + n as u64 * 60_000, attrs)
        };
        match (n % 100, n % 250, n % 500) {
            (7, _, _) => {
                // (n % 90) minutes into a 90-minute creation, so the percentages differ.
                let start = now.saturating_sub((n % 90) as u64 * 60_000);
                lifecycle::start_image(store, image, Span { start, end: start + 90 * 60_000 }, now);
                continue;
            }
            (_, _, 222) => {
                lifecycle::start_image(store, image, Span { start: now + 3_600_000, end: now + 7_200_000 }, now);
                continue;
            }
            (33, _, _) => image.status = ImageStatus::Deprecated,
            (_, 111, _) => image.status = ImageStatus::CreateFailed,
            _ => {}
        }
        store.insert_image(image);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn the_demo_account_has_instances_and_snapshots_to_offer() {
        let fleet = demo_fleet();
        let in_hangzhou =
            |snapshot| fleet.iter().filter(|r| r.snapshot == snapshot && r.region == "cn-hangzhou").count();
        assert_eq!((in_hangzhou(false), in_hangzhou(true)), (3, 3));
        assert!(fleet.iter().any(|r| r.id == "s-hangzhou-broken1" && r.label.contains("broken")));
        assert!(fleet.iter().any(|r| r.id == "i-hangzhou-web1" && r.label == "Running · ecs.g7.large · cn-hangzhou-b"));
    }

    #[test]
    fn a_saved_state_reads_back_and_a_broken_one_is_refused() {
        let sandbox = Sandbox::new(3, "cn-hangzhou", SEEDED_AT as f64, "");
        let saved = sandbox.state();
        let restored = Sandbox::restore(&saved, "").map_err(|e| e.to_string()).unwrap();
        assert_eq!(restored.state(), saved);
        assert!(!saved.contains("demo-secret"), "the state holds a credential");
        // The seeded state is small enough to save after every change.
        assert!(Sandbox::new(0, "", SEEDED_AT as f64, "").state().len() < 1_000_000);
        let broken = Sandbox::restore("{\"images\": 1}", "").err().unwrap();
        assert!(broken.starts_with("the saved sandbox state is unreadable: "), "{broken}");
    }

    #[test]
    fn names_the_action_of_a_v1_or_v3_call() {
        let call = |query: &str, headers: &[(&str, &str)]| HttpRequest {
            method: "POST".into(),
            path: "/".into(),
            query: query.into(),
            headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            body: Vec::new(),
        };
        assert_eq!(action_of(&call("", &[("X-Acs-Action", "DescribeImages")])).as_deref(), Some("DescribeImages"));
        assert_eq!(action_of(&call("Format=JSON&Action=CreateImage&RegionId=x", &[])).as_deref(), Some("CreateImage"));
        assert_eq!(action_of(&call("SomeAction=CreateImage", &[])), None);
        let form = HttpRequest { body: b"Action=DeleteImage&ImageId=m-1".to_vec(), ..call("", &[]) };
        assert_eq!(action_of(&form).as_deref(), Some("DeleteImage"));
    }

    #[test]
    fn seeds_extra_images_in_every_status() {
        let mut store = seed::store();
        let before = store.images.len();
        let now = SEEDED_AT + 86_400_000;
        add_images(&mut store, demo_account(), "cn-hangzhou", 1_000, now);
        assert_eq!(store.images.len(), before + 1_000);
        let mut statuses = BTreeMap::new();
        for image in store.images.values().filter(|i| i.owner == Owner::Account(demo_account())) {
            *statuses.entry(image.status.as_str()).or_insert(0) += 1;
        }
        assert_eq!(
            statuses,
            BTreeMap::from([
                ("Available", 974),
                ("CreateFailed", 4),
                ("Creating", 10),
                ("Deprecated", 10),
                ("Waiting", 2)
            ])
        );
        // The creations are under way and will finish: each is scheduled.
        assert_eq!(store.due.len(), 12);
    }
}

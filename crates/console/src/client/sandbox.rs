//! The sandbox in the page: the emulator's service logic compiled into the console, served to the
//! client as a `fetch` function. No server is needed, so the console works from a static host.
//!
//! For trying "Load all" on a big account (and for the benchmark), `?sandboxImages=10000` in the
//! page's URL starts the sandbox with that many extra custom images of the `demo` account in
//! cn-hangzhou (or in `&sandboxRegion=cn-shanghai`): named `bench-00000`..., mostly Available, one
//! in a hundred Creating, Deprecated, ... so every status shows. List them all with DescribeImages,
//! `imageOwnerAlias` = `self` and `status` = `Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated`.

use ecsimg_emulator::accounts::demo_keys;
use ecsimg_emulator::faults::NetworkFault;
use ecsimg_emulator::seed::{self, SEEDED_AT};
use ecsimg_emulator::state::lifecycle::{self, Timing};
use ecsimg_emulator::state::{AccountId, Image, ImageStatus, Millis, Origin, Owner, Span, Store};
use ecsimg_emulator::{Config, Emulator, HttpRequest};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// Lifecycles run ten times faster than on the service: an image is ready in about two seconds,
/// slow enough to watch its progress.
const SPEED: f64 = 10.0;

/// The most extra images `?sandboxImages=` adds.
const MAX_EXTRA_IMAGES: usize = 100_000;

thread_local! {
    static EMULATOR: Emulator = Emulator::new(Config { timing: Timing { speed: SPEED }, ..Config::default() }, initial_store());
    static FETCH: JsValue = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(fetch_impl).into_js_value();
    static DEMO_RESOURCES: Vec<DemoResource> = demo_resources(&seed::store());
}

/// The `demo` account, which the sandbox connection signs as.
fn demo_account() -> AccountId {
    demo_keys().first().map_or(0, |k| k.account)
}

/// A fresh sandbox, with the extra images the page's URL asks for.
fn initial_store() -> Store {
    let mut store = seed::store();
    if let Some((count, region)) = requested_images() {
        add_images(&mut store, demo_account(), &region, count, js_sys::Date::now() as Millis);
    }
    store
}

/// `?sandboxImages=N[&sandboxRegion=R]`.
fn requested_images() -> Option<(usize, String)> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let count = params.get("sandboxImages")?.trim().parse::<usize>().ok()?.min(MAX_EXTRA_IMAGES);
    let region = params
        .get("sandboxRegion")
        .filter(|r| seed::REGIONS.contains(&r.as_str()))
        .unwrap_or_else(|| "cn-hangzhou".to_string());
    Some((count, region))
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
            id,
            region: region.to_string(),
            owner: Owner::Account(account),
            status: ImageStatus::Available,
            progress: None,
            fails: false,
            origin: Origin::Created,
            created: SEEDED_AT + n as u64 * 60_000,
            name: format!("bench-{n:05}"),
            family: Some(format!("bench-family-{}", n % 7)),
            tags: vec![("env".into(), ENVS[n % 3].into()), ("team".into(), format!("team-{}", n % 11))],
            shared_with: Default::default(),
            share_groups: Default::default(),
            community: false,
            attrs,
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

/// An instance or snapshot of the `demo` account, offered in the ID fields while the connection
/// is the in-page sandbox (no operation here lists them).
#[derive(Debug, Clone, PartialEq)]
struct DemoResource {
    snapshot: bool,
    region: String,
    id: String,
    label: String,
}

fn demo_resources(store: &Store) -> Vec<DemoResource> {
    let account = demo_account();
    let instances = store.instances.values().filter(|i| i.owner == account).map(|i| DemoResource {
        snapshot: false,
        region: i.region.clone(),
        id: i.id.clone(),
        label: format!("{} · {} · {}", i.status, i.instance_type, i.zone),
    });
    let snapshots = store.snapshots.values().filter(|s| s.owner == account).map(|s| DemoResource {
        snapshot: true,
        region: s.region.clone(),
        id: s.id.clone(),
        label: format!("{} disk · {} GiB{}", s.disk_type, s.size_gib, if s.corrupt { " · broken" } else { "" }),
    });
    instances.chain(snapshots).collect()
}

/// The sandbox's seeded instances (or snapshots) of the `demo` account in `region`: `(id, label)`.
pub fn demo_ids(region: &str, snapshots: bool) -> Vec<(String, String)> {
    DEMO_RESOURCES.with(|all| {
        all.iter()
            .filter(|r| r.snapshot == snapshots && r.region == region)
            .map(|r| (r.id.clone(), r.label.clone()))
            .collect()
    })
}

/// A `fetch(url, init)` that answers from the in-page emulator.
pub fn fetch() -> JsValue {
    FETCH.with(JsValue::clone)
}

fn fetch_impl(url: JsValue, init: JsValue) -> Promise {
    match answer(&url, &init) {
        Ok(promise) => promise,
        Err(e) => Promise::reject(&e),
    }
}

fn answer(url: &JsValue, init: &JsValue) -> Result<Promise, JsValue> {
    let url = web_sys::Url::new(&url.as_string().unwrap_or_default())?;
    let field = |key: &str| Reflect::get(init, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(signal) = field("signal").dyn_ref::<web_sys::AbortSignal>() {
        if signal.aborted() {
            return Err(signal.reason());
        }
    }
    let mut headers: Vec<(String, String)> = Array::from(&field("headers"))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    // What a real connection carries: the host of the URL.
    headers.push(("host".into(), url.host()));
    let request = HttpRequest {
        method: field("method").as_string().unwrap_or_else(|| "GET".into()),
        path: url.pathname(),
        query: url.search().trim_start_matches('?').to_string(),
        headers,
        body: field("body").as_string().unwrap_or_default().into_bytes(),
    };
    let outcome = EMULATOR.with(|emulator| emulator.handle(&request, js_sys::Date::now() as u64));
    if let Some(fault) = outcome.network_fault {
        let what = if fault == NetworkFault::Drop { "connection closed" } else { "answer cut off" };
        return Err(js_sys::TypeError::new(&format!("sandbox: {what}")).into());
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(outcome.response.status);
    let response_headers = web_sys::Headers::new()?;
    for (name, value) in &outcome.response.headers {
        response_headers.append(name, value)?;
    }
    init.set_headers(&response_headers);
    let body = Uint8Array::from(outcome.response.body.as_slice());
    let response = web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init)?;
    let response: JsValue = response.into();
    Ok(Promise::resolve(&response))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

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

    #[test]
    fn the_demo_account_has_instances_and_snapshots_to_offer() {
        let resources = demo_resources(&seed::store());
        let in_hangzhou =
            |snapshot| resources.iter().filter(|r| r.snapshot == snapshot && r.region == "cn-hangzhou").count();
        assert_eq!((in_hangzhou(false), in_hangzhou(true)), (3, 3));
        assert!(resources.iter().any(|r| r.id == "s-hangzhou-broken1" && r.label.contains("broken")));
    }
}

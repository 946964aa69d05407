//! The sandbox connection. Its calls go to the emulator in a module worker (crates/sandbox, started
//! by web/sandbox.js when a form is first used, or on the first call), so the console loads without the emulator and works from a
//! static host. This side offers the demo account's instances and snapshots in the ID fields.

use ecsimg_emulator::accounts::demo_keys;
use ecsimg_emulator::seed;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// web/sandbox.js's `sandboxFetch`, which web/boot.js puts on `window.ecsimg`.
    #[wasm_bindgen(thread_local_v2, js_namespace = ecsimg, js_name = sandboxFetch)]
    static SANDBOX_FETCH: JsValue;

    /// Starts the sandbox's worker ahead of the first call (a no-op once it runs).
    #[wasm_bindgen(js_namespace = ecsimg, js_name = warmSandbox)]
    pub fn warm();
}

thread_local! {
    static DEMO_RESOURCES: Vec<DemoResource> = demo_resources();
}

/// A `fetch(url, init)` that answers from the sandbox's emulator.
pub fn fetch() -> JsValue {
    SANDBOX_FETCH.with(JsValue::clone)
}

/// An instance or snapshot of the `demo` account, offered in the ID fields while the connection
/// is the sandbox (no operation here lists them).
#[derive(Debug, Clone, PartialEq)]
struct DemoResource {
    snapshot: bool,
    region: String,
    id: String,
    label: String,
}

fn demo_resources() -> Vec<DemoResource> {
    let account = demo_keys().first().map_or(0, |k| k.account);
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

/// The sandbox's seeded instances (or snapshots) of the `demo` account in `region`: `(id, label)`.
pub fn demo_ids(region: &str, snapshots: bool) -> Vec<(String, String)> {
    DEMO_RESOURCES.with(|all| {
        all.iter()
            .filter(|r| r.snapshot == snapshots && r.region == region)
            .map(|r| (r.id.clone(), r.label.clone()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_account_has_instances_and_snapshots_to_offer() {
        let resources = demo_resources();
        let in_hangzhou =
            |snapshot| resources.iter().filter(|r| r.snapshot == snapshot && r.region == "cn-hangzhou").count();
        assert_eq!((in_hangzhou(false), in_hangzhou(true)), (3, 3));
        assert!(resources.iter().any(|r| r.id == "s-hangzhou-broken1" && r.label.contains("broken")));
    }
}

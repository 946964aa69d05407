//! The state as JSON, for `--state` and the sandbox's save in the browser: [`Store::to_json`]
//! writes it through the core's JSON writer, [`Store::from_json`] reads it back through the core's
//! parser. Both by hand: serde's derived code cost the sandbox's wasm about 80 KB to read and
//! 12 KB to write, one routine per type. The shape is the one serde's derives gave, so states saved
//! by earlier versions read as they did: a struct is an object of its fields under their own names,
//! a unit variant its name, a variant with data `{"Name": data}`, a map an object, a pair an array.

mod load;
mod save;

use super::{ExecutionStatus, Store};
use load::Load;
use save::Save;

impl Store {
    /// The state saved as `json`, or why it is not one.
    pub fn from_json(json: &str) -> Result<Store, String> {
        let value = ecsimg_core::json::parse_value(json).map_err(|e| e.message())?;
        Store::load(&value)
    }

    /// The whole state as JSON text (no credentials: the state holds none).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.save(&mut out);
        out
    }
}

/// Each execution status under the name its variant has in the saved state.
const EXECUTION_STATUSES: [(ExecutionStatus, &str); 10] = [
    (ExecutionStatus::Preparing, "Preparing"),
    (ExecutionStatus::Building, "Building"),
    (ExecutionStatus::Testing, "Testing"),
    (ExecutionStatus::Distributing, "Distributing"),
    (ExecutionStatus::Releasing, "Releasing"),
    (ExecutionStatus::Success, "Success"),
    (ExecutionStatus::Failed, "Failed"),
    (ExecutionStatus::TestFailed, "TestFailed"),
    (ExecutionStatus::Cancelling, "Cancelling"),
    (ExecutionStatus::Cancelled, "Cancelled"),
];

/// [`Save`] for structs saved as an object of their fields, each under its own name.
macro_rules! save_fields {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Save for super::$ty {
            fn save(&self, out: &mut String) {
                let mut object = ecsimg_core::json::write::Members::object(out);
                $(self.$field.save(object.key(stringify!($field)));)*
                object.close();
            }
        }
    )*};
}

/// [`Load`] and [`Save`] for structs saved as an object of their fields: one list of the fields,
/// the saved shape, serves both ways.
macro_rules! persist_fields {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Load for super::$ty {
            fn load(value: &serde_json::Value) -> load::Loaded<Self> {
                let f = load::Fields::of(value)?;
                Ok(super::$ty { $($field: f.get(stringify!($field))?),* })
            }
        }

        save_fields! { $ty { $($field),* } }
    )*};
}

persist_fields! {
    Span { start, end }
    Image { id, region, owner, status, progress, fails, origin, created, name, family, tags, shared_with, share_groups, community, attrs }
    Snapshot { id, region, owner, disk_type, size_gib, corrupt, source_image }
    Instance { id, region, zone, owner, image, instance_type, status, system_disk_gib }
    Bucket { name, region, owner, objects }
    Component { id, region, owner, name, version, tags, created, attrs }
    Pipeline { id, region, owner, name, tags, created, request, attrs }
    Execution { id, region, owner, pipeline, status, since, created, modified, image, tags, error_code, message }
    Task { id, region, owner, kind, image, span, bucket, object, done }
}

// Read by hand (load.rs): a replay saved before `at` existed, and the queue kept sorted.
save_fields! {
    Replay { fingerprint, body, at }
    Store { next_id, images, snapshots, instances, buckets, components, pipelines, executions, tasks, replays, due }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed;
    use crate::state::{Component, Image, Origin, Owner, Replay, Span};

    #[test]
    fn reads_back_what_the_state_saves() {
        let mut store = seed::demo_store(seed::SEEDED_AT);
        let image = store.images.values().next().cloned().unwrap();
        let origins = [
            Origin::Copied { source: "m-1".into() },
            Origin::Imported { task: "t-1".into() },
            Origin::Built { execution: "e-1".into() },
        ];
        for (n, origin) in origins.into_iter().enumerate() {
            let mut copy = Image { id: format!("m-x{n}"), origin, owner: Owner::Marketplace, ..image.clone() };
            copy.shared_with.add(42, 7);
            copy.share_groups.push("all".into());
            copy.progress = Some(Span { start: 1, end: 2 });
            store.insert_image(copy);
        }
        let attrs = serde_json::json!({"Description": "é \"x\"", "Size": 1.5, "Neg": -3}).as_object().cloned().unwrap();
        let component = Component {
            id: "ic-1".into(),
            region: "cn-hangzhou".into(),
            owner: 7,
            name: "agent".into(),
            version: "1.0.0".into(),
            tags: vec![("k".into(), "v".into())],
            created: 3,
            attrs,
        };
        store.components.insert("ic-1".into(), component);
        let body = serde_json::json!({"ImageId": "m-1", "List": [1, null, true]});
        store.replays.insert("7/CreateImage/t".into(), Replay { fingerprint: "A=1".into(), body, at: 9 });
        let saved = store.to_json();
        assert!(saved.contains(r#""origin":{"Copied":{"source":"m-1"}},"#));
        assert!(saved.contains(r#""shared_with":{"42":7},"share_groups":["all"],"#));
        assert_eq!(Store::from_json(&saved), Ok(store));
    }

    #[test]
    fn refuses_what_is_not_a_state() {
        let refused = |json: &str| Store::from_json(json).unwrap_err();
        assert!(refused("{\"images\": {").starts_with("EOF while parsing"));
        assert_eq!(refused("[]"), "expected an object");
        assert_eq!(refused("{\"next_id\": -1}"), "next_id: expected an unsigned integer");
        let image = serde_json::json!({"next_id": 1, "images": {"r/m": {"owner": "Nobody"}}});
        assert_eq!(refused(&image.to_string()), "images: r/m: id: expected a string");
    }
}

//! Reading a saved state: its JSON parsed as a `Value`, taken apart by hand.

use super::EXECUTION_STATUSES;
use crate::state::{Due, ExecutionStatus, ImageStatus, Origin, Owner, Replay, Shares, Store, Table, TaskKind};
use serde_json::{Map, Value};

pub type Loaded<T> = Result<T, String>;

/// A part of the state, read from its JSON.
pub trait Load: Sized {
    fn load(value: &Value) -> Loaded<Self>;
}

/// A struct's fields (serde's shape: an object by field name; a missing `Option` is `None`).
pub struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn of(value: &'a Value) -> Loaded<Fields<'a>> {
        value.as_object().map(Fields).ok_or_else(|| expected("an object"))
    }

    pub fn get<T: Load>(&self, name: &str) -> Loaded<T> {
        T::load(self.0.get(name).unwrap_or(&Value::Null)).map_err(|e| within(name, e))
    }
}

/// What is wrong with a field or an entry, where. (Not inlined: a formatting per call site of
/// every generic reader was several KB of the wasm.)
#[inline(never)]
fn within(place: &str, error: String) -> String {
    format!("{place}: {error}")
}

fn expected(what: &str) -> String {
    format!("expected {what}")
}

/// An enum's variant as serde writes it: `"Name"` without data, `{"Name": data}` with.
fn variant(value: &Value) -> Loaded<(&str, &Value)> {
    match value {
        Value::String(name) => Ok((name, &Value::Null)),
        Value::Object(map) if map.len() == 1 => Ok(map.iter().next().map(|(k, v)| (k.as_str(), v)).unwrap_or_default()),
        _ => Err(expected("an enum variant")),
    }
}

fn unknown<T>(name: &str) -> Loaded<T> {
    Err(format!("unknown variant `{name}`"))
}

impl Load for u64 {
    fn load(value: &Value) -> Loaded<u64> {
        value.as_u64().ok_or_else(|| expected("an unsigned integer"))
    }
}

impl Load for bool {
    fn load(value: &Value) -> Loaded<bool> {
        value.as_bool().ok_or_else(|| expected("a boolean"))
    }
}

impl Load for String {
    fn load(value: &Value) -> Loaded<String> {
        value.as_str().map(str::to_string).ok_or_else(|| expected("a string"))
    }
}

impl Load for Value {
    fn load(value: &Value) -> Loaded<Value> {
        Ok(value.clone())
    }
}

impl Load for Map<String, Value> {
    fn load(value: &Value) -> Loaded<Self> {
        value.as_object().cloned().ok_or_else(|| expected("an object"))
    }
}

impl<T: Load> Load for Option<T> {
    fn load(value: &Value) -> Loaded<Self> {
        if value.is_null() {
            return Ok(None);
        }
        T::load(value).map(Some)
    }
}

fn items(value: &Value) -> Loaded<&[Value]> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| expected("an array"))
}

impl<T: Load> Load for Vec<T> {
    fn load(value: &Value) -> Loaded<Self> {
        items(value)?.iter().map(T::load).collect()
    }
}

impl<A: Load, B: Load> Load for (A, B) {
    fn load(value: &Value) -> Loaded<Self> {
        match items(value)? {
            [a, b] => Ok((A::load(a)?, B::load(b)?)),
            _ => Err(expected("a pair")),
        }
    }
}

/// Reads each entry of a JSON object and hands it to `add`. (Maps are filled by `insert`, which
/// the emulator uses anyway: `collect` would bring a sort and a bulk build for each type.)
fn entries<T: Load>(value: &Value, mut add: impl FnMut(&String, T) -> Loaded<()>) -> Loaded<()> {
    for (key, value) in value.as_object().ok_or_else(|| expected("an object"))? {
        add(key, T::load(value).map_err(|e| within(key, e))?)?;
    }
    Ok(())
}

/// By account; serde wrote the account ID as its digits.
impl Load for Shares {
    fn load(value: &Value) -> Loaded<Self> {
        let mut shares = Shares::default();
        entries(value, |key, at| {
            shares.add(key.parse().map_err(|_| format!("{key}: not an account"))?, at);
            Ok(())
        })?;
        Ok(shares)
    }
}

impl<T: Load> Load for Table<T> {
    fn load(value: &Value) -> Loaded<Self> {
        let mut table = Table::default();
        entries(value, |key, row| {
            table.insert(key.clone(), row);
            Ok(())
        })?;
        Ok(table)
    }
}

impl Load for Owner {
    fn load(value: &Value) -> Loaded<Owner> {
        match variant(value)? {
            ("System", _) => Ok(Owner::System),
            ("Marketplace", _) => Ok(Owner::Marketplace),
            ("Account", id) => u64::load(id).map(Owner::Account),
            (other, _) => unknown(other),
        }
    }
}

impl Load for ImageStatus {
    fn load(value: &Value) -> Loaded<ImageStatus> {
        use ImageStatus::*;
        let (name, _) = variant(value)?;
        let all = [Waiting, Creating, Available, UnAvailable, CreateFailed, Deprecated];
        all.into_iter().find(|s| s.as_str() == name).map_or_else(|| unknown(name), Ok)
    }
}

impl Load for Origin {
    fn load(value: &Value) -> Loaded<Origin> {
        let (name, data) = variant(value)?;
        match name {
            "Created" => Ok(Origin::Created),
            "Copied" => Ok(Origin::Copied { source: Fields::of(data)?.get("source")? }),
            "Imported" => Ok(Origin::Imported { task: Fields::of(data)?.get("task")? }),
            "Built" => Ok(Origin::Built { execution: Fields::of(data)?.get("execution")? }),
            other => unknown(other),
        }
    }
}

impl Load for ExecutionStatus {
    fn load(value: &Value) -> Loaded<ExecutionStatus> {
        let (name, _) = variant(value)?;
        EXECUTION_STATUSES.iter().find(|(_, n)| *n == name).map_or_else(|| unknown(name), |(s, _)| Ok(*s))
    }
}

impl Load for TaskKind {
    fn load(value: &Value) -> Loaded<TaskKind> {
        match variant(value)?.0 {
            "Import" => Ok(TaskKind::Import),
            "Export" => Ok(TaskKind::Export),
            other => unknown(other),
        }
    }
}

impl Load for Due {
    fn load(value: &Value) -> Loaded<Due> {
        let (name, key) = variant(value)?;
        let kind = match name {
            "Image" => Due::Image,
            "Task" => Due::Task,
            "Execution" => Due::Execution,
            other => return unknown(other),
        };
        String::load(key).map(kind)
    }
}

impl Load for Replay {
    fn load(value: &Value) -> Loaded<Replay> {
        let f = Fields::of(value)?;
        // A record from a state file older than `at` reads as 0, long expired.
        let at: Option<u64> = f.get("at")?;
        Ok(Replay { fingerprint: f.get("fingerprint")?, body: f.get("body")?, at: at.unwrap_or_default() })
    }
}

impl Load for Store {
    fn load(value: &Value) -> Loaded<Store> {
        let f = Fields::of(value)?;
        let mut store = Store {
            next_id: f.get("next_id")?,
            images: f.get("images")?,
            snapshots: f.get("snapshots")?,
            instances: f.get("instances")?,
            buckets: f.get("buckets")?,
            components: f.get("components")?,
            pipelines: f.get("pipelines")?,
            executions: f.get("executions")?,
            tasks: f.get("tasks")?,
            replays: f.get("replays")?,
            due: Default::default(),
        };
        let due: Vec<(u64, Due)> = f.get("due")?;
        for (at, what) in due {
            store.schedule(at, what);
        }
        Ok(store)
    }
}

//! The connection remembered in this tab's sessionStorage, when the user asked for that
//! (`Connection::remember`); localStorage is never used.

use crate::model::Connection;

const STORAGE_KEY: &str = "ecsimg.connection";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The connection remembered in this tab, else the default one.
pub fn restore() -> Connection {
    let stored = session_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    match stored.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()) {
        Some(value) => Connection::from_stored(&value),
        None => Connection::default(),
    }
}

/// Writes or clears the sessionStorage copy, as `connection.remember` says.
pub fn persist(connection: &Connection) {
    let Some(storage) = session_storage() else { return };
    match connection.to_stored() {
        Some(value) => {
            let _ = storage.set_item(STORAGE_KEY, &value.to_string());
        }
        None => {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}

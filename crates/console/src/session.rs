//! The connection remembered in this tab's sessionStorage, when the user asked for that
//! (`Connection::set_remember`: STS credentials only, until their expiry); localStorage never
//! holds it (only the Images view's region IDs). A copy past its expiry (or not of STS
//! credentials) is deleted when the page loads.

use crate::model::Connection;

const STORAGE_KEY: &str = "ecsimg.connection";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Milliseconds since the epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The connection remembered in this tab, else the default one; an expired copy is deleted.
pub fn restore() -> Connection {
    let Some(storage) = session_storage() else { return Connection::default() };
    let Some(stored) = storage.get_item(STORAGE_KEY).ok().flatten() else { return Connection::default() };
    let connection = serde_json::from_str::<serde_json::Value>(&stored)
        .ok()
        .and_then(|value| Connection::from_stored(&value, now_ms()));
    match connection {
        Some(connection) => connection,
        None => {
            let _ = storage.remove_item(STORAGE_KEY);
            Connection::default()
        }
    }
}

/// Writes or clears the sessionStorage copy, as `connection.remember()` says.
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

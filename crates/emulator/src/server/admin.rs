//! The admin endpoint (`--admin` only), under a prefix no API call uses: `GET /_emulator/health`,
//! `GET /_emulator/faults` and `PUT /_emulator/faults` (a `FaultConfig` as JSON, camelCase).

use crate::faults::FaultConfig;
use crate::Emulator;
use serde_json::{json, Value};

/// Paths under it never reach the API: the API answers on `/` only.
pub const PREFIX: &str = "/_emulator/";

/// The status and JSON body for an admin request.
pub fn answer(emulator: &Emulator, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
    match (method, path.strip_prefix(PREFIX).unwrap_or(path)) {
        ("GET", "health") => (200, json!({"status": "ok"})),
        ("GET", "faults") => (200, json!(emulator.faults())),
        ("PUT", "faults") => match parse_faults(body) {
            Ok(faults) => {
                emulator.set_faults(faults.clone());
                (200, json!(faults))
            }
            Err(e) => (400, json!({"error": e})),
        },
        (_, "health" | "faults") => (405, json!({"error": format!("{method} is not allowed on {path}")})),
        _ => (404, json!({"error": format!("no admin resource {path}; try {PREFIX}health or {PREFIX}faults")})),
    }
}

fn parse_faults(body: &[u8]) -> Result<FaultConfig, String> {
    let faults: FaultConfig = serde_json::from_slice(body).map_err(|e| format!("not a fault configuration: {e}"))?;
    for rule in &faults.rules {
        let rates = [rule.throttling, rule.unavailable, rule.internal_error, rule.drop, rule.truncate];
        if rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
            return Err(format!("rule for {:?}: rates must be 0..1", rule.action));
        }
    }
    Ok(faults)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn reads_and_replaces_the_faults() {
        let emulator = Emulator::fresh(Config::default());
        assert_eq!(answer(&emulator, "GET", "/_emulator/health", b"").0, 200);
        let config = br#"{"rules": [{"action": "CreateImage", "drop": 1, "latencyMs": 5}]}"#;
        let (status, body) = answer(&emulator, "PUT", "/_emulator/faults", config);
        assert_eq!((status, &body["rules"][0]["latencyMs"]), (200, &json!(5)));
        assert_eq!(emulator.faults().rule("CreateImage").unwrap().drop, 1.0);
        assert_eq!(answer(&emulator, "GET", "/_emulator/faults", b"").1, body);
        assert_eq!(answer(&emulator, "PUT", "/_emulator/faults", br#"{"rules": [{"drop": 2}]}"#).0, 400);
        assert_eq!(answer(&emulator, "PUT", "/_emulator/faults", br#"{"rulez": []}"#).0, 400);
        assert_eq!(answer(&emulator, "DELETE", "/_emulator/faults", b"").0, 405);
        assert_eq!(answer(&emulator, "GET", "/_emulator/state", b"").0, 404);
    }
}

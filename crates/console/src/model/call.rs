//! One call made in this tab, as the result panel and the history show it.

use super::failure::Failure;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct CallRecord {
    pub id: u64,
    pub action: &'static str,
    pub request: Value,
    pub outcome: Result<Value, Failure>,
    /// When it was made (ms since the epoch) and how long it took.
    pub at: f64,
    pub duration_ms: f64,
    pub connection: String,
}

impl CallRecord {
    /// `OK`, or the failure in a word (`InvalidImageName.Duplicated`, `network`).
    pub fn status(&self) -> String {
        match &self.outcome {
            Ok(_) => "OK".to_string(),
            Err(failure) => failure.label(),
        }
    }

    /// `DescribeImages · Sandbox (in this page) · cn-hangzhou · V3 · 12 ms`.
    pub fn heading(&self) -> String {
        format!("{} · {} · {:.0} ms", self.action, self.connection, self.duration_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_and_heading() {
        let mut record = CallRecord {
            id: 1,
            action: "DescribeImages",
            request: json!({}),
            outcome: Ok(json!({})),
            at: 0.0,
            duration_ms: 12.4,
            connection: "Sandbox (in this page) · cn-hangzhou · V3".into(),
        };
        assert_eq!(record.status(), "OK");
        assert_eq!(record.heading(), "DescribeImages · Sandbox (in this page) · cn-hangzhou · V3 · 12 ms");
        record.outcome = Err(Failure { kind: "network".into(), ..Failure::default() });
        assert_eq!(record.status(), "network");
    }
}

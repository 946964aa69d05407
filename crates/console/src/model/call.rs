//! One call made in this tab, as the result panel and the history show it.

use super::explain::About;
use super::failure::Failure;
use super::outcome::success_line;
use super::subject::{acted_on, given_name, other_regions};
use ecsimg_core::catalogue::operation;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct CallRecord {
    /// Its place in the order of this tab's calls (1 for the first).
    pub id: u64,
    pub action: &'static str,
    pub request: Value,
    pub outcome: Result<Value, Failure>,
    /// When it was made (ms since the epoch) and how long it took.
    pub at: f64,
    pub duration_ms: f64,
    /// The connection it went through (`Sandbox (in this page) · V3`).
    pub connection: String,
    /// The region the request went to: its own `regionId`, else the connection's.
    pub region: String,
}

impl CallRecord {
    /// `OK`, or the failure in a word (`InvalidImageName.Duplicated`, `network`).
    pub fn status(&self) -> String {
        match &self.outcome {
            Ok(_) => "OK".to_string(),
            Err(failure) => failure.label(),
        }
    }

    /// `DescribeImages · cn-shanghai · Sandbox (in this page) · V3 · 12 ms`: the region is the one
    /// the request went to.
    pub fn heading(&self) -> String {
        format!("{} · {} · {} · {:.0} ms", self.action, self.region, self.connection, self.duration_ms)
    }

    /// The history's label: its number, the operation, what it was about (the name given, else the
    /// ID acted on), its regions and its outcome: `#3 CopyImage · m-1 · cn-hangzhou → cn-shanghai — OK`.
    pub fn label(&self) -> String {
        let mut parts = vec![self.action.to_string()];
        if let Some(op) = operation(self.action) {
            let key = given_name(op, &self.request).or_else(|| acted_on(op, &self.request).map(|t| t.id));
            parts.extend(key);
            let regions = std::iter::once(self.region.clone()).chain(other_regions(op, &self.request));
            parts.push(regions.collect::<Vec<_>>().join(" → "));
        }
        format!("#{} {} — {}", self.id, parts.join(" · "), self.status())
    }

    /// What the call did, in words, when it succeeded (`Image m-… created in cn-hangzhou`).
    pub fn outcome_line(&self) -> Option<String> {
        let answer = self.outcome.as_ref().ok()?;
        Some(success_line(operation(self.action)?, &self.request, answer, &self.region))
    }

    /// The client's note on a success that a retry found already done (a delete whose first
    /// attempt got no answer, then "not found").
    pub fn note(&self) -> Option<&str> {
        self.outcome.as_ref().ok()?.get("note")?.as_str()
    }

    /// What an explanation of its failure may name.
    pub fn about(&self) -> About {
        About {
            action: self.action.to_string(),
            region: self.region.clone(),
            thing: operation(self.action).and_then(|op| acted_on(op, &self.request)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(action: &'static str, request: Value, outcome: Result<Value, Failure>) -> CallRecord {
        CallRecord {
            id: 3,
            action,
            request,
            outcome,
            at: 0.0,
            duration_ms: 12.4,
            connection: "Sandbox (in this page) · V3".into(),
            region: "cn-shanghai".into(),
        }
    }

    #[test]
    fn status_and_heading() {
        let mut record = record("DescribeImages", json!({}), Ok(json!({})));
        assert_eq!(record.status(), "OK");
        assert_eq!(record.heading(), "DescribeImages · cn-shanghai · Sandbox (in this page) · V3 · 12 ms");
        record.outcome = Err(Failure { kind: "network".into(), ..Failure::default() });
        assert_eq!(record.status(), "network");
    }

    #[test]
    fn labels_name_the_call_its_subject_regions_and_outcome() {
        let create =
            record("CreateImage", json!({"instanceId": "i-1", "imageName": "web"}), Ok(json!({"imageId": "m-2"})));
        assert_eq!(create.label(), "#3 CreateImage · web · cn-shanghai — OK");
        let copy = record("CopyImage", json!({"imageId": "m-1", "destinationRegionId": "cn-beijing"}), Ok(json!({})));
        assert_eq!(copy.label(), "#3 CopyImage · m-1 · cn-shanghai → cn-beijing — OK");
        let refused = Failure { kind: "api".into(), code: Some("ImageUseShared".into()), ..Failure::default() };
        let delete = record("DeleteImage", json!({"imageId": "m-1"}), Err(refused));
        assert_eq!(delete.label(), "#3 DeleteImage · m-1 · cn-shanghai — ImageUseShared");
        assert_eq!(delete.outcome_line(), None);
        assert_eq!(delete.about().thing.map(|t| t.words()).as_deref(), Some("image m-1"));
        assert_eq!(record("DescribeImages", json!({}), Ok(json!({}))).label(), "#3 DescribeImages · cn-shanghai — OK");
    }

    #[test]
    fn the_outcome_in_words_and_the_clients_note() {
        let create = record("CreateImage", json!({"instanceId": "i-1"}), Ok(json!({"imageId": "m-2"})));
        assert_eq!(create.outcome_line().as_deref(), Some("Image m-2 created in cn-shanghai"));
        assert_eq!(create.note(), None);
        let retried =
            record("DeleteImage", json!({"imageId": "m-1"}), Ok(json!({"note": "DeleteImage: already done"})));
        assert_eq!(retried.note(), Some("DeleteImage: already done"));
    }
}

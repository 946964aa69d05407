//! How a kind of resource moves through its statuses (`lifecycles` in the catalogue), and the
//! waiters that poll one until it gets where the caller wants it (`waiters`).
//!
//! The npm client's waiters run on the TypeScript tables `ecsimg-codegen` writes from these; the
//! console reads them for its status badges. [`WaiterSpec::probe`] is what one poll concludes, the
//! same in both.

use super::{operation, Field, IdKind, Operation, Shape, LIFECYCLES};
use crate::wire::number::parse_f64;
#[cfg(feature = "values")]
use serde_json::Value;

/// The statuses of one kind of resource and how to look one up.
#[derive(Debug)]
pub struct Lifecycle {
    /// What it is the lifecycle of.
    pub kind: IdKind,
    /// The call that shows one (wire name): `DescribeImages`.
    pub describe: &'static str,
    /// What that call is given besides the ID (wire names and values): for images every status,
    /// as it otherwise shows only Available ones.
    pub request: &'static [(&'static str, &'static str)],
    /// The parameter of `describe` that takes the ID (wire name): `ImageId`.
    pub key: &'static str,
    /// The answer's list (wire name; `describe`'s paged items): `Images`.
    pub items: &'static str,
    /// The items' status field (wire name): `Status`.
    pub status: &'static str,
    /// Statuses where the work is done.
    pub done: &'static [&'static str],
    /// Statuses where it failed (and will not go on).
    pub failed: &'static [&'static str],
    /// Statuses where it is under way. A status in no list (one the service added since, or an
    /// ending no waiter waits for) is waited on like these.
    pub in_progress: &'static [&'static str],
    /// How far along it is.
    pub percent: Percent,
    #[cfg(feature = "docs")]
    pub doc: &'static str,
}

/// Where a lifecycle's percentage comes from (done is always 100).
#[derive(Debug, Clone, Copy)]
pub enum Percent {
    /// A field of the item (wire name) holding a percentage such as `"42%"`.
    Field(&'static str),
    /// A table by status; a status not in it is 0.
    ByStatus(&'static [(&'static str, u8)]),
}

/// What a waiter waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// A done status; failed ones end the wait with an error, and while the describe call finds
    /// nothing (the thing is not visible yet) it waits on.
    Done,
    /// The describe call finding nothing (a delete): whatever the status, it waits on.
    Gone,
}

/// Where a poll leaves a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Failed,
    Waiting,
}

/// A waiter: the npm client's `waitForImageAvailable` and its kin.
#[derive(Debug)]
pub struct WaiterSpec {
    /// The client's method (`waitForImageAvailable`).
    pub name: &'static str,
    /// The kind of thing it watches: its [`WaiterSpec::lifecycle`].
    pub kind: IdKind,
    pub until: Until,
    #[cfg(feature = "docs")]
    pub doc: &'static str,
}

/// What one poll saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The status, or [`NOT_FOUND`].
    pub status: String,
    /// 0 to 100.
    pub percent: u8,
    pub outcome: Outcome,
}

/// The status a wait reports while the describe call finds nothing.
pub const NOT_FOUND: &str = "NotFound";

impl IdKind {
    /// How things of this kind move through their statuses, when the catalogue says.
    pub fn lifecycle(self) -> Option<&'static Lifecycle> {
        LIFECYCLES.iter().find(|l| l.kind == self)
    }
}

impl Lifecycle {
    /// The describe call (checked by the build to exist).
    pub fn describe_op(&self) -> &'static Operation {
        operation(self.describe).expect("the build checks a lifecycle's describe call")
    }

    /// The parameter that takes the ID (`ImageId`, SDK name `imageId`).
    pub fn key_param(&self) -> &'static Field {
        self.describe_op().param(self.key).expect("the build checks a lifecycle's key")
    }

    /// The answer's list of items.
    pub fn items_field(&self) -> &'static Field {
        let op = self.describe_op();
        op.response.iter().find(|f| f.name() == self.items).expect("the build checks a lifecycle's items")
    }

    /// A field of the items, by wire name.
    pub fn item_field(&self, wire: &str) -> Option<&'static Field> {
        let Shape::List { item, .. } = self.items_field().shape() else { return None };
        let Shape::Struct(fields) = item.shape() else { return None };
        fields.iter().find(|f| f.name() == wire)
    }

    /// The items' status field (SDK name in `.field`).
    pub fn status_field(&self) -> &'static Field {
        self.item_field(self.status).expect("the build checks a lifecycle's status field")
    }

    /// Whether a status is done, failed, or still to wait on.
    pub fn outcome(&self, status: &str) -> Outcome {
        if self.done.contains(&status) {
            Outcome::Done
        } else if self.failed.contains(&status) {
            Outcome::Failed
        } else {
            Outcome::Waiting
        }
    }

    #[cfg(feature = "values")]
    /// The status of an item of the answer's flat view (SDK names).
    pub fn status_of<'a>(&self, item: &'a Value) -> Option<&'a str> {
        item.get(self.status_field().field()).and_then(Value::as_str)
    }

    #[cfg(feature = "values")]
    /// How far along an item of the answer's flat view is: 100 when done, else from the
    /// percentage field or the table by status, else 0.
    pub fn percent_of(&self, item: &Value) -> u8 {
        let status = self.status_of(item).unwrap_or_default();
        if self.outcome(status) == Outcome::Done {
            return 100;
        }
        match self.percent {
            Percent::Field(wire) => {
                let field = self.item_field(wire).map_or("", |f| f.field());
                item.get(field).and_then(Value::as_str).and_then(parse_percent).unwrap_or(0)
            }
            Percent::ByStatus(table) => table.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n),
        }
    }
}

/// `"42%"` → 42 (a fraction is cut, as `parseInt` does).
pub fn parse_percent(text: &str) -> Option<u8> {
    let number = text.trim().trim_end_matches('%').trim();
    parse_f64(number).map(|n| n.clamp(0.0, 100.0) as u8)
}

impl WaiterSpec {
    /// The lifecycle it follows (checked by the build to exist).
    pub fn lifecycle(&self) -> &'static Lifecycle {
        self.kind.lifecycle().expect("the build checks a waiter's lifecycle")
    }

    #[cfg(feature = "values")]
    /// What a poll concludes from the first item of the describe call's answer (flat view), or
    /// from its finding none.
    pub fn probe(&self, item: Option<&Value>) -> Probe {
        let lifecycle = self.lifecycle();
        let Some(item) = item else {
            let (percent, outcome) = match self.until {
                Until::Done => (0, Outcome::Waiting),
                Until::Gone => (100, Outcome::Done),
            };
            return Probe { status: NOT_FOUND.into(), percent, outcome };
        };
        let status = lifecycle.status_of(item).unwrap_or_default().to_string();
        match self.until {
            Until::Gone => Probe { status, percent: 0, outcome: Outcome::Waiting },
            Until::Done => Probe { percent: lifecycle.percent_of(item), outcome: lifecycle.outcome(&status), status },
        }
    }
}

/// A waiter by its name (`waitForImageAvailable`).
pub fn waiter(name: &str) -> Option<&'static WaiterSpec> {
    super::WAITERS.iter().find(|w| w.name == name)
}

/// Every waiter, with the operations it follows (from their `waiter`).
#[cfg(feature = "docs")]
pub fn waiters_after() -> impl Iterator<Item = (&'static WaiterSpec, Vec<&'static Operation>)> {
    super::WAITERS.iter().map(|w| {
        let after = super::OPERATIONS.iter().filter(|op| op.waiter.is_some_and(|r| r.name == w.name)).collect();
        (w, after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{waiter, WAITERS};
    use serde_json::json;

    #[test]
    fn every_id_kind_with_a_lifecycle_resolves_its_fields() {
        for l in LIFECYCLES {
            #[cfg(feature = "docs")]
            assert_eq!(l.key_param().id_kind(), Some(l.kind), "{}", l.describe);
            assert!(matches!(l.items_field().shape(), Shape::List { .. }));
            assert!(!l.status_field().field().is_empty());
            if let Percent::Field(wire) = l.percent {
                assert!(l.item_field(wire).is_some());
            }
        }
        for w in WAITERS {
            assert_eq!(w.lifecycle().kind, w.kind);
        }
    }

    #[test]
    fn images_wait_for_available_with_their_progress() {
        let w = waiter("waitForImageAvailable").unwrap();
        let l = w.lifecycle();
        assert_eq!(l.describe, "DescribeImages");
        assert_eq!(l.request, &[("Status", "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated")]);
        assert_eq!(
            (l.key_param().field(), l.items_field().field(), l.status_field().field()),
            ("imageId", "images", "status")
        );
        let probe = |v: Value| {
            let p = w.probe(Some(&v));
            (p.status, p.percent, p.outcome)
        };
        assert_eq!(probe(json!({"status": "Creating", "progress": "42%"})), ("Creating".into(), 42, Outcome::Waiting));
        assert_eq!(probe(json!({"status": "Available", "progress": "99%"})), ("Available".into(), 100, Outcome::Done));
        assert_eq!(probe(json!({"status": "Deprecated"})).2, Outcome::Done);
        assert_eq!(
            probe(json!({"status": "CreateFailed", "progress": "x"})),
            ("CreateFailed".into(), 0, Outcome::Failed)
        );
        assert_eq!(w.probe(None), Probe { status: NOT_FOUND.into(), percent: 0, outcome: Outcome::Waiting });
    }

    #[test]
    fn a_delete_waits_until_nothing_is_found() {
        let w = waiter("waitForImageDeleted").unwrap();
        assert_eq!(w.until, Until::Gone);
        assert_eq!(w.probe(None), Probe { status: NOT_FOUND.into(), percent: 100, outcome: Outcome::Done });
        let p = w.probe(Some(&json!({"status": "Available", "progress": "100%"})));
        assert_eq!((p.percent, p.outcome), (0, Outcome::Waiting));
    }

    #[test]
    fn executions_take_their_percent_from_the_status() {
        let w = waiter("waitForPipelineExecution").unwrap();
        let l = w.lifecycle();
        assert!(l.request.is_empty());
        let percent = |s: &str| w.probe(Some(&json!({ "status": s }))).percent;
        assert_eq!(
            [percent("PREPARING"), percent("BUILDING"), percent("RELEASING"), percent("SUCCESS")],
            [10, 30, 95, 100]
        );
        assert_eq!(percent("CANCELLING"), 100);
        assert_eq!(l.outcome("TEST_FAILED"), Outcome::Failed);
        assert_eq!(l.outcome("BUILDING"), Outcome::Waiting);
        assert!(l.in_progress.contains(&"BUILDING"));
    }

    #[test]
    fn percentages_parse_like_parse_int() {
        assert_eq!(parse_percent("42%"), Some(42));
        assert_eq!(parse_percent(" 42.9 % "), Some(42));
        assert_eq!(parse_percent("250"), Some(100));
        assert_eq!(parse_percent("x"), None);
    }
}

//! The sandbox's demo account: its instances and snapshots, which no operation here lists, offered
//! in the ID fields while the connection is the sandbox.

use ecsimg_core::catalogue::IdKind;

/// An instance or snapshot of the `demo` account.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoResource {
    pub kind: IdKind,
    pub region: String,
    pub id: String,
    pub label: String,
}

/// The demo account's IDs of a kind in `region`: `(id, label)`.
pub fn demo_ids(fleet: &[DemoResource], region: &str, kind: IdKind) -> Vec<(String, String)> {
    fleet.iter().filter(|r| r.kind == kind && r.region == region).map(|r| (r.id.clone(), r.label.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_one_kind_in_one_region() {
        let resource = |kind: IdKind, region: &str, id: &str| DemoResource {
            kind,
            region: region.into(),
            id: id.into(),
            label: format!("{id} label"),
        };
        let fleet = [
            resource(IdKind::Instance, "r1", "i-1"),
            resource(IdKind::Snapshot, "r1", "s-1"),
            resource(IdKind::Instance, "r2", "i-2"),
        ];
        assert_eq!(demo_ids(&fleet, "r1", IdKind::Instance), [("i-1".to_string(), "i-1 label".to_string())]);
        assert_eq!(demo_ids(&fleet, "r1", IdKind::Snapshot)[0].0, "s-1");
        assert!(demo_ids(&fleet, "r3", IdKind::Instance).is_empty());
    }
}

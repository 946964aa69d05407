//! The sandbox's demo account: its instances and snapshots, which no operation here lists, offered
//! in the ID fields while the connection is the sandbox.

/// An instance or snapshot of the `demo` account.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoResource {
    pub snapshot: bool,
    pub region: String,
    pub id: String,
    pub label: String,
}

/// The demo account's instances (or snapshots) in `region`: `(id, label)`.
pub fn demo_ids(fleet: &[DemoResource], region: &str, snapshots: bool) -> Vec<(String, String)> {
    fleet
        .iter()
        .filter(|r| r.snapshot == snapshots && r.region == region)
        .map(|r| (r.id.clone(), r.label.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instances_or_snapshots_of_one_region() {
        let resource = |snapshot: bool, region: &str, id: &str| DemoResource {
            snapshot,
            region: region.into(),
            id: id.into(),
            label: format!("{id} label"),
        };
        let fleet = [resource(false, "r1", "i-1"), resource(true, "r1", "s-1"), resource(false, "r2", "i-2")];
        assert_eq!(demo_ids(&fleet, "r1", false), [("i-1".to_string(), "i-1 label".to_string())]);
        assert_eq!(demo_ids(&fleet, "r1", true)[0].0, "s-1");
        assert!(demo_ids(&fleet, "r3", false).is_empty());
    }
}

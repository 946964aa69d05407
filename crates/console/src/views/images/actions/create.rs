//! Create an image in a region: from an instance (its disks snapshotted), from a system disk
//! snapshot, or from snapshots with data disks (the disks, each a snapshot and a device); the
//! image is followed in the tray until it is Available. The sandbox's demo instances and
//! snapshots are offered in the ID fields.

use super::Actions;
use crate::model::plan::Confirm;
use crate::views::dialog::DialogSpec;
use ecsimg_core::catalogue::operation;
use serde_json::json;

pub fn create(actions: Actions, region: String) -> DialogSpec {
    let op = operation("CreateImage").expect("the catalogue has CreateImage");
    DialogSpec {
        title: "Create image".into(),
        intro: "Give one source: an instance (its disks are snapshotted), a system disk snapshot, or snapshots with \
                data disks under Disks. The image is followed in the Tasks tray until it is Available."
            .into(),
        op,
        base: json!({}),
        initial: json!({ "regionId": region }),
        fields: vec!["regionId", "imageName", "instanceId", "snapshotId", "description", "imageFamily"],
        steps: Vec::new(),
        more: true,
        wording: vec![
            ("instanceId", "From instance"),
            ("snapshotId", "From system disk snapshot"),
            ("diskDeviceMapping", "Disks from snapshots (with data disks)"),
            ("platform", "Operating system"),
            ("detectionStrategy", "Check the image after it is made"),
        ],
        extra: None,
        targets: Vec::new(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: "Create image".into(),
        on_done: actions.done(op.name),
    }
}

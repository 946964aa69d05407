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
        fields: vec![
            ("regionId", "Region"),
            ("imageName", "Image name"),
            ("instanceId", "From instance"),
            ("snapshotId", "From system disk snapshot"),
            ("description", "Description"),
            ("imageFamily", "Image family"),
        ],
        steps: Vec::new(),
        more: Some(vec![
            ("diskDeviceMapping", "Disks from snapshots (with data disks)"),
            ("architecture", "Architecture"),
            ("platform", "Operating system"),
            ("bootMode", "Boot mode"),
            ("imageVersion", "Image version"),
            ("features", "Features"),
            ("detectionStrategy", "Check the image after it is made"),
            ("resourceGroupId", "Resource group"),
            ("tag", "Tags"),
        ]),
        extra: None,
        targets: Vec::new(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: "Create image".into(),
        on_done: actions.done(op.name),
    }
}

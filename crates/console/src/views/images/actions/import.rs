//! Import an image from a file in OSS, a step at a time: where the file is, what it is, what to
//! call it, then the call to review. The image is followed in the tray until it is Available.
//! ImportImage has no image family (the service sets one only through ModifyImageAttribute).

use super::Actions;
use crate::model::plan::Confirm;
use crate::views::dialog::{DialogSpec, Step};
use ecsimg_core::catalogue::operation;
use serde_json::json;

pub fn import(actions: Actions, region: String) -> DialogSpec {
    let op = operation("ImportImage").expect("the catalogue has ImportImage");
    DialogSpec {
        title: "Import image from OSS".into(),
        intro: "Make an image from an image file in one of your OSS buckets (ECS reads it with a RAM role of \
                yours). The image is followed in the Tasks tray until it is Available."
            .into(),
        op,
        base: json!({}),
        // The system disk's file: the row its fields are in.
        initial: json!({ "regionId": region, "diskDeviceMapping": [{}] }),
        fields: Vec::new(),
        steps: vec![
            Step {
                title: "Where the file is",
                fields: vec![
                    "regionId",
                    "diskDeviceMapping.0.OSSBucket",
                    "diskDeviceMapping.0.OSSObject",
                    "diskDeviceMapping.0.format",
                ],
            },
            Step { title: "What it is", fields: vec!["OSType", "platform", "architecture", "bootMode", "licenseType"] },
            Step { title: "Name and tags", fields: vec!["imageName", "description", "tag"] },
        ],
        more: true,
        // The file's fields are in the first disk's row: named as the file's, not as a row's.
        wording: vec![
            ("diskDeviceMapping.0.OSSBucket", "OSS bucket"),
            ("diskDeviceMapping.0.OSSObject", "Image file (object)"),
            ("diskDeviceMapping.0.format", "File format"),
            ("platform", "Operating system"),
            ("roleName", "RAM role that reads the bucket"),
            ("detectionStrategy", "Check the image after it is imported"),
        ],
        extra: None,
        targets: Vec::new(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: "Import image".into(),
        on_done: actions.done(op.name),
    }
}

//! The dialogs that change images in place: edit the attributes, deprecate and restore, publish
//! to and withdraw from the community, export to OSS, cancel a copy, delete.

use super::{naming, spec, Actions};
use crate::format::field_text;
use crate::model::image_actions::{delete_warning, ImageAction, ImageFacts};
use crate::model::plan::Confirm;
use crate::views::dialog::DialogSpec;
use leptos::prelude::*;
use serde_json::{json, Value};

/// Edit the name, description, family, boot mode, license and features (ModifyImageAttribute).
pub fn edit(actions: Actions, image: &ImageFacts) -> DialogSpec {
    let images = std::slice::from_ref(image);
    let intro = "Changes what the image is called and says about itself. The boot mode cannot change while instances \
                 use it; the metadata access mode can be raised to v2 but never lowered."
        .to_string();
    let mut initial = json!({ "imageName": image.name, "description": image.description, "imageFamily": image.family });
    // An empty value would be sent as one: leave out what the image does not have.
    if let Some(map) = initial.as_object_mut() {
        map.retain(|_, v| v.as_str().is_some_and(|t| !t.is_empty()));
    }
    DialogSpec {
        initial,
        fields: vec![
            "imageName",
            "description",
            "imageFamily",
            "bootMode",
            "licenseType",
            "features",
            "features.imdsSupport",
            "features.nvmeSupport",
        ],
        wording: vec![("features.imdsSupport", "Metadata access (IMDS)")],
        action: "Save changes".into(),
        ..spec(ImageAction::Edit, images, format!("Edit {}", naming(images)), intro, actions)
    }
}

/// The dialogs without fields of their own, on one image or several (a call each).
pub fn change(actions: Actions, action: ImageAction, images: &[ImageFacts]) -> DialogSpec {
    let named = naming(images);
    let base = spec(action, images, String::new(), String::new(), actions);
    match action {
        ImageAction::Deprecate => DialogSpec {
            title: format!("Deprecate {named}"),
            intro: status_doc(),
            base: json!({ "status": "Deprecated" }),
            ..base
        },
        ImageAction::Restore => DialogSpec {
            title: format!("Restore {named}"),
            intro: "Makes the image Available again: offered for new instances as before.".into(),
            base: json!({ "status": "Available" }),
            ..base
        },
        ImageAction::Publish => DialogSpec {
            title: format!("Publish {named} to the community"),
            intro: format!("{} Every Alibaba Cloud account can then find and use it.", is_public_doc()),
            base: json!({ "isPublic": true }),
            ..base
        },
        ImageAction::Unpublish => DialogSpec {
            title: format!("Withdraw {named} from the community"),
            intro: format!("{} Instances already made from it keep running.", is_public_doc()),
            base: json!({ "isPublic": false }),
            ..base
        },
        ImageAction::Export => export(actions, base, &named),
        ImageAction::CancelCopy => DialogSpec {
            title: format!("Cancel the copy {named}"),
            intro: "Stops copying the image into this region.".into(),
            warning: Some("The unfinished copy is deleted; the source image stays.".into()),
            ..base
        },
        _ => DialogSpec {
            title: format!("Delete {named}"),
            intro: "Deletes the images, each in its region (a call each).".into(),
            initial: json!({ "force": false }),
            fields: vec!["force"],
            wording: vec![("force", "Delete even if instances use it (Force)")],
            confirm: Confirm::destroying("delete", "images", &base.targets),
            warning: Some(delete_warning(images)),
            action: match images.len() {
                1 => "Delete image".into(),
                n => format!("Delete {n} images"),
            },
            ..base
        },
    }
}

/// Export to OSS: no waiter follows it (no describe call among the operations says how an export
/// goes), so the view says it started, with its task ID.
fn export(actions: Actions, base: DialogSpec, named: &str) -> DialogSpec {
    let refresh = base.on_done;
    DialogSpec {
        title: format!("Export {named} to OSS"),
        intro: "Writes the image as a file to an OSS bucket of the same region. The service works on it for a while; \
                nothing here can follow it, so look for the file in the bucket."
            .into(),
        fields: vec!["OSSBucket", "OSSPrefix", "imageFormat", "roleName"],
        wording: vec![("OSSPrefix", "Object name prefix"), ("imageFormat", "File format")],
        action: "Export image".into(),
        on_done: Callback::new(move |calls: Vec<(Value, Value)>| {
            let said = calls.iter().map(|(request, answer)| {
                format!("Export of {} started: task {}.", field_text(request, "imageId"), field_text(answer, "taskId"))
            });
            actions.note.set(Some(said.collect::<Vec<_>>().join(" ")));
            refresh.run(calls);
        }),
        ..base
    }
}

/// The catalogue's words on ModifyImageAttribute's `Status`.
fn status_doc() -> String {
    let doc = ImageAction::Deprecate.operation().param("Status").map_or("", |f| f.docs().text);
    format!("{doc} A deprecated image is no longer offered for new instances.")
}

/// The catalogue's words on ModifyImageSharePermission's `IsPublic`.
fn is_public_doc() -> String {
    ImageAction::Publish.operation().param("IsPublic").map_or("", |f| f.docs().text).to_string()
}

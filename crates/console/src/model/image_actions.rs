//! What a user can do to an image, and when: which actions apply to an image in which status and
//! ownership (the service refuses the others, so the console does not offer them), which of them
//! act on several images at once, the tray task that follows an image a call started, and the
//! regions an action changes (to refresh them).

use super::image_row::ImageRow;
use super::plan::Target;
use super::route::{Route, View};
use super::task::TaskSpec;
use crate::format::field_text;
use crate::results::waiter_for;
use ecsimg_core::catalogue::{operation, IdKind, Operation, Outcome};
use serde_json::Value;

/// The request field naming an image (SDK name).
pub const IMAGE: &str = "imageId";

/// An action on an existing image (creating and importing act on none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageAction {
    Edit,
    Copy,
    Distribute,
    CancelCopy,
    Share,
    Publish,
    Unpublish,
    Deprecate,
    Restore,
    Export,
    Delete,
}

impl ImageAction {
    /// In the order they are offered.
    pub const ALL: [ImageAction; 11] = [
        ImageAction::Edit,
        ImageAction::Copy,
        ImageAction::Distribute,
        ImageAction::CancelCopy,
        ImageAction::Share,
        ImageAction::Publish,
        ImageAction::Unpublish,
        ImageAction::Deprecate,
        ImageAction::Restore,
        ImageAction::Export,
        ImageAction::Delete,
    ];

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            ImageAction::Edit => "Edit",
            ImageAction::Copy => "Copy to regions",
            ImageAction::Distribute => "Distribute…",
            ImageAction::CancelCopy => "Cancel copy",
            ImageAction::Share => "Share",
            ImageAction::Publish => "Publish to community",
            ImageAction::Unpublish => "Withdraw from community",
            ImageAction::Deprecate => "Deprecate",
            ImageAction::Restore => "Restore",
            ImageAction::Export => "Export to OSS",
            ImageAction::Delete => "Delete",
        }
    }

    /// The operation each of its calls makes.
    pub fn operation(self) -> &'static Operation {
        let name = match self {
            ImageAction::Edit | ImageAction::Deprecate | ImageAction::Restore => "ModifyImageAttribute",
            // Distribute makes more (shares, the family), run by the npm package's workflow.
            ImageAction::Copy | ImageAction::Distribute => "CopyImage",
            ImageAction::CancelCopy => "CancelCopyImage",
            ImageAction::Share | ImageAction::Publish | ImageAction::Unpublish => "ModifyImageSharePermission",
            ImageAction::Export => "ExportImage",
            ImageAction::Delete => "DeleteImage",
        };
        operation(name).expect("the catalogue has the image operations")
    }

    /// Whether it acts on several images at once (a call each) from the selection's toolbar.
    pub fn bulk(self) -> bool {
        matches!(self, ImageAction::Deprecate | ImageAction::Restore | ImageAction::Delete)
    }

    /// Whether the service lets the account do it to `image` now: only to its own images, each
    /// in the statuses the operation accepts.
    pub fn applies(self, image: &ImageFacts) -> bool {
        let available = image.status == "Available";
        let settled = image.outcome() == Outcome::Done;
        image.own
            && match self {
                ImageAction::Edit => settled,
                ImageAction::Copy
                | ImageAction::Distribute
                | ImageAction::Share
                | ImageAction::Export
                | ImageAction::Deprecate => available,
                ImageAction::CancelCopy => image.copied && image.outcome() == Outcome::Waiting,
                ImageAction::Publish => available && !image.public,
                ImageAction::Unpublish => image.public,
                ImageAction::Restore => image.status == "Deprecated",
                ImageAction::Delete => image.outcome() != Outcome::Waiting,
            }
    }

    /// The actions offered for `images`: for one, every action that applies; for several, the
    /// bulk actions that apply to each.
    pub fn offered(images: &[ImageFacts]) -> Vec<ImageAction> {
        let fits = |a: &ImageAction| match images {
            [] => false,
            [one] => a.applies(one),
            many => a.bulk() && many.iter().all(|i| a.applies(i)),
        };
        ImageAction::ALL.into_iter().filter(fits).collect()
    }
}

/// What the actions need to know of an image, read from DescribeImages' answer (SDK names).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageFacts {
    pub id: String,
    pub name: String,
    pub region: String,
    pub status: String,
    pub family: String,
    pub description: String,
    /// The account's own image (`imageOwnerAlias` `self`).
    pub own: bool,
    /// Made by CopyImage (`isCopied`).
    pub copied: bool,
    /// Public: a community image of the account's, or a system image.
    pub public: bool,
    /// Instances run it (`usage` `instance`).
    pub in_use: bool,
}

impl ImageFacts {
    /// The facts of a row of the Images table: enough for the actions on a selection (whether it
    /// was copied or is public matters only to actions on one image, which its details offer).
    pub fn of_row(row: &ImageRow) -> ImageFacts {
        ImageFacts {
            id: row.id.clone(),
            name: row.name.clone(),
            region: row.region.clone(),
            status: row.status.clone(),
            family: row.family.clone(),
            description: row.description.clone(),
            own: row.owner == "self",
            copied: false,
            public: false,
            in_use: row.usage == "instance",
        }
    }

    /// The facts of `image`, one of DescribeImages' items in `region`.
    pub fn of(image: &Value, region: &str) -> ImageFacts {
        let flag = |key: &str| image.get(key).and_then(Value::as_bool).unwrap_or(false);
        ImageFacts {
            id: field_text(image, IMAGE),
            name: field_text(image, "imageName"),
            region: region.to_string(),
            status: field_text(image, "status"),
            family: field_text(image, "imageFamily"),
            description: field_text(image, "description"),
            own: field_text(image, "imageOwnerAlias") == "self",
            copied: flag("isCopied"),
            public: flag("isPublic"),
            in_use: field_text(image, "usage") == "instance",
        }
    }

    fn outcome(&self) -> Outcome {
        IdKind::Image.lifecycle().expect("the catalogue says how images move").outcome(&self.status)
    }

    /// The image as a dialog's target: `{regionId, imageId}`.
    pub fn target(&self) -> Target {
        Target::new(IMAGE, &self.id, &self.name, &self.region)
    }
}

/// What deleting `images` does to the instances that use them, from the catalogue's words on
/// `Force` and each image's `usage`.
pub fn delete_warning(images: &[ImageFacts]) -> String {
    let force = operation("DeleteImage").and_then(|op| op.param("Force")).map_or("", |f| f.docs().text);
    let used: Vec<&str> = images.iter().filter(|i| i.in_use).map(|i| i.id.as_str()).collect();
    let usage = match used.as_slice() {
        [] => "No instance uses them now.".to_string(),
        ids => format!("Instances use {}: without Force the service refuses to delete it.", ids.join(", ")),
    };
    format!(
        "Deleted images cannot be recovered; their snapshots stay. Force: {force} Instances already made from \
         a force-deleted image keep running but cannot re-initialize their system disk. {usage}"
    )
}

/// The tray task following the image a call made (CreateImage, ImportImage, CopyImage), from its
/// request and answer: the catalogue's waiter in the region the image is made in, and for a copy
/// CancelCopyImage there.
pub fn image_task(action: &str, request: &Value, answer: &Value) -> Option<TaskSpec> {
    let (waiter, target) = waiter_for(action, request, answer)?;
    let region = field_text(&target, "regionId");
    let id = field_text(&target, IMAGE);
    let label = match action {
        "CopyImage" => format!("Copy of {} to {region}", field_text(request, IMAGE)),
        _ => format!("Image {}", field_text(request, "imageName")).trim().to_string(),
    };
    let cancel = operation("CancelCopyImage").filter(|_| action == "CopyImage").map(|op| (op, target.clone()));
    Some(TaskSpec { label, route: Route::with(View::Images, &[&region, &id]), region, waiter, cancel, target })
}

/// The accounts DescribeImageSharePermission says the image is shared with (`accounts`, as the
/// client unwraps it, or still wrapped under `account`).
pub fn shared_accounts(answer: &Value) -> Vec<String> {
    let accounts = answer.get("accounts");
    let list = accounts.and_then(|a| a.as_array().or_else(|| a.get("account")?.as_array()));
    list.into_iter().flatten().map(|a| field_text(a, "aliyunId")).filter(|a| !a.is_empty()).collect()
}

/// The regions a dialog's calls changed (each call's, and a copy's destination), each once.
pub fn changed_regions(calls: &[(Value, Value)]) -> Vec<String> {
    let mut regions = Vec::new();
    for key in ["regionId", "destinationRegionId"] {
        for (request, _) in calls {
            let region = field_text(request, key);
            if !region.is_empty() && !regions.contains(&region) {
                regions.push(region);
            }
        }
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn image(status: &str, alias: &str) -> ImageFacts {
        let item = json!({"imageId": "m-1", "imageName": "web", "status": status, "imageOwnerAlias": alias,
            "isCopied": false, "isPublic": false, "usage": "none"});
        ImageFacts::of(&item, "cn-hangzhou")
    }

    #[test]
    fn facts_come_from_the_answer() {
        let item = json!({"imageId": "m-2", "imageName": "db", "status": "Creating", "imageOwnerAlias": "self",
            "isCopied": true, "isPublic": true, "usage": "instance"});
        let facts = ImageFacts::of(&item, "cn-shanghai");
        assert!(facts.own && facts.copied && facts.public && facts.in_use);
        assert_eq!(facts.target().request, json!({"regionId": "cn-shanghai", "imageId": "m-2"}));
        assert_eq!(facts.target().describe(), "db (m-2)");
    }

    #[test]
    fn an_available_image_of_ones_own_offers_what_the_service_allows() {
        use ImageAction::*;
        let offered = ImageAction::offered(&[image("Available", "self")]);
        assert_eq!(offered, [Edit, Copy, Distribute, Share, Publish, Deprecate, Export, Delete]);
        let deprecated = ImageAction::offered(&[image("Deprecated", "self")]);
        assert_eq!(deprecated, [Edit, Restore, Delete]);
        assert!(ImageAction::offered(&[image("Available", "system")]).is_empty(), "only one's own images");
        assert!(ImageAction::offered(&[image("Available", "others")]).is_empty());
        let mut copying = image("Creating", "self");
        assert!(ImageAction::offered(&[copying.clone()]).is_empty(), "nothing while it is made");
        copying.copied = true;
        assert_eq!(ImageAction::offered(&[copying]), [CancelCopy]);
        assert_eq!(ImageAction::offered(&[image("CreateFailed", "self")]), [Delete]);
        let mut public = image("Available", "self");
        public.public = true;
        assert!(ImageAction::offered(&[public.clone()]).contains(&Unpublish));
        assert!(!ImageAction::offered(&[public]).contains(&Publish));
    }

    #[test]
    fn several_images_offer_the_bulk_actions_every_one_allows() {
        use ImageAction::*;
        let both = [image("Available", "self"), image("Available", "self")];
        assert_eq!(ImageAction::offered(&both), [Deprecate, Delete]);
        let mixed = [image("Available", "self"), image("Deprecated", "self")];
        assert_eq!(ImageAction::offered(&mixed), [Delete]);
        assert!(ImageAction::offered(&[]).is_empty());
        assert_eq!(Delete.operation().name, "DeleteImage");
        assert_eq!(Restore.operation().name, "ModifyImageAttribute");
    }

    #[test]
    fn deleting_says_what_force_does_and_which_images_instances_use() {
        let mut used = image("Available", "self");
        used.in_use = true;
        let warning = delete_warning(&[used, image("Available", "self")]);
        assert!(warning.contains("Delete even if instances still use the image"), "{warning}");
        assert!(warning.contains("Instances use m-1"), "{warning}");
        assert!(delete_warning(&[image("Available", "self")]).contains("No instance uses them now."));
    }

    #[test]
    fn a_copy_is_followed_in_its_destination_and_cancelled_there() {
        let request = json!({"regionId": "cn-hangzhou", "imageId": "m-1", "destinationRegionId": "cn-shanghai"});
        let task = image_task("CopyImage", &request, &json!({"imageId": "m-9"})).unwrap();
        assert_eq!(task.label, "Copy of m-1 to cn-shanghai");
        assert_eq!((task.region.as_str(), task.waiter.name), ("cn-shanghai", "waitForImageCopied"));
        assert_eq!(task.target, json!({"regionId": "cn-shanghai", "imageId": "m-9"}));
        assert_eq!(task.route, Route::with(View::Images, &["cn-shanghai", "m-9"]));
        let (cancel, on) = task.cancel.unwrap();
        assert_eq!((cancel.name, on), ("CancelCopyImage", task.target));
        let made = json!({"regionId": "cn-hangzhou", "imageName": "web-2", "snapshotId": "s-1"});
        let task = image_task("CreateImage", &made, &json!({"imageId": "m-3"})).unwrap();
        assert_eq!((task.label.as_str(), task.waiter.name), ("Image web-2", "waitForImageAvailable"));
        assert!(task.cancel.is_none());
        assert!(image_task("ExportImage", &made, &json!({"taskId": "t-1"})).is_none(), "no waiter follows it");
    }

    #[test]
    fn the_accounts_an_image_is_shared_with() {
        let flat = json!({"accounts": [{"aliyunId": "1000000000000002", "sharedTime": "t"}]});
        assert_eq!(shared_accounts(&flat), ["1000000000000002"]);
        let wrapped = json!({"accounts": {"account": [{"aliyunId": "3"}]}});
        assert_eq!(shared_accounts(&wrapped), ["3"]);
        assert!(shared_accounts(&json!({})).is_empty());
    }

    #[test]
    fn the_regions_a_copy_changes_are_its_source_and_destinations() {
        let call = |to: &str| (json!({"regionId": "cn-hangzhou", "destinationRegionId": to}), json!({}));
        assert_eq!(
            changed_regions(&[call("cn-shanghai"), call("cn-beijing")]),
            ["cn-hangzhou", "cn-shanghai", "cn-beijing"]
        );
        assert_eq!(changed_regions(&[(json!({"regionId": "r"}), json!({}))]), ["r"]);
    }
}

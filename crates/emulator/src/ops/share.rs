//! ModifyImageSharePermission, ModifyImageShareGroupPermission and DescribeImageSharePermission:
//! who else may use a custom image (named accounts, the `all` group, or everyone as a community
//! image). The shared image then shows in the other accounts' DescribeImages as `others`.
//!
//! ModifyImageShareGroupPermission documents no errors of its own: it answers with the ones of
//! ModifyImageSharePermission, its documented twin. Unknown account IDs cannot be told from real
//! ones here (the emulator knows only its keys), so any numeric ID may be shared with.

use super::{iso, paging, Body, Call};
use crate::error::ServiceError;
use crate::state::{AccountId, Image, ImageStatus, Owner, Store};
use ecsimg_core::catalogue::operation;
use serde_json::{json, Value};

/// Accounts one image may be shared with.
pub const MAX_SHARED_ACCOUNTS: usize = 50;

pub fn modify(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default();
    let add = accounts(call, "addAccount")?;
    let remove = accounts(call, "removeAccount")?;
    if add.contains(&call.account) {
        return Err(share_error("InvalidAccount.Forbbiden"));
    }
    let publish = call.bool("isPublic");
    if publish == Some(true) && !(add.is_empty() && remove.is_empty()) {
        return Err(share_error("InvalidParameter.IsPublic"));
    }
    let image = own_image(store, call, id)?;
    if !add.is_empty() || publish == Some(true) {
        check_shareable(image)?;
    }
    let kept = image.shared_with.iter().filter(|(a, _)| !remove.contains(a));
    let total = kept.count() + add.iter().filter(|a| !image.shared_with.contains(**a)).count();
    if total > MAX_SHARED_ACCOUNTS {
        return Err(share_error("QuotaExceed.ShareImageUser"));
    }
    for account in remove {
        image.shared_with.remove(account);
    }
    for account in add {
        image.shared_with.add(account, call.now);
    }
    if let Some(publish) = publish {
        image.community = publish;
    }
    Ok(Body::new())
}

pub fn modify_groups(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default();
    let groups = |field| call.list(field).iter().filter_map(Value::as_str).map(str::to_string).collect::<Vec<_>>();
    let (add, remove) = (groups("addGroup"), groups("removeGroup"));
    let image = own_image(store, call, id)?;
    if !add.is_empty() {
        check_shareable(image)?;
    }
    image.share_groups.retain(|g| !remove.contains(g));
    for group in add {
        if let Err(place) = image.share_groups.binary_search(&group) {
            image.share_groups.insert(place, group);
        }
    }
    Ok(Body::new())
}

pub fn describe(store: &mut Store, call: &Call) -> Result<Body, ServiceError> {
    let id = call.str("imageId").unwrap_or_default();
    let image = store
        .image(&call.region, id)
        .filter(|i| i.owner == Owner::Account(call.account))
        .ok_or_else(|| call.error("InvalidImageId.NotFound").arg(id))?;
    // In the order they were shared.
    let shared = crate::order::sorted(image.shared_with.iter().collect(), |&(account, at)| (at, account, ""));
    let items: Vec<Value> =
        shared.iter().map(|(account, at)| json!({"AliyunId": account.to_string(), "SharedTime": iso(*at)})).collect();
    let groups: Vec<Value> = image.share_groups.iter().map(|g| json!({ "Group": g })).collect();
    let mut body = Body::new();
    body.insert("ImageId".into(), id.into());
    body.insert("RegionId".into(), call.region.clone().into());
    let page = paging::by_page_number(call, items, &mut body);
    body.insert("Accounts".into(), json!({ "Account": page }));
    body.insert("ShareGroups".into(), json!({ "ShareGroup": groups }));
    Ok(body)
}

/// An error of ModifyImageSharePermission's documented table.
fn share_error(code: &str) -> ServiceError {
    ServiceError::documented(operation("ModifyImageSharePermission"), code)
}

/// The account IDs of `AddAccount`/`RemoveAccount`; a non-numeric one does not exist.
fn accounts(call: &Call, field: &str) -> Result<Vec<AccountId>, ServiceError> {
    call.list(field)
        .iter()
        .filter_map(Value::as_str)
        .map(|a| a.trim().parse().map_err(|_| share_error("InvalidAccount.NotFound").arg(a)))
        .collect()
}

/// The caller's own custom image in the call's region; public images are refused as such.
fn own_image<'s>(store: &'s mut Store, call: &Call, id: &str) -> Result<&'s mut Image, ServiceError> {
    match store.image_mut(&call.region, id) {
        Some(image) if image.owner == Owner::System => Err(share_error("Image.Public")),
        Some(image) if image.owner == Owner::Account(call.account) => Ok(image),
        _ => Err(share_error("InvalidImageId.NotFound")),
    }
}

/// Only an `Available` image may be given to others (withdrawing is always possible).
fn check_shareable(image: &Image) -> Result<(), ServiceError> {
    match image.status {
        ImageStatus::Available => Ok(()),
        ImageStatus::Deprecated => Err(share_error("OperationDenied.InvalidImageStatus")),
        _ => Err(share_error("IncorrectImageStatus")),
    }
}

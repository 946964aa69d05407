//! The errors a user meets most, explained: what happened in plain words and what to do next,
//! beside the service's code and message (which stay, for developers). One table keyed by the
//! service's error codes (every one of them documented: the catalogue's error tables, or the API
//! gateway's common codes), one for failures the client reports without a code, and what to do
//! when the client could not tell whether a change was carried out (`outcomeUnknown`).

use super::failure::Failure;
use super::region::closest_known;
use super::subject::{capitalised, is_thing, noun, Thing};
use ecsimg_core::catalogue::{operation, OperationKind};

/// What happened, in plain words, and the next step.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub plain: String,
    pub next: String,
}

/// What an explanation may name of the call: its operation, the region it went to, and the thing
/// it acted on.
#[derive(Debug, Clone, PartialEq)]
pub struct About {
    pub action: String,
    pub region: String,
    pub thing: Option<Thing>,
}

/// One row: the codes it explains and its two sentences. In them `{thing}` is the thing the call
/// acted on (`image m-…`, else `it`; `{Thing}` at the start of a sentence), `{region}` the region
/// the call went to, `{action}` the operation, `{did_you_mean}` a known region close to it.
struct Row {
    codes: &'static [&'static str],
    plain: &'static str,
    next: &'static str,
}

const BY_CODE: &[Row] = &[
    Row {
        codes: &[
            "InvalidImageId.NotFound",
            "ImageId.NotFound",
            "InvalidInstanceId.NotFound",
            "InvalidSnapshotId.NotFound",
            "InvalidImageComponent.NotFound",
            "ImageComponent.NotFound",
            "InvalidImagePipeline.NotFound",
            "InvalidImagePipelineExecution.NotFound",
            "InvalidImagePipelineExecutionId.NotFound",
        ],
        plain: "{Thing} was not found in {region}. An ID belongs to one region: it may exist in another region, or it was deleted.",
        next: "Check the region of the form (this call went to {region}). If {thing} was made in another region, choose that region and call again.",
    },
    Row {
        codes: &["ImageUsingByInstance", "OperationDeined.ImageUsingByInstance"],
        plain: "Instances were created from {thing}, and the service keeps an image that instances use.",
        next: "Release those instances first, or delete with force = true: the instances keep running, but can no longer re-initialise their system disk from this image.",
    },
    Row {
        codes: &["ImageUseShared"],
        plain: "{Thing} is shared with other accounts, so it is not deleted while they may be using it.",
        next: "Stop sharing it first (ModifyImageSharePermission with removeAccount; DescribeImageSharePermission lists the accounts), or delete with force = true, which ends the sharing too.",
    },
    Row {
        codes: &["OperationDenied.ImageCopying", "OperationDenied.ImageCopyConflict"],
        plain: "{Thing} is being copied, and this cannot be done while a copy is under way.",
        next: "Wait until the copy is done (\"Wait until done\" on the copy, or DescribeImages in its destination region), or cancel it with CancelCopyImage there.",
    },
    Row {
        codes: &["ImageIsImporting"],
        plain: "{Thing} is still being imported from OSS.",
        next: "Wait until its import is done and the image is Available (DescribeImages shows it), then try again.",
    },
    Row {
        codes: &["ImageIsExporting", "OperationDenied.ImageExporting"],
        plain: "{Thing} is being exported to OSS, and this cannot be done during an export.",
        next: "Wait until the export task is done, then try again.",
    },
    Row {
        codes: &["ImageIsCreating", "InvalidStatus.ImageIsCreating", "IncorrectImageStatus", "ImageStatus.NotAvailable"],
        plain: "{Thing} is not Available: it is still being made, or it failed.",
        next: "Wait until DescribeImages in {region} shows it Available (\"Wait until done\" follows it), then try again.",
    },
    Row {
        codes: &["Throttling", "Throttling.User"],
        plain: "The service is limiting how fast this account may call it; the console already tried again a few times.",
        next: "Wait a few seconds and call again; load fewer pages at a time.",
    },
    Row {
        codes: &["SignatureDoesNotMatch", "IncompleteSignature"],
        plain: "The service signed the request differently: the AccessKey secret is most likely not the one of this AccessKey ID.",
        next: "Type the AccessKey secret again in the connection panel. The two strings to sign are below, for comparison.",
    },
    Row {
        codes: &["InvalidSecurityToken.Expired"],
        plain: "The STS token has expired: temporary credentials work only until their expiry.",
        next: "Get new STS credentials (AssumeRole) and enter the key, secret and token in the connection panel.",
    },
    Row {
        codes: &["InvalidSecurityToken.MismatchWithAccessKey", "MissingSecurityToken"],
        plain: "The STS token does not go with this AccessKey ID (or a key that needs one was given without it).",
        next: "Enter the AccessKey ID, secret and token that AssumeRole returned together.",
    },
    Row {
        codes: &["InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive"],
        plain: "The service does not accept this AccessKey ID: it does not exist or is disabled.",
        next: "Check the AccessKey ID in the connection panel, or enable the key in the RAM console.",
    },
    Row {
        codes: &["InvalidTimeStamp.Expired"],
        plain: "The request's time is too far from the service's: this computer's clock is off.",
        next: "Set this computer's clock right (automatic time), then call again.",
    },
    Row {
        codes: &["InvalidRegionId.NotFound", "InvalidRegionId.MalFormed", "RegionId.NotFound", "DestinationRegion.NotFound"],
        plain: "The service has no region {region} (or not for this operation).",
        next: "Choose a region from the list{did_you_mean}.",
    },
    Row {
        codes: &[
            "QuotaExceed.Image",
            "QuotaExceed.ShareImage",
            "QuotaExceed.ShareImageUser",
            "QuotaExceed.Snapshot",
            "QuotaExceed.ImageComponent",
            "QuotaExceed.ImagePipeline",
            "ImageFamilyQuotaExceed",
            "ImageQuotaExceed.ImageFamily",
            "ImageQuotaFull.ImageFamily",
            "ImageFamilyQuotaFull",
            "ConcurrentQuotaExceed.ExportImage",
            "WeeklyQuotaExceed.ExportImage",
        ],
        plain: "The account has reached a quota in {region}: the service makes no more of these for now.",
        next: "Delete what you no longer need (or wait for running exports to finish), or ask for a higher quota in the Quota Center.",
    },
    Row {
        codes: &["InvalidImageName.Duplicated"],
        plain: "The account already has an image with this name in {region}.",
        next: "Choose another name.",
    },
    Row {
        codes: &["Forbidden", "Forbbiden", "InvalidUser.Unauthorized", "NoPermission"],
        plain: "This account (or RAM user) is not allowed to call {action} on {thing}.",
        next: "Ask the account's administrator for a RAM policy that allows ecs:{action}.",
    },
];

/// Failures the client reports without a code, by its `kind`.
const BY_KIND: &[Row] = &[
    Row {
        codes: &["network"],
        plain: "No answer came back: the connection to the service failed.",
        next: "Check the network (or the proxy) and call again.",
    },
    Row {
        codes: &["timeout"],
        plain: "No answer came back in time.",
        next: "Call again; if it keeps happening, the service or the network is slow.",
    },
];

/// The plain explanation of `failure` of the call `about`, if the tables have one. A change whose
/// outcome is unknown is explained as such, whatever its code.
pub fn explain(failure: &Failure, about: &About) -> Option<Explanation> {
    if failure.outcome_unknown {
        return Some(outcome_unknown(about));
    }
    let row = match &failure.code {
        Some(code) => BY_CODE.iter().find(|row| row.codes.contains(&code.as_str())),
        None => BY_KIND.iter().find(|row| row.codes.contains(&failure.kind.as_str())),
    }?;
    Some(Explanation { plain: fill(row.plain, about), next: fill(row.next, about) })
}

/// A change whose answer was lost, which the client did not send again (sending it twice could do
/// it twice): what it may have done, and where to look before trying again.
fn outcome_unknown(about: &About) -> Explanation {
    Explanation {
        plain: format!(
            "The service may or may not have carried out {}: its answer was lost on the way, and the console did not \
             send it again, since sending it twice could do it twice.",
            about.action
        ),
        next: where_to_look(about),
    }
}

/// Where the effect of a change would show, by what the operation does.
fn where_to_look(about: &About) -> String {
    let op = operation(&about.action);
    let thing = about.thing.as_ref().map(Thing::words).unwrap_or_else(|| "what it acts on".to_string());
    let region = &about.region;
    let made = op.and_then(|op| op.response.iter().find_map(|f| f.id_kind().filter(|k| is_thing(*k))));
    match (op.map(|op| op.kind), made) {
        (Some(OperationKind::Create), Some(kind)) => format!(
            "Look for the {} it would have started or made (for {thing}, in {region}) before trying again.",
            noun(kind)
        ),
        (Some(OperationKind::Delete), _) => {
            format!("Look for {thing} in {region}: if it is gone, the delete went through.")
        }
        _ => format!("Look at {thing} in {region} to see whether the change is there before trying again."),
    }
}

fn fill(text: &str, about: &About) -> String {
    let thing = about.thing.as_ref().map(Thing::words).unwrap_or_else(|| "it".to_string());
    let did_you_mean = closest_known(&about.region)
        .filter(|known| *known != about.region)
        .map(|known| format!(": did you mean {known}?"))
        .unwrap_or_default();
    let filled = text
        .replace("{Thing}", &capitalised(&thing))
        .replace("{thing}", &thing)
        .replace("{region}", &about.region)
        .replace("{action}", &about.action)
        .replace("{did_you_mean}", &did_you_mean);
    // "…from the list: did you mean cn-hangzhou?." reads as one question.
    filled.replace("?.", "?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::{IdKind, OPERATIONS};
    use std::collections::HashSet;

    /// The API gateway's common codes, which no operation's table lists (the emulator answers them
    /// from its own table of them).
    const GATEWAY_CODES: &[&str] = &[
        "Throttling",
        "Throttling.User",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "InvalidSecurityToken.Expired",
        "InvalidSecurityToken.MismatchWithAccessKey",
        "MissingSecurityToken",
        "InvalidAccessKeyId.NotFound",
        "InvalidAccessKeyId.Inactive",
        "InvalidTimeStamp.Expired",
        "InvalidRegionId.NotFound",
    ];

    fn about(action: &str, region: &str, image: Option<&str>) -> About {
        About {
            action: action.into(),
            region: region.into(),
            thing: image.map(|id| Thing { kind: IdKind::Image, id: id.into() }),
        }
    }

    fn api(code: &str) -> Failure {
        Failure { kind: "api".into(), code: Some(code.into()), ..Failure::default() }
    }

    #[test]
    fn every_code_is_one_the_service_documents() {
        let documented: HashSet<&str> = OPERATIONS.iter().flat_map(|op| op.errors().map(|e| e.code)).collect();
        let mut seen = HashSet::new();
        for code in BY_CODE.iter().flat_map(|row| row.codes.iter()) {
            assert!(documented.contains(code) || GATEWAY_CODES.contains(code), "{code} is not a documented code");
            assert!(seen.insert(code), "{code} twice");
        }
    }

    #[test]
    fn a_wrong_region_not_found_names_the_region_the_call_went_to() {
        let said =
            explain(&api("InvalidImageId.NotFound"), &about("ModifyImageSharePermission", "cn-shanghai", Some("m-1")))
                .unwrap();
        assert_eq!(
            said.plain,
            "Image m-1 was not found in cn-shanghai. An ID belongs to one region: it may exist in another region, or it was deleted."
        );
        assert!(said.next.contains("this call went to cn-shanghai"), "{}", said.next);
    }

    #[test]
    fn a_shared_image_says_how_to_stop_sharing() {
        let said = explain(&api("ImageUseShared"), &about("DeleteImage", "cn-hangzhou", Some("m-1"))).unwrap();
        assert_eq!(
            said.plain,
            "Image m-1 is shared with other accounts, so it is not deleted while they may be using it."
        );
        assert!(said.next.starts_with("Stop sharing it first"), "{}", said.next);
        assert!(!said.plain.contains("DescribeImageSharePermission API"));
    }

    #[test]
    fn the_most_met_errors_are_explained() {
        let common = [
            "InvalidImageId.NotFound",
            "ImageUsingByInstance",
            "ImageUseShared",
            "OperationDenied.ImageCopying",
            "ImageIsImporting",
            "ImageIsExporting",
            "Throttling",
            "SignatureDoesNotMatch",
            "InvalidSecurityToken.Expired",
            "InvalidRegionId.NotFound",
            "QuotaExceed.Image",
        ];
        for code in common {
            let said = explain(&api(code), &about("DeleteImage", "cn-hangzhou", Some("m-1"))).expect(code);
            assert!(!said.plain.is_empty() && !said.next.is_empty() && !said.plain.contains('{'), "{code}: {said:?}");
        }
        assert_eq!(explain(&api("Something.New"), &about("DeleteImage", "r", None)), None);
        let offline = Failure { kind: "network".into(), ..Failure::default() };
        assert!(explain(&offline, &about("DescribeImages", "r", None)).is_some());
    }

    #[test]
    fn an_unknown_region_gets_did_you_mean() {
        let said = explain(&api("InvalidRegionId.NotFound"), &about("DescribeImages", "hangzhou", None)).unwrap();
        assert_eq!(said.plain, "The service has no region hangzhou (or not for this operation).");
        assert_eq!(said.next, "Choose a region from the list: did you mean cn-hangzhou?");
    }

    #[test]
    fn an_unknown_outcome_says_where_to_look() {
        let lost = Failure { kind: "network".into(), outcome_unknown: true, ..Failure::default() };
        let said = explain(&lost, &about("ExportImage", "cn-hangzhou", Some("m-1"))).unwrap();
        assert!(said.plain.starts_with("The service may or may not have carried out ExportImage"), "{}", said.plain);
        assert_eq!(
            said.next,
            "Look for the import or export task it would have started or made (for image m-1, in cn-hangzhou) before trying again."
        );
        let delete = explain(&lost, &about("DeleteImage", "cn-hangzhou", Some("m-1"))).unwrap();
        assert_eq!(delete.next, "Look for image m-1 in cn-hangzhou: if it is gone, the delete went through.");
    }
}

//! The service's answer to a request that breaks a documented rule of the catalogue: the operation's
//! own code for that parameter where it documents one, else the gateway's generic ones.

use crate::error::ServiceError;
use ecsimg_core::catalogue::Operation;
use ecsimg_core::validate::{Path, Problem, ProblemKind, Segment, Spelling, Violation};

/// The service's answer to a request that breaks a documented rule: the operation's specific code
/// when it documents one for that parameter (`InvalidImageName.Malformed`, `InvalidTagKey.Malformed`,
/// `MissingParameter.ImageFamily`), else the generic `MissingParameter` / `InvalidParameter` with
/// what exactly is wrong.
pub fn from_violation(op: &Operation, violation: &Violation) -> ServiceError {
    let wire = violation.path.render(Spelling::Wire);
    let names = field_names(&violation.path);
    let joined: String = names.concat();
    // `DestinationImageName` is documented under the codes of `ImageName`.
    let last = names.last().map(|n| n.trim_start_matches("Destination").to_string()).unwrap_or_default();
    let reason = violation.message(op.name, Spelling::Wire);
    let specific = |candidates: &[String]| candidates.iter().find_map(|c| ServiceError::find(Some(op), c));
    // Any documented `Invalid<Name>.<Reason>` of the parameter (`InvalidEncrypted.NotMatchKmsKeyId`).
    let family = || {
        let prefix = format!("Invalid{last}.");
        op.errors().find(|e| e.code.starts_with(&prefix)).and_then(|e| ServiceError::find(Some(op), e.code))
    };
    let invalid = || {
        ServiceError::new(400, "InvalidParameter", format!("The specified parameter \"{wire}\" is not valid: {reason}"))
    };
    match (&violation.problem, violation.problem.kind()) {
        (Problem::Conflict { .. }, _) if names.iter().any(|n| n == "OwnerId" || n == "OwnerAccount") => {
            ServiceError::documented(Some(op), "InvalidOwner")
        }
        (Problem::MissingOneOf { .. }, _) => specific(&["MissingParameter".into()])
            .filter(|e| e.message.contains(" or "))
            .unwrap_or_else(|| ServiceError::new(400, "MissingParameter", reason.clone())),
        (_, ProblemKind::Required) => {
            let candidates =
                [format!("MissingParameter.{joined}"), format!("MissingParameter.{last}"), format!("Missing{last}")];
            // Else the operation's own words for this parameter, where it documents them (ExportImage:
            // `An input parameter "OSSBucket" that is mandatory ...`; DescribeAvailableResource
            // answers `Invalid.Param`).
            let quoted = [format!("\"{wire}\""), format!("\"{wire} \""), format!(" {wire} ")];
            let documented = || {
                op.errors()
                    .find(|e| e.message.contains("mandatory") && quoted.iter().any(|q| e.message.contains(q.as_str())))
                    .map(|e| ServiceError::new(e.status, e.code, e.message))
            };
            specific(&candidates).or_else(documented).unwrap_or_else(|| ServiceError::missing(&wire))
        }
        (Problem::Duplicate { .. }, _) => {
            let candidates =
                [format!("Invalid{last}.InUse"), format!("Duplicate.{joined}"), format!("Duplicate.{last}")];
            specific(&candidates).unwrap_or_else(invalid)
        }
        (Problem::Restricted { .. }, _) => {
            // A value this combination of parameters does not support (arm64 with BootMode=BIOS).
            let candidates = [format!("Invalid{last}.NotSupport"), format!("Invalid{last}.ValueNotSupported")];
            specific(&candidates).or_else(family).unwrap_or_else(invalid)
        }
        _ => {
            let candidates = [
                format!("Invalid{joined}.Malformed"),
                format!("Invalid{last}.Malformed"),
                format!("Invalid{last}.ValueNotSupported"),
                format!("InvalidParameter.{joined}"),
                format!("InvalidParameter.{last}"),
            ];
            specific(&candidates).or_else(family).unwrap_or_else(invalid)
        }
    }
}

/// The wire names along a path, list positions left out (`Tag.1.Key` → `Tag`, `Key`).
fn field_names(path: &Path) -> Vec<String> {
    path.0
        .iter()
        .filter_map(|s| match s {
            Segment::Field(f) => Some(f.name().to_string()),
            Segment::Unknown(name) => Some(name.clone()),
            Segment::Index(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::operation;
    use ecsimg_core::wire::parse;

    fn first_error(action: &str, pairs: &[(&str, &str)]) -> ServiceError {
        let op = operation(action).unwrap();
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        from_violation(op, &parse(op, &pairs).unwrap_err()[0])
    }

    #[test]
    fn uses_the_operations_documented_codes() {
        let e = first_error("CreateImage", &[("RegionId", "cn-hangzhou"), ("InstanceId", "i-1"), ("ImageName", "1x")]);
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidImageName.Malformed"));
        let e = first_error(
            "CreateImage",
            &[("RegionId", "cn-hangzhou"), ("InstanceId", "i-1"), ("Tag.1.Key", "aliyun-x")],
        );
        assert_eq!(e.code, "InvalidTagKey.Malformed");
        let e = first_error("CreateImage", &[("RegionId", "cn-hangzhou")]);
        assert_eq!(e.code, "MissingParameter");
        assert!(e.message.contains("SnapshotId or InstanceId or DiskDeviceMapping"), "{}", e.message);
        // A missing parameter in the operation's own words, code included.
        let e = first_error("DescribeAvailableResource", &[("RegionId", "cn-hangzhou")]);
        assert_eq!((e.status, e.code.as_str()), (400, "Invalid.Param"));
        assert_eq!(
            e.message,
            "The input parameter DestinationResource that is mandatory for processing this request is not supplied."
        );
        let e = first_error("ExportImage", &[("RegionId", "cn-hangzhou"), ("ImageId", "m-1")]);
        assert_eq!(e.code, "MissingParameter");
        assert_eq!(
            e.message,
            "An input parameter \"OSSBucket\" that is mandatory for processing the request is not supplied."
        );
    }

    #[test]
    fn falls_back_to_generic_codes_with_the_reason() {
        let e = first_error("DescribeImages", &[("RegionId", "cn-hangzhou"), ("PageSize", "500")]);
        assert_eq!(e.code, "InvalidParameter");
        assert!(e.message.contains("PageSize: must be between 1 and 100, got 500"), "{}", e.message);
        let e = first_error("DeleteImage", &[("RegionId", "cn-hangzhou")]);
        assert_eq!(e.code, "MissingParameter");
        assert_eq!(
            e.message,
            "The input parameter \"ImageId\" that is mandatory for processing this request is not supplied."
        );
        let e = first_error(
            "DeleteImage",
            &[("RegionId", "cn-hangzhou"), ("ImageId", "m-1"), ("OwnerId", "1"), ("OwnerAccount", "a")],
        );
        assert_eq!(e.code, "InvalidOwner");
    }
}

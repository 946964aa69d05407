//! Error answers with the service's codes, HTTP statuses and messages.

use ecsimg_core::catalogue::Operation;
use ecsimg_core::validate::{Path, Problem, ProblemKind, Segment, Spelling, Violation};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

/// Errors of the API gateway and the ECS-wide table, as the service sends them.
const GATEWAY: &[(u16, &str, &str)] = &[
    (400, "IdempotentParameterMismatch", "The request is retried with updated parameters."),
    (400, "IncompleteSignature", "The request signature does not conform to Aliyun standards."),
    (404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    (400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."),
    (400, "InvalidOwner", "OwnerId and OwnerAccount can't be used at one API access."),
    (400, "InvalidOwnerAccount", "The specified OwnerAccount is not valid."),
    (400, "InvalidOwnerId", "The specified OwnerId is not valid."),
    (400, "InvalidParameter", "The specified parameter is not valid."),
    (400, "MissingParameter", "The input parameter that is mandatory for processing this request is not supplied."),
    (400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."),
    (400, "SignatureNonceUsed", "Specified signature nonce was used already."),
    (400, "InvalidSignatureMethod", "Specified signature method is not supported."),
    (400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    (400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    (400, "MissingSecurityToken", "SecurityToken is mandatory for this action."),
    (400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
    (400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."),
    (400, "InvalidVersion", "Specified parameter Version is not valid."),
    (404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
    (400, "InvalidParameter.Format", "Specified parameter Format is not valid: the emulator answers JSON only."),
    (400, "Throttling", "Request was denied due to request throttling."),
    (400, "Throttling.User", "Request was denied due to user flow control."),
    (403, "UnsupportedHTTPMethod", "This HTTP method is not supported."),
    (404, "InvalidRegionId.NotFound", "The specified RegionId does not exist."),
    (412, "DryRunOperation", "Request validation has been passed with DryRun flag set."),
    (500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."),
    (503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
];

impl ServiceError {
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError { status, code: code.into(), message: message.into() }
    }

    /// A documented error: the operation's own table first, then the gateway's. An undocumented
    /// code still answers (400) so that a missing row never hides the error.
    pub fn documented(op: Option<&Operation>, code: &str) -> Self {
        lookup(op, code).unwrap_or_else(|| ServiceError::new(400, code, format!("{code}.")))
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Fills the first `%s` of a documented message (`The specified instance %s does not exist.`).
    pub fn arg(mut self, value: &str) -> Self {
        self.message = self.message.replacen("%s", value, 1);
        self
    }
}

fn lookup(op: Option<&Operation>, code: &str) -> Option<ServiceError> {
    let own = op.and_then(|op| op.errors.iter().find(|e| e.code == code)).map(|e| (e.status, e.message));
    let row = own.or_else(|| GATEWAY.iter().find(|(_, c, _)| *c == code).map(|(s, _, m)| (*s, *m)))?;
    Some(ServiceError::new(row.0, code, row.1))
}

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
    let specific = |candidates: &[String]| candidates.iter().find_map(|c| lookup(Some(op), c));
    // Any documented `Invalid<Name>.<Reason>` of the parameter (`InvalidEncrypted.NotMatchKmsKeyId`).
    let family = || {
        let prefix = format!("Invalid{last}.");
        op.errors.iter().find(|e| e.code.starts_with(&prefix)).and_then(|e| lookup(Some(op), e.code))
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
                op.errors
                    .iter()
                    .find(|e| e.message.contains("mandatory") && quoted.iter().any(|q| e.message.contains(q.as_str())))
                    .map(|e| ServiceError::new(e.status, e.code, e.message))
            };
            specific(&candidates).or_else(documented).unwrap_or_else(|| {
                let message = format!(
                    "The input parameter \"{wire}\" that is mandatory for processing this request is not supplied."
                );
                ServiceError::new(400, "MissingParameter", message)
            })
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
            Segment::Field(f) => Some(f.name.to_string()),
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

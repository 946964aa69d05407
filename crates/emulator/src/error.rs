//! Error answers with the service's codes, HTTP statuses and messages. At the crate root so that
//! every layer (the gateway's checks, the operations, the lifecycles) answers with the same type.

use ecsimg_core::catalogue::Operation;

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
        Self::find(op, code).unwrap_or_else(|| ServiceError::new(400, code, format!("{code}.")))
    }

    /// The documented error `code`, or `None` when neither table has it (for callers that try
    /// several candidate codes).
    pub fn find(op: Option<&Operation>, code: &str) -> Option<Self> {
        let own = op.and_then(|op| op.errors().find(|e| e.code == code)).map(|e| (e.status, e.message));
        let row = own.or_else(|| GATEWAY.iter().find(|(_, c, _)| *c == code).map(|(s, _, m)| (*s, *m)))?;
        Some(ServiceError::new(row.0, code, row.1))
    }

    /// `MissingParameter` naming the parameter, in the gateway's words.
    pub fn missing(name: &str) -> Self {
        ServiceError::documented(None, "MissingParameter").with_message(format!(
            "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
        ))
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

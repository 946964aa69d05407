//! What a call can fail with once it was sent: the service said no, or its answer made no sense.

use std::fmt;

use crate::wire::number::push_decimal;

/// An error answer of the service: `{RequestId, HostId, Code, Message, Recommend}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub http_status: u16,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub host_id: Option<String>,
    /// A diagnosis link the newer gateway adds.
    pub recommend: Option<String>,
    /// For signature errors: what the server signed, cut out of its message.
    pub server_string_to_sign: Option<String>,
    /// For signature errors: what we signed, set by the caller that holds the request.
    pub client_string_to_sign: Option<String>,
}

/// Where the gateway puts the string-to-sign it computed in a signature error message.
const SERVER_STRING_TO_SIGN: &str = "server string to sign is:";

/// HTTP statuses worth another attempt: the service or a proxy in front of it was overloaded, or
/// (429) rate-limited the caller.
const RETRYABLE_STATUSES: &[u16] = &[429, 500, 502, 503, 504];
/// Too Many Requests: throttling, whatever the code (a proxy or gateway may send its own).
const TOO_MANY_REQUESTS: u16 = 429;
const RETRYABLE_CODES: &[&str] = &["ServiceUnavailable", "InternalError", "UnknownError", "ServiceBusy"];

impl ApiError {
    pub fn new(http_status: u16, code: String, message: String) -> Self {
        let server_string_to_sign = crate::search::find(&message, SERVER_STRING_TO_SIGN)
            .map(|at| message[at + SERVER_STRING_TO_SIGN.len()..].to_string());
        ApiError {
            http_status,
            code,
            message,
            request_id: None,
            host_id: None,
            recommend: None,
            server_string_to_sign,
            client_string_to_sign: None,
        }
    }

    /// The service rate-limited the call (`Throttling`, `Throttling.User`, `Throttling.Api`, ... or
    /// HTTP 429): worth another attempt after a longer wait.
    pub fn is_throttling(&self) -> bool {
        self.code.starts_with("Throttling") || self.http_status == TOO_MANY_REQUESTS
    }

    /// The request's timestamp was too far from the server's clock.
    pub fn is_clock_skew(&self) -> bool {
        matches!(self.code.as_str(), "InvalidTimeStamp.Expired" | "IllegalTimestamp" | "InvalidTimeStamp")
    }

    pub fn is_signature_mismatch(&self) -> bool {
        matches!(self.code.as_str(), "SignatureDoesNotMatch" | "IncompleteSignature")
    }

    /// Whether the same request may succeed if sent again (throttling, an overloaded service).
    pub fn retryable(&self) -> bool {
        self.is_throttling()
            || RETRYABLE_STATUSES.contains(&self.http_status)
            || RETRYABLE_CODES.contains(&self.code.as_str())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.code, self.http_status, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [RequestId {id}]")?;
        }
        Ok(())
    }
}

/// An answer that is not what the operation returns: not JSON, cut short, or of the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub operation: &'static str,
    pub http_status: u16,
    pub reason: String,
    /// The body ended before the JSON did (a dropped connection).
    pub truncated: bool,
    /// The start of the body, for the error report.
    pub excerpt: String,
}

impl DecodeError {
    /// A cut-off body or an overloaded upstream may go better on another attempt.
    pub fn retryable(&self) -> bool {
        self.truncated || RETRYABLE_STATUSES.contains(&self.http_status)
    }
}

impl DecodeError {
    /// `<operation> answer (HTTP <status>) could not be read: <reason>`, without `core::fmt`
    /// (the npm package's wasm carries none).
    pub fn message(&self) -> String {
        let mut out = [self.operation, " answer (HTTP "].concat();
        push_decimal(&mut out, self.http_status.into());
        out.push_str(") could not be read: ");
        out.push_str(&self.reason);
        out
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseError {
    Api(Box<ApiError>),
    Decode(DecodeError),
}

impl ResponseError {
    pub fn retryable(&self) -> bool {
        match self {
            ResponseError::Api(e) => e.retryable(),
            ResponseError::Decode(e) => e.retryable(),
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Api(e) => e.fmt(f),
            ResponseError::Decode(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ApiError {}
impl std::error::Error for DecodeError {}
impl std::error::Error for ResponseError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16, code: &str) -> ApiError {
        ApiError::new(status, code.to_string(), format!("{code}."))
    }

    fn decode(status: u16, truncated: bool) -> DecodeError {
        DecodeError {
            operation: "DescribeImages",
            http_status: status,
            reason: "x".into(),
            truncated,
            excerpt: String::new(),
        }
    }

    /// (status, code, retryable, throttling, clock skew): every retryable and clock-skew code the
    /// service documents (the gateway's table, the operations' 5xx), with the statuses they come with.
    const CASES: &[(u16, &str, bool, bool, bool)] = &[
        (400, "Throttling", true, true, false),
        (400, "Throttling.User", true, true, false),
        (400, "Throttling.Api", true, true, false),
        (429, "Throttling.User", true, true, false),
        (429, "TooManyRequests", true, true, false),
        (503, "ServiceBusy", true, false, false),
        (400, "ServiceBusy", true, false, false),
        (503, "ServiceUnavailable", true, false, false),
        (500, "InternalError", true, false, false),
        (500, "UnknownError", true, false, false),
        (400, "UnknownError", true, false, false),
        (500, "StartImagePipelineExecution.Failed", true, false, false),
        (502, "BadGateway", true, false, false),
        (504, "GatewayTimeout", true, false, false),
        (400, "IllegalTimestamp", false, false, true),
        (400, "InvalidTimeStamp.Expired", false, false, true),
        (400, "InvalidTimeStamp", false, false, true),
        (400, "InvalidTimeStamp.Format", false, false, false),
        (400, "InvalidParameter", false, false, false),
        (400, "SignatureDoesNotMatch", false, false, false),
        (403, "Forbidden.RAM", false, false, false),
        (404, "InvalidImageId.NotFound", false, false, false),
    ];

    #[test]
    fn every_documented_retryable_and_clock_skew_code_is_classified() {
        for &(status, code, retryable, throttling, skew) in CASES {
            let e = api(status, code);
            assert_eq!(e.retryable(), retryable, "{status} {code}: retryable");
            assert_eq!(e.is_throttling(), throttling, "{status} {code}: throttling");
            assert_eq!(e.is_clock_skew(), skew, "{status} {code}: clock skew");
            assert_eq!(ResponseError::Api(Box::new(e)).retryable(), retryable, "{status} {code}: as a ResponseError");
        }
    }

    #[test]
    fn unreadable_answers_are_retried_when_cut_off_or_from_an_overloaded_or_throttling_upstream() {
        for status in [429, 500, 502, 503, 504] {
            assert!(decode(status, false).retryable(), "{status}");
        }
        for status in [200, 400, 403, 404] {
            assert!(!decode(status, false).retryable(), "{status}");
            assert!(decode(status, true).retryable(), "{status} truncated");
        }
    }

    #[test]
    fn a_signature_error_carries_the_server_string_to_sign() {
        let e = api(400, "SignatureDoesNotMatch");
        assert!(e.is_signature_mismatch());
        let e = ApiError::new(400, "SignatureDoesNotMatch".into(), "bad; server string to sign is:GET&%2F&x".into());
        assert_eq!(e.server_string_to_sign.as_deref(), Some("GET&%2F&x"));
    }
}

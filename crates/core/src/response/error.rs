//! What a call can fail with once it was sent: the service said no, or its answer made no sense.

use std::fmt;

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

/// HTTP statuses worth another attempt: the service or a proxy in front of it was overloaded.
const RETRYABLE_STATUSES: &[u16] = &[500, 502, 503, 504];
const RETRYABLE_CODES: &[&str] = &["ServiceUnavailable", "InternalError", "UnknownError", "ServiceBusy"];

impl ApiError {
    pub fn new(http_status: u16, code: String, message: String) -> Self {
        let server_string_to_sign =
            message.find(SERVER_STRING_TO_SIGN).map(|at| message[at + SERVER_STRING_TO_SIGN.len()..].to_string());
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

    pub fn is_throttling(&self) -> bool {
        self.code.starts_with("Throttling")
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

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answer (HTTP {}) could not be read: {}", self.operation, self.http_status, self.reason)
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

//! HTTP as plain data, so the service logic has no network code and runs anywhere (a native
//! server, a test, or the console's page).

use serde_json::Value;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    /// Without the query (`/`).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn json(status: u16, body: &Value, request_id: &str) -> Self {
        HttpResponse {
            status,
            headers: vec![
                ("content-type".into(), "application/json;charset=utf-8".into()),
                ("x-acs-request-id".into(), request_id.into()),
            ],
            body: ecsimg_core::json::value_text(body).into_bytes(),
        }
    }
}

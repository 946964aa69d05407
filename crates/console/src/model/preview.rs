//! "Show request": what would go on the wire for a form, signed but not sent, and the same call as
//! curl, as an `aliyun ecs` command and as JavaScript with the npm package. The secret is in none
//! of them (the signature is derived from it; the snippets take credentials from elsewhere).

use super::failure::Failure;
use ecsimg_core::catalogue::Operation;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub action: &'static str,
    /// Whether the operation changes state (the catalogue's kind): then the signed request is a
    /// live call that can be replayed, and the view says so and offers the unsigned parameters.
    pub changes_state: bool,
    pub outcome: Result<Presigned, Failure>,
    /// The call with the npm package.
    pub javascript: String,
}

/// A request the client signed without sending it.
#[derive(Debug, Clone, PartialEq)]
pub struct Presigned {
    pub method: String,
    /// Absolute, so that the curl command runs as shown.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub string_to_sign: String,
    pub canonical_request: Option<String>,
    /// The form-encoded body, if any.
    pub body: Option<String>,
    pub curl: String,
    pub cli: String,
}

/// The parameters that only sign a request (V1's common parameters, the STS token); the rest are
/// the call's own.
const SIGNING_PARAMETERS: &[&str] = &[
    "AccessKeyId",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureType",
    "SignatureVersion",
    "Timestamp",
];

impl Presigned {
    /// The call's parameters without anything that signs it (no key ID, token, nonce, timestamp
    /// or signature), one `Name=value` a line, decoded: safe to share, not replayable.
    pub fn unsigned_parameters(&self, action: &str) -> String {
        let query = self.url.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let query = query.split('#').next().unwrap_or_default();
        let pairs = query.split('&').chain(self.body.as_deref().unwrap_or_default().split('&'));
        let mut lines = Vec::new();
        if !query.split('&').any(|p| p.starts_with("Action=")) {
            lines.push(format!("Action={action}"));
        }
        for pair in pairs.filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = percent_decode(name);
            if !SIGNING_PARAMETERS.contains(&name.as_str()) {
                lines.push(format!("{name}={}", percent_decode(value)));
            }
        }
        // V3 carries the version in a header.
        let version = self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("x-acs-version"));
        if let (Some((_, version)), false) = (version, lines.iter().any(|l| l.starts_with("Version="))) {
            lines.push(format!("Version={version}"));
        }
        lines.join("\n")
    }
}

/// `%XX` escapes (and `+`, as forms write a space) decoded; anything malformed is kept as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', hi, lo]) => hex(*hi).zip(hex(*lo)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Preview {
    pub fn of(op: &'static Operation, request: &Value, outcome: Result<Presigned, Failure>) -> Preview {
        Preview {
            action: op.name,
            changes_state: op.kind.changes_state(),
            outcome,
            javascript: javascript(op, request),
        }
    }
}

/// The call with the npm package, credentials left to the reader's own provider.
fn javascript(op: &Operation, request: &Value) -> String {
    let pretty = serde_json::to_string_pretty(request).unwrap_or_default();
    format!(
        "import {{ EcsImageClient }} from 'ecsimg';\n\n\
         const client = new EcsImageClient({{\n  regionId: {region},\n  credentialsProvider: async () => getStsCredentials(), // your own\n  proxyBaseUrl: '/api/ecs',\n}});\n\n\
         const result = await client.{method}({pretty});\n",
        region = request.get("regionId").map(Value::to_string).unwrap_or_else(|| "'cn-hangzhou'".into()),
        method = op.method,
    )
}

#[cfg(test)]
mod tests {
    use super::{javascript, Presigned};
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

    #[test]
    fn the_unsigned_parameters_leave_out_everything_that_signs() {
        let v1 = Presigned {
            method: "GET".into(),
            url: "https://h/api/ecs/?AccessKeyId=LTAI&Action=DeleteImage&Format=JSON&ImageId=m-1&RegionId=cn-hangzhou\
                  &SecurityToken=tok&Signature=abc%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=n&SignatureVersion=1.0\
                  &Timestamp=2026-01-01T00%3A00%3A00Z&Version=2014-05-26&Tag.1.Value=a%20b%2Bc%zz"
                .into(),
            headers: vec![],
            string_to_sign: String::new(),
            canonical_request: None,
            body: None,
            curl: String::new(),
            cli: String::new(),
        };
        assert_eq!(
            v1.unsigned_parameters("DeleteImage"),
            "Action=DeleteImage\nFormat=JSON\nImageId=m-1\nRegionId=cn-hangzhou\nVersion=2014-05-26\nTag.1.Value=a b+c%zz"
        );
        let v3 = Presigned {
            url: "https://h/api/ecs/?ImageId=m-1&RegionId=cn-hangzhou".into(),
            body: Some("Force=true".into()),
            headers: vec![("x-acs-action".into(), "DeleteImage".into()), ("x-acs-version".into(), "2014-05-26".into())],
            ..v1
        };
        assert_eq!(
            v3.unsigned_parameters("DeleteImage"),
            "Action=DeleteImage\nImageId=m-1\nRegionId=cn-hangzhou\nForce=true\nVersion=2014-05-26"
        );
        assert!(super::Preview::of(operation("DeleteImage").unwrap(), &json!({}), Ok(v3)).changes_state);
        assert!(
            !super::Preview::of(operation("DescribeImages").unwrap(), &json!({}), Err(Default::default()))
                .changes_state
        );
    }

    #[test]
    fn the_javascript_snippet_is_the_call_with_the_npm_package() {
        let request = json!({"regionId": "cn-shanghai", "tag": [{"key": "env", "value": "prod"}]});
        assert_eq!(
            javascript(operation("DescribeImages").unwrap(), &request),
            "import { EcsImageClient } from 'ecsimg';\n\n\
             const client = new EcsImageClient({\n  regionId: \"cn-shanghai\",\n  credentialsProvider: async () => getStsCredentials(), // your own\n  proxyBaseUrl: '/api/ecs',\n});\n\n\
             const result = await client.describeImages({\n  \"regionId\": \"cn-shanghai\",\n  \"tag\": [\n    {\n      \"key\": \"env\",\n      \"value\": \"prod\"\n    }\n  ]\n});\n"
        );
    }
}

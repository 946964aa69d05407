//! "Show request": what would go on the wire for a form, signed but not sent, and the same call as
//! curl, as an `aliyun ecs` command and as JavaScript with the npm package. The secret is in none
//! of them (the signature is derived from it; the snippets take credentials from elsewhere).

use super::failure::Failure;
use ecsimg_core::catalogue::Operation;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub action: &'static str,
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
    pub curl: String,
    pub cli: String,
}

impl Preview {
    pub fn of(op: &'static Operation, request: &Value, outcome: Result<Presigned, Failure>) -> Preview {
        Preview { action: op.name, outcome, javascript: javascript(op, request) }
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
    use super::javascript;
    use ecsimg_core::catalogue::operation;
    use serde_json::json;

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

//! "Show request": what would go on the wire for the form, signed but not sent, and the same call
//! as curl, as an `aliyun ecs` command and as JavaScript with the npm package. The secret is in
//! none of them (the signature is derived from it; the snippets take credentials from elsewhere).

use crate::client::{from_js, to_aliyun_cli, to_curl, Failure};
use ecsimg_core::catalogue::Operation;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub action: &'static str,
    pub outcome: Result<Signed, Failure>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub string_to_sign: String,
    pub canonical_request: Option<String>,
    pub curl: String,
    pub cli: String,
    pub javascript: String,
}

impl Preview {
    pub fn of(op: &'static Operation, request: &Value, presigned: Result<JsValue, Failure>) -> Preview {
        let outcome = presigned.map(|js| {
            absolute_url(&js);
            let value = from_js(&js);
            let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            let headers = value
                .get("headers")
                .and_then(Value::as_array)
                .map(|h| {
                    h.iter()
                        .filter_map(|pair| {
                            Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Signed {
                method: text("method"),
                url: text("url"),
                headers,
                string_to_sign: text("stringToSign"),
                canonical_request: value.get("canonicalRequest").and_then(Value::as_str).map(str::to_string),
                curl: to_curl(&js),
                cli: to_aliyun_cli(&js),
                javascript: javascript(op, request),
            }
        });
        Preview { action: op.name, outcome }
    }
}

/// Makes a proxy-relative URL (`/api/ecs/?...`) absolute, so the curl command runs as shown.
fn absolute_url(presigned: &JsValue) {
    let url = js_sys::Reflect::get(presigned, &"url".into()).ok().and_then(|u| u.as_string()).unwrap_or_default();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok());
    if let (true, Some(origin)) = (url.starts_with('/'), origin) {
        let _ = js_sys::Reflect::set(presigned, &"url".into(), &format!("{origin}{url}").into());
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

/// Copies text to the clipboard (a best effort: it needs a secure context).
fn copy(text: String) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(&text);
    }
}

#[component]
pub fn RequestView(preview: Preview) -> impl IntoView {
    match preview.outcome {
        Err(failure) => view! { <crate::results::FailureView failure=failure /> }.into_any(),
        Ok(signed) => {
            let Signed { method, url, headers, string_to_sign, canonical_request, curl, cli, javascript } = signed;
            let snippets = [("curl", curl), ("aliyun CLI", cli), ("JavaScript", javascript)];
            view! {
                <section class="request-view" aria-label="Signed request">
                    <h3>{format!("{} request (signed, not sent)", preview.action)}</h3>
                    <dl>
                        <dt>"Method"</dt><dd><code>{method}</code></dd>
                        <dt>"URL"</dt><dd><code class="wrap">{url}</code></dd>
                        <dt>"Headers"</dt>
                        <dd><pre>{headers.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")}</pre></dd>
                        {canonical_request.map(|c| view! { <dt>"Canonical request"</dt><dd><pre>{c}</pre></dd> })}
                        <dt>"String to sign"</dt><dd><pre>{string_to_sign}</pre></dd>
                    </dl>
                    {snippets.into_iter().map(|(name, text)| {
                        let for_copy = text.clone();
                        view! {
                            <div class="snippet">
                                <div class="snippet-head">
                                    <h4>{name}</h4>
                                    <button type="button" on:click=move |_| copy(for_copy.clone())>{format!("Copy {name}")}</button>
                                </div>
                                <pre>{text}</pre>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
            .into_any()
        }
    }
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

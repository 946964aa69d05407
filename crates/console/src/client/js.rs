//! Bindings to the npm package's client (`ecsimg`, loaded by web/boot.js as `window.ecsimg`): the
//! console calls the service through the very client front-end developers embed.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ecsimg, js_name = EcsImageClient)]
    pub type JsClient;

    #[wasm_bindgen(constructor, catch, js_namespace = ecsimg, js_class = "EcsImageClient")]
    pub fn new(options: &JsValue) -> Result<JsClient, JsValue>;

    #[wasm_bindgen(method, catch)]
    pub async fn call(this: &JsClient, action: &str, request: JsValue, options: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch)]
    pub async fn presign(this: &JsClient, action: &str, request: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = toCurl)]
    pub fn to_curl(presigned: &JsValue) -> String;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = toAliyunCli)]
    pub fn to_aliyun_cli(presigned: &JsValue) -> String;
}

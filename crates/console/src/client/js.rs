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

    // The workflows (crates/wasm/js/workflows): the console runs the package's, never its own.

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = listImagesEverywhere)]
    pub fn list_images_everywhere(client: &JsClient, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = planDistribution)]
    pub fn plan_distribution(request: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = distributeImage)]
    pub async fn distribute_image(
        client: &JsClient,
        plan_or_state: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = retryDistributionCell)]
    pub fn retry_distribution_cell(state: &JsValue, region_id: &str, step: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = summarizeDistribution)]
    pub fn summarize_distribution(state: &JsValue) -> JsValue;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = distributionSummaryCsv)]
    pub fn distribution_summary_csv(state: &JsValue) -> String;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = distributionSummaryJson)]
    pub fn distribution_summary_json(state: &JsValue) -> String;

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = findCleanupCandidates)]
    pub async fn find_cleanup_candidates(client: &JsClient, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ecsimg, js_name = deleteImages)]
    pub async fn delete_images(client: &JsClient, targets: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = deletionReportCsv)]
    pub fn deletion_report_csv(report: &JsValue) -> String;

    #[wasm_bindgen(js_namespace = ecsimg, js_name = deletionReportJson)]
    pub fn deletion_report_json(report: &JsValue) -> String;
}

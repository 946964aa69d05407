//! Every region's images through the npm package's `listImagesEverywhere` (a few regions at a
//! time, one throttling budget shared by all their calls): each page handed on as it arrives, then
//! each region's end or failure.

use super::{failure, from_js, js, to_js, Client, Page};
use crate::model::Failure;
use js_sys::{Array, Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

impl Client {
    /// DescribeImages with `filters` in each of `regions`, paged to the end: `on_page` gets each
    /// page with its region as it arrives, `on_region` each region's end (or why it failed). An
    /// error of the listing itself (an abort) ends it.
    pub async fn list_images_everywhere(
        &self,
        regions: &[String],
        filters: &Value,
        signal: &web_sys::AbortSignal,
        mut on_page: impl FnMut(String, Page) + 'static,
        mut on_region: impl FnMut(String, Result<(), Failure>),
    ) -> Result<(), Failure> {
        let page = Closure::<dyn FnMut(JsValue)>::new(move |page: JsValue| {
            let items = match from_js(&get(&page, "images")) {
                Value::Array(items) => items,
                _ => Vec::new(),
            };
            let total = get(&page, "totalCount").as_f64().map(|n| n as u64);
            on_page(text(&page, "regionId"), Page { items, total, request_id: None });
        });
        let options = to_js(filters);
        let _ = Reflect::set(&options, &"regions".into(), &regions.iter().map(JsValue::from).collect::<Array>());
        let _ = Reflect::set(&options, &"signal".into(), signal);
        let _ = Reflect::set(&options, &"onPage".into(), page.as_ref());
        let listing = js::list_images_everywhere(&self.js, &options).map_err(|e| failure(&e))?;
        let next: Function = get(&listing, "next").unchecked_into();
        loop {
            let step = next.call0(&listing).map_err(|e| failure(&e))?;
            let step = JsFuture::from(Promise::from(step)).await.map_err(|e| failure(&e))?;
            if get(&step, "done").as_bool() == Some(true) {
                return Ok(());
            }
            let result = get(&step, "value");
            let error = get(&result, "error");
            let ended = if error.is_undefined() { Ok(()) } else { Err(failure(&error)) };
            on_region(text(&result, "regionId"), ended);
        }
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> String {
    get(object, key).as_string().unwrap_or_default()
}

//! Copy an image to one or more regions: one CopyImage per destination ticked, each copy followed
//! in the tray in its destination region, where CancelCopyImage stops it.

use super::{naming, spec, Actions};
use crate::model::image_actions::{ImageAction, ImageFacts};
use crate::views::dialog::{DialogSpec, Extra};
use ecsimg_core::catalogue::REGIONS;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;

/// The form field holding the regions ticked (one call each).
const DESTINATION: &str = "destinationRegionId";

pub fn copy(actions: Actions, image: &ImageFacts) -> DialogSpec {
    let images = std::slice::from_ref(image);
    DialogSpec {
        intro: format!(
            "Makes a copy of the image in each region you tick, with its own ID there. Each copy is followed in the \
             Tasks tray until it is Available, and can be cancelled there while it is made. {}",
            ImageAction::Copy.operation().param("KMSKeyId").map_or("", |f| f.docs().text)
        ),
        initial: json!({ "destinationImageName": image.name, DESTINATION: [] }),
        fields: vec!["destinationImageName", "destinationDescription", "encrypted", "KMSKeyId"],
        wording: vec![
            ("destinationImageName", "Name of the copies"),
            ("destinationDescription", "Description of the copies"),
            ("encrypted", "Encrypt the copies"),
            ("KMSKeyId", "KMS key"),
        ],
        extra: Some(regions(image.region.clone())),
        per_value: Some(DESTINATION),
        ..spec(ImageAction::Copy, images, format!("Copy {}", naming(images)), String::new(), actions)
    }
}

/// A checkbox per region of the catalogue but the image's own.
fn regions(from: String) -> Extra {
    Arc::new(move |form: RwSignal<Value>| {
        let boxes = REGIONS.iter().filter(|r| **r != from).map(|region| region_box(form, region)).collect_view();
        view! {
            <fieldset class="group region-boxes">
                <legend>"Destination regions "<code class="api-name">{DESTINATION}</code></legend>
                <p class="description">"A copy is made in each region ticked (a CopyImage call each)."</p>
                <div class="region-grid">{boxes}</div>
            </fieldset>
        }
        .into_any()
    })
}

fn region_box(form: RwSignal<Value>, region: &'static str) -> impl IntoView {
    let ticked = move || form.with(|f| chosen(f).contains(&region.to_string()));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        form.update(|f| {
            let mut list = chosen(f);
            list.retain(|r| r != region);
            if on {
                list.push(region.to_string());
            }
            f[DESTINATION] = json!(list);
        });
    };
    let id = format!("copy-to-{region}");
    view! {
        <div class="field-inline">
            <input type="checkbox" id=id.clone() prop:checked=ticked on:change=toggle />
            <label for=id>{region}</label>
        </div>
    }
}

/// The regions ticked, in the order they were.
fn chosen(form: &Value) -> Vec<String> {
    form.get(DESTINATION)
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

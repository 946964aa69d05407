//! The Pipelines view's dialogs: create a pipeline (the essential fields in words, the components
//! to run picked from the region's, the rest under "More options") and delete one.

use super::{op, Ctx};
use crate::client::Client;
use crate::format::field_text;
use crate::model::plan::{Confirm, Target};
use crate::model::template::{runs, with_component};
use crate::model::{Route, View};
use crate::views::dialog::{DialogSpec, Extra};
use crate::views::manager::{load_list, List};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use std::sync::Arc;

pub fn create(ctx: Ctx) -> DialogSpec {
    let region = ctx.region.get_untracked();
    load_list(
        ctx.state,
        op("DescribeImageComponents"),
        json!({ "regionId": region }),
        ctx.components,
        ctx.components_task,
    );
    offer_images(ctx, &region);
    let to = region.clone();
    DialogSpec {
        title: "Create pipeline".into(),
        intro: format!(
            "A pipeline in {region} that builds an image from a base image: it runs the components you pick on a \
             build instance, then saves the result as a new image named after the pipeline."
        ),
        op: op("CreateImagePipeline"),
        base: json!({ "regionId": region }),
        initial: json!({ "baseImageType": "IMAGE" }),
        fields: vec!["name", "baseImageType", "baseImage", "instanceType", "description"],
        steps: Vec::new(),
        more: true,
        wording: vec![
            ("name", "Pipeline name"),
            ("baseImageType", "Build from"),
            ("instanceType", "Instance type for the build"),
            ("buildContent", "Build commands"),
            ("testContent", "Test commands"),
            ("toRegionId", "Copy the image to regions"),
            ("addAccount", "Share the image with accounts"),
            ("imageOptions", "The new image"),
            ("imageOptions.description", "Image description"),
            ("systemDiskSize", "System disk size of the build instance"),
            ("internetMaxBandwidthOut", "Outbound bandwidth of the build instance"),
            ("deleteInstanceOnFailure", "Release the build instance if the build fails"),
            ("vSwitchId", "vSwitch of the build instance"),
            ("importImageOptions", "Image files in OSS (to build from OSS)"),
            ("importImageOptions.description", "Description of the imported image"),
            ("importImageOptions.imageName", "Name of the imported image"),
        ],
        extra: Some(picker(ctx.components)),
        targets: Vec::new(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: "Create pipeline".into(),
        on_done: Callback::new(move |done: Vec<(Value, Value)>| {
            ctx.reload();
            if let Some((_, answer)) = done.first() {
                ctx.state.route.set(Route::with(View::Pipelines, &[&to, &field_text(answer, "imagePipelineId")]));
            }
        }),
    }
}

pub fn delete(ctx: Ctx, pipeline: &Value) -> DialogSpec {
    let region = ctx.region.get_untracked();
    let (id, name) = (field_text(pipeline, "imagePipelineId"), field_text(pipeline, "name"));
    let targets = vec![Target::new("imagePipelineId", &id, &name, &region)];
    let back = region.clone();
    DialogSpec {
        title: format!("Delete pipeline {name}"),
        intro: "Deletes the pipeline and the record of its runs.".into(),
        op: op("DeleteImagePipeline"),
        base: json!({}),
        initial: json!({}),
        fields: Vec::new(),
        steps: Vec::new(),
        more: false,
        wording: Vec::new(),
        extra: None,
        confirm: Confirm::destroying("delete", "pipelines", &targets),
        targets,
        per_value: None,
        warning: Some(
            "The images it built stay. The service refuses while a run is under way: cancel it or let it end first."
                .into(),
        ),
        action: "Delete pipeline".into(),
        on_done: Callback::new(move |_| {
            ctx.reload();
            ctx.state.route.set(Route::with(View::Pipelines, &[&back]));
        }),
    }
}

/// Has the base image field offer the region's images: one page of them, learnt like any answer's.
fn offer_images(ctx: Ctx, region: &str) {
    let connection = ctx.state.connection.get_untracked();
    let describe = op("DescribeImages");
    let size = describe.pagination.map_or(50, |p| p.max_size);
    let request = json!({ "regionId": region, "pageSize": size });
    spawn_local(async move {
        if let Ok(answer) = async { Client::new(&connection, false)?.call(describe.name, &request, None).await }.await {
            ctx.state.known.learn([&answer]);
        }
    });
}

/// The component picker: the region's components, each a checkbox that adds or removes its
/// `COMPONENT` line in the build commands (a test component: the test commands).
fn picker(components: RwSignal<List>) -> Extra {
    Arc::new(move |form: RwSignal<Value>| {
        let choices = move || match components.get() {
            List { failure: Some(failure), .. } => {
                view! { <p class="problems">{format!("The components could not be loaded: {}", failure.message)}</p> }
                    .into_any()
            }
            List { items: None, .. } => view! { <p class="hint">"Loading the components…"</p> }.into_any(),
            List { items: Some(items), .. } if items.is_empty() => {
                view! { <p class="hint">"No components in this region yet: create one in the Components view."</p> }
                    .into_any()
            }
            List { items: Some(items), .. } => items.iter().map(|c| choice(form, c)).collect_view().into_any(),
        };
        view! {
            <fieldset class="group component-picker">
                <legend>"Components to run "<code class="api-name">"buildContent · testContent"</code></legend>
                <p class="description">
                    "In the order you tick them: a build component runs while the image is built, a test component \
                     when it is tested. Each adds a COMPONENT line to the build or test commands (More options)."
                </p>
                {choices}
            </fieldset>
        }
        .into_any()
    })
}

/// One component of the picker.
fn choice(form: RwSignal<Value>, component: &Value) -> impl IntoView {
    let id = field_text(component, "imageComponentId");
    let kind = field_text(component, "componentType");
    let key = if kind == "Test" { "testContent" } else { "buildContent" };
    let (on, set) = (id.clone(), id.clone());
    let checked = move || form.with(|f| runs(f.get(key).and_then(Value::as_str).unwrap_or_default(), &on));
    let toggle = move |ev: leptos::ev::Event| {
        let tick = event_target_checked(&ev);
        form.update(|f| {
            let text = with_component(f.get(key).and_then(Value::as_str).unwrap_or_default(), &set, tick);
            if let Some(map) = f.as_object_mut() {
                match text.is_empty() {
                    true => map.remove(key),
                    false => map.insert(key.to_string(), Value::String(text)),
                };
            }
        });
    };
    let dom_id = format!("pick-{id}");
    view! {
        <div class="field-inline">
            <input type="checkbox" id=dom_id.clone() prop:checked=checked on:change=toggle />
            <label for=dom_id>{field_text(component, "name")}" "<span class="muted">{format!("{kind} · {id}")}</span></label>
        </div>
    }
}

//! The Components view's dialogs: create a component (its content in a text area) and delete one.

use super::Ctx;
use crate::format::field_text;
use crate::model::plan::{Confirm, Target};
use crate::model::{Route, View};
use crate::views::dialog::DialogSpec;
use ecsimg_core::catalogue::operation;
use leptos::prelude::*;
use serde_json::{json, Value};

pub fn create(ctx: Ctx) -> DialogSpec {
    let region = ctx.region.get_untracked();
    let to = region.clone();
    DialogSpec {
        title: "Create component".into(),
        intro: format!(
            "A component in {region}: commands (one per line, as RUN echo hello) or a YAML task list, run on the \
             build instance. Its content cannot be changed later; to change it, create a new version."
        ),
        op: operation("CreateImageComponent").expect("the catalogue has CreateImageComponent"),
        base: json!({ "regionId": region }),
        initial: json!({}),
        fields: vec!["name", "componentType", "systemType", "componentVersion", "content", "description"],
        steps: Vec::new(),
        more: true,
        wording: vec![
            ("name", "Component name"),
            ("componentType", "Type"),
            ("systemType", "Operating system"),
            ("componentVersion", "Version"),
        ],
        extra: None,
        targets: Vec::new(),
        per_value: None,
        confirm: Confirm::Nothing,
        warning: None,
        action: "Create component".into(),
        on_done: Callback::new(move |done: Vec<(Value, Value)>| {
            ctx.reload();
            if let Some(id) =
                done.first().and_then(|(_, answer)| answer.get("imageComponentId")).and_then(Value::as_str)
            {
                ctx.state.route.set(Route::with(View::Components, &[&to, id]));
            }
        }),
    }
}

pub fn delete(ctx: Ctx, component: &Value) -> DialogSpec {
    let region = ctx.region.get_untracked();
    let (id, name) = (field_text(component, "imageComponentId"), field_text(component, "name"));
    let target = Target::new("imageComponentId", &id, &name, &region);
    let targets = vec![target];
    let back = region.clone();
    DialogSpec {
        title: format!("Delete component {name}"),
        intro: "Deletes the component from its region.".into(),
        op: operation("DeleteImageComponent").expect("the catalogue has DeleteImageComponent"),
        base: json!({}),
        initial: json!({}),
        fields: Vec::new(),
        steps: Vec::new(),
        more: false,
        wording: Vec::new(),
        extra: None,
        confirm: Confirm::destroying("delete", "components", &targets),
        targets,
        per_value: None,
        warning: Some(
            "The service refuses while a pipeline still uses the component: delete that pipeline first.".into(),
        ),
        action: "Delete component".into(),
        on_done: Callback::new(move |_| {
            ctx.reload();
            ctx.state.route.set(Route::with(View::Components, &[&back]));
        }),
    }
}

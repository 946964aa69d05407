//! One parameter's editor, chosen by its kind in the catalogue: text, number, a select for enums
//! and booleans, a group for a struct, repeatable rows for a list; with its label, required marker,
//! description, example, limits and the problems the core finds in it.

use super::value::{dom_id, get, render, set, FormPath, Step};
use super::FormCtx;
use ecsimg_core::catalogue::{Field, Scalar, Shape};
use leptos::prelude::*;
use serde_json::Value;

/// The editor of `field` at `path` (recursive for structs and lists).
pub fn editor(field: &'static Field, path: FormPath, ctx: FormCtx) -> AnyView {
    match &field.shape {
        Shape::Scalar(scalar) => view! { <ScalarField field=field scalar=*scalar path=path ctx=ctx /> }.into_any(),
        Shape::Struct(fields) => {
            let id = dom_id(&path);
            let children = fields.iter().map(|f| editor(f, child(&path, Step::Key(f.field)), ctx)).collect_view();
            view! {
                <fieldset class="group" id=id>
                    <legend>{label_text(field)}</legend>
                    <Description field=field />
                    {children}
                </fieldset>
            }
            .into_any()
        }
        Shape::List { item, max_items, .. } => list(field, item, *max_items, path, ctx),
    }
}

fn child(path: &FormPath, step: Step) -> FormPath {
    let mut p = path.clone();
    p.push(step);
    p
}

/// A field's label, with its list row when it is in one: `tag 2 key`, `addAccount 1`, `imageName`.
fn field_label(field: &Field, path: &[Step]) -> String {
    let row = path.iter().rposition(|s| matches!(s, Step::Index(_)));
    match row {
        Some(at) => {
            let list = match at.checked_sub(1).map(|i| &path[i]) {
                Some(Step::Key(list)) => *list,
                _ => "",
            };
            let n = match path[at] {
                Step::Index(i) => i + 1,
                Step::Key(_) => unreachable!("a row position"),
            };
            if at + 1 == path.len() {
                format!("{list} {n}")
            } else {
                format!("{list} {n} {}", label_text(field))
            }
        }
        None => label_text(field),
    }
}

fn label_text(field: &Field) -> String {
    let mut text = field.field.to_string();
    if field.deprecated {
        text.push_str(" (deprecated)");
    }
    text
}

/// A list's rows, each with a Remove button, and an Add button (disabled at the documented maximum).
fn list(field: &'static Field, item: &'static Field, max: Option<u32>, path: FormPath, ctx: FormCtx) -> AnyView {
    let form = ctx.form;
    let count = {
        let path = path.clone();
        move || form.with(|v| get(v, &path).and_then(Value::as_array).map_or(0, Vec::len))
    };
    let add = {
        let path = path.clone();
        move |_| {
            let n = form.with_untracked(|v| get(v, &path).and_then(Value::as_array).map_or(0, Vec::len));
            let blank = match item.shape {
                Shape::Struct(_) => Value::Object(Default::default()),
                Shape::Scalar(Scalar::String) => Value::String(String::new()),
                _ => Value::Null,
            };
            form.update(|v| set(v, &child(&path, Step::Index(n)), Some(blank)));
        }
    };
    let rows = {
        let path = path.clone();
        let count = count.clone();
        move || {
            (0..count())
                .map(|i| {
                    let row_path = child(&path, Step::Index(i));
                    let remove = {
                        let path = path.clone();
                        move |_| {
                            form.update(|v| {
                                if let Some(items) = get_mut(v, &path).and_then(Value::as_array_mut) {
                                    if i < items.len() {
                                        items.remove(i);
                                    }
                                    if items.is_empty() {
                                        set(v, &path, None);
                                    }
                                }
                            })
                        }
                    };
                    let name = field.field;
                    let editor = match &item.shape {
                        Shape::Struct(fields) => {
                            fields.iter().map(|f| editor(f, child(&row_path, Step::Key(f.field)), ctx)).collect_view().into_any()
                        }
                        Shape::Scalar(scalar) => view! { <ScalarField field=item scalar=*scalar path=row_path.clone() ctx=ctx /> }.into_any(),
                        Shape::List { .. } => ().into_any(),
                    };
                    view! {
                        <div class="row">
                            <span class="row-number">{format!("{}", i + 1)}</span>
                            <div class="row-fields">{editor}</div>
                            <button type="button" class="remove" on:click=remove aria-label=format!("Remove {name} {}", i + 1)>"Remove"</button>
                        </div>
                    }
                })
                .collect_view()
        }
    };
    let full = move || max.is_some_and(|m| count() >= m as usize);
    let id = dom_id(&path);
    let problems = problems_at(ctx, render(&path));
    view! {
        <fieldset class="group list" id=id>
            <legend>{label_text(field)}{required_mark(field)}</legend>
            <Description field=field />
            {rows}
            <button type="button" class="add" on:click=add disabled=full>
                {format!("Add {}", field.field)}
                {max.map(|m| format!(" (up to {m})"))}
            </button>
            {problems}
        </fieldset>
    }
    .into_any()
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get_mut(*key),
        Step::Index(i) => v.get_mut(*i),
    })
}

fn required_mark(field: &Field) -> impl IntoView {
    field.required.then(|| view! { <span class="required" aria-hidden="true">" *"</span><span class="visually-hidden">" (required)"</span> })
}

/// The problems the core reports at exactly this path, once the field was left (or on submit).
fn problems_at(ctx: FormCtx, key: String) -> impl IntoView {
    let id = format!("{}-problems", key.replace(['.', '[', ']'], "-"));
    move || {
        let shown = ctx.show_all.get() || ctx.touched.with(|t| t.contains(&key));
        let list = if shown { ctx.problems.with(|p| p.get(&key).cloned().unwrap_or_default()) } else { Vec::new() };
        (!list.is_empty()).then(|| {
            view! {
                <ul class="problems" id=id.clone() role="alert">
                    {list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

#[component]
fn Description(field: &'static Field) -> impl IntoView {
    let docs = field.docs;
    let check = field.check;
    let mut limits = Vec::new();
    match (check.min_len, check.max_len) {
        (Some(a), Some(b)) => limits.push(format!("{a}–{b} characters")),
        (None, Some(b)) => limits.push(format!("up to {b} characters")),
        _ => {}
    }
    match (check.min, check.max) {
        (Some(a), Some(b)) => limits.push(format!("{a}–{b}")),
        (Some(a), None) => limits.push(format!("at least {a}")),
        (None, Some(b)) => limits.push(format!("at most {b}")),
        _ => {}
    }
    if let Some(unit) = docs.unit {
        limits.push(unit.to_string());
    }
    if let Some(default) = docs.default {
        limits.push(format!("default {default}"));
    }
    if let Some(example) = docs.example {
        limits.push(format!("e.g. {example}"));
    }
    (!docs.text.is_empty() || !limits.is_empty()).then(|| {
        view! {
            <p class="description">
                {docs.text}
                {(!limits.is_empty()).then(|| view! { <span class="limits">{format!(" ({})", limits.join("; "))}</span> })}
            </p>
        }
    })
}

/// Which describe results feed an id field's suggestions.
fn suggestions_for(field: &Field) -> Option<&'static str> {
    match field.field {
        "imageId" | "baseImage" | "sourceImageId" => Some("ids-images"),
        "imagePipelineId" => Some("ids-pipelines"),
        "executionId" => Some("ids-executions"),
        "imageComponentId" => Some("ids-components"),
        "instanceId" => Some("ids-instances"),
        "snapshotId" => Some("ids-snapshots"),
        _ => None,
    }
}

#[component]
fn ScalarField(field: &'static Field, scalar: Scalar, path: FormPath, ctx: FormCtx) -> impl IntoView {
    let form = ctx.form;
    let key = render(&path);
    let id = dom_id(&path);
    let problems_id = format!("{}-problems", key.replace(['.', '[', ']'], "-"));
    let current = {
        let path = path.clone();
        move || {
            form.with(|v| match get(v, &path) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            })
        }
    };
    let write = {
        let path = path.clone();
        move |text: String| {
            let value = parse_input(scalar, &text);
            // A list row keeps its slot (null) while it is shown; a field left empty is removed.
            let in_row = matches!(path.last(), Some(Step::Index(_)));
            form.update(|v| set(v, &path, if value.is_none() && in_row { Some(Value::Null) } else { value }));
        }
    };
    let touch = {
        let key = key.clone();
        move |_| {
            ctx.touched.update(|t| {
                t.insert(key.clone());
            })
        }
    };
    let label = field_label(field, &path);
    let invalid = {
        let key = key.clone();
        move || {
            let shown = ctx.show_all.get() || ctx.touched.with(|t| t.contains(&key));
            (shown && ctx.problems.with(|p| p.contains_key(&key))).to_string()
        }
    };
    let describedby = format!("{id}-desc {problems_id}");
    let check = field.check;
    let input = if !check.one_of.is_empty() && !check.comma || scalar == Scalar::Boolean {
        let options: Vec<&'static str> =
            if scalar == Scalar::Boolean { vec!["true", "false"] } else { check.one_of.to_vec() };
        let write = write.clone();
        view! {
            <select id=id.clone() aria-describedby=describedby.clone() aria-required=field.required.to_string()
                aria-invalid=invalid.clone() on:change=move |ev| write(event_target_value(&ev)) on:blur=touch.clone()>
                <option value="" selected={ let current = current.clone(); move || current().is_empty() }>"—"</option>
                {options.into_iter().map(|o| {
                    let current = current.clone();
                    view! { <option value=o selected=move || current() == o>{o}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    } else if scalar == Scalar::String && (check.max_len.is_some_and(|m| m >= 1024) || field.name.ends_with("Content"))
    {
        let write = write.clone();
        view! {
            <textarea id=id.clone() rows="5" spellcheck="false" aria-describedby=describedby.clone()
                aria-required=field.required.to_string() aria-invalid=invalid.clone()
                prop:value=current on:input=move |ev| write(event_target_value(&ev)) on:blur=touch.clone()></textarea>
        }
        .into_any()
    } else {
        let (kind, mode) = match scalar {
            Scalar::Integer | Scalar::Float => ("number", "decimal"),
            Scalar::Long => ("text", "numeric"),
            _ => ("text", "text"),
        };
        let list = suggestions_for(field);
        let placeholder = field.docs.example.unwrap_or_default();
        let write = write.clone();
        view! {
            <input id=id.clone() type=kind inputmode=mode list=list placeholder=placeholder autocomplete="off" spellcheck="false"
                aria-describedby=describedby.clone() aria-required=field.required.to_string() aria-invalid=invalid.clone()
                prop:value=current on:input=move |ev| write(event_target_value(&ev)) on:blur=touch.clone() />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required_mark(field)}</label>
            {input}
            <div id=format!("{id}-desc")><Description field=field /></div>
            {problems_at(ctx, key)}
        </div>
    }
}

/// What an input's text means for the request: nothing when empty, a number or a boolean when the
/// parameter is one (and the text reads as one; otherwise the text, which the core then reports).
fn parse_input(scalar: Scalar, text: &str) -> Option<Value> {
    if text.is_empty() {
        return None;
    }
    Some(match scalar {
        Scalar::Integer | Scalar::Long => text.trim().parse::<i64>().map(Value::from).unwrap_or_else(|_| text.into()),
        Scalar::Float => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| text.into()),
        Scalar::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => other.into(),
        },
        Scalar::String => text.into(),
    })
}

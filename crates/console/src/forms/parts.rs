//! The parts around every editor: its label (with its list row), the required marker, the
//! description with the documented limits (`Field::limits_in_words`), and the problems the core
//! finds at its path.

use super::ctx::FormCtx;
use super::labels::{api_name, in_words};
use ecsimg_core::catalogue::Field;
use ecsimg_core::validate::{Path, Segment};
use ecsimg_core::Spelling;
use leptos::prelude::*;

/// A field's label, with its list row when it is in one: `tag 2 key`, `addAccount 1`, `imageName`.
pub fn field_label(field: &Field, path: &Path) -> String {
    let segments = &path.0;
    let Some(at) = segments.iter().rposition(|s| matches!(s, Segment::Index(_))) else {
        return label_text(field);
    };
    let list = match at.checked_sub(1).map(|i| &segments[i]) {
        Some(Segment::Field(list)) => list.field(),
        Some(Segment::Unknown(list)) => list.as_str(),
        _ => "",
    };
    let n = match segments[at] {
        Segment::Index(i) => i + 1,
        _ => unreachable!("a row position"),
    };
    if at + 1 == segments.len() {
        format!("{list} {n}")
    } else {
        format!("{list} {n} {}", label_text(field))
    }
}

/// A field's label in words with its required marker (`marked`): the form's own, else the
/// catalogue's (`labels::in_words`); and the SDK name to show beside it.
pub fn label_parts(ctx: FormCtx, field: &'static Field, path: &Path, marked: bool) -> (AnyView, AnyView) {
    let in_row = path.0.iter().any(|s| matches!(s, Segment::Index(_)));
    let words = ctx
        .labels
        .of(&path.render(Spelling::Sdk))
        .unwrap_or_else(|| in_words(field, &field_label(field, path), in_row));
    let mark = marked.then(|| required_mark(field));
    (view! { {words}{mark} }.into_any(), api_name(field).into_any())
}

/// A group's legend: its label, and the SDK name beside it.
pub fn legend(ctx: FormCtx, field: &'static Field, path: &Path, marked: bool) -> impl IntoView {
    let (label, api) = label_parts(ctx, field, path, marked);
    view! { <legend>{label}" "{api}</legend> }
}

/// A field's name as its label says it (`imageName`, `osType (deprecated)`).
pub fn label_text(field: &Field) -> String {
    let mut text = field.field().to_string();
    if field.deprecated() {
        text.push_str(" (deprecated)");
    }
    text
}

pub fn required_mark(field: &Field) -> impl IntoView {
    field.required().then(|| view! { <span class="required" aria-hidden="true">" *"</span><span class="visually-hidden">" (required)"</span> })
}

/// The ids of what is said beside the field at `key` (`tag[0].key` → `tag-0--key-problems`, ...):
/// its problems, its warnings, and the quiet note of a required field left empty.
fn problems_id(key: &str) -> String {
    format!("{}-problems", key.replace(['.', '[', ']'], "-"))
}

fn warnings_id(key: &str) -> String {
    format!("{}-warnings", key.replace(['.', '[', ']'], "-"))
}

fn missing_id(key: &str) -> String {
    format!("{}-missing", key.replace(['.', '[', ']'], "-"))
}

/// What the field's control is described by: its description (`desc`) and what is said beside it.
pub fn described_by(desc: &str, key: &str) -> String {
    format!("{desc} {} {} {}", problems_id(key), warnings_id(key), missing_id(key))
}

/// What is said beside the field at exactly this path: its problems (an alert, once the field was
/// left or on submit), its warnings, and while neither the user nor a submit has asked, that a
/// required field is still empty.
pub fn beside(ctx: FormCtx, key: String) -> impl IntoView {
    let problems = ctx.shown_problems(key.clone());
    let warnings = ctx.shown_warnings(key.clone());
    let missing = ctx.quietly_missing(key.clone());
    let (warnings_id, missing_id) = (warnings_id(&key), missing_id(&key));
    view! {
        {problems_list(problems_id(&key), problems)}
        {move || {
            let list = warnings.get();
            (!list.is_empty()).then(|| view! {
                <ul class="warnings" id=warnings_id.clone() role="status">
                    {list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            })
        }}
        {move || missing.get().then(|| view! { <p class="missing" id=missing_id.clone()>"Required: not filled in yet."</p> })}
    }
}

/// A field's problem list (nothing while there are none to show).
fn problems_list(id: String, problems: Memo<Vec<String>>) -> impl IntoView {
    move || {
        let list = problems.get();
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
pub fn Description(field: &'static Field) -> impl IntoView {
    let docs = field.docs();
    // The documented limits in the words the core's validation messages use.
    let mut limits = field.limits_in_words();
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

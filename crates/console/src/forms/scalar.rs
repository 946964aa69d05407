//! The editor of one value: a select for enums and booleans, a text area for long text (policy
//! documents, scripts), else an input (numeric where the value is a number), offering the IDs the
//! console knows in ID fields.

use super::ctx::FormCtx;
use super::parts::{beside, described_by, label_parts, Description};
use super::value::{dom_id, get, set};
use crate::model::known_ids::suggestions_id;
use ecsimg_core::catalogue::{Field, Scalar};
use ecsimg_core::validate::{Path, Segment};
use ecsimg_core::Spelling;
use leptos::prelude::*;
use serde_json::Value;

/// The control a value is edited with.
#[derive(Debug, Clone, PartialEq)]
enum Control {
    Select(Vec<&'static str>),
    TextArea,
    /// An `<input type=kind inputmode=mode>`.
    Input {
        kind: &'static str,
        mode: &'static str,
    },
}

fn control_for(field: &Field, scalar: Scalar) -> Control {
    let check = field.check();
    if !check.one_of.is_empty() && !check.comma || scalar == Scalar::Boolean {
        let options = if scalar == Scalar::Boolean { vec!["true", "false"] } else { check.one_of.iter().collect() };
        return Control::Select(options);
    }
    if scalar == Scalar::String && (check.max_len.is_some_and(|m| m >= 1024) || field.name().ends_with("Content")) {
        return Control::TextArea;
    }
    let (kind, mode) = match scalar {
        Scalar::Integer | Scalar::Float => ("number", "decimal"),
        Scalar::Long => ("text", "numeric"),
        _ => ("text", "text"),
    };
    Control::Input { kind, mode }
}

/// The datalist an ID field offers: the IDs of its kind (the catalogue's `id` on the field) seen
/// so far.
fn suggestions_for(field: &Field) -> Option<String> {
    field.id_kind().map(suggestions_id)
}

/// What a control is bound to: the form's value at `path`, and the attributes every control has.
#[derive(Clone)]
struct Binding {
    ctx: FormCtx,
    path: Path,
    /// The path as the core spells problems (`tag[0].key`).
    key: String,
    scalar: Scalar,
    id: String,
    describedby: String,
    required: String,
    invalid: Signal<String>,
}

impl Binding {
    /// The value as the control shows it.
    fn current(&self) -> String {
        self.ctx.form.with(|v| match get(v, &self.path) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        })
    }

    /// Writes the control's text into the form.
    fn write(&self, text: &str) {
        let value = parse_input(self.scalar, text);
        // A list row keeps its slot (null) while it is shown; a field left empty is removed.
        let in_row = matches!(self.path.0.last(), Some(Segment::Index(_)));
        let value = if value.is_none() && in_row { Some(Value::Null) } else { value };
        self.ctx.form.update(|v| set(v, &self.path, value));
    }

    fn touch(&self) {
        self.ctx.touch(&self.key);
    }
}

#[component]
pub fn ScalarField(field: &'static Field, scalar: Scalar, path: Path, ctx: FormCtx) -> impl IntoView {
    let key = path.render(Spelling::Sdk);
    let id = dom_id(&path);
    let problems = ctx.shown_problems(key.clone());
    let (label, api) = label_parts(ctx, field, &path, true);
    let binding = Binding {
        ctx,
        describedby: described_by(&format!("{id}-desc"), &key),
        required: field.required().to_string(),
        invalid: Signal::derive(move || problems.with(|p| !p.is_empty()).to_string()),
        id: id.clone(),
        path,
        key: key.clone(),
        scalar,
    };
    view! {
        <div class="field">
            <div class="label-line"><label for=id.clone()>{label}</label>" "{api}</div>
            {control(field, binding)}
            <div id=format!("{id}-desc")><Description field=field /></div>
            {beside(ctx, key)}
        </div>
    }
}

fn control(field: &'static Field, b: Binding) -> AnyView {
    let (current, write, touch) = (b.clone(), b.clone(), b.clone());
    let (current, touch) = (move || current.current(), move |_| touch.touch());
    let Binding { id, describedby, required, invalid, .. } = b;
    match control_for(field, write.scalar) {
        Control::Select(options) => select(options, write),
        Control::TextArea => view! {
            <textarea id=id rows="5" spellcheck="false" aria-describedby=describedby aria-required=required aria-invalid=invalid
                prop:value=current on:input=move |ev| write.write(&event_target_value(&ev)) on:blur=touch></textarea>
        }
        .into_any(),
        Control::Input { kind, mode } => {
            let (list, placeholder) = (suggestions_for(field), field.docs().example.unwrap_or_default());
            view! {
                <input id=id type=kind inputmode=mode list=list placeholder=placeholder autocomplete="off" spellcheck="false"
                    aria-describedby=describedby aria-required=required aria-invalid=invalid
                    prop:value=current on:input=move |ev| write.write(&event_target_value(&ev)) on:blur=touch />
            }
            .into_any()
        }
    }
}

/// A select of `options`, with `—` for no value.
fn select(options: Vec<&'static str>, b: Binding) -> AnyView {
    let (write, touch, shown) = (b.clone(), b.clone(), b.clone());
    let selected = move |option: &'static str| {
        let b = shown.clone();
        move || b.current() == option
    };
    view! {
        <select id=b.id.clone() aria-describedby=b.describedby.clone() aria-required=b.required.clone()
            aria-invalid=b.invalid on:change=move |ev| write.write(&event_target_value(&ev)) on:blur=move |_| touch.touch()>
            <option value="" selected=selected("")>"—"</option>
            {options.into_iter().map(|o| view! { <option value=o selected=selected(o)>{o}</option> }).collect_view()}
        </select>
    }
    .into_any()
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

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::{operation, Shape};
    use serde_json::json;

    fn param(op: &str, name: &str) -> &'static Field {
        operation(op).unwrap().params.iter().find(|f| f.field() == name).unwrap()
    }

    fn scalar(field: &Field) -> Scalar {
        match field.shape() {
            Shape::Scalar(s) => s,
            _ => panic!("{} is not a scalar", field.field()),
        }
    }

    #[test]
    fn a_control_for_each_kind_of_value() {
        let dry_run = param("CreateImage", "dryRun");
        assert_eq!(control_for(dry_run, scalar(dry_run)), Control::Select(vec!["true", "false"]));
        let name = param("CreateImage", "imageName");
        assert_eq!(control_for(name, scalar(name)), Control::Input { kind: "text", mode: "text" });
        let page = param("DescribeImages", "pageSize");
        assert_eq!(control_for(page, scalar(page)), Control::Input { kind: "number", mode: "decimal" });
        assert_eq!(suggestions_for(param("CreateImage", "instanceId")).as_deref(), Some("ids-instances"));
        assert_eq!(suggestions_for(param("CreateImagePipeline", "baseImage")).as_deref(), Some("ids-images"));
        assert_eq!(suggestions_for(name), None);
    }

    #[test]
    fn input_text_becomes_the_value_its_type_says() {
        assert_eq!(parse_input(Scalar::String, ""), None);
        assert_eq!(parse_input(Scalar::Integer, " 42 "), Some(json!(42)));
        assert_eq!(parse_input(Scalar::Integer, "4x"), Some(json!("4x")));
        assert_eq!(parse_input(Scalar::Float, "1.5"), Some(json!(1.5)));
        assert_eq!(parse_input(Scalar::Boolean, "true"), Some(json!(true)));
        assert_eq!(parse_input(Scalar::Boolean, "yes"), Some(json!("yes")));
        assert_eq!(parse_input(Scalar::String, "web"), Some(json!("web")));
    }
}

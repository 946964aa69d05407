//! Fields named for people: every form (the API view's and the image manager's dialogs) names
//! each field in words ("Image name", the catalogue's `label` where the words of the SDK name
//! are not good English: `regionId` is "Region"), with the SDK's name beside it in small
//! monospace; a dialog may word a field its own way ("From instance").

use ecsimg_core::catalogue::Field;
use leptos::prelude::*;
use std::collections::HashMap;

/// The words a form names some of its fields with, its own, by path as the core spells it
/// (`imageOptions.imageName`); the others are called as `in_words` says.
#[derive(Clone, Copy)]
pub struct Labels(StoredValue<HashMap<String, String>>);

impl Labels {
    pub fn new(named: impl IntoIterator<Item = (String, String)>) -> Labels {
        Labels(StoredValue::new(named.into_iter().collect()))
    }

    /// The form's own label of the field at `key`, if it has one.
    pub fn of(&self, key: &str) -> Option<String> {
        self.0.with_value(|named| named.get(key).cloned())
    }
}

/// A field in words: the catalogue's label (`regionId`: `Region`), else the words of its SDK
/// label `sdk` (`tag 2 key`: `Tag 2 key`, a list's row named with its list).
pub fn in_words(field: &Field, sdk: &str, in_row: bool) -> String {
    match field.docs().label.filter(|_| !in_row) {
        Some(label) if field.deprecated() => format!("{label} (deprecated)"),
        Some(label) => label.to_string(),
        None => words(sdk),
    }
}

/// An SDK name in words: `imageName` → `Image name`, `toRegionId 2` → `To region ID 2`,
/// `OSSBucket` → `OSS bucket`.
pub fn words(sdk: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for token in sdk.split(' ') {
        let chars: Vec<char> = token.chars().collect();
        let mut word = String::new();
        for (i, c) in chars.iter().enumerate() {
            // A word starts at a capital after a small letter, or at the last capital of a run
            // that a small letter follows (`OSSBucket`: `OSS`, `Bucket`).
            let next_small = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let starts = i > 0 && c.is_uppercase() && (chars[i - 1].is_lowercase() || next_small);
            if starts && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(*c);
        }
        out.push(word);
    }
    let out: Vec<String> = out.into_iter().map(|w| spoken(&w)).collect();
    let text = out.join(" ");
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// One word as a label says it: acronyms kept (`OSS`), `Id` as `ID`, the rest in small letters.
fn spoken(word: &str) -> String {
    match word {
        "Id" => "ID".into(),
        w if w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) => w.into(),
        w => w.to_lowercase(),
    }
}

/// A field's SDK name, shown beside its label in a form that names fields in words.
pub fn api_name(field: &'static Field) -> impl IntoView {
    view! { <code class="api-name">{field.field()}</code> }
}

#[cfg(test)]
mod tests {
    use super::{in_words, words};
    use ecsimg_core::catalogue::operation;

    #[test]
    fn fields_in_the_catalogues_words_else_their_sdk_names() {
        let import = operation("ImportImage").unwrap();
        let (region, name) = (import.param("RegionId").unwrap(), import.param("ImageName").unwrap());
        assert_eq!(in_words(region, "regionId", false), "Region");
        assert_eq!(in_words(name, "imageName", false), "Image name");
        assert_eq!(in_words(import.param("DryRun").unwrap(), "dryRun", false), "Check only (DryRun)");
        // A row is named with its list.
        assert_eq!(in_words(region, "tag 2 regionId", true), "Tag 2 region ID");
    }

    #[test]
    fn sdk_names_in_words() {
        assert_eq!(words("imageName"), "Image name");
        assert_eq!(words("toRegionId 2"), "To region ID 2");
        assert_eq!(words("OSSBucket"), "OSS bucket");
        assert_eq!(words("tag 1 key"), "Tag 1 key");
        assert_eq!(words("OSType (deprecated)"), "OS type (deprecated)");
        assert_eq!(words("vSwitchId"), "V switch ID");
        assert_eq!(words(""), "");
    }
}

//! Fields named for people. The image manager's dialogs name each field in words ("Image name")
//! with the SDK's name beside it in small monospace; the API view names them as the SDK does.

use ecsimg_core::catalogue::Field;
use leptos::prelude::*;
use std::collections::HashMap;

/// The words a form names its fields with, by path as the core spells it (`imageOptions.imageName`);
/// a field not named here is called by the words of its SDK name.
#[derive(Clone, Copy)]
pub struct Labels(StoredValue<HashMap<String, String>>);

impl Labels {
    pub fn new(named: impl IntoIterator<Item = (String, String)>) -> Labels {
        Labels(StoredValue::new(named.into_iter().collect()))
    }

    /// The label of the field at `key`, whose label in SDK names is `sdk` (`tag 2 key`).
    pub fn of(&self, key: &str, sdk: &str) -> String {
        self.0.with_value(|named| named.get(key).cloned()).unwrap_or_else(|| words(sdk))
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
    view! { <code class="api-name">{field.field}</code> }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn sdk_names_in_words() {
        assert_eq!(words("imageName"), "Image name");
        assert_eq!(words("toRegionId 2"), "To region ID 2");
        assert_eq!(words("OSSBucket"), "OSS bucket");
        assert_eq!(words("tag 1 key"), "Tag 1 key");
        assert_eq!(words("osType (deprecated)"), "Os type (deprecated)");
        assert_eq!(words("vSwitchId"), "V switch ID");
        assert_eq!(words(""), "");
    }
}

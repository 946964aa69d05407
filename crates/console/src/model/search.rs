//! Finding an operation by what a person types: the words of its name (`CopyImage` → copy, image),
//! of its summary and of its group's title, and plain words for the API's verbs ("list" finds the
//! Describe calls, "remove" the Delete ones). Every word typed must match the start of one of them,
//! singular or plural alike.

use ecsimg_core::catalogue::Operation;

/// Plain words and the API's word for them.
const SYNONYMS: &[(&str, &str)] = &[
    ("list", "describe"),
    ("show", "describe"),
    ("find", "describe"),
    ("get", "describe"),
    ("search", "describe"),
    ("remove", "delete"),
    ("erase", "delete"),
    ("make", "create"),
    ("new", "create"),
    ("add", "create"),
    ("edit", "modify"),
    ("rename", "modify"),
    ("change", "modify"),
    ("update", "modify"),
    ("stop", "cancel"),
    ("abort", "cancel"),
    ("duplicate", "copy"),
    ("upload", "import"),
    ("download", "export"),
    ("build", "pipeline"),
    ("template", "pipeline"),
    ("unshare", "share"),
    ("publish", "share"),
];

/// The words of a CamelCase name: `DescribeImageSharePermission` → `Describe`, `Image`, `Share`,
/// `Permission`.
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    let bytes = name.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase() && !bytes[i - 1].is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// A word as compared: lower case, without a plural `s` (`Images` → `image`, `lists` → `list`).
fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    match lower.strip_suffix('s') {
        Some(single) if single.chars().count() >= 3 && !single.ends_with('s') => single.to_string(),
        _ => lower,
    }
}

/// The words of a text (letters and digits; anything else separates them).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// What an operation can be found by: its name, and the words of its name, summary and group.
#[derive(Debug, Clone, PartialEq)]
pub struct Indexed {
    /// The name in lower case (`describeimagefromfamily`): a word typed may be any part of it.
    name: String,
    /// Stemmed.
    words: Vec<String>,
}

impl Indexed {
    pub fn of(op: &Operation) -> Indexed {
        let mut words: Vec<String> = camel_words(op.name).into_iter().map(stem).collect();
        words.extend(self::words(op.summary).map(stem));
        words.extend(self::words(op.group.title()).map(stem));
        Indexed { name: op.name.to_lowercase(), words }
    }

    /// Whether `query` finds it: every word typed (`FromFamily` counts as two) is part of the name,
    /// or starts one of its words, itself or as the API's word for it. An empty query finds all.
    pub fn matches(&self, query: &str) -> bool {
        words(query).all(|typed| {
            self.name.contains(&typed.to_lowercase()) || camel_words(typed).into_iter().all(|w| self.has_word(w))
        })
    }

    fn has_word(&self, typed: &str) -> bool {
        let typed = stem(typed);
        let api_word = SYNONYMS.iter().find(|(plain, _)| *plain == typed).map(|(_, api)| *api);
        self.words.iter().any(|word| word.starts_with(&typed) || api_word.is_some_and(|api| word.starts_with(api)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecsimg_core::catalogue::OPERATIONS;

    fn found(query: &str) -> Vec<&'static str> {
        OPERATIONS.iter().filter(|op| Indexed::of(op).matches(query)).map(|op| op.name).collect()
    }

    #[test]
    fn splits_operation_names_into_words() {
        assert_eq!(camel_words("DescribeImageSharePermission"), ["Describe", "Image", "Share", "Permission"]);
        assert_eq!(camel_words("ModifyImageShareGroupPermission").len(), 5);
        assert_eq!(camel_words("CopyImage"), ["Copy", "Image"]);
        assert_eq!(camel_words("Image"), ["Image"]);
        assert_eq!(camel_words("OSSBucket"), ["OSSBucket"]);
        assert_eq!(camel_words(""), Vec::<&str>::new());
    }

    #[test]
    fn finds_by_name_description_and_plain_words() {
        assert!(found("copy").contains(&"CopyImage"));
        assert!(found("copy").contains(&"CancelCopyImage"));
        assert!(found("list images").contains(&"DescribeImages"));
        assert!(found("share").contains(&"ModifyImageSharePermission"));
        assert!(found("share").contains(&"DescribeImageSharePermission"));
        assert!(found("delete").contains(&"DeleteImage"));
        assert!(found("remove image").contains(&"DeleteImage"));
        assert!(found("FromFamily").contains(&"DescribeImageFromFamily"));
        assert!(found("describeimages").contains(&"DescribeImages"));
        assert!(found("oss").contains(&"ExportImage"));
        assert_eq!(found("").len(), OPERATIONS.len());
        assert!(found("zzz").is_empty());
        assert!(found("copy zzz").is_empty());
    }
}

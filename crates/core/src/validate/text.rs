//! The documented rules on the characters of names, descriptions, tags and the like.

use super::phrases::*;
use super::problem::quote;
use crate::catalogue::{First, Pattern, Text};

/// A rule on the characters of a string that a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRule {
    /// Only ASCII; the first character that is not.
    Ascii(char),
    FirstLetter,
    FirstAsciiLetter,
    /// Only letters, digits and `also`; the first character that is not.
    Chars {
        also: &'static str,
        offender: char,
    },
    NotPrefix(&'static str),
    NotContains(&'static str),
    Pattern(Pattern),
}

/// The first rule `value` breaks.
pub fn broken_rule(text: &Text, value: &str) -> Option<TextRule> {
    if text.ascii {
        if let Some(c) = value.chars().find(|c| !c.is_ascii()) {
            return Some(TextRule::Ascii(c));
        }
    }
    match (text.first, value.chars().next()) {
        (First::Letter, Some(c)) if !c.is_alphabetic() => return Some(TextRule::FirstLetter),
        (First::AsciiLetter, Some(c)) if !c.is_ascii_alphabetic() => return Some(TextRule::FirstAsciiLetter),
        _ => {}
    }
    if let Some(also) = text.chars {
        if let Some(offender) = value.chars().find(|c| !c.is_alphanumeric() && !also.chars().any(|x| x == *c)) {
            return Some(TextRule::Chars { also, offender });
        }
    }
    if let Some(prefix) = text.not_prefix.iter().find(|p| value.starts_with(*p)) {
        return Some(TextRule::NotPrefix(prefix));
    }
    if let Some(part) = text.not_contains.iter().find(|p| crate::search::find(value, p).is_some()) {
        return Some(TextRule::NotContains(part));
    }
    let pattern = text.pattern?;
    let holds = match pattern {
        Pattern::Version => is_version(value),
        Pattern::OssBucket => is_oss_bucket(value),
        Pattern::RegionId => is_region_id(value),
        Pattern::CloudBoxArn => is_cloudbox_arn(value),
    };
    (!holds).then_some(TextRule::Pattern(pattern))
}

impl TextRule {
    /// As the npm package's wasm sends it: `ascii`, `notPrefix`, `version`.
    pub fn code(self) -> &'static str {
        match self {
            TextRule::Ascii(_) => "ascii",
            TextRule::FirstLetter => "firstLetter",
            TextRule::FirstAsciiLetter => "firstAsciiLetter",
            TextRule::Chars { .. } => "chars",
            TextRule::NotPrefix(_) => "notPrefix",
            TextRule::NotContains(_) => "notContains",
            TextRule::Pattern(Pattern::Version) => "version",
            TextRule::Pattern(Pattern::OssBucket) => "ossBucket",
            TextRule::Pattern(Pattern::RegionId) => "regionId",
            TextRule::Pattern(Pattern::CloudBoxArn) => "cloudBoxArn",
        }
    }

    /// Phrased as "must ...".
    pub fn describe(self) -> String {
        let char = |c: char| quote(c.encode_utf8(&mut [0; 4]));
        match self {
            TextRule::Ascii(c) => fill(TEXT_ASCII, &[("char", &char(c))]),
            TextRule::FirstLetter => TEXT_FIRST_LETTER.into(),
            TextRule::FirstAsciiLetter => TEXT_FIRST_ASCII_LETTER.into(),
            TextRule::Chars { also: "", offender } => fill(TEXT_CHARS, &[("char", &char(offender))]),
            TextRule::Chars { also, offender } => {
                let listed: Vec<String> = also.chars().map(String::from).collect();
                fill(TEXT_CHARS_AND, &[("chars", &listed.join(SEPARATOR_CHARS)), ("char", &char(offender))])
            }
            TextRule::NotPrefix(part) => fill(TEXT_NOT_PREFIX, &[("part", &quote(part))]),
            TextRule::NotContains(part) => fill(TEXT_NOT_CONTAINS, &[("part", &quote(part))]),
            TextRule::Pattern(Pattern::Version) => TEXT_VERSION.into(),
            TextRule::Pattern(Pattern::OssBucket) => TEXT_OSS_BUCKET.into(),
            TextRule::Pattern(Pattern::RegionId) => TEXT_REGION_ID.into(),
            TextRule::Pattern(Pattern::CloudBoxArn) => TEXT_CLOUD_BOX_ARN.into(),
        }
    }
}

fn is_version(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_oss_bucket(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

/// Whether `value` can be a region ID (`cn-hangzhou`, `ap-southeast-1`): one DNS label of
/// lowercase letters, digits and hyphens, neither starting nor ending with a hyphen, at most 63
/// characters. It becomes part of the endpoint host (`ecs.<region>.aliyuncs.com`), so nothing else
/// may pass. The console checks the region of a connection with it too.
pub fn is_region_id(value: &str) -> bool {
    (1..=63).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

fn is_cloudbox_arn(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("arn:acs:cloudbox:") else { return false };
    let parts: Vec<&str> = rest.splitn(3, ':').collect();
    matches!(parts.as_slice(), [region, uid, tail]
        if !region.is_empty() && !uid.is_empty() && uid.bytes().all(|b| b.is_ascii_digit())
            && tail.strip_prefix("cloudbox/").is_some_and(|id| !id.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Text = Text {
        first: First::Letter,
        chars: Some(".:_-"),
        ascii: false,
        not_prefix: &["http://", "https://"],
        not_contains: &[],
        pattern: None,
    };

    #[test]
    fn names_start_with_a_letter_of_any_script() {
        assert_eq!(broken_rule(&NAME, "镜像-1.0"), None);
        assert_eq!(broken_rule(&NAME, "1abc").unwrap().describe(), "must start with a letter");
        assert_eq!(
            broken_rule(&NAME, "a b").unwrap().describe(),
            "may only contain letters, digits and . : _ - (\" \" is not allowed)"
        );
    }

    #[test]
    fn patterns() {
        assert!(is_version("10.0.3"));
        assert!(!is_version("1.0") && !is_version("1..0") && !is_version("a.b.c"));
        assert!(is_oss_bucket("my-bucket-01") && !is_oss_bucket("-x") && !is_oss_bucket("My"));
        assert!(is_region_id("cn-hangzhou") && is_region_id("ap-southeast-1"));
        assert!(!is_region_id("cn/x") && !is_region_id("") && !is_region_id("CN"));
        assert!(!is_region_id("-cn") && !is_region_id("cn-") && !is_region_id("cn_hangzhou"));
        assert!(is_region_id(&"a".repeat(63)) && !is_region_id(&"a".repeat(64)));
        assert!(is_cloudbox_arn("arn:acs:cloudbox:cn-hangzhou:123456:cloudbox/cb-1"));
        assert!(!is_cloudbox_arn("arn:acs:cloudbox:cn-hangzhou:abc:cloudbox/cb-1"));
    }
}

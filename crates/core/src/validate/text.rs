//! The documented rules on the characters of names, descriptions, tags and the like.

use super::problem::quote;
use crate::catalogue::{First, Pattern, Text};

/// The first rule `value` breaks, phrased as "must ...".
pub fn broken_rule(text: &Text, value: &str) -> Option<String> {
    if text.ascii {
        if let Some(c) = value.chars().find(|c| !c.is_ascii()) {
            return Some(format!("must contain only ASCII characters ({} is not)", quote(&c.to_string())));
        }
    }
    let first = value.chars().next();
    match (text.first, first) {
        (First::Letter, Some(c)) if !c.is_alphabetic() => return Some("must start with a letter".into()),
        (First::AsciiLetter, Some(c)) if !c.is_ascii_alphabetic() => {
            return Some("must start with an ASCII letter".into())
        }
        _ => {}
    }
    if let Some(extra) = text.chars {
        let allowed = |c: char| c.is_alphanumeric() || extra.chars().any(|x| x == c);
        if let Some(c) = value.chars().find(|c| !allowed(*c)) {
            let also = if extra.is_empty() {
                String::new()
            } else {
                let listed: Vec<String> = extra.chars().map(|c| c.to_string()).collect();
                format!(" and {}", listed.join(" "))
            };
            return Some(format!("may only contain letters, digits{also} ({} is not allowed)", quote(&c.to_string())));
        }
    }
    if let Some(prefix) = text.not_prefix.iter().find(|p| value.starts_with(*p)) {
        return Some(format!("must not start with {}", quote(prefix)));
    }
    if let Some(part) = text.not_contains.iter().find(|p| crate::search::find(value, p).is_some()) {
        return Some(format!("must not contain {}", quote(part)));
    }
    match text.pattern {
        Some(Pattern::Version) if !is_version(value) => {
            Some("must be a version of the form major.minor.patch (for example 1.0.0)".into())
        }
        Some(Pattern::OssBucket) if !is_oss_bucket(value) => Some(
            "must be an OSS bucket name: lowercase letters, digits and hyphens, not starting or ending with a hyphen"
                .into(),
        ),
        Some(Pattern::RegionId) if !is_region_id(value) => {
            Some("must be a region ID such as cn-hangzhou (lowercase letters, digits and hyphens)".into())
        }
        Some(Pattern::CloudBoxArn) if !is_cloudbox_arn(value) => {
            Some("must have the form arn:acs:cloudbox:{RegionId}:{AliUid}:cloudbox/{CloudBoxId}".into())
        }
        _ => None,
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
        assert_eq!(broken_rule(&NAME, "1abc").unwrap(), "must start with a letter");
        assert_eq!(
            broken_rule(&NAME, "a b").unwrap(),
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

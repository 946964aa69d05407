//! Finding a string in a string by comparing bytes: the strings searched are short (a message, an
//! endpoint pattern), and `str::find` with a string pattern would add its two-way searcher's
//! 2 KB to the wasm.

/// Where `needle` first starts in `haystack`.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// `haystack` with the first `needle` replaced by `with`.
pub fn replace_first(haystack: &str, needle: &str, with: &str) -> String {
    match find(haystack, needle) {
        Some(at) => [&haystack[..at], with, &haystack[at + needle.len()..]].concat(),
        None => haystack.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_replaces_the_first() {
        assert_eq!(find("a://b://", "://"), Some(1));
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(find("x", ""), Some(0));
        assert_eq!(
            replace_first("ecs.{region}.aliyuncs.com", "{region}", "cn-hangzhou"),
            "ecs.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(replace_first("plain", "{region}", "x"), "plain");
    }
}

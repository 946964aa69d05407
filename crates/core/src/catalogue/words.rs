//! A field's documented limits in words: one phrasing for the validation messages (`must be 2 to
//! 128 characters, got 1`), the npm package's doc comments and the console's field descriptions.

use super::{Field, Shape};

/// `2 to 128 characters`, `exactly 8 characters`, `at least 1 character`, `at most 64
/// characters`; `None` without a bound.
pub fn length_in_words(min: Option<u32>, max: Option<u32>) -> Option<String> {
    Some(match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a} {}", plural(a, "character")),
        (Some(a), Some(b)) => format!("{a} to {b} characters"),
        (Some(a), None) => format!("at least {a} {}", plural(a, "character")),
        (None, Some(b)) => format!("at most {b} {}", plural(b, "character")),
        (None, None) => return None,
    })
}

/// `between 1 and 100`, `at least 1`, `at most 500`; `None` without a bound.
pub fn range_in_words(min: Option<i64>, max: Option<i64>) -> Option<String> {
    Some(match (min, max) {
        (Some(a), Some(b)) => format!("between {a} and {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => return None,
    })
}

/// `at most 20 items`, `at least 1 item`.
pub fn items_in_words(bound: &str, n: u32) -> String {
    format!("{bound} {n} {}", plural(n, "item"))
}

fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

impl Field {
    /// The field's documented limits, each in words: its length, its range, the values of a
    /// comma-separated list, how many items a list takes. Empty when it has none. (Its enum values
    /// are not listed: a form offers them, a type spells them.)
    ///
    /// `["2 to 128 characters"]`, `["between 1 and 100"]`, `["at most 20 items"]`,
    /// `["comma-separated values of Creating, Available"]`.
    pub fn limits_in_words(&self) -> Vec<String> {
        let check = self.check;
        let mut words: Vec<String> =
            [length_in_words(check.min_len, check.max_len), range_in_words(check.min, check.max)]
                .into_iter()
                .flatten()
                .collect();
        if check.comma {
            words.push(format!("comma-separated values of {}", check.one_of.join(", ")));
        }
        if let Shape::List { max_items: Some(max), .. } = self.shape {
            words.push(items_in_words("at most", max));
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::operation;

    #[test]
    fn phrases_each_kind_of_limit() {
        let param = |op: &str, wire: &str| operation(op).unwrap().param(wire).unwrap();
        assert_eq!(param("CreateImage", "ImageName").limits_in_words(), ["2 to 128 characters"]);
        assert_eq!(param("DescribeImages", "PageSize").limits_in_words(), ["between 1 and 100"]);
        assert_eq!(param("DescribeImages", "PageNumber").limits_in_words(), ["at least 1"]);
        assert_eq!(param("DescribeImages", "Tag").limits_in_words(), ["at most 20 items"]);
        assert!(
            param("DescribeImages", "Status").limits_in_words()[0].starts_with("comma-separated values of Creating, ")
        );
        assert!(param("DescribeImages", "ImageId").limits_in_words().is_empty());
        assert_eq!(length_in_words(Some(1), None).unwrap(), "at least 1 character");
        assert_eq!(length_in_words(Some(8), Some(8)).unwrap(), "exactly 8 characters");
        assert_eq!(items_in_words("at least", 1), "at least 1 item");
    }
}

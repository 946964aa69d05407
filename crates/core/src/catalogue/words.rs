//! A field's documented limits in words: one phrasing for the validation messages (`must be 2 to
//! 128 characters, got 1`), the npm package's doc comments and the console's field descriptions.

use super::{Field, Shape};
use crate::validate::phrases::*;

/// `2 to 128 characters`, `exactly 8 characters`, `at least 1 character`, `at most 64
/// characters`; `None` without a bound.
pub fn length_in_words(min: Option<u32>, max: Option<u32>) -> Option<String> {
    let characters = |n: u32| plural(n, CHARACTER, CHARACTERS);
    let bound = |word: &str, n: u32| {
        fill(LENGTH_BOUND, &[("bound", word), ("n", &n.to_string()), ("characters", characters(n))])
    };
    Some(match (min, max) {
        (Some(a), Some(b)) if a == b => fill(LENGTH_EXACTLY, &[("n", &a.to_string()), ("characters", characters(a))]),
        (Some(a), Some(b)) => fill(LENGTH_BETWEEN, &[("min", &a.to_string()), ("max", &b.to_string())]),
        (Some(a), None) => bound(AT_LEAST, a),
        (None, Some(b)) => bound(AT_MOST, b),
        (None, None) => return None,
    })
}

/// `between 1 and 100`, `at least 1`, `at most 500`; `None` without a bound.
pub fn range_in_words(min: Option<i64>, max: Option<i64>) -> Option<String> {
    Some(match (min, max) {
        (Some(a), Some(b)) => fill(RANGE_BETWEEN, &[("min", &a.to_string()), ("max", &b.to_string())]),
        (Some(a), None) => fill(RANGE_BOUND, &[("bound", AT_LEAST), ("n", &a.to_string())]),
        (None, Some(b)) => fill(RANGE_BOUND, &[("bound", AT_MOST), ("n", &b.to_string())]),
        (None, None) => return None,
    })
}

/// `at most 20 items`, `at least 1 item`: `bound` is `AT_LEAST` or `AT_MOST` of the phrases.
pub fn items_in_words(bound: &str, n: u32) -> String {
    fill(ITEMS_BOUND, &[("bound", bound), ("n", &n.to_string()), ("items", plural(n, ITEM, ITEMS))])
}

fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
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
        let check = self.check();
        let mut words: Vec<String> =
            [length_in_words(check.min_len, check.max_len), range_in_words(check.min, check.max)]
                .into_iter()
                .flatten()
                .collect();
        if check.comma {
            words.push(fill(COMMA_VALUES, &[("values", &check.one_of.join(SEPARATOR_LIST))]));
        }
        if let Shape::List { max_items: Some(max), .. } = self.shape() {
            words.push(items_in_words(AT_MOST, max));
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
        assert_eq!(items_in_words(AT_LEAST, 1), "at least 1 item");
    }
}

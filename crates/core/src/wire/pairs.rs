//! Wire pairs (`Tag.1.Key` = `prod`) kept in one string: flattening a request appends each key and
//! value to it, rather than allocating two strings a parameter.

use std::fmt;

/// Keys and values in the order pushed (the catalogue's, for a flattened request).
#[derive(Clone, Default, PartialEq)]
pub struct Pairs {
    text: String,
    /// Where each pair starts, where its key ends and where its value ends, in `text`.
    spans: Vec<(usize, usize, usize)>,
}

impl Pairs {
    /// Room for `pairs` pairs of `text` bytes in all, so that a request flattens without regrowing.
    pub fn with_capacity(pairs: usize, text: usize) -> Pairs {
        Pairs { text: String::with_capacity(text), spans: Vec::with_capacity(pairs) }
    }

    pub fn push(&mut self, key: &str, value: &str) {
        let start = self.text.len();
        self.text.push_str(key);
        let key_end = self.text.len();
        self.text.push_str(value);
        self.spans.push((start, key_end, self.text.len()));
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { pairs: self, next: 0 }
    }

    /// The pairs as borrowed slices, for the signers, with room for `more` (V1's common ones).
    pub fn to_refs(&self, more: usize) -> Vec<(&str, &str)> {
        let mut refs = Vec::with_capacity(self.len() + more);
        for pair in self.iter() {
            refs.push(pair);
        }
        refs
    }

    /// The pairs as owned strings.
    pub fn to_vec(&self) -> Vec<(String, String)> {
        let mut owned = Vec::with_capacity(self.len());
        for (k, v) in self.iter() {
            owned.push((k.to_string(), v.to_string()));
        }
        owned
    }

    /// The value of the first pair with this key.
    pub fn get(&self, key: &str) -> Option<&str> {
        for span in &self.spans {
            if self.key(span) == key.as_bytes() {
                return Some(&self.text[span.1..span.2]);
            }
        }
        None
    }

    /// Whether `param` (a dotted wire name), or anything inside it, is among the keys.
    pub fn contains(&self, param: &str) -> bool {
        let param = param.as_bytes();
        for span in &self.spans {
            let k = self.key(span);
            // The byte after the prefix first: it rules out most keys without comparing them.
            if k.len() >= param.len() && k.get(param.len()).is_none_or(|&b| b == b'.') && k[..param.len()] == *param {
                return true;
            }
        }
        false
    }

    /// A key's bytes: the scans above compare bytes, with no character boundaries to check.
    fn key(&self, &(start, key_end, _): &(usize, usize, usize)) -> &[u8] {
        &self.text.as_bytes()[start..key_end]
    }
}

/// The pairs in order. One iterator type, with only `next` of its own, so that each use adds
/// little to the wasm.
pub struct Iter<'a> {
    pairs: &'a Pairs,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let &(start, key_end, end) = self.pairs.spans.get(self.next)?;
        self.next += 1;
        Some(self.pairs.text[start..end].split_at(key_end - start))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.pairs.spans.len() - self.next;
        (left, Some(left))
    }
}

impl fmt::Debug for Pairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_pairs_in_order() {
        let mut pairs = Pairs::default();
        pairs.push("RegionId", "cn-hangzhou");
        pairs.push("Tag.1.Key", "");
        pairs.push("", "x");
        assert_eq!(pairs.iter().collect::<Vec<_>>(), [("RegionId", "cn-hangzhou"), ("Tag.1.Key", ""), ("", "x")]);
        assert_eq!((pairs.len(), pairs.get("Tag.1.Key"), pairs.get("Tag")), (3, Some(""), None));
        assert_eq!(format!("{pairs:?}"), r#"[("RegionId", "cn-hangzhou"), ("Tag.1.Key", ""), ("", "x")]"#);
    }
}

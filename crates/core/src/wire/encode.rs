//! RFC 3986 percent-encoding as Alibaba Cloud canonicalises it: every byte of the UTF-8 form except
//! `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex), so space is `%20` and `*` is `%2A`.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether a byte stays as it is: `A-Z a-z 0-9 - _ . ~`. One load per byte, where range
/// comparisons cost several.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'_' | b'.' | b'~');
        b += 1;
    }
    table
};

/// Where percent-encoded bytes go: runs of unreserved bytes, the bytes that are escaped, and a
/// query's separators (`&`, `=`), which are written as they are.
trait Sink {
    fn run(&mut self, bytes: &[u8]);
    fn escape(&mut self, b: u8);
    fn separator(&mut self, b: u8);
}

impl Sink for Vec<u8> {
    fn run(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn escape(&mut self, b: u8) {
        self.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
    }

    fn separator(&mut self, b: u8) {
        self.push(b);
    }
}

/// A text and its encoding encoded once more, written in one pass: `enc(enc(x))` is `enc(x)`
/// with each escape's `%` escaped (`%25XX`), since every other byte of `enc(x)` is unreserved.
struct Twice<'a> {
    once: &'a mut Vec<u8>,
    twice: &'a mut Vec<u8>,
}

impl Sink for Twice<'_> {
    fn run(&mut self, bytes: &[u8]) {
        self.once.run(bytes);
        self.twice.run(bytes);
    }

    fn escape(&mut self, b: u8) {
        self.once.escape(b);
        self.twice.escape(b'%');
        self.twice.extend_from_slice(&self.once[self.once.len() - 2..]);
    }

    fn separator(&mut self, b: u8) {
        self.once.push(b);
        self.twice.escape(b);
    }
}

/// Writes the percent-encoding of `s` to `sink`: runs of unreserved bytes are copied whole and
/// each other byte is escaped. Working on bytes, nothing is checked for character boundaries or
/// re-encoded as UTF-8.
fn encode_to(sink: &mut impl Sink, s: &str) {
    let (s, mut run) = (s.as_bytes(), 0);
    for (i, &b) in s.iter().enumerate() {
        if !UNRESERVED[usize::from(b)] {
            sink.run(&s[run..i]);
            sink.escape(b);
            run = i + 1;
        }
    }
    sink.run(&s[run..]);
}

/// Appends the percent-encoding of `s` to `out`, as bytes.
pub fn percent_encode_into(out: &mut Vec<u8>, s: &str) {
    encode_to(out, s);
}

/// What was written in bytes, as the string it is: every byte written is ASCII. (Not `expect`:
/// that would link the error's `Debug`, a few KB of wasm.)
fn ascii(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("percent-encoded text is ASCII"),
    }
}

pub fn percent_encode(s: &str) -> String {
    percent_encode_after(&[], s)
}

/// The `prefix` parts followed by the percent-encoding of `s`, in one buffer (V1 appends its
/// encoded signature to its canonical query).
pub fn percent_encode_after(prefix: &[&str], s: &str) -> String {
    let mut out = starting_with(prefix, s.len() * 3);
    percent_encode_into(&mut out, s);
    ascii(out)
}

/// A buffer holding the `prefix` parts, with room for `more` bytes after them.
fn starting_with(prefix: &[&str], more: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(prefix.iter().map(|p| p.len()).sum::<usize>() + more);
    for part in prefix {
        out.extend_from_slice(part.as_bytes());
    }
    out
}

/// `k=v&k=v` over pairs sorted by key in byte order, keys and values percent-encoded.
pub fn canonical_query(pairs: &[(&str, &str)]) -> String {
    let mut out = Vec::with_capacity(query_room(pairs));
    write_query(&mut out, pairs);
    ascii(out)
}

/// The canonical query, and `prefix` followed by the canonical query percent-encoded once more
/// (V1's string to sign), written in one pass.
pub fn canonical_query_encoded(pairs: &[(&str, &str)], prefix: &[&str]) -> (String, String) {
    let size = query_room(pairs);
    let mut once = Vec::with_capacity(size);
    let mut twice = starting_with(prefix, size + size / 2);
    write_query(&mut Twice { once: &mut once, twice: &mut twice }, pairs);
    (ascii(once), ascii(twice))
}

/// Room for every key and value, a third of them escaped, and the separators.
fn query_room(pairs: &[(&str, &str)]) -> usize {
    let size = pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>();
    size + size / 3
}

/// Writes the pairs sorted by key, each `k=v` encoded, `&` between them.
fn write_query(sink: &mut impl Sink, pairs: &[(&str, &str)]) {
    let mut sorted: Vec<&(&str, &str)> = pairs.iter().collect();
    small_sort(&mut sorted, |a, b| a.0.as_bytes() < b.0.as_bytes());
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            sink.separator(b'&');
        }
        encode_to(sink, k);
        sink.separator(b'=');
        encode_to(sink, v);
    }
}

/// Stable binary insertion sort: the collections sorted here are small (query pairs, headers), and
/// one tiny instantiation replaces the standard library's driftsort (several KB of wasm per call
/// site). An element out of place finds its place by bisection (the moves are cheap swaps).
pub fn small_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        // Flattened parameters come mostly in order already: most elements stay where they are.
        if !less(&v[i], &v[i - 1]) {
            continue;
        }
        // After every element that is not greater (which keeps equal ones in order).
        let (mut lo, mut hi) = (0, i - 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if less(&v[i], &v[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for j in (lo..i).rev() {
            v.swap(j, j + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_reference() {
        assert_eq!(percent_encode("a b*c~d"), "a%20b%2Ac~d");
        assert_eq!(percent_encode("!'()"), "%21%27%28%29");
        assert_eq!(percent_encode("镜像"), "%E9%95%9C%E5%83%8F");
        assert_eq!(percent_encode("/:=&+"), "%2F%3A%3D%26%2B");
    }

    #[test]
    fn sorts_by_bytes() {
        let q = canonical_query(&[("b", "2"), ("B", "1"), ("a.1", "x y")]);
        assert_eq!(q, "B=1&a.1=x%20y&b=2");
    }

    #[test]
    fn encodes_a_query_twice_in_one_pass() {
        let pairs = [("Tag.1.Value", "值 a*b"), ("A", "x=y&z%~"), ("Name", "plain-_.~")];
        let (once, twice) = canonical_query_encoded(&pairs, &["GET", "&%2F&"]);
        assert_eq!(once, canonical_query(&pairs));
        assert_eq!(twice, ["GET&%2F&", &percent_encode(&once)].concat());
    }

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Every sequence of up to 7 values out of 3, each tagged with its position.
        for len in 0..=7u32 {
            for n in 0..3usize.pow(len) {
                let mut v: Vec<(usize, usize)> = (0..len as usize).map(|i| (n / 3usize.pow(i as u32) % 3, i)).collect();
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                small_sort(&mut v, |a, b| a.0 < b.0);
                assert_eq!(v, want);
            }
        }
    }

    #[test]
    fn sorts_stably() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f'), (3, 'g')];
        small_sort(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c'), (3, 'g')]);
        let mut keys: Vec<String> = (1..=20).rev().map(|i| format!("Tag.{i}.Key")).collect();
        let mut want = keys.clone();
        want.sort();
        small_sort(&mut keys, |a, b| a < b);
        assert_eq!(keys, want);
    }
}

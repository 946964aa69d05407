//! RFC 3986 percent-encoding as Alibaba Cloud canonicalises it: every byte of the UTF-8 form except
//! `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex), so space is `%20` and `*` is `%2A`.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Appends the percent-encoded form of `s` to `out`.
pub fn percent_encode_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    percent_encode_into(&mut out, s);
    out
}

/// `k=v&k=v` over pairs sorted by key in byte order, keys and values percent-encoded.
pub fn canonical_query(pairs: &[(&str, &str)]) -> String {
    let mut sorted: Vec<&(&str, &str)> = pairs.iter().collect();
    small_sort(&mut sorted, |a, b| a.0.as_bytes() < b.0.as_bytes());
    let mut out = String::new();
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent_encode_into(&mut out, k);
        out.push('=');
        percent_encode_into(&mut out, v);
    }
    out
}

/// Stable insertion sort: the collections sorted here are small (query pairs, headers), and one
/// tiny instantiation replaces the standard library's driftsort (several KB of wasm per call site).
pub fn small_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
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
}

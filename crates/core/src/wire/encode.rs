//! RFC 3986 percent-encoding as Alibaba Cloud canonicalises it: every byte of the UTF-8 form except
//! `A-Z a-z 0-9 - _ . ~` becomes `%XX` (upper-case hex), so space is `%20` and `*` is `%2A`.

/// `%00%01…%FF`: each byte's escape is three characters of it, appended as a slice.
const ESCAPES: &str = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const BYTES: [u8; 768] = {
        let mut out = [0u8; 768];
        let mut b = 0;
        while b < 256 {
            out[3 * b] = b'%';
            out[3 * b + 1] = HEX[b >> 4];
            out[3 * b + 2] = HEX[b & 15];
            b += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("the escapes are ASCII"),
    }
};

/// `A-Z a-z 0-9 - _ . ~` as bits of the ASCII table (bytes 0-63, 64-127): one shift and one test
/// per byte, where the range comparisons cost several.
const UNRESERVED: [u64; 2] = {
    let mut bits = [0u64; 2];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'_' | b'.' | b'~') {
            bits[b / 64] |= 1 << (b % 64);
        }
        b += 1;
    }
    bits
};

fn unreserved(b: u8) -> bool {
    b < 128 && UNRESERVED[usize::from(b >> 6)] >> (b & 63) & 1 == 1
}

/// Appends the percent-encoded form of `s` to `out`.
///
/// Runs of unreserved bytes are copied whole (a run is ASCII, so it starts and ends on character
/// boundaries) and each other byte appends its escape: no character is pushed one at a time.
pub fn percent_encode_into(out: &mut String, s: &str) {
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !unreserved(b) {
            if run < i {
                out.push_str(&s[run..i]);
            }
            let at = 3 * usize::from(b);
            out.push_str(&ESCAPES[at..at + 3]);
            run = i + 1;
        }
    }
    if run < s.len() {
        out.push_str(&s[run..]);
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
    // Room for every key and value, a third of them escaped, and the separators.
    let mut size = 0;
    for (k, v) in pairs {
        size += k.len() + v.len() + 2;
    }
    let mut out = String::with_capacity(size + size / 3);
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

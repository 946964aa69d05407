//! Parameters as the service reads them: from the query string and, for a form POST, the body.

/// `k=v&k=v` with percent-escapes decoded; `+` is a space, as servlet containers read it.
pub fn decode_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::decode_pairs;

    #[test]
    fn decodes_like_a_server() {
        let pairs = decode_pairs("A=1&Tag.1.Key=%E9%95%9C%20x+y&Empty=&Bare&Bad=%zz%4");
        let expected = [("A", "1"), ("Tag.1.Key", "镜 x y"), ("Empty", ""), ("Bare", ""), ("Bad", "%zz%4")];
        let expected: Vec<(String, String)> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(pairs, expected);
    }
}

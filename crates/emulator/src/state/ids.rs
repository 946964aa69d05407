//! Identifiers that look like the service's: `m-` + 20 lowercase letters and digits for images,
//! UUID-shaped request IDs. Deterministic from a counter, so tests and persisted state agree.

const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// SplitMix64: a bijection on u64 with good mixing, so distinct counters give distinct IDs.
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// `prefix` + 20 base-36 characters: the first 13 encode the mixed counter (unique), the rest pad.
pub fn resource_id(prefix: &str, counter: u64) -> String {
    let mut out = String::with_capacity(prefix.len() + 20);
    out.push_str(prefix);
    let mut unique = mix(counter);
    let mut pad = mix(unique);
    for i in 0..20 {
        let source = if i < 13 { &mut unique } else { &mut pad };
        out.push(ALPHABET[(*source % 36) as usize] as char);
        *source /= 36;
    }
    out
}

/// A request ID in the service's format (`473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E`).
pub fn request_id(counter: u64) -> String {
    let a = mix(counter);
    let b = mix(a);
    let hex = format!("{a:016X}{b:016X}");
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_shaped_like_the_service() {
        let ids: HashSet<String> = (0..10_000).map(|n| resource_id("m-", n)).collect();
        assert_eq!(ids.len(), 10_000);
        let id = resource_id("m-", 1);
        assert_eq!(id.len(), 22);
        assert!(id[2..].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(request_id(7).len(), 36);
    }
}

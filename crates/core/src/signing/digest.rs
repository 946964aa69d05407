//! The few digests and encodings the signers need.

#[cfg(not(target_arch = "wasm32"))]
pub use native::{hmac_sha1, hmac_sha256, sha256};

/// The RustCrypto crates, which use the CPU's SHA extensions where it has them.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use hmac::{Hmac, Mac};
    use sha1::Sha1;
    use sha2::{Digest, Sha256};

    pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
        let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    pub fn sha256(data: &[u8]) -> [u8; 32] {
        Sha256::digest(data).into()
    }
}

#[cfg(target_arch = "wasm32")]
pub use compact::{hmac_sha1, hmac_sha256, sha256};

/// The compact rounds of `super::sha`, for wasm.
#[cfg(target_arch = "wasm32")]
mod compact {
    use crate::signing::sha::{hash, hmac, SHA1, SHA256};

    pub fn hmac_sha1(key: &[u8], data: &[u8]) -> [u8; 20] {
        let mac = hmac(&SHA1, key, data);
        std::array::from_fn(|i| mac[i])
    }

    pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
        hmac(&SHA256, key, data)
    }

    pub fn sha256(data: &[u8]) -> [u8; 32] {
        hash(&SHA256, &[data])
    }
}

pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    push_hex(&mut out, bytes);
    out
}

/// Appends the lower-case hex of `bytes` to `out`, a digest at a time through a buffer (a
/// character pushed at a time costs a capacity check and a UTF-8 encoding each).
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for chunk in bytes.chunks(32) {
        let mut buf = [0u8; 64];
        for (pair, b) in buf.chunks_exact_mut(2).zip(chunk) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 15)];
        }
        out.push_str(std::str::from_utf8(&buf[..2 * chunk.len()]).unwrap_or_default());
    }
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_vectors() {
        // RFC 2202 test case 2 and RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(hex(&sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}

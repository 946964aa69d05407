//! SHA-1 (FIPS 180-4) with its rounds a loop, SHA-256 by sha2's compression function, and the
//! padding and HMAC (RFC 2104) over both, for wasm32: it has no SHA instructions to use, and the
//! sha1 crate's unrolled rounds and the digest crates' generic wrappers cost the npm package's
//! module 1.8 KB gzip. Natively the crates stay (they use the CPU's SHA extensions). The tests
//! compare this module with the crates on many lengths of key and data.

/// A hash function of 64-byte blocks: its initial state (5 or 8 words) and its compression.
pub struct Algorithm {
    init: &'static [u32],
    compress: fn(&mut [u32; 8], &[u8; 64]),
}

impl Algorithm {
    /// The digest's length in bytes: four per state word.
    fn len(&self) -> usize {
        4 * self.init.len()
    }
}

pub const SHA1: Algorithm =
    Algorithm { init: &[0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0], compress: sha1_compress };

pub const SHA256: Algorithm = Algorithm {
    init: &[0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19],
    // sha2's compact rounds (wasm) are faster than a loop of ours, and no larger.
    compress: |state, block| {
        sha2::compress256(state, std::slice::from_ref(sha2::digest::generic_array::GenericArray::from_slice(block)))
    },
};

/// The digest of the concatenation of `parts`, in the first `algorithm.len()` bytes: the parts
/// in 64-byte blocks, then `0x80`, zeros and the length in bits as a big-endian u64.
pub fn hash(algorithm: &Algorithm, parts: &[&[u8]]) -> [u8; 32] {
    let mut state = [0u32; 8];
    state[..algorithm.init.len()].copy_from_slice(algorithm.init);
    let mut block = [0u8; 64];
    let (mut fill, mut total) = (0, 0u64);
    for part in parts {
        total += part.len() as u64;
        let mut rest = *part;
        while !rest.is_empty() {
            // A whole block of the input is compressed where it is.
            if let (0, Some((whole, tail))) = (fill, rest.split_first_chunk::<64>()) {
                (algorithm.compress)(&mut state, whole);
                rest = tail;
                continue;
            }
            let n = rest.len().min(64 - fill);
            block[fill..fill + n].copy_from_slice(&rest[..n]);
            (fill, rest) = (fill + n, &rest[n..]);
            if fill == 64 {
                (algorithm.compress)(&mut state, &block);
                fill = 0;
            }
        }
    }
    block[fill] = 0x80;
    block[fill + 1..].fill(0);
    if fill >= 56 {
        (algorithm.compress)(&mut state, &block);
        block = [0; 64];
    }
    block[56..].copy_from_slice(&(total * 8).to_be_bytes());
    (algorithm.compress)(&mut state, &block);
    let mut out = [0u8; 32];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// `H((K ^ opad) || H((K ^ ipad) || data))`, where `K` is the key (hashed first when longer
/// than a block) padded with zeros to 64 bytes; the MAC in the first `algorithm.len()` bytes.
pub fn hmac(algorithm: &Algorithm, key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..algorithm.len()].copy_from_slice(&hash(algorithm, &[key])[..algorithm.len()]);
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let inner = hash(algorithm, &[&k.map(|b| b ^ 0x36), data]);
    hash(algorithm, &[&k.map(|b| b ^ 0x5c), &inner[..algorithm.len()]])
}

/// SHA-1's 80 rounds over the message schedule: the block's 16 big-endian words, then
/// `W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16])`, computed ahead of the rounds.
fn sha1_compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 80];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    for t in 16..80 {
        w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
    }
    let [mut a, mut b, mut c, mut d, mut e, ..] = *state;
    for (t, word) in w.iter().enumerate() {
        let (f, k) = match t / 20 {
            0 => ((b & c) | (!b & d), 0x5A82_7999),
            1 => (b ^ c ^ d, 0x6ED9_EBA1),
            2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let temp = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*word);
        (e, d, c, b, a) = (d, c, b.rotate_left(30), a, temp);
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
        *s = s.wrapping_add(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::digest::hex;
    use hmac::{Hmac, Mac};
    use sha2::Digest;

    fn hex_of(algorithm: &Algorithm, digest: [u8; 32]) -> String {
        hex(&digest[..algorithm.len()])
    }

    #[test]
    fn fips_180_vectors() {
        let cases: [(&[u8], &str, &str); 3] = [
            (
                b"",
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "a9993e364706816aba3e25717850c26c9cd0d89d",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
        ];
        for (data, sha1, sha256) in cases {
            assert_eq!(hex_of(&SHA1, hash(&SHA1, &[data])), sha1);
            assert_eq!(hex_of(&SHA256, hash(&SHA256, &[data])), sha256);
        }
    }

    /// Every length of data around the block and padding boundaries, split anywhere, and keys
    /// shorter and longer than a block: the same bytes as the RustCrypto crates.
    #[test]
    fn agrees_with_the_rustcrypto_crates() {
        let bytes: Vec<u8> = (0..400u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for len in 0..300 {
            let data = &bytes[..len];
            let (head, tail) = data.split_at(len / 3);
            assert_eq!(hash(&SHA1, &[head, tail])[..20], sha1::Sha1::digest(data)[..], "sha1 of {len}");
            assert_eq!(hash(&SHA256, &[head, tail])[..], sha2::Sha256::digest(data)[..], "sha256 of {len}");
            let key = &bytes[100..100 + len % 150];
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
            mac.update(data);
            assert_eq!(hmac(&SHA1, key, data)[..20], mac.finalize().into_bytes()[..], "hmac-sha1 of {len}");
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
            mac.update(data);
            assert_eq!(hmac(&SHA256, key, data)[..], mac.finalize().into_bytes()[..], "hmac-sha256 of {len}");
        }
    }
}

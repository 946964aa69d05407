//! SHA-1, SHA-256 (FIPS 180-4) and HMAC (RFC 2104) with every round a loop, for wasm32: it has
//! no SHA instructions to use, and the RustCrypto crates' unrolled rounds and generic wrappers
//! cost the npm package's module about 6 KB. Natively the crates stay (they use the CPU's SHA
//! extensions). The tests compare this module with the crates on many lengths of key and data.

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
    compress: sha256_compress,
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

/// The block's 16 big-endian words.
fn words(block: &[u8; 64]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    w
}

/// SHA-1's 80 rounds over a 16-word window of the message schedule,
/// `W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16])`.
fn sha1_compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = words(block);
    let [mut a, mut b, mut c, mut d, mut e, ..] = *state;
    for t in 0..80 {
        if t >= 16 {
            w[t % 16] = (w[(t + 13) % 16] ^ w[(t + 8) % 16] ^ w[(t + 2) % 16] ^ w[t % 16]).rotate_left(1);
        }
        let (f, k) = match t / 20 {
            0 => ((b & c) | (!b & d), 0x5A82_7999),
            1 => (b ^ c ^ d, 0x6ED9_EBA1),
            2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let temp = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(w[t % 16]);
        (e, d, c, b, a) = (d, c, b.rotate_left(30), a, temp);
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
        *s = s.wrapping_add(v);
    }
}

const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

/// SHA-256's 64 rounds over a 16-word window of the message schedule,
/// `W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]`.
fn sha256_compress(state: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = words(block);
    let mut v = *state;
    for (t, k) in K256.iter().enumerate() {
        if t >= 16 {
            let (w15, w2) = (w[(t + 1) % 16], w[(t + 14) % 16]);
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            w[t % 16] = w[t % 16].wrapping_add(s0).wrapping_add(w[(t + 9) % 16]).wrapping_add(s1);
        }
        let [a, b, c, d, e, f, g, h] = v;
        let ch = (e & f) ^ (!e & g);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let big_s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let big_s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let t1 = h.wrapping_add(big_s1).wrapping_add(ch).wrapping_add(*k).wrapping_add(w[t % 16]);
        let t2 = big_s0.wrapping_add(maj);
        v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
    }
    for (s, x) in state.iter_mut().zip(v) {
        *s = s.wrapping_add(x);
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

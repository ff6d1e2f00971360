//! SHA-256 values and their lowercase-hex form, raw bytes shown as hex (the server secret), and
//! the length-prefixed field framing `F(x) = u32be(len(x)) ‖ x` every derived hash uses
//! (docs/draw-algorithm.md §2).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::fmt;

/// A SHA-256 value. Ordered as a 256-bit big-endian number (byte-wise), shown as 64 lowercase
/// hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct H256(pub [u8; 32]);

impl H256 {
    /// SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> H256 {
        H256(Sha256::digest(bytes).into())
    }

    /// Lowercase hex, 64 digits.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// Parses 64 hex digits (either case).
    pub fn from_hex(s: &str) -> Option<H256> {
        let v = from_hex(s)?;
        Some(H256(v.try_into().ok()?))
    }

    /// The value read as a 256-bit big-endian unsigned integer, modulo `k` (`k > 0`).
    pub fn mod_u32(&self, k: u32) -> u32 {
        let k = u64::from(k.max(1));
        let r = self
            .0
            .iter()
            .fold(0u64, |r, &b| ((r << 8) | u64::from(b)) % k);
        // r < k <= u32::MAX
        u32::try_from(r).unwrap_or(0)
    }
}

impl fmt::Display for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "H256({})", self.to_hex())
    }
}

impl Serialize for H256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for H256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<H256, D::Error> {
        let s = String::deserialize(d)?;
        lowercase(&s)
            .and_then(H256::from_hex)
            .ok_or_else(|| serde::de::Error::custom("expected 64 lowercase hexadecimal digits"))
    }
}

/// Raw bytes written as lowercase hex (the revealed server secret).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HexBytes(pub Vec<u8>);

impl fmt::Debug for HexBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HexBytes({})", to_hex(&self.0))
    }
}

impl Serialize for HexBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for HexBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<HexBytes, D::Error> {
        let s = String::deserialize(d)?;
        lowercase(&s)
            .and_then(from_hex)
            .map(HexBytes)
            .ok_or_else(|| {
                serde::de::Error::custom("expected an even number of lowercase hex digits")
            })
    }
}

/// `s` when it holds no upper-case letter: hex in JSON is lowercase only (§2).
fn lowercase(s: &str) -> Option<&str> {
    (!s.bytes().any(|b| b.is_ascii_uppercase())).then_some(s)
}

/// Lowercase hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Parses hex digits (either case, even count).
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2)
        .map(|p| Some((nibble(p[0])? << 4) | nibble(p[1])?))
        .collect()
}

/// Where encoded bytes go: a buffer (to show them) or a hasher (to hash them without a copy).
pub trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Sink for Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// Writes `F(x)`: the length of `x` as 4 bytes big-endian, then `x`.
pub fn field(out: &mut impl Sink, x: &[u8]) {
    let len = u32::try_from(x.len()).unwrap_or(u32::MAX);
    out.put(&len.to_be_bytes());
    out.put(x);
}

/// `SHA-256(seed ‖ F(tag) ‖ F(parts[0]) ‖ F(parts[1]) ‖ …)`: every per-candidate and
/// per-team hash of the algorithm.
pub fn tagged(seed: &H256, tag: &str, parts: &[&[u8]]) -> H256 {
    let mut h = Sha256::new();
    h.update(seed.0);
    field(&mut h, tag.as_bytes());
    for p in parts {
        field(&mut h, p);
    }
    H256(h.finalize().into())
}

/// A tagged hash with its first fields absorbed once: `hash(x)` is
/// `SHA-256(seed ‖ F(tag) ‖ F(parts…) ‖ F(x))`, cloning the absorbed state instead of
/// re-hashing the prefix for each of many `x`.
#[derive(Clone)]
pub struct Prefix(Sha256);

impl Prefix {
    pub fn new(seed: &H256, tag: &str, parts: &[&[u8]]) -> Prefix {
        let mut h = Sha256::new();
        h.update(seed.0);
        field(&mut h, tag.as_bytes());
        for p in parts {
            field(&mut h, p);
        }
        Prefix(h)
    }

    pub fn hash(&self, last: &[u8]) -> H256 {
        let mut h = self.0.clone();
        field(&mut h, last);
        H256(h.finalize().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let h = H256::of(b"abc");
        assert_eq!(
            h.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(H256::from_hex(&h.to_hex()), Some(h));
        assert_eq!(H256::from_hex(&h.to_hex().to_uppercase()), Some(h));
        assert_eq!(H256::from_hex("abc"), None);
        assert_eq!(H256::from_hex(&"g".repeat(64)), None);
        assert_eq!(from_hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(from_hex("0"), None);
        let j = serde_json::to_string(&HexBytes(vec![1, 171])).unwrap();
        assert_eq!(j, "\"01ab\"");
        let back: HexBytes = serde_json::from_str(&j).unwrap();
        assert_eq!(back.0, vec![1, 171]);
        assert!(serde_json::from_str::<H256>("\"12\"").is_err());
        let upper = format!("\"{}\"", h.to_hex().to_uppercase());
        assert!(
            serde_json::from_str::<H256>(&upper).is_err(),
            "JSON hex is lowercase"
        );
        assert!(serde_json::from_str::<HexBytes>("\"01AB\"").is_err());
    }

    #[test]
    fn modulo_reads_big_endian() {
        let mut b = [0u8; 32];
        b[31] = 10;
        b[30] = 1; // 266
        assert_eq!(H256(b).mod_u32(7), 266 % 7);
        assert_eq!(H256([255; 32]).mod_u32(1), 0);
        // 2^256 - 1 mod 3 = 0 (2^256 ≡ 1 mod 3); mod 5: 2^256 ≡ 1, so 0.
        assert_eq!(H256([255; 32]).mod_u32(3), 0);
        assert_eq!(H256([255; 32]).mod_u32(5), 0);
        // 2^256 - 1 mod 7: 2^3 ≡ 1, 256 = 3·85 + 1, so 2^256 ≡ 2 and the value ≡ 1.
        assert_eq!(H256([255; 32]).mod_u32(7), 1);
    }

    #[test]
    fn fields_are_length_prefixed() {
        let mut v = Vec::new();
        field(&mut v, b"ab");
        field(&mut v, b"");
        assert_eq!(v, vec![0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0]);
        let seed = H256([7; 32]);
        let mut pre = seed.0.to_vec();
        field(&mut pre, b"select");
        field(&mut pre, b"key");
        assert_eq!(tagged(&seed, "select", &[b"key"]), H256::of(&pre));
        let p = Prefix::new(&seed, "select", &[b"key"]);
        assert_eq!(p.hash(b"X1"), tagged(&seed, "select", &[b"key", b"X1"]));
    }
}

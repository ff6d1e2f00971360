//! The seed (docs/draw-algorithm.md §4): SHA-256 of a length-prefixed concatenation of the
//! version tag, the four snapshot/parameter hashes, the commitment, the revealed secret, the
//! witnesses' entropy in the order entered and the optional public value with its announced
//! source. Every field is framed, so changing any single input changes the preimage.

use super::VERSION;
use super::canon::Hashes;
use super::hash::{H256, Sink, field};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The shortest secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 16;

/// One witness's contribution, in the order entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntropyEntry {
    /// The witness's login name.
    pub witness: String,
    /// What the witness typed, exactly.
    pub text: String,
    /// When it was entered (recorded, not hashed).
    #[serde(deserialize_with = "super::strict::time")]
    pub at: DateTime<FixedOffset>,
}

/// A public random value named before the draw (e.g. a lottery result of a stated date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicValue {
    /// The source as announced in advance (which lottery, which date, how it is written).
    pub source: String,
    /// The value, exactly as written into the seed.
    pub value: String,
}

/// Everything the seed is derived from.
#[derive(Debug, Clone, Copy)]
pub struct SeedInput<'a> {
    pub hashes: &'a Hashes,
    /// SHA-256 of the secret, shown before anyone added entropy.
    pub commitment: &'a H256,
    /// The server secret, revealed with the result.
    pub secret: &'a [u8],
    pub entropy: &'a [EntropyEntry],
    pub public_value: Option<&'a PublicValue>,
}

/// Why a seed cannot be derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum SeedError {
    #[error("the secret's SHA-256 is {computed}, not the commitment {commitment}")]
    CommitmentMismatch { commitment: H256, computed: H256 },
    #[error("the secret is {len} bytes, at least 16 needed")]
    SecretTooShort { len: usize },
    #[error("no witness entropy and no public value: one party alone would control the seed")]
    NoOutsideInput,
    /// A witness name, entropy text, public source or value is empty or holds a control
    /// character (U+0000–U+001F, U+007F–U+009F).
    #[error("the seed input {field} is empty or holds a control character")]
    BadText { field: &'static str },
}

/// The commitment to a secret: its SHA-256.
pub fn commitment(secret: &[u8]) -> H256 {
    H256::of(secret)
}

fn count(out: &mut impl Sink, n: usize) {
    out.put(&u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes());
}

/// Writes the seed's preimage.
pub fn write_preimage(i: &SeedInput, out: &mut impl Sink) {
    field(out, VERSION.as_bytes());
    field(out, b"seed");
    for (_, h) in i.hashes.parts() {
        field(out, &h.0);
    }
    field(out, &i.commitment.0);
    field(out, i.secret);
    count(out, i.entropy.len());
    for e in i.entropy {
        field(out, e.witness.as_bytes());
        field(out, e.text.as_bytes());
    }
    match i.public_value {
        None => count(out, 0),
        Some(v) => {
            count(out, 1);
            field(out, v.source.as_bytes());
            field(out, v.value.as_bytes());
        }
    }
}

/// The preimage as bytes (to show in the spec and to debug a re-implementation).
pub fn preimage(i: &SeedInput) -> Vec<u8> {
    let mut v = Vec::new();
    write_preimage(i, &mut v);
    v
}

/// SHA-256 of the preimage, whatever the inputs (used by `verify` to compare).
pub fn compute_seed(i: &SeedInput) -> H256 {
    H256::of(&preimage(i))
}

/// Checks the inputs (the secret matches the commitment, is long enough, and someone besides
/// the server contributed) and derives the seed.
pub fn derive_seed(i: &SeedInput) -> Result<H256, SeedError> {
    check_inputs(i)?;
    Ok(compute_seed(i))
}

/// The checks of [`derive_seed`] alone.
pub fn check_inputs(i: &SeedInput) -> Result<(), SeedError> {
    let computed = commitment(i.secret);
    if computed != *i.commitment {
        return Err(SeedError::CommitmentMismatch {
            commitment: *i.commitment,
            computed,
        });
    }
    if i.secret.len() < MIN_SECRET_LEN {
        return Err(SeedError::SecretTooShort {
            len: i.secret.len(),
        });
    }
    if i.entropy.is_empty() && i.public_value.is_none() {
        return Err(SeedError::NoOutsideInput);
    }
    match bad_text(i) {
        Some(field) => Err(SeedError::BadText { field }),
        None => Ok(()),
    }
}

/// The first text input of the seed that is empty or holds a control character.
pub fn bad_text(i: &SeedInput) -> Option<&'static str> {
    let bad = |s: &str| s.is_empty() || s.chars().any(char::is_control);
    for e in i.entropy {
        if bad(&e.witness) {
            return Some("witness");
        }
        if bad(&e.text) {
            return Some("entropy");
        }
    }
    let v = i.public_value?;
    if bad(&v.source) {
        Some("public_source")
    } else if bad(&v.value) {
        Some("public_value")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-04-08T09:30:00+08:00").unwrap()
    }

    struct Owned {
        hashes: Hashes,
        commitment: H256,
        secret: Vec<u8>,
        entropy: Vec<EntropyEntry>,
        public: Option<PublicValue>,
    }

    impl Owned {
        fn new() -> Owned {
            let secret = vec![42u8; 32];
            Owned {
                hashes: Hashes {
                    candidates: H256([1; 32]),
                    inspectors: H256([2; 32]),
                    conflicts: H256([3; 32]),
                    params: H256([4; 32]),
                },
                commitment: commitment(&secret),
                secret,
                entropy: vec![
                    EntropyEntry {
                        witness: "wang".into(),
                        text: "春风".into(),
                        at: at(),
                    },
                    EntropyEntry {
                        witness: "li".into(),
                        text: "8848".into(),
                        at: at(),
                    },
                ],
                public: Some(PublicValue {
                    source: "双色球 2024-04-07".into(),
                    value: "01 02 03 04 05 06 + 07".into(),
                }),
            }
        }

        fn input(&self) -> SeedInput<'_> {
            SeedInput {
                hashes: &self.hashes,
                commitment: &self.commitment,
                secret: &self.secret,
                entropy: &self.entropy,
                public_value: self.public.as_ref(),
            }
        }
    }

    #[test]
    fn every_single_input_changes_the_seed() {
        let base = Owned::new();
        let s0 = derive_seed(&base.input()).unwrap();
        assert_eq!(s0, compute_seed(&base.input()));
        let variants: Vec<fn(&mut Owned)> = vec![
            |o| o.hashes.candidates.0[0] ^= 1,
            |o| o.hashes.inspectors.0[31] ^= 1,
            |o| o.hashes.conflicts.0[5] ^= 1,
            |o| o.hashes.params.0[9] ^= 1,
            |o| o.commitment.0[0] ^= 1,
            |o| o.secret[0] ^= 1,
            |o| o.secret.push(0),
            |o| o.entropy[0].text.push('!'),
            |o| o.entropy[1].witness = "liu".into(),
            |o| o.entropy.swap(0, 1),
            |o| {
                o.entropy.pop();
            },
            |o| o.entropy[0].text = "春".into(),
            // Moving bytes between adjacent fields changes the framing.
            |o| {
                o.entropy[0].witness = "wang春".into();
                o.entropy[0].text = "风".into();
            },
            |o| o.public = None,
            |o| o.public.as_mut().unwrap().value.push('8'),
            |o| o.public.as_mut().unwrap().source = "大乐透".into(),
        ];
        let mut seen = vec![s0];
        for (i, v) in variants.iter().enumerate() {
            let mut o = Owned::new();
            v(&mut o);
            let s = compute_seed(&o.input());
            assert!(!seen.contains(&s), "variant {i} did not change the seed");
            seen.push(s);
        }
        // The entry time is recorded but not hashed.
        let mut o = Owned::new();
        o.entropy[0].at = DateTime::parse_from_rfc3339("2025-01-01T00:00:00+08:00").unwrap();
        assert_eq!(compute_seed(&o.input()), s0);
    }

    #[test]
    fn refused_inputs() {
        let mut o = Owned::new();
        o.secret[3] ^= 0x80;
        assert!(matches!(
            derive_seed(&o.input()),
            Err(SeedError::CommitmentMismatch { .. })
        ));
        let mut o = Owned::new();
        o.secret.truncate(15);
        o.commitment = commitment(&o.secret);
        assert_eq!(
            derive_seed(&o.input()),
            Err(SeedError::SecretTooShort { len: 15 })
        );
        let mut o = Owned::new();
        o.entropy.clear();
        assert!(derive_seed(&o.input()).is_ok(), "a public value suffices");
        o.public = None;
        assert_eq!(derive_seed(&o.input()), Err(SeedError::NoOutsideInput));
        let mut o = Owned::new();
        o.entropy[1].text = "88\u{7}48".into();
        let bad = Err(SeedError::BadText { field: "entropy" });
        assert_eq!(derive_seed(&o.input()), bad);
        let mut o = Owned::new();
        o.public.as_mut().unwrap().value.clear();
        let bad = Err(SeedError::BadText {
            field: "public_value",
        });
        assert_eq!(derive_seed(&o.input()), bad);
    }

    #[test]
    fn preimage_layout() {
        let o = Owned::new();
        let p = preimage(&o.input());
        assert_eq!(&p[..4], &[0, 0, 0, 16]);
        assert_eq!(&p[4..20], b"shuangsui-draw/1");
        assert_eq!(&p[20..28], b"\0\0\0\x04seed");
        // 4 hashes + commitment, each F(32 bytes); then F(secret).
        let after_hashes = 28 + 5 * 36;
        assert_eq!(&p[after_hashes..after_hashes + 4], &[0, 0, 0, 32]);
        let n = after_hashes + 36;
        assert_eq!(&p[n..n + 4], &[0, 0, 0, 2], "two entropy entries");
        assert!(p.ends_with("01 02 03 04 05 06 + 07".as_bytes()));
    }
}

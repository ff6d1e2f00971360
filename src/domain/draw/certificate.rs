//! The certificate of a draw (docs/draw-algorithm.md §7): everything needed to recompute it —
//! snapshot, parameters, their hashes, commitment, revealed secret, witness entropy, public
//! value, seed and outcome — plus who prepared, witnessed and confirmed it and when (recorded,
//! not recomputed). Serialized as JSON.

use super::canon::{Hashes, hashes};
use super::hash::{H256, HexBytes};
use super::seed::{EntropyEntry, PublicValue, SeedInput, derive_seed};
use super::snapshot::{Params, Snapshot};
use super::strict;
use super::{DrawError, Outcome, VERSION, draw};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Who did something, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signoff {
    /// Login name.
    pub by: String,
    #[serde(deserialize_with = "super::strict::time")]
    pub at: DateTime<FixedOffset>,
}

/// The live part of a draw: the randomness and the people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ceremony {
    /// SHA-256 of the secret, shown when the draw was prepared.
    pub commitment: H256,
    /// The server secret, revealed with the result.
    pub secret: Vec<u8>,
    /// Witness entropy in the order entered.
    pub entropy: Vec<EntropyEntry>,
    pub public_value: Option<PublicValue>,
    /// Who prepared the draw (froze the snapshot, showed the commitment).
    pub prepared: Signoff,
    /// Witnesses present.
    pub witnessed: Vec<Signoff>,
    /// Supervisors who confirmed the result.
    pub confirmed: Vec<Signoff>,
    pub revealed_at: DateTime<FixedOffset>,
}

/// A complete, self-contained record of a draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// The algorithm version tag ([`VERSION`]).
    pub version: String,
    pub params: Params,
    pub snapshot: Snapshot,
    /// SHA-256 of each canonical encoding.
    pub hashes: Hashes,
    pub commitment: H256,
    pub secret: HexBytes,
    pub entropy: Vec<EntropyEntry>,
    /// `null` when there is none (never left out).
    #[serde(deserialize_with = "super::strict::required")]
    pub public_value: Option<PublicValue>,
    pub seed: H256,
    pub outcome: Outcome,
    pub prepared: Signoff,
    pub witnessed: Vec<Signoff>,
    pub confirmed: Vec<Signoff>,
    #[serde(deserialize_with = "super::strict::time")]
    pub revealed_at: DateTime<FixedOffset>,
}

impl Certificate {
    /// Runs the draw and records it: hashes, seed (checking the secret against the
    /// commitment), outcome.
    pub fn issue(
        snapshot: Snapshot,
        params: Params,
        ceremony: Ceremony,
    ) -> Result<Certificate, DrawError> {
        let hashes = hashes(&snapshot, &params);
        let seed = derive_seed(&SeedInput {
            hashes: &hashes,
            commitment: &ceremony.commitment,
            secret: &ceremony.secret,
            entropy: &ceremony.entropy,
            public_value: ceremony.public_value.as_ref(),
        })
        .map_err(DrawError::Seed)?;
        let outcome = draw(&snapshot, &params, &seed)?;
        Ok(Certificate {
            version: VERSION.to_string(),
            params,
            snapshot,
            hashes,
            commitment: ceremony.commitment,
            secret: HexBytes(ceremony.secret),
            entropy: ceremony.entropy,
            public_value: ceremony.public_value,
            seed,
            outcome,
            prepared: ceremony.prepared,
            witnessed: ceremony.witnessed,
            confirmed: ceremony.confirmed,
            revealed_at: ceremony.revealed_at,
        })
    }

    /// The seed inputs as recorded, with the given (recomputed or recorded) hashes.
    pub fn seed_input<'a>(&'a self, hashes: &'a Hashes) -> SeedInput<'a> {
        SeedInput {
            hashes,
            commitment: &self.commitment,
            secret: &self.secret.0,
            entropy: &self.entropy,
            public_value: self.public_value.as_ref(),
        }
    }

    /// Pretty JSON (two-space indent, fields in declaration order, LF line ends).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a certificate strictly (docs/draw-algorithm.md §8): its JSON must also have
    /// arrays and objects only where the certificate has lists and records
    /// ([`strict::plain_shape`]).
    pub fn from_json(s: &str) -> Result<Certificate, serde_json::Error> {
        let v: serde_json::Value = serde_json::from_str(s)?;
        strict::plain_shape(&v).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(s)
    }
}

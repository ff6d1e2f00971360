//! The draw engine (issue 4): publicly verifiable selection of targets and inspector teams.
//! Pure functions over a frozen snapshot, its parameters and a seed; every byte is specified
//! in `docs/draw-algorithm.md` so that anyone holding a [`Certificate`] can recompute it.
//!
//! Flow: [`check()`] refuses what cannot be met; [`hashes()`] commit to the snapshot and
//! parameters; [`derive_seed`] mixes them with the revealed secret, the witnesses' entropy and
//! the public value; [`draw()`] selects targets and assigns teams; [`Certificate::issue`]
//! records it all and [`verify()`] recomputes it from the certificate alone.

pub mod announcement;
pub mod canon;
pub mod certificate;
pub mod check;
pub mod example;
pub mod hash;
pub mod negative;
mod pools;
pub mod seed;
pub mod select;
pub mod snapshot;
pub mod strict;
pub mod teams;
mod tieset;
pub mod verify;

/// Why a draw use case refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum DrawProblem {
    /// The feasibility check failed: every missing thing listed.
    Refused {
        refusals: Vec<Refusal>,
    },
    /// The engine could not produce an outcome.
    Failed {
        error: DrawError,
    },
    /// The draw is not in the status the use case needs.
    Status {
        /// The draw\'s label (`2024Q2-1`), as users know it.
        draw: String,
        status: String,
    },
    EntropyTooShort {
        chars: usize,
    },
    TooFewWitnesses {
        have: usize,
        need: u32,
    },
    NoPublicSource {
        /// The draw\'s label (`2024Q2-1`), as users know it.
        draw: String,
    },
    UnknownItem {
        code: String,
    },
    /// A draw must name its check items (issue 21); the codes in force, to choose from.
    NoItems {
        in_force: Vec<String>,
    },
    BadText {
        field: &'static str,
    },
    /// The room of a prepared draw is not open yet.
    RoomClosed {
        /// The draw\'s label (`2024Q2-1`), as users know it.
        draw: String,
    },
    /// This witness already answered (confirmed or declined).
    AlreadyAnswered {
        /// The draw\'s label (`2024Q2-1`), as users know it.
        draw: String,
    },
    /// This witness already added entropy.
    AlreadyEntered {
        /// The draw\'s label (`2024Q2-1`), as users know it.
        draw: String,
    },
    /// A reason or note is required (one line, at most 200 characters).
    ReasonRequired,
    /// The quarter ended on `ended`: a draw for it needs a leader's override with a reason.
    QuarterEnded {
        quarter: String,
        ended: chrono::NaiveDate,
    },
}

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod stat_tests;
#[cfg(test)]
mod team_tests;
#[cfg(test)]
pub(crate) mod test_support;

pub use canon::{Hashes, Part, encode, hashes};
pub use certificate::{Ceremony, Certificate, Signoff};
pub use check::{Refusal, check};
pub use hash::{H256, HexBytes};
pub use seed::{EntropyEntry, PublicValue, SeedError, SeedInput, commitment, derive_seed};
pub use select::{Selected, Selection, select};
pub use snapshot::{Candidate, ConflictPair, Inspector, Params, Quota, Snapshot, Stratum};
pub use teams::{PickStep, Team};
pub use verify::{Mismatch, verify};

use crate::domain::inspector::InspectorKind;
use serde::{Deserialize, Serialize};

/// The algorithm's version tag, written first in every encoding and in the seed. Any change to
/// an encoding, a hash input or a rule needs a new tag.
pub const VERSION: &str = "shuangsui-draw/1";

/// What a draw produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// One per stratum of the parameters, in their order.
    pub selections: Vec<Selection>,
    /// One per drawn target, in processing order.
    pub teams: Vec<Team>,
}

/// Why a draw did not produce an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum DrawError {
    #[error("the draw is refused: {0:?}")]
    Refused(Vec<Refusal>),
    /// The greedy assignment found nobody eligible for a slot (rare: the check passed but
    /// earlier picks used up the people this target could have).
    #[error("no eligible {role:?} for slot {slot} of target {code} (joint: {joint})")]
    NoTeam {
        code: String,
        role: InspectorKind,
        slot: u32,
        joint: bool,
    },
    #[error(transparent)]
    Seed(SeedError),
}

/// Runs a draw: checks, selects, assigns teams.
pub fn draw(s: &Snapshot, p: &Params, seed: &H256) -> Result<Outcome, DrawError> {
    draw_traced(s, p, seed, None)
}

/// Like [`draw`], recording every slot's tie set into `trace` when given.
pub fn draw_traced(
    s: &Snapshot,
    p: &Params,
    seed: &H256,
    trace: Option<&mut Vec<PickStep>>,
) -> Result<Outcome, DrawError> {
    let pools = pools::Pools::new(s);
    check::check_with(s, p, &pools).map_err(DrawError::Refused)?;
    let selections = select(s, p, seed);
    let teams = teams::assign_with(s, p, &pools, seed, &selections, trace)?;
    Ok(Outcome { selections, teams })
}

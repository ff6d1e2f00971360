//! The live ceremony of a draw (S10): its states and the rules for moving between them —
//! who may reveal, when the result is sealed, what a declined confirmation blocks. Pure; the
//! service keeps the state in the database so that nothing entered is lost on a restart.

use serde::Serialize;
use std::collections::BTreeSet;

crate::vocab! {
    /// Where a draw stands. Prepared: snapshot frozen, commitment shown, witnesses may join and
    /// add entropy. Revealed: result shown, waiting for the witnesses' confirmations. Disputed:
    /// a witness declined to confirm and a leader decides. Sealed: confirmed (or accepted by a
    /// leader); nothing changes any more, only annotations. Cancelled: with a reason; its
    /// targets count as not drawn.
    pub enum Status {
        Prepared = "prepared", "已准备（未揭晓）", "prepared";
        Revealed = "revealed", "已揭晓（待监督确认）", "revealed (awaiting confirmation)";
        Disputed = "disputed", "有异议（待领导小组决定）", "disputed (a leader decides)";
        Sealed = "sealed", "已封存", "sealed";
        Cancelled = "cancelled", "已作废", "cancelled";
    }
}

impl Status {
    /// Whether the draw has a result (revealed, disputed or sealed).
    pub fn has_result(self) -> bool {
        matches!(self, Status::Revealed | Status::Disputed | Status::Sealed)
    }

    /// Whether the ceremony is still going on (a room can be joined).
    pub fn is_live(self) -> bool {
        matches!(self, Status::Prepared | Status::Revealed | Status::Disputed)
    }
}

/// Why the reveal must wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TooFewWitnesses {
    pub have: usize,
    pub need: u32,
}

/// The reveal needs `need` witnesses' entropy, unless a public value was named and recorded
/// (then the value is the outside input nobody controls).
pub fn may_reveal(witnesses: usize, need: u32, public_value: bool) -> Result<(), TooFewWitnesses> {
    if public_value || witnesses >= need as usize {
        Ok(())
    } else {
        Err(TooFewWitnesses {
            have: witnesses,
            need,
        })
    }
}

/// One witness's answer to the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Confirmed,
    Declined { reason: String },
}

/// Whether the result is sealed once these answers are in: at least one confirmation, every
/// witness who added entropy has confirmed, and nobody declined. (A decline moves the draw to
/// [`Status::Disputed`], where only a leader's decision goes on.)
pub fn sealed_by(entropy_witnesses: &BTreeSet<String>, answers: &[(String, Answer)]) -> bool {
    let confirmed: BTreeSet<&str> = answers
        .iter()
        .filter(|(_, a)| *a == Answer::Confirmed)
        .map(|(w, _)| w.as_str())
        .collect();
    let declined = answers
        .iter()
        .any(|(_, a)| matches!(a, Answer::Declined { .. }));
    !declined
        && !confirmed.is_empty()
        && entropy_witnesses
            .iter()
            .all(|w| confirmed.contains(w.as_str()))
}

/// The fewest characters a witness may type.
pub const MIN_ENTROPY_CHARS: usize = 8;

/// A team as shown: names with their ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTeam {
    pub code: String,
    pub name: String,
    pub joint: bool,
    pub lead: String,
    pub officers: Vec<String>,
    pub auxiliaries: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn yes(w: &str) -> (String, Answer) {
        (w.to_string(), Answer::Confirmed)
    }

    #[test]
    fn reveal_waits_for_witnesses_unless_a_public_value_is_in() {
        assert_eq!(
            may_reveal(0, 1, false),
            Err(TooFewWitnesses { have: 0, need: 1 })
        );
        assert!(may_reveal(1, 1, false).is_ok());
        assert!(may_reveal(0, 2, true).is_ok());
        assert!(may_reveal(0, 0, false).is_ok());
    }

    #[test]
    fn sealing_needs_every_entropy_witness_and_no_decline() {
        let w = set(&["li", "wang"]);
        assert!(!sealed_by(&w, &[]));
        assert!(!sealed_by(&w, &[yes("li")]));
        assert!(sealed_by(&w, &[yes("li"), yes("wang")]));
        let no = ("zhao".to_string(), Answer::Declined { reason: "x".into() });
        assert!(!sealed_by(&w, &[yes("li"), yes("wang"), no]));
        // Without entropy witnesses (a public value), one confirmation seals.
        assert!(sealed_by(&set(&[]), &[yes("zhao")]));
        assert!(!sealed_by(&set(&[]), &[]));
    }

    #[test]
    fn statuses() {
        assert!(Status::Disputed.has_result() && Status::Disputed.is_live());
        assert!(!Status::Sealed.is_live() && Status::Sealed.has_result());
        assert!(!Status::Cancelled.has_result() && !Status::Prepared.has_result());
        assert_eq!(Status::from_code("sealed"), Some(Status::Sealed));
    }
}

//! Verification of a certificate from the certificate alone: every hash, the commitment, the
//! seed, the selection and the teams are recomputed and every difference reported as a typed
//! [`Mismatch`]. Downstream values are recomputed from recomputed upstream ones, so a changed
//! snapshot row shows as a hash mismatch, then a seed mismatch, then whatever results moved.

use super::canon::{Part, hashes};
use super::certificate::Certificate;
use super::hash::H256;
use super::seed::{MIN_SECRET_LEN, SeedError, bad_text, commitment, compute_seed};
use super::select::Selected;
use super::snapshot::Stratum;
use super::teams::Team;
use super::{DrawError, Outcome, VERSION, draw};
use serde::Serialize;

/// One way a certificate differs from its recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mismatch", rename_all = "snake_case")]
pub enum Mismatch {
    /// Written for another algorithm version; nothing else was checked.
    Version {
        recorded: String,
        supported: String,
    },
    Hash {
        part: Part,
        recorded: H256,
        computed: H256,
    },
    /// The revealed secret does not hash to the commitment.
    Commitment {
        recorded: H256,
        computed: H256,
    },
    /// The seed inputs break a rule (secret too short, no outside input).
    SeedInput {
        error: SeedError,
    },
    Seed {
        recorded: H256,
        computed: H256,
    },
    /// The recorded inputs do not allow a draw (refusal or failed assignment).
    Draw {
        error: DrawError,
    },
    /// The list of strata (or a population) differs at `position`.
    Stratum {
        position: usize,
        recorded: Option<(Stratum, u64)>,
        computed: Option<(Stratum, u64)>,
    },
    /// The target at `position` of a stratum's selection differs.
    Selected {
        stratum: Stratum,
        position: usize,
        recorded: Option<Selected>,
        computed: Option<Selected>,
    },
    /// The team at `position` differs.
    Team {
        position: usize,
        recorded: Option<Box<Team>>,
        computed: Option<Box<Team>>,
    },
}

/// Recomputes everything; `Ok` only when every recorded value matches.
pub fn verify(c: &Certificate) -> Result<(), Vec<Mismatch>> {
    if c.version != VERSION {
        return Err(vec![Mismatch::Version {
            recorded: c.version.clone(),
            supported: VERSION.to_string(),
        }]);
    }
    let mut out = Vec::new();
    let computed = hashes(&c.snapshot, &c.params);
    for ((part, recorded), (_, comp)) in c.hashes.parts().into_iter().zip(computed.parts()) {
        if recorded != comp {
            out.push(Mismatch::Hash {
                part,
                recorded,
                computed: comp,
            });
        }
    }
    let comm = commitment(&c.secret.0);
    if comm != c.commitment {
        out.push(Mismatch::Commitment {
            recorded: c.commitment,
            computed: comm,
        });
    }
    if c.secret.0.len() < MIN_SECRET_LEN {
        out.push(Mismatch::SeedInput {
            error: SeedError::SecretTooShort {
                len: c.secret.0.len(),
            },
        });
    }
    if c.entropy.is_empty() && c.public_value.is_none() {
        out.push(Mismatch::SeedInput {
            error: SeedError::NoOutsideInput,
        });
    }
    if let Some(field) = bad_text(&c.seed_input(&computed)) {
        out.push(Mismatch::SeedInput {
            error: SeedError::BadText { field },
        });
    }
    let seed = compute_seed(&c.seed_input(&computed));
    if seed != c.seed {
        out.push(Mismatch::Seed {
            recorded: c.seed,
            computed: seed,
        });
    }
    match draw(&c.snapshot, &c.params, &seed) {
        Ok(o) => compare(&c.outcome, &o, &mut out),
        Err(error) => out.push(Mismatch::Draw { error }),
    }
    if out.is_empty() { Ok(()) } else { Err(out) }
}

impl Mismatch {
    /// The names of this difference, as the verification page names them
    /// (docs/draw-algorithm.md §12): `version`, `hash:<part>`, `commitment`,
    /// `seed_input:<error>`, `seed`, `draw:<refusal>` (one per refusal), `draw:no_team`,
    /// `stratum`, `selected`, `team`.
    pub fn tags(&self) -> Vec<String> {
        let name = |v: serde_json::Result<serde_json::Value>, key: &str| {
            v.ok()
                .and_then(|v| v.get(key).and_then(|t| t.as_str().map(str::to_string)))
                .unwrap_or_default()
        };
        match self {
            Mismatch::Version { .. } => vec!["version".into()],
            Mismatch::Hash { part, .. } => {
                let p = serde_json::to_value(part).ok();
                vec![format!(
                    "hash:{}",
                    p.as_ref().and_then(|p| p.as_str()).unwrap_or("")
                )]
            }
            Mismatch::Commitment { .. } => vec!["commitment".into()],
            Mismatch::SeedInput { error } => {
                vec![format!(
                    "seed_input:{}",
                    name(serde_json::to_value(error), "error")
                )]
            }
            Mismatch::Seed { .. } => vec!["seed".into()],
            Mismatch::Draw {
                error: DrawError::Refused(rs),
            } => rs
                .iter()
                .map(|r| format!("draw:{}", name(serde_json::to_value(r), "refusal")))
                .collect(),
            Mismatch::Draw {
                error: DrawError::NoTeam { .. },
            } => vec!["draw:no_team".into()],
            Mismatch::Draw {
                error: DrawError::Seed(e),
            } => vec![format!(
                "draw:seed_input:{}",
                name(serde_json::to_value(e), "error")
            )],
            Mismatch::Stratum { .. } => vec!["stratum".into()],
            Mismatch::Selected { .. } => vec!["selected".into()],
            Mismatch::Team { .. } => vec!["team".into()],
        }
    }
}

fn pairs<'a, T>(
    a: &'a [T],
    b: &'a [T],
) -> impl Iterator<Item = (usize, Option<&'a T>, Option<&'a T>)> {
    (0..a.len().max(b.len())).map(|i| (i, a.get(i), b.get(i)))
}

fn compare(recorded: &Outcome, computed: &Outcome, out: &mut Vec<Mismatch>) {
    for (position, r, c) in pairs(&recorded.selections, &computed.selections) {
        let head = |s: Option<&super::Selection>| s.map(|s| (s.stratum, s.population));
        if head(r) != head(c) {
            out.push(Mismatch::Stratum {
                position,
                recorded: head(r),
                computed: head(c),
            });
        }
        let (Some(r), Some(c)) = (r, c) else { continue };
        for (position, rt, ct) in pairs(&r.targets, &c.targets) {
            if rt != ct {
                out.push(Mismatch::Selected {
                    stratum: c.stratum,
                    position,
                    recorded: rt.cloned(),
                    computed: ct.cloned(),
                });
            }
        }
    }
    for (position, r, c) in pairs(&recorded.teams, &computed.teams) {
        if r != c {
            out.push(Mismatch::Team {
                position,
                recorded: r.cloned().map(Box::new),
                computed: c.cloned().map(Box::new),
            });
        }
    }
}

//! The worked example of docs/draw-algorithm.md (its test vectors): a small, fictitious
//! registry, parameters and ceremony. The spec's numbers are this example's certificate;
//! `tests/draw_vectors.rs` fails when the code and the document drift apart.

use super::certificate::{Ceremony, Certificate, Signoff};
use super::seed::{EntropyEntry, PublicValue, commitment};
use super::snapshot::{Candidate, ConflictPair, Inspector, Params, Quota, Snapshot};
use super::{DrawError, H256};
use crate::domain::enterprise::Pollutant::{self, *};
use crate::domain::inspector::{Expertise, InspectorKind};
use crate::domain::quota::Group;
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeSet;

fn cand(code: &str, group: Group, pollutants: &[Pollutant], lead: Option<&str>) -> Candidate {
    Candidate {
        code: code.into(),
        group,
        pollutants: pollutants.iter().copied().collect(),
        previous_lead: lead.map(Into::into),
    }
}

fn person(id: &str, kind: InspectorKind, section: &str, e: &[Expertise]) -> Inspector {
    Inspector {
        id: id.into(),
        kind,
        section: section.into(),
        expertise: e.iter().copied().collect::<BTreeSet<_>>(),
    }
}

/// The example's snapshot: 9 candidates (3 key, 2 special, 3 general, 1 positive-list), 6
/// officers in 3 sections, 2 auxiliary inspectors, 2 declared conflicts.
pub fn snapshot() -> Snapshot {
    Snapshot {
        candidates: candidates(),
        inspectors: inspectors(),
        conflicts: conflicts(),
    }
}

fn candidates() -> Vec<Candidate> {
    vec![
        cand(
            "91130293MA0CK1Q4XA",
            Group::Key,
            &[Air, Water],
            Some("13020001"),
        ),
        cand("91130293MA0DF5R0XC", Group::Key, &[Air], Some("13020002")),
        cand(
            "91130293MA0E2LN8XX",
            Group::Key,
            &[Water, HazardousWaste],
            Some("13020004"),
        ),
        cand(
            "91130293MA09BT6WXU",
            Group::Special,
            &[Air],
            Some("13020001"),
        ),
        cand(
            "91130293MA0G7HX2XM",
            Group::Special,
            &[SolidWaste],
            Some("13020006"),
        ),
        cand(
            "91130293MA0A4PK9XQ",
            Group::General,
            &[Noise],
            Some("13020005"),
        ),
        cand("92130293MA0FQ3B1X7", Group::General, &[], None),
        cand(
            "91130293MA07YU5CXT",
            Group::General,
            &[Water],
            Some("13020003"),
        ),
        cand("91130293MA0B8WJ3XJ", Group::PositiveList, &[Air], None),
    ]
}

fn inspectors() -> Vec<Inspector> {
    use InspectorKind::{Auxiliary, Officer};
    vec![
        person("13020001", Officer, "大气科", &[Expertise::Air]),
        person(
            "13020002",
            Officer,
            "大气科",
            &[Expertise::Air, Expertise::Law],
        ),
        person(
            "13020003",
            Officer,
            "水土科",
            &[Expertise::Water, Expertise::Soil],
        ),
        person(
            "13020004",
            Officer,
            "水土科",
            &[Expertise::Water, Expertise::HazardousWaste],
        ),
        person("13020005", Officer, "执法大队", &[Expertise::Law]),
        person(
            "13020006",
            Officer,
            "执法大队",
            &[Expertise::SolidWaste, Expertise::HazardousWaste],
        ),
        person(
            "JC-01",
            Auxiliary,
            "市监测站",
            &[Expertise::Monitoring, Expertise::Air, Expertise::Water],
        ),
        person("ZJ-07", Auxiliary, "专家库", &[Expertise::HazardousWaste]),
    ]
}

fn conflicts() -> Vec<ConflictPair> {
    vec![
        ConflictPair {
            inspector: "13020003".into(),
            code: "91130293MA0E2LN8XX".into(),
        },
        ConflictPair {
            inspector: "JC-01".into(),
            code: "91130293MA07YU5CXT".into(),
        },
    ]
}

/// The example's parameters: 2 key, 1 special, 1 general; teams of 2 officers and 1
/// auxiliary; 35% joint; cap 3.
pub fn params() -> Params {
    let mut p = Params::new(
        "2024Q2-1",
        Quota::Classified {
            key: 2,
            special: 1,
            general: 1,
        },
    );
    p.auxiliaries = 1;
    p.workload_cap = 3;
    p.items = vec!["HB-GF-02".into(), "HB-DQ-01".into()];
    p.item_expertise = [Expertise::Monitoring].into();
    p
}

/// 2024-04-08 at `h:m:s`, Beijing time.
fn at((h, m, s): (u32, u32, u32)) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2024-04-08T{h:02}:{m:02}:{s:02}+08:00"))
        .expect("a valid constant time")
}

/// The secret: the 32 bytes 00 01 02 … 1f.
pub fn secret() -> Vec<u8> {
    (0u8..32).collect()
}

/// The example's ceremony: two witnesses, a (fictitious) lottery result.
pub fn ceremony() -> Ceremony {
    let secret = secret();
    let sign = |by: &str, t| Signoff {
        by: by.into(),
        at: at(t),
    };
    Ceremony {
        commitment: commitment(&secret),
        secret,
        entropy: vec![
            EntropyEntry {
                witness: "zhangwei".into(),
                text: "春眠不觉晓".into(),
                at: at((9, 31, 5)),
            },
            EntropyEntry {
                witness: "liuna".into(),
                text: "20240408-7391".into(),
                at: at((9, 31, 40)),
            },
        ],
        public_value: Some(PublicValue {
            source: "中国福利彩票双色球第2024039期（2024-04-07）开奖号码：红球升序，两位数字，空格分隔，\" + \"后为蓝球".into(),
            value: "03 09 14 22 27 31 + 12".into(),
        }),
        prepared: sign("zhaoming", (9, 20, 0)),
        witnessed: vec![sign("zhangwei", (9, 25, 12)), sign("liuna", (9, 26, 3))],
        confirmed: vec![sign("sunli", (9, 40, 0))],
        revealed_at: at((9, 35, 0)),
    }
}

/// The example's certificate.
pub fn certificate() -> Result<Certificate, DrawError> {
    Certificate::issue(snapshot(), params(), ceremony())
}

/// The example's seed (asserted here and in the spec).
pub const SEED: &str = "d8a6965e8da372be89941d3b043ea8163d237ca0c1903eb8c88c1b85fd1dff7d";

/// Parses [`SEED`].
pub fn seed() -> Option<H256> {
    H256::from_hex(SEED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::canon::Part;
    use crate::domain::draw::{Mismatch, verify};

    #[test]
    fn example_has_the_documented_seed_and_verifies() {
        let c = certificate().unwrap();
        assert_eq!(c.seed.to_hex(), SEED);
        assert_eq!(seed(), Some(c.seed));
        assert_eq!(verify(&c), Ok(()));
        assert_eq!(Certificate::from_json(&c.to_json()).unwrap(), c);
    }

    fn kinds(c: &Certificate) -> Vec<&'static str> {
        let mut v: Vec<&str> = verify(c)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|m| match m {
                Mismatch::Version { .. } => "version",
                Mismatch::Hash { .. } => "hash",
                Mismatch::Commitment { .. } => "commitment",
                Mismatch::SeedInput { .. } => "seed_input",
                Mismatch::Seed { .. } => "seed",
                Mismatch::Draw { .. } => "draw",
                Mismatch::Stratum { .. } => "stratum",
                Mismatch::Selected { .. } => "selected",
                Mismatch::Team { .. } => "team",
            })
            .collect();
        v.dedup();
        v
    }

    #[test]
    fn verify_reports_a_changed_secret() {
        let mut c = certificate().unwrap();
        c.secret.0[0] ^= 1;
        let k = kinds(&c);
        assert_eq!(&k[..2], ["commitment", "seed"], "{k:?}");
    }

    #[test]
    fn verify_reports_changed_entropy_and_public_value() {
        let mut c = certificate().unwrap();
        c.entropy[0].text.push('。');
        assert_eq!(kinds(&c)[0], "seed");
        let mut c = certificate().unwrap();
        c.entropy.swap(0, 1);
        assert_eq!(kinds(&c)[0], "seed");
        let mut c = certificate().unwrap();
        c.public_value = None;
        assert_eq!(kinds(&c)[0], "seed");
        // Only a seed mismatch can be blamed on nothing else: the recorded outcome follows
        // the recorded seed, not the recomputed one.
        assert!(kinds(&c).len() > 1);
    }

    #[test]
    fn verify_reports_swapped_and_changed_results() {
        let mut c = certificate().unwrap();
        c.outcome.teams.swap(0, 1);
        let errs = verify(&c).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert!(matches!(errs[0], Mismatch::Team { position: 0, .. }));
        let mut c = certificate().unwrap();
        let t = &mut c.outcome.teams[1];
        t.lead = t.officers.iter().find(|o| **o != t.lead).cloned().unwrap();
        assert_eq!(kinds(&c), ["team"]);
        let mut c = certificate().unwrap();
        c.outcome.selections[0].targets[1].code = "91130293MA0CK1Q4XA".into();
        let errs = verify(&c).unwrap_err();
        assert!(matches!(
            &errs[..],
            [Mismatch::Selected {
                position: 1,
                recorded: Some(_),
                computed: Some(_),
                ..
            }]
        ));
        let mut c = certificate().unwrap();
        c.outcome.teams.pop();
        assert_eq!(kinds(&c), ["team"]);
    }

    #[test]
    fn verify_reports_a_changed_snapshot_row_or_parameter() {
        let mut c = certificate().unwrap();
        c.snapshot.inspectors[0].section = "水土科".into();
        let errs = verify(&c).unwrap_err();
        assert!(matches!(
            errs[0],
            Mismatch::Hash {
                part: Part::Inspectors,
                ..
            }
        ));
        assert!(matches!(errs[1], Mismatch::Seed { .. }));
        let mut c = certificate().unwrap();
        c.snapshot.conflicts.pop();
        assert!(matches!(
            verify(&c).unwrap_err()[0],
            Mismatch::Hash {
                part: Part::Conflicts,
                ..
            }
        ));
        let mut c = certificate().unwrap();
        c.params.workload_cap = 4;
        assert!(matches!(
            verify(&c).unwrap_err()[0],
            Mismatch::Hash {
                part: Part::Params,
                ..
            }
        ));
        // A recorded hash changed alone.
        let mut c = certificate().unwrap();
        c.hashes.candidates.0[0] ^= 1;
        assert_eq!(kinds(&c), ["hash"]);
        // A row made invalid: the draw is refused.
        let mut c = certificate().unwrap();
        c.snapshot.candidates[0].code = "X".into();
        assert!(kinds(&c).contains(&"draw"));
    }

    #[test]
    fn verify_refuses_other_versions_and_weak_inputs() {
        let mut c = certificate().unwrap();
        c.version = "shuangsui-draw/2".into();
        assert_eq!(kinds(&c), ["version"]);
        let mut c = certificate().unwrap();
        c.entropy.clear();
        c.public_value = None;
        assert!(kinds(&c).contains(&"seed_input"));
    }
}

//! The canonical, language-neutral text encoding of each snapshot part and of the parameters
//! (docs/draw-algorithm.md §3), and their SHA-256 hashes.
//!
//! Every part is UTF-8: a header line `shuangsui-draw/1 TAB part`, then one record per line,
//! fields separated by TAB, each line ending in LF. Record lines are sorted by their bytes (the
//! key comes first and is unique, and TAB sorts below every allowed character, so this is the
//! same as sorting by key). Sets are written as their codes sorted byte-wise, joined by `,`.
//! `check` refuses any field holding a control character, so the encoding is unambiguous.

use super::VERSION;
use super::hash::{H256, Sink};
use super::snapshot::{Candidate, ConflictPair, Inspector, Params, Snapshot, group_code};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The four hashes a draw's seed commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hashes {
    pub candidates: H256,
    pub inspectors: H256,
    pub conflicts: H256,
    pub params: H256,
}

/// Which encoded part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Candidates,
    Inspectors,
    Conflicts,
    Params,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Candidates => "candidates",
            Part::Inspectors => "inspectors",
            Part::Conflicts => "conflicts",
            Part::Params => "parameters",
        }
    }
}

fn header(out: &mut impl Sink, part: Part) {
    out.put(VERSION.as_bytes());
    out.put(b"\t");
    out.put(part.code().as_bytes());
    out.put(b"\n");
}

/// Appends `codes` sorted byte-wise and joined by `,`.
fn push_set(line: &mut Vec<u8>, codes: impl Iterator<Item = &'static str>) {
    let mut v: Vec<&str> = codes.collect();
    v.sort_unstable();
    for (i, c) in v.iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        line.extend_from_slice(c.as_bytes());
    }
}

/// Writes the sorted record lines, one reusable buffer per line.
fn records<T>(
    out: &mut impl Sink,
    part: Part,
    rows: &[T],
    key: impl Fn(&T) -> (&str, &str),
    line: impl Fn(&T, &mut Vec<u8>),
) {
    header(out, part);
    let mut sorted: Vec<&T> = rows.iter().collect();
    sorted.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    let mut buf = Vec::with_capacity(128);
    for r in sorted {
        buf.clear();
        line(r, &mut buf);
        buf.push(b'\n');
        out.put(&buf);
    }
}

/// `code TAB group TAB pollutants TAB previous_lead`.
pub fn write_candidates(rows: &[Candidate], out: &mut impl Sink) {
    records(
        out,
        Part::Candidates,
        rows,
        |c| (c.code.as_str(), ""),
        |c, l| {
            l.extend_from_slice(c.code.as_bytes());
            l.push(b'\t');
            l.extend_from_slice(group_code(c.group).as_bytes());
            l.push(b'\t');
            push_set(l, c.pollutants.iter().map(|p| p.code()));
            l.push(b'\t');
            l.extend_from_slice(c.previous_lead.as_deref().unwrap_or("").as_bytes());
        },
    );
}

/// `id TAB kind TAB section TAB expertise`.
pub fn write_inspectors(rows: &[Inspector], out: &mut impl Sink) {
    records(
        out,
        Part::Inspectors,
        rows,
        |i| (i.id.as_str(), ""),
        |i, l| {
            l.extend_from_slice(i.id.as_bytes());
            l.push(b'\t');
            l.extend_from_slice(i.kind.code().as_bytes());
            l.push(b'\t');
            l.extend_from_slice(i.section.as_bytes());
            l.push(b'\t');
            push_set(l, i.expertise.iter().map(|e| e.code()));
        },
    );
}

/// `inspector TAB code`.
pub fn write_conflicts(rows: &[ConflictPair], out: &mut impl Sink) {
    records(
        out,
        Part::Conflicts,
        rows,
        |c| (c.inspector.as_str(), c.code.as_str()),
        |c, l| {
            l.extend_from_slice(c.inspector.as_bytes());
            l.push(b'\t');
            l.extend_from_slice(c.code.as_bytes());
        },
    );
}

/// `name TAB value…` lines in a fixed order (see the spec).
pub fn write_params(p: &Params, out: &mut impl Sink) {
    header(out, Part::Params);
    let mut line = |fields: &[&str]| {
        out.put(fields.join("\t").as_bytes());
        out.put(b"\n");
    };
    line(&["draw", &p.draw]);
    line(&["mode", p.quota.mode()]);
    for (s, k) in p.quota.strata() {
        line(&["count", s.code(), &k.to_string()]);
    }
    line(&["team_size", &p.team_size.to_string()]);
    line(&["auxiliaries", &p.auxiliaries.to_string()]);
    line(&["joint_bp", &p.joint_bp.to_string()]);
    line(&["workload_cap", &p.workload_cap.to_string()]);
    let may = if p.previous_lead_may_lead {
        "true"
    } else {
        "false"
    };
    line(&["previous_lead_may_lead", may]);
    let mut set = Vec::new();
    push_set(&mut set, p.item_expertise.iter().map(|e| e.code()));
    line(&["item_expertise", &String::from_utf8_lossy(&set)]);
    let mut items: Vec<&str> = p.items.iter().map(String::as_str).collect();
    items.sort_unstable();
    for it in items {
        line(&["item", it]);
    }
}

fn digest(write: impl FnOnce(&mut Sha256)) -> H256 {
    let mut h = Sha256::new();
    write(&mut h);
    H256(h.finalize().into())
}

/// The encoded bytes of one part (to show or to publish).
pub fn encode(part: Part, s: &Snapshot, p: &Params) -> Vec<u8> {
    let mut v = Vec::new();
    match part {
        Part::Candidates => write_candidates(&s.candidates, &mut v),
        Part::Inspectors => write_inspectors(&s.inspectors, &mut v),
        Part::Conflicts => write_conflicts(&s.conflicts, &mut v),
        Part::Params => write_params(p, &mut v),
    }
    v
}

/// The SHA-256 of every part, hashed as it is encoded (no copy of the bytes).
pub fn hashes(s: &Snapshot, p: &Params) -> Hashes {
    Hashes {
        candidates: digest(|h| write_candidates(&s.candidates, h)),
        inspectors: digest(|h| write_inspectors(&s.inspectors, h)),
        conflicts: digest(|h| write_conflicts(&s.conflicts, h)),
        params: digest(|h| write_params(p, h)),
    }
}

impl Hashes {
    /// The parts, in the order the seed takes them.
    pub fn parts(&self) -> [(Part, H256); 4] {
        [
            (Part::Candidates, self.candidates),
            (Part::Inspectors, self.inspectors),
            (Part::Conflicts, self.conflicts),
            (Part::Params, self.params),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::enterprise::Pollutant;
    use crate::domain::inspector::{Expertise, InspectorKind};
    use crate::domain::quota::Group;

    fn snap() -> Snapshot {
        Snapshot {
            candidates: vec![
                Candidate {
                    code: "91350100M000100Y43".into(),
                    group: Group::Key,
                    pollutants: [Pollutant::Water, Pollutant::HazardousWaste, Pollutant::Air]
                        .into(),
                    previous_lead: Some("A1".into()),
                },
                Candidate {
                    code: "91130273MA0A1B2C3X".into(),
                    group: Group::PositiveList,
                    pollutants: Default::default(),
                    previous_lead: None,
                },
            ],
            inspectors: vec![Inspector {
                id: "A1".into(),
                kind: InspectorKind::Officer,
                section: "大气科".into(),
                expertise: [Expertise::Water, Expertise::Air].into(),
            }],
            conflicts: vec![
                ConflictPair {
                    inspector: "AB".into(),
                    code: "X".into(),
                },
                ConflictPair {
                    inspector: "A".into(),
                    code: "Y".into(),
                },
            ],
        }
    }

    #[test]
    fn encodings_are_sorted_tab_separated_lines() {
        let s = snap();
        let p = Params::new("2024Q2-1", super::super::Quota::Unclassified { count: 1 });
        let text = |part| String::from_utf8(encode(part, &s, &p)).unwrap();
        assert_eq!(
            text(Part::Candidates),
            "shuangsui-draw/1\tcandidates\n\
             91130273MA0A1B2C3X\tpositive_list\t\t\n\
             91350100M000100Y43\tkey\tair,hazardous_waste,water\tA1\n"
        );
        assert_eq!(
            text(Part::Inspectors),
            "shuangsui-draw/1\tinspectors\nA1\tofficer\t大气科\tair,water\n"
        );
        assert_eq!(
            text(Part::Conflicts),
            "shuangsui-draw/1\tconflicts\nA\tY\nAB\tX\n"
        );
        assert_eq!(
            text(Part::Params),
            "shuangsui-draw/1\tparameters\ndraw\t2024Q2-1\nmode\tunclassified\ncount\tall\t1\n\
             team_size\t2\nauxiliaries\t0\njoint_bp\t3500\nworkload_cap\t10\n\
             previous_lead_may_lead\tfalse\nitem_expertise\t\n"
        );
    }

    #[test]
    fn hashes_match_encodings_and_ignore_row_order() {
        let mut s = snap();
        let p = Params::new("d", super::super::Quota::Unclassified { count: 1 });
        let h = hashes(&s, &p);
        for (part, v) in h.parts() {
            assert_eq!(v, H256::of(&encode(part, &s, &p)), "{part:?}");
        }
        s.candidates.reverse();
        s.conflicts.reverse();
        assert_eq!(hashes(&s, &p), h);
        s.candidates[0].previous_lead = Some("B9".into());
        assert_ne!(hashes(&s, &p).candidates, h.candidates);
    }
}

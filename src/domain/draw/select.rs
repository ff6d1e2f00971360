//! Selection of targets (docs/draw-algorithm.md §5): within each stratum every candidate is
//! ranked by `SHA-256(seed ‖ F("select") ‖ F(stratum) ‖ F(code))` read as a 256-bit
//! big-endian number, and the `k` lowest are drawn (ties, which SHA-256 makes practically
//! impossible, broken by credit code).

use super::hash::{H256, Prefix, tagged};
use super::snapshot::{Params, Snapshot, Stratum};
use serde::{Deserialize, Serialize};

/// One drawn target with the hash that ranked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selected {
    pub code: String,
    pub rank: H256,
}

/// The targets drawn from one stratum, lowest rank first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    pub stratum: Stratum,
    /// Candidates in the stratum.
    pub population: u64,
    pub targets: Vec<Selected>,
}

/// The rank hash of a candidate in a stratum.
pub fn rank(seed: &H256, stratum: Stratum, code: &str) -> H256 {
    tagged(
        seed,
        "select",
        &[stratum.code().as_bytes(), code.as_bytes()],
    )
}

/// Draws every stratum of the parameters, in their order. A count above the population takes
/// the whole stratum (the check refuses that case before a real draw).
pub fn select(s: &Snapshot, p: &Params, seed: &H256) -> Vec<Selection> {
    p.quota
        .strata()
        .into_iter()
        .map(|(stratum, count)| {
            let members: Vec<&str> = s
                .candidates
                .iter()
                .filter(|c| stratum.contains(c.group))
                .map(|c| c.code.as_str())
                .collect();
            let population = members.len() as u64;
            let k = usize::try_from(count)
                .unwrap_or(usize::MAX)
                .min(members.len());
            let targets = if k == 0 {
                Vec::new()
            } else {
                let prefix = Prefix::new(seed, "select", &[stratum.code().as_bytes()]);
                let mut ranked: Vec<(H256, &str)> = members
                    .into_iter()
                    .map(|code| (prefix.hash(code.as_bytes()), code))
                    .collect();
                if k < ranked.len() {
                    ranked.select_nth_unstable(k - 1);
                    ranked.truncate(k);
                }
                ranked.sort_unstable();
                ranked
                    .into_iter()
                    .map(|(rank, code)| Selected {
                        code: code.to_string(),
                        rank,
                    })
                    .collect()
            };
            Selection {
                stratum,
                population,
                targets,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::snapshot::{Candidate, Quota};
    use crate::domain::quota::Group;

    fn cands(n: usize, g: Group, tag: char) -> Vec<Candidate> {
        (0..n)
            .map(|i| Candidate {
                code: format!("{tag}{i:017}"),
                group: g,
                pollutants: Default::default(),
                previous_lead: None,
            })
            .collect()
    }

    /// Brute force: sort everything by (rank, code), keep the k first.
    fn naive(s: &Snapshot, stratum: Stratum, k: usize, seed: &H256) -> Vec<String> {
        let mut v: Vec<(H256, String)> = s
            .candidates
            .iter()
            .filter(|c| stratum.contains(c.group))
            .map(|c| (rank(seed, stratum, &c.code), c.code.clone()))
            .collect();
        v.sort();
        v.into_iter().take(k).map(|(_, c)| c).collect()
    }

    #[test]
    fn takes_the_lowest_ranks_per_stratum() {
        let mut s = Snapshot::default();
        s.candidates.extend(cands(20, Group::Key, '1'));
        s.candidates.extend(cands(15, Group::Special, '2'));
        s.candidates.extend(cands(5, Group::PositiveList, '3'));
        let p = Params::new(
            "d",
            Quota::Classified {
                key: 4,
                special: 15,
                general: 0,
            },
        );
        for i in 0..20u8 {
            let seed = H256::of(&[i]);
            let sel = select(&s, &p, &seed);
            assert_eq!(sel.len(), 3);
            for x in &sel {
                let k = x.targets.len();
                let codes: Vec<String> = x.targets.iter().map(|t| t.code.clone()).collect();
                assert_eq!(codes, naive(&s, x.stratum, k, &seed));
                assert!(x.targets.windows(2).all(|w| w[0].rank < w[1].rank));
            }
            assert_eq!(sel[0].targets.len(), 4);
            assert_eq!(sel[1].targets.len(), 15);
            assert_eq!((sel[2].population, sel[2].targets.len()), (0, 0));
        }
    }

    #[test]
    fn unclassified_ranks_everything_but_the_positive_list() {
        let mut s = Snapshot::default();
        s.candidates.extend(cands(3, Group::Key, '1'));
        s.candidates.extend(cands(3, Group::General, '2'));
        s.candidates.extend(cands(3, Group::PositiveList, '3'));
        let p = Params::new("d", Quota::Unclassified { count: 6 });
        let sel = select(&s, &p, &H256::of(b"x"));
        assert_eq!(sel[0].population, 6);
        assert!(sel[0].targets.iter().all(|t| !t.code.starts_with('3')));
        assert_eq!(sel[0].targets.len(), 6);
    }

    #[test]
    fn order_of_rows_does_not_matter() {
        let mut s = Snapshot::default();
        s.candidates.extend(cands(30, Group::General, '5'));
        let p = Params::new("d", Quota::Unclassified { count: 7 });
        let seed = H256::of(b"order");
        let a = select(&s, &p, &seed);
        s.candidates.reverse();
        s.candidates.rotate_left(11);
        assert_eq!(select(&s, &p, &seed), a);
    }
}

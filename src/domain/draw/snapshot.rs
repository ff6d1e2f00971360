//! What a draw is computed from: the frozen snapshot of candidates, inspectors and declared
//! conflicts (each row holding exactly the attributes the algorithm uses) and the draw's
//! parameters. Plain serde data; the rules live in `check`, `select` and `teams`.

use crate::domain::enterprise::Pollutant;
use crate::domain::inspector::{Expertise, InspectorKind};
use crate::domain::quota::Group;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One enterprise that may be drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// 统一社会信用代码, 18 characters of the GB 32100 alphabet (the check character is not
    /// tested: administrators may have accepted a pilot code).
    pub code: String,
    /// Its S5/S6 group for the quarter. Positive-list firms may appear in the snapshot but are
    /// never drawn for an on-site visit.
    #[serde(with = "group_code")]
    pub group: Group,
    /// Pollutant types (matched against inspectors' expertise).
    #[serde(deserialize_with = "super::strict::unique_set")]
    pub pollutants: BTreeSet<Pollutant>,
    /// Certificate number of the officer who led the previous inspection, if known (written
    /// as `null` when not).
    #[serde(deserialize_with = "super::strict::required")]
    pub previous_lead: Option<String>,
}

/// One person who may be put in a team. Only active people belong in a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspector {
    /// 执法证号 for officers; a unique work or appointment number for auxiliary inspectors.
    /// Unique over the whole snapshot.
    pub id: String,
    pub kind: InspectorKind,
    /// 科室.
    pub section: String,
    #[serde(deserialize_with = "super::strict::unique_set")]
    pub expertise: BTreeSet<Expertise>,
}

/// A declared conflict of interest (回避, N2): the inspector never joins that target's team.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictPair {
    /// The inspector's `id`.
    pub inspector: String,
    /// The enterprise's credit code.
    pub code: String,
}

/// The three frozen lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub candidates: Vec<Candidate>,
    pub inspectors: Vec<Inspector>,
    pub conflicts: Vec<ConflictPair>,
}

impl Snapshot {
    /// Each candidate's group by credit code.
    pub fn groups(&self) -> std::collections::HashMap<&str, Group> {
        self.candidates
            .iter()
            .map(|x| (x.code.as_str(), x.group))
            .collect()
    }
}

/// A pool selection ranks within: one per class, or the whole registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stratum {
    Key,
    Special,
    General,
    /// Unclassified mode: every candidate except positive-list firms.
    All,
}

impl Stratum {
    /// The code written in encodings and hashed.
    pub fn code(self) -> &'static str {
        match self {
            Stratum::Key => "key",
            Stratum::Special => "special",
            Stratum::General => "general",
            Stratum::All => "all",
        }
    }

    /// Whether a candidate of group `g` belongs to this stratum.
    pub fn contains(self, g: Group) -> bool {
        match self {
            Stratum::Key => g == Group::Key,
            Stratum::Special => g == Group::Special,
            Stratum::General => g == Group::General,
            Stratum::All => g != Group::PositiveList,
        }
    }
}

/// How many targets to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Quota {
    /// By S5 class (positive-list firms are never drawn on-site).
    Classified {
        key: u32,
        special: u32,
        general: u32,
    },
    /// One ranking over the whole registry (counts against the 85% rule).
    Unclassified { count: u32 },
}

impl Quota {
    /// The strata with their counts, in the specified order (key, special, general | all).
    pub fn strata(&self) -> Vec<(Stratum, u32)> {
        match *self {
            Quota::Classified {
                key,
                special,
                general,
            } => vec![
                (Stratum::Key, key),
                (Stratum::Special, special),
                (Stratum::General, general),
            ],
            Quota::Unclassified { count } => vec![(Stratum::All, count)],
        }
    }

    /// The mode's code.
    pub fn mode(&self) -> &'static str {
        match self {
            Quota::Classified { .. } => "classified",
            Quota::Unclassified { .. } => "unclassified",
        }
    }

    /// Total number of targets.
    pub fn total(&self) -> u64 {
        self.strata().iter().map(|&(_, k)| u64::from(k)).sum()
    }
}

/// Default team size (N1's minimum).
pub const DEFAULT_TEAM_SIZE: u32 = 2;
/// Default internal-joint share, basis points (S4: 35%).
pub const DEFAULT_JOINT_BP: u32 = 3500;
/// Default per-draw workload cap per person.
pub const DEFAULT_WORKLOAD_CAP: u32 = 10;

/// The draw's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// The draw's identifier (e.g. `2024Q2-1`), so that two draws never share a seed.
    pub draw: String,
    pub quota: Quota,
    /// Enforcement officers per team, 2–4.
    pub team_size: u32,
    /// Auxiliary inspectors per team, 0–2; never counted as officers.
    pub auxiliaries: u32,
    /// Share of targets whose officers come from at least two sections, basis points.
    pub joint_bp: u32,
    /// No person joins more than this many teams in one draw.
    pub workload_cap: u32,
    /// Whether the officer who led a target's previous inspection may lead it again.
    pub previous_lead_may_lead: bool,
    /// The draw's check-item codes.
    pub items: Vec<String>,
    /// Expertise the items call for, preferred in every team besides the pollutant types.
    #[serde(deserialize_with = "super::strict::unique_set")]
    pub item_expertise: BTreeSet<Expertise>,
}

impl Params {
    /// Parameters with the defaults: 2 officers, no auxiliary, 35% joint, cap 10, previous lead
    /// may not lead, no items.
    pub fn new(draw: impl Into<String>, quota: Quota) -> Params {
        Params {
            draw: draw.into(),
            quota,
            team_size: DEFAULT_TEAM_SIZE,
            auxiliaries: 0,
            joint_bp: DEFAULT_JOINT_BP,
            workload_cap: DEFAULT_WORKLOAD_CAP,
            previous_lead_may_lead: false,
            items: Vec::new(),
            item_expertise: BTreeSet::new(),
        }
    }
}

/// The stored code of a group (`key`, `special`, `general`, `positive_list`).
pub fn group_code(g: Group) -> &'static str {
    match g {
        Group::Key => "key",
        Group::Special => "special",
        Group::General => "general",
        Group::PositiveList => "positive_list",
    }
}

/// Serde for [`Group`] by its code (the type itself only serializes).
mod group_code {
    use super::Group;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(g: &Group, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::group_code(*g))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Group, D::Error> {
        let s = String::deserialize(d)?;
        Group::ALL
            .into_iter()
            .find(|&g| super::group_code(g) == s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown group {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_json_round_trip() {
        let c = Candidate {
            code: "91350100M000100Y43".into(),
            group: Group::PositiveList,
            pollutants: [Pollutant::Water, Pollutant::Air].into(),
            previous_lead: Some("13020012345".into()),
        };
        let j = serde_json::to_string(&c).unwrap();
        assert_eq!(
            j,
            r#"{"code":"91350100M000100Y43","group":"positive_list","pollutants":["air","water"],"previous_lead":"13020012345"}"#
        );
        assert_eq!(serde_json::from_str::<Candidate>(&j).unwrap(), c);
        assert!(serde_json::from_str::<Candidate>(&j.replace("positive_list", "pos")).is_err());
    }

    #[test]
    fn quota_json_is_tagged_by_mode() {
        let q = Quota::Classified {
            key: 1,
            special: 2,
            general: 3,
        };
        let j = serde_json::to_string(&q).unwrap();
        assert_eq!(
            j,
            r#"{"mode":"classified","key":1,"special":2,"general":3}"#
        );
        assert_eq!(serde_json::from_str::<Quota>(&j).unwrap(), q);
        assert_eq!(q.total(), 6);
        let u = Quota::Unclassified { count: 4 };
        assert_eq!(u.strata(), vec![(Stratum::All, 4)]);
        assert_eq!(u.mode(), "unclassified");
    }

    #[test]
    fn strata_membership() {
        assert!(Stratum::All.contains(Group::Key));
        assert!(!Stratum::All.contains(Group::PositiveList));
        assert!(!Stratum::General.contains(Group::PositiveList));
        assert!(Stratum::Special.contains(Group::Special));
    }
}

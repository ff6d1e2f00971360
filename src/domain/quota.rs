//! S6 quotas: the share of each class to inspect every quarter, as settings in basis points
//! (1/100 of a percent) so that "3% of 100" is exactly 3 and rounding up is exact.

use super::classify::{Class, Classification};
use serde::{Deserialize, Serialize};

/// The ratio settings of S4/S6, in basis points (2500 = 25%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratios {
    pub key: u32,
    pub special: u32,
    /// General firms not on the positive list.
    pub general: u32,
    /// Positive-list firms, supervised off-site.
    pub positive_offsite: u32,
    /// Share of targets inspected by teams from at least two sections (S4).
    pub internal_joint: u32,
    /// Share of random checks that must use the classes (S6).
    pub classified_share: u32,
}

impl Default for Ratios {
    fn default() -> Self {
        Ratios {
            key: 2500,
            special: 6500,
            general: 300,
            positive_offsite: 10000,
            internal_joint: 3500,
            classified_share: 8500,
        }
    }
}

/// Parses a percentage written by a person (`25`, `25%`, `3.5`, `12.25%`) into basis points.
pub fn parse_percent(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches(['%', '％']).trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty()
        || frac.len() > 2
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = int.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    let bp = whole.checked_mul(100)?.checked_add(frac)?;
    (bp <= 10000).then_some(bp)
}

/// Formats basis points as a percentage (`25%`, `3.5%`).
pub fn format_percent(bp: u32) -> String {
    let (w, f) = (bp / 100, bp % 100);
    if f == 0 {
        format!("{w}%")
    } else {
        format!("{}%", format!("{w}.{f:02}").trim_end_matches('0'))
    }
}

/// ⌈population × bp / 10000⌉.
pub fn required(population: u64, bp: u32) -> u64 {
    (population * u64::from(bp)).div_ceil(10000)
}

/// The groups S6 sets a share for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Key,
    Special,
    /// General, not on the positive list: on-site checks.
    General,
    /// General because of the positive list: off-site supervision.
    PositiveList,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Key,
        Group::Special,
        Group::General,
        Group::PositiveList,
    ];

    pub fn of(c: &Classification) -> Group {
        match c.class {
            Class::Key => Group::Key,
            Class::Special => Group::Special,
            Class::General if c.offsite => Group::PositiveList,
            Class::General => Group::General,
        }
    }

    pub fn ratio(self, r: &Ratios) -> u32 {
        match self {
            Group::Key => r.key,
            Group::Special => r.special,
            Group::General => r.general,
            Group::PositiveList => r.positive_offsite,
        }
    }
}

/// Population and required number of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GroupQuota {
    pub group: Group,
    pub population: u64,
    pub ratio_bp: u32,
    pub required: u64,
}

/// Counts classifications per group and applies the ratios.
pub fn quotas<'a>(
    items: impl IntoIterator<Item = &'a Classification>,
    r: &Ratios,
) -> Vec<GroupQuota> {
    let mut pop = [0u64; 4];
    for c in items {
        pop[Group::of(c) as usize] += 1;
    }
    Group::ALL
        .iter()
        .map(|&g| {
            let bp = g.ratio(r);
            GroupQuota {
                group: g,
                population: pop[g as usize],
                ratio_bp: bp,
                required: required(pop[g as usize], bp),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up_exactly() {
        assert_eq!(required(100, 300), 3); // 3% of 100, no float error
        assert_eq!(required(101, 300), 4);
        assert_eq!(required(8, 2500), 2);
        assert_eq!(required(9, 2500), 3);
        assert_eq!(required(20, 6500), 13);
        assert_eq!(required(0, 6500), 0);
        assert_eq!(required(7, 10000), 7);
    }

    #[test]
    fn percent_round_trip() {
        assert_eq!(parse_percent("25"), Some(2500));
        assert_eq!(parse_percent("3.5%"), Some(350));
        assert_eq!(parse_percent("12.25％"), Some(1225));
        assert_eq!(parse_percent("100"), Some(10000));
        for bad in ["", "101", "-1", "1.234", "abc", "%", ".5"] {
            assert_eq!(parse_percent(bad), None, "{bad}");
        }
        assert_eq!(format_percent(2500), "25%");
        assert_eq!(format_percent(350), "3.5%");
        assert_eq!(format_percent(1225), "12.25%");
    }
}

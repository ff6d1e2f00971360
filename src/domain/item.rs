//! The check-item list (随机抽查事项清单, S3). Items are versioned: a change closes the current
//! version and opens a new one on an effective date; retiring closes it for good. Nothing is
//! ever deleted, so the list in force on any date can be produced.

use crate::domain::inspector::Expertise;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

crate::vocab! {
    /// 检查方式.
    pub enum Method {
        OnSite = "on_site", "现场检查", "on-site", ["现场"];
        OffSite = "off_site", "非现场检查", "off-site", ["非现场", "非现场监管"];
    }
}

/// The content of one version of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemData {
    /// Stable code across versions (e.g. `HB-01`).
    pub code: String,
    pub name: String,
    /// 法律依据.
    pub basis: String,
    /// 检查对象 (whom the item applies to).
    pub subject: String,
    pub method: Method,
    /// 检查内容/范围.
    pub scope: String,
    /// The expertise the item calls for; a draw prefers teams that have it.
    #[serde(default)]
    pub expertise: BTreeSet<Expertise>,
}

/// One stored version of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemVersion {
    pub id: i64,
    pub version: i64,
    #[serde(flatten)]
    pub data: ItemData,
    pub effective_from: NaiveDate,
    /// First day on which this version is no longer in force.
    pub effective_until: Option<NaiveDate>,
    /// Why the item was retired (only on the last version of a retired item).
    pub retired_reason: String,
}

impl ItemVersion {
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        self.effective_from <= d && self.effective_until.is_none_or(|u| d < u)
    }

    /// The item as a choice in a form: `code name` (the code is read back as the first word).
    pub fn choice(&self) -> String {
        format!("{} {}", self.data.code, self.data.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_force_window_is_half_open() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let v = ItemVersion {
            id: 1,
            version: 1,
            data: ItemData {
                code: "HB-01".into(),
                name: "排污许可证执行情况检查".into(),
                basis: "《排污许可管理条例》".into(),
                subject: "排污单位".into(),
                method: Method::OnSite,
                scope: "全区".into(),
                expertise: BTreeSet::new(),
            },
            effective_from: d(1, 1),
            effective_until: Some(d(7, 1)),
            retired_reason: String::new(),
        };
        assert!(v.in_force_on(d(1, 1)) && v.in_force_on(d(6, 30)));
        assert!(
            !v.in_force_on(d(7, 1))
                && !v.in_force_on(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap())
        );
    }
}

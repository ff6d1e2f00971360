//! The target registry (检查对象名录库, S7): an enterprise's typed tags, its dated events
//! (penalties, complaints) and the validation of a whole record.

use super::credit_code::CreditCode;
use super::permit::PermitNo;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

crate::vocab! {
    /// 排污许可管理类别.
    pub enum PermitCategory {
        Key = "key", "重点管理", "key management", ["重点"];
        Simplified = "simplified", "简化管理", "simplified management", ["简化"];
        Registration = "registration", "登记管理", "registration", ["登记"];
        NoPermit = "none", "无", "none", ["未纳入", "不涉及"];
    }
}

crate::vocab! {
    /// 污染物类别.
    pub enum Pollutant {
        Air = "air", "大气", "air", ["废气", "大气污染物"];
        Water = "water", "水", "water", ["废水", "水污染物"];
        Soil = "soil", "土壤", "soil", [];
        Noise = "noise", "噪声", "noise", [];
        SolidWaste = "solid_waste", "固废", "solid waste", ["固体废物", "一般固废"];
        HazardousWaste = "hazardous_waste", "危废", "hazardous waste", ["危险废物"];
    }
}

crate::vocab! {
    /// 项目建设情况.
    pub enum Construction {
        Operating = "built", "已建成", "built", ["建成", "已投产", "投产"];
        Building = "building", "在建", "under construction", [];
        Stopped = "stopped", "停建", "construction stopped", [];
    }
}

crate::vocab! {
    /// 生产规模.
    pub enum Scale {
        Large = "large", "大型", "large", [];
        Medium = "medium", "中型", "medium", [];
        Small = "small", "小型", "small", [];
        Micro = "micro", "微型", "micro", [];
    }
}

crate::vocab! {
    /// 生产周期特点.
    pub enum Cycle {
        Continuous = "continuous", "连续生产", "continuous", ["连续"];
        Intermittent = "intermittent", "间歇生产", "intermittent", ["间歇"];
        Seasonal = "seasonal", "季节性生产", "seasonal", ["季节性"];
    }
}

crate::vocab! {
    /// 监控类型 (the off-site means S6 relies on).
    pub enum Monitoring {
        Online = "online", "在线监测", "online monitoring", ["自动监测"];
        Metering = "metering", "分表计电", "sub-metering", [];
        Video = "video", "视频监控", "video", ["视频"];
    }
}

crate::vocab! {
    /// 重污染天气绩效分级.
    pub enum WeatherGrade {
        A = "A", "A级", "A", [];
        B = "B", "B级", "B", [];
        BMinus = "B-", "B-级", "B-", [];
        C = "C", "C级", "C", [];
        D = "D", "D级", "D", [];
        Leading = "leading", "引领性", "leading", ["绩效引领性"];
        NonLeading = "non_leading", "非引领性", "non-leading", [];
    }
}

crate::vocab! {
    /// 生态环境信用评价.
    pub enum CreditRating {
        A = "A", "A级", "A", [];
        B = "B", "B级", "B", [];
        C = "C", "C级", "C", [];
        D = "D", "D级", "D", [];
        E = "E", "E级", "E", [];
    }
}

crate::vocab! {
    /// 挂牌督办 level.
    pub enum ListingLevel {
        Ministry = "ministry", "生态环境部", "Ministry", ["部级", "部挂牌", "生态环境部挂牌督办"];
        Province = "province", "省厅", "Province", ["省级", "省挂牌", "省厅挂牌督办"];
    }
}

crate::vocab! {
    /// 生产状态.
    pub enum OperatingStatus {
        Producing = "producing", "在产", "producing", ["正常", "生产"];
        Suspended = "suspended", "停产", "suspended", ["停工停产", "停工"];
        Closed = "closed", "关闭", "closed", ["关停"];
        Deregistered = "deregistered", "注销", "deregistered", [];
    }
}

crate::impl_vocab!(Pollutant, Monitoring);

impl CreditRating {
    /// C, D and E make a firm special (S5).
    pub fn is_low(self) -> bool {
        matches!(self, CreditRating::C | CreditRating::D | CreditRating::E)
    }
}

impl OperatingStatus {
    /// Closed or deregistered firms are never inspection targets.
    pub fn is_gone(self) -> bool {
        matches!(
            self,
            OperatingStatus::Closed | OperatingStatus::Deregistered
        )
    }
}

/// A span of days, either end open. Active on `d` when `from <= d <= until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Period {
    pub fn active_on(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| u >= d)
    }

    pub fn is_ordered(&self) -> bool {
        match (self.from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        }
    }
}

/// A 挂牌督办 listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub level: ListingLevel,
    pub period: Period,
}

/// The editable content of an enterprise record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseData {
    pub name: String,
    #[serde(with = "code_serde")]
    pub credit_code: CreditCode,
    /// An administrator accepted a code whose check character fails (early pilot codes).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub code_check_waived: bool,
    #[serde(with = "permit_serde")]
    pub permit_no: Option<PermitNo>,
    pub permit_category: PermitCategory,
    /// On the 重点排污单位名录.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key_unit: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pollutants: BTreeSet<Pollutant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construction: Option<Construction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<Cycle>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub monitoring: BTreeSet<Monitoring>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weather_grade: Option<WeatherGrade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_rating: Option<CreditRating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<Listing>,
    /// Membership of the 生态环境监督执法正面清单, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_list: Option<Period>,
    pub status: OperatingStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_rep: String,
}

/// An enterprise as stored: its id, content and revision (for optimistic locking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enterprise {
    pub id: i64,
    pub revision: i64,
    #[serde(flatten)]
    pub data: EnterpriseData,
}

/// An enterprise as a quarter's classification and its draw read the whole registry: its id,
/// credit code (as stored), name, pollutants, status and the tags its class depends on;
/// nothing else of the record is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseBrief {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub pollutants: BTreeSet<Pollutant>,
    pub status: OperatingStatus,
    pub tags: super::classify::ClassInput,
}

/// An administrative penalty (行政处罚).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penalty {
    pub date: NaiveDate,
    pub doc_no: String,
    pub summary: String,
}

/// A public complaint (信访举报).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub received: NaiveDate,
    pub ref_no: String,
    pub verified: bool,
    pub verified_on: Option<NaiveDate>,
    pub summary: String,
}

/// A penalty or complaint as kept (issue 17): a record on record is never changed; a
/// correction is a new record naming the one it `supersedes`, and the old one is stamped
/// `superseded_at`. Only a current record (not superseded) counts and carries the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept<T> {
    pub id: i64,
    pub record: T,
    /// The record this one corrects.
    pub supersedes: Option<i64>,
    /// When a correction replaced this one (an audit time stamp).
    pub superseded_at: Option<String>,
}

impl<T> Kept<T> {
    /// Not replaced by a correction.
    pub fn is_current(&self) -> bool {
        self.superseded_at.is_none()
    }
}

/// The current records of a list, in its order.
pub fn current<T: Clone>(kept: &[Kept<T>]) -> Vec<T> {
    kept.iter()
        .filter(|k| k.is_current())
        .map(|k| k.record.clone())
        .collect()
}

/// Field limits, in characters.
pub const NAME_MAX: usize = 100;
pub const SHORT_MAX: usize = 50;
pub const LONG_MAX: usize = 200;

/// Whole-record rules that single fields cannot express.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("permit number does not belong to the credit code")]
    PermitMismatch,
    #[error("period ends before it starts")]
    PeriodOrder,
    #[error("complaint marked verified without a date, or dated without being verified")]
    VerifiedDate,
    #[error("verification date before the complaint was received")]
    VerifiedBeforeReceived,
}

impl EnterpriseData {
    /// Cross-field checks.
    pub fn check(&self) -> Result<(), RecordError> {
        if let Some(p) = &self.permit_no {
            p.check_belongs_to(&self.credit_code)
                .map_err(|_| RecordError::PermitMismatch)?;
        }
        let periods = self
            .listing
            .map(|l| l.period)
            .into_iter()
            .chain(self.positive_list);
        for p in periods {
            if !p.is_ordered() {
                return Err(RecordError::PeriodOrder);
            }
        }
        Ok(())
    }

    /// Whether the firm is a key unit by its own conditions (before precedence).
    pub fn key_conditions(&self) -> (bool, bool) {
        (self.key_unit, self.permit_category == PermitCategory::Key)
    }
}

impl Complaint {
    pub fn check(&self) -> Result<(), RecordError> {
        match (self.verified, self.verified_on) {
            (true, Some(v)) if v < self.received => Err(RecordError::VerifiedBeforeReceived),
            (true, Some(_)) | (false, None) => Ok(()),
            _ => Err(RecordError::VerifiedDate),
        }
    }
}

mod code_serde {
    use super::CreditCode;
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(c: &CreditCode, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(c.as_str())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CreditCode, D::Error> {
        let s = String::deserialize(d)?;
        CreditCode::parse_form(&s).map_err(serde::de::Error::custom)
    }
}

mod permit_serde {
    use super::PermitNo;
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(p: &Option<PermitNo>, s: S) -> Result<S::Ok, S::Error> {
        match p {
            Some(p) => s.serialize_str(p.as_str()),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PermitNo>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| PermitNo::parse(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A plain general firm for tests to modify.
    pub fn sample(code17: &str) -> EnterpriseData {
        EnterpriseData {
            name: "唐山示例机械有限公司".into(),
            credit_code: CreditCode::complete(code17).unwrap(),
            code_check_waived: false,
            permit_no: None,
            permit_category: PermitCategory::Registration,
            key_unit: false,
            area: "高新区".into(),
            industry: "通用设备制造".into(),
            pollutants: [Pollutant::Air].into(),
            construction: Some(Construction::Operating),
            scale: Some(Scale::Small),
            cycle: Some(Cycle::Continuous),
            monitoring: BTreeSet::new(),
            weather_grade: None,
            credit_rating: Some(CreditRating::B),
            listing: None,
            positive_list: None,
            status: OperatingStatus::Producing,
            address: String::new(),
            legal_rep: String::new(),
        }
    }

    #[test]
    fn vocab_parses_names_codes_and_synonyms() {
        assert_eq!(PermitCategory::parse("重点管理"), Some(PermitCategory::Key));
        assert_eq!(PermitCategory::parse(" key "), Some(PermitCategory::Key));
        assert_eq!(
            Pollutant::parse("危险废物"),
            Some(Pollutant::HazardousWaste)
        );
        assert_eq!(CreditRating::parse("d"), Some(CreditRating::D));
        assert_eq!(CreditRating::parse("D级"), Some(CreditRating::D));
        assert_eq!(PermitCategory::parse("重点监管"), None);
    }

    #[test]
    fn periods() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let p = Period {
            from: Some(d(1, 10)),
            until: Some(d(3, 31)),
        };
        assert!(p.active_on(d(3, 31)) && p.active_on(d(1, 10)));
        assert!(!p.active_on(d(4, 1)) && !p.active_on(d(1, 9)));
        assert!(Period::default().active_on(d(6, 1)));
    }

    #[test]
    fn permit_must_match_code() {
        let mut e = sample("91130273MA0A1B2C3");
        e.permit_no = Some(PermitNo::parse("91350100M000100Y43001P").unwrap());
        assert_eq!(e.check(), Err(RecordError::PermitMismatch));
        e.permit_no = Some(PermitNo::parse(&format!("{}001P", e.credit_code)).unwrap());
        assert_eq!(e.check(), Ok(()));
    }
}

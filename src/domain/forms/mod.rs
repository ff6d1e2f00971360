//! The fields of each record kind — key, Chinese and English name, synonyms accepted as file
//! headers, whether required — and the builders that turn raw field values into records (used
//! by file import and by the UI's forms), plus the inverse, records as field texts (used by
//! export and to fill edit forms). What export writes, import reads back.

use super::credit_code::CreditCode;
use super::enterprise::*;
use super::fields::{self as f, FieldIssue, Issues, Problem, Raw};
use super::inspection::Visit;
use super::inspector::*;
use super::item::{ItemData, Method};
use chrono::NaiveDate;
use std::collections::BTreeSet;

mod cases;
mod category;
mod draw;
mod entered;
mod keys;
mod specs;
mod texts;
pub use cases::*;
pub use category::{CATEGORY, category, category_issues, category_texts};
pub use draw::{DRAW, DrawFields, draw};
pub use entered::*;
pub use keys::{EnterpriseField, InspectorField, ItemField};
pub use specs::*;
pub use texts::*;

/// One field of a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Other headers accepted on import.
    pub synonyms: &'static [&'static str],
    /// Must be present (and non-empty) for a new record.
    pub required: bool,
}

const fn fs(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    synonyms: &'static [&'static str],
    required: bool,
) -> FieldSpec {
    FieldSpec {
        key,
        zh,
        en,
        synonyms,
        required,
    }
}

/// A spec by key.
pub fn spec(specs: &'static [FieldSpec], key: &str) -> Option<&'static FieldSpec> {
    specs.iter().find(|s| s.key == key)
}

/// Reads fields by key, tracking issues; absent fields keep the base value.
struct Builder<G> {
    get: G,
    iss: Issues,
}

impl<'a, G: Fn(&str) -> Option<Raw<'a>>> Builder<G> {
    /// `Some(parsed)` when present and valid, `Some(keep)` when absent, `None` on error.
    fn field<T>(
        &mut self,
        key: &'static str,
        parse: impl FnOnce(&Raw<'a>) -> Result<T, Problem>,
        keep: impl FnOnce() -> T,
    ) -> Option<T> {
        match (self.get)(key) {
            Some(raw) => {
                let r = parse(&raw);
                self.iss.take(key, &raw, r)
            }
            None => Some(keep()),
        }
    }

    /// A required field: absent or empty without a base is an error.
    fn required<T>(
        &mut self,
        key: &'static str,
        parse: impl FnOnce(&Raw<'a>) -> Result<T, Problem>,
        keep: Option<T>,
    ) -> Option<T> {
        match ((self.get)(key), keep) {
            (Some(raw), _) => {
                let r = parse(&raw);
                self.iss.take(key, &raw, r)
            }
            (None, Some(k)) => Some(k),
            (None, None) => {
                self.iss
                    .push(key, &Raw::Text(""), super::text::TextError::Empty);
                None
            }
        }
    }

    /// Parses the field into `slot` when present; an absent field keeps the slot's value.
    fn set<T>(
        &mut self,
        key: &'static str,
        parse: impl FnOnce(&Raw<'a>) -> Result<T, Problem>,
        slot: &mut T,
    ) {
        if let Some(raw) = (self.get)(key) {
            let r = parse(&raw);
            if let Some(v) = self.iss.take(key, &raw, r) {
                *slot = v;
            }
        }
    }

    /// Records a record rule's failure against the field `key`.
    fn rule(&mut self, key: &'static str, problem: impl Into<Problem>) {
        let value = (self.get)(key)
            .map(|r| r.text().into_owned())
            .unwrap_or_default();
        self.iss.0.push(FieldIssue {
            field: key,
            value,
            problem: problem.into(),
        });
    }

    fn finish<T>(self, built: Option<T>) -> Result<T, Vec<FieldIssue>> {
        match built {
            Some(v) if self.iss.is_empty() => Ok(v),
            _ => Err(self.iss.0),
        }
    }
}

/// A required whole number in `min..=max`.
fn whole(min: i64, max: i64) -> impl Fn(&Raw<'_>) -> Result<i64, Problem> {
    move |r| f::number(r, min, max)?.ok_or(Problem::Text(super::text::TextError::Empty))
}

fn choice_of<T: Copy + 'static>(
    parse: fn(&str) -> Option<T>,
    all: &'static [T],
    zh: fn(T) -> &'static str,
) -> impl Fn(&Raw<'_>) -> Result<Option<T>, Problem> {
    move |r| f::choice(r, parse, all, zh)
}

/// 挂牌督办 values meaning "not listed".
fn listing_level(r: &Raw<'_>) -> Result<Option<ListingLevel>, Problem> {
    let t = r.text();
    if matches!(t.trim(), "" | "无" | "否" | "未挂牌" | "none") {
        return Ok(None);
    }
    f::choice(r, ListingLevel::parse, ListingLevel::ALL, ListingLevel::zh)
}

/// A new enterprise's values for fields a file or form leaves out.
fn enterprise_defaults(code: CreditCode) -> EnterpriseData {
    EnterpriseData {
        name: String::new(),
        credit_code: code,
        code_check_waived: false,
        permit_no: None,
        permit_category: PermitCategory::NoPermit,
        key_unit: false,
        area: String::new(),
        industry: String::new(),
        pollutants: BTreeSet::new(),
        construction: None,
        scale: None,
        cycle: None,
        monitoring: BTreeSet::new(),
        weather_grade: None,
        credit_rating: None,
        listing: None,
        positive_list: None,
        status: OperatingStatus::Producing,
        address: String::new(),
        legal_rep: String::new(),
    }
}

/// Builds an enterprise from raw fields over `base` (the stored record when updating).
pub fn enterprise<'a>(
    base: Option<&EnterpriseData>,
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<EnterpriseData, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let waived = b.field(
        "code_check_waived",
        |r| Ok(f::yes_no(r)?.unwrap_or(false)),
        || base.is_some_and(|e| e.code_check_waived),
    );
    let code = b.required(
        "credit_code",
        |r| f::credit_code(r, waived.unwrap_or(false)),
        base.map(|e| e.credit_code.clone()),
    );
    // Without a valid code the other fields are still checked, so every problem is reported.
    let placeholder = || CreditCode::complete("00000000000000000").expect("valid prefix");
    let mut d = base
        .cloned()
        .unwrap_or_else(|| enterprise_defaults(code.clone().unwrap_or_else(placeholder)));
    let name = b.required(
        "name",
        |r| f::required_line(r, NAME_MAX),
        base.map(|e| e.name.clone()),
    );
    enterprise_profile(&mut b, &mut d);
    enterprise_lists(&mut b, &mut d);
    enterprise_site(&mut b, &mut d);
    let (Some(waived), Some(code), Some(name)) = (waived, code, name) else {
        return b.finish(None);
    };
    d.code_check_waived = waived && !code.check_ok();
    d.credit_code = code;
    d.name = name;
    if b.iss.is_empty()
        && let Err(err) = d.check()
    {
        let key = if err == RecordError::PermitMismatch {
            "permit_no"
        } else if d.positive_list.is_some_and(|p| !p.is_ordered()) {
            "positive_until"
        } else {
            "listing_until"
        };
        b.rule(key, err);
    }
    b.finish(Some(d))
}

/// The permit and the classifying fields, from `permit_no` to `credit_rating`.
fn enterprise_profile<'a, G: Fn(&str) -> Option<Raw<'a>>>(
    b: &mut Builder<G>,
    d: &mut EnterpriseData,
) {
    b.set("permit_no", f::permit, &mut d.permit_no);
    b.set(
        "permit_category",
        |r| {
            Ok(choice_of(
                PermitCategory::parse,
                PermitCategory::ALL,
                PermitCategory::zh,
            )(r)?
            .unwrap_or(PermitCategory::NoPermit))
        },
        &mut d.permit_category,
    );
    b.set(
        "key_unit",
        |r| Ok(f::yes_no(r)?.unwrap_or(false)),
        &mut d.key_unit,
    );
    b.set("area", |r| f::line(r, SHORT_MAX), &mut d.area);
    b.set("industry", |r| f::line(r, SHORT_MAX), &mut d.industry);
    b.set(
        "pollutants",
        |r| f::choices(r, Pollutant::parse, Pollutant::ALL, Pollutant::zh),
        &mut d.pollutants,
    );
    let construction = choice_of(Construction::parse, Construction::ALL, Construction::zh);
    b.set("construction", construction, &mut d.construction);
    let scale = choice_of(Scale::parse, Scale::ALL, Scale::zh);
    b.set("scale", scale, &mut d.scale);
    b.set(
        "cycle",
        choice_of(Cycle::parse, Cycle::ALL, Cycle::zh),
        &mut d.cycle,
    );
    b.set(
        "monitoring",
        |r| f::choices(r, Monitoring::parse, Monitoring::ALL, Monitoring::zh),
        &mut d.monitoring,
    );
    let grade = choice_of(WeatherGrade::parse, WeatherGrade::ALL, WeatherGrade::zh);
    b.set("weather_grade", grade, &mut d.weather_grade);
    let rating = choice_of(CreditRating::parse, CreditRating::ALL, CreditRating::zh);
    b.set("credit_rating", rating, &mut d.credit_rating);
}

/// The supervision listing (挂牌督办) and the positive list with their periods.
fn enterprise_lists<'a, G: Fn(&str) -> Option<Raw<'a>>>(
    b: &mut Builder<G>,
    d: &mut EnterpriseData,
) {
    let mut level = d.listing.map(|l| l.level);
    let mut period = d.listing.map(|l| l.period).unwrap_or_default();
    b.set("listing", listing_level, &mut level);
    b.set("listing_from", f::date, &mut period.from);
    b.set("listing_until", f::date, &mut period.until);
    d.listing = level.map(|level| Listing { level, period });
    let mut positive = d.positive_list.is_some();
    let mut period = d.positive_list.unwrap_or_default();
    b.set(
        "positive_list",
        |r| Ok(f::yes_no(r)?.unwrap_or(false)),
        &mut positive,
    );
    b.set("positive_from", f::date, &mut period.from);
    b.set("positive_until", f::date, &mut period.until);
    d.positive_list = positive.then_some(period);
}

/// The operating status, the address and the legal representative.
fn enterprise_site<'a, G: Fn(&str) -> Option<Raw<'a>>>(b: &mut Builder<G>, d: &mut EnterpriseData) {
    b.set(
        "status",
        |r| {
            Ok(choice_of(
                OperatingStatus::parse,
                OperatingStatus::ALL,
                OperatingStatus::zh,
            )(r)?
            .unwrap_or(OperatingStatus::Producing))
        },
        &mut d.status,
    );
    b.set("address", |r| f::line(r, LONG_MAX), &mut d.address);
    b.set("legal_rep", |r| f::line(r, SHORT_MAX), &mut d.legal_rep);
}

/// A penalty with the credit code it belongs to.
pub fn penalty<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(CreditCode, Penalty), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let code = b.required("credit_code", |r| f::credit_code(r, true), None);
    let date = b.required("date", f::required_date, None);
    let doc_no = b.required("doc_no", |r| f::required_line(r, SHORT_MAX), None);
    let summary = b.field("summary", |r| f::line(r, LONG_MAX), String::new);
    let built = (|| {
        Some((
            code?,
            Penalty {
                date: date?,
                doc_no: doc_no?,
                summary: summary?,
            },
        ))
    })();
    b.finish(built)
}

/// A past inspection with the credit code it belongs to. Whether the codes, items and people
/// exist is checked against the database by the import.
pub fn inspection<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(CreditCode, Visit), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let code = b.required("credit_code", |r| f::credit_code(r, true), None);
    let date = b.required("date", f::required_date, None);
    let items = b.field("items", f::code_list, BTreeSet::new);
    let lead = b.field("lead", |r| f::line(r, SHORT_MAX), String::new);
    let team = b.field("team", f::code_list, BTreeSet::new);
    let note = b.field("note", |r| f::line(r, LONG_MAX), String::new);
    let built = (|| {
        Some((
            code?,
            Visit {
                date: date?,
                items: items?,
                lead: lead?,
                team: team?,
                note: note?,
            },
        ))
    })();
    b.finish(built)
}

/// A complaint with the credit code it belongs to.
pub fn complaint<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(CreditCode, Complaint), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let code = b.required("credit_code", |r| f::credit_code(r, true), None);
    let received = b.required("received", f::required_date, None);
    let ref_no = b.field("ref_no", |r| f::line(r, SHORT_MAX), String::new);
    let verified = b.field("verified", |r| Ok(f::yes_no(r)?.unwrap_or(false)), || false);
    let verified_on = b.field("verified_on", f::date, || None);
    let summary = b.field("summary", |r| f::line(r, LONG_MAX), String::new);
    let built = (|| {
        Some((
            code?,
            Complaint {
                received: received?,
                ref_no: ref_no?,
                verified: verified?,
                verified_on: verified_on?,
                summary: summary?,
            },
        ))
    })();
    if let Some((_, c)) = &built
        && let Err(e) = c.check()
    {
        b.rule("verified_on", e);
    }
    b.finish(built)
}

/// Active-status words beyond 是/否.
fn active(r: &Raw<'_>) -> Result<Option<bool>, Problem> {
    let t = r.text();
    match t.trim() {
        "在岗" | "启用" | "正常" | "在职" => Ok(Some(true)),
        "不在岗" | "停用" | "离岗" | "调离" | "退休" | "离职" => Ok(Some(false)),
        _ => f::yes_no(r),
    }
}

/// A new inspector's values for fields a file or form leaves out.
fn inspector_defaults() -> InspectorData {
    InspectorData {
        name: String::new(),
        kind: InspectorKind::Officer,
        aux_type: None,
        unit: String::new(),
        cert_no: String::new(),
        post: String::new(),
        section: String::new(),
        region: String::new(),
        years_of_service: None,
        expertise: BTreeSet::new(),
        phone: String::new(),
        active: true,
        inactive_reason: String::new(),
    }
}

/// Builds an inspector from raw fields over `base`.
pub fn inspector<'a>(
    base: Option<&InspectorData>,
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<InspectorData, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let name = b.required(
        "name",
        |r| f::required_line(r, SHORT_MAX),
        base.map(|i| i.name.clone()),
    );
    let mut d = base.cloned().unwrap_or_else(inspector_defaults);
    inspector_fields(&mut b, &mut d);
    let Some(name) = name else {
        return b.finish(None);
    };
    d.name = name;
    if b.iss.is_empty()
        && let Err(e) = d.check()
    {
        let key = match e {
            InspectorError::MissingCert => "cert_no",
            InspectorError::MissingReason => "inactive_reason",
            InspectorError::AuxTypeForOfficer => "aux_type",
        };
        b.rule(key, e);
    }
    b.finish(Some(d))
}

/// Every inspector field but the name.
fn inspector_fields<'a, G: Fn(&str) -> Option<Raw<'a>>>(b: &mut Builder<G>, d: &mut InspectorData) {
    b.set(
        "kind",
        |r| {
            Ok(
                choice_of(InspectorKind::parse, InspectorKind::ALL, InspectorKind::zh)(r)?
                    .unwrap_or(InspectorKind::Officer),
            )
        },
        &mut d.kind,
    );
    let aux = choice_of(AuxiliaryType::parse, AuxiliaryType::ALL, AuxiliaryType::zh);
    b.set("aux_type", aux, &mut d.aux_type);
    b.set("unit", |r| f::line(r, NAME_MAX), &mut d.unit);
    b.set(
        "cert_no",
        |r| match r {
            Raw::Number(n) if n.fract() != 0.0 || n.abs() >= 1e15 => Err(Problem::NumberInCodeCell),
            _ => f::line(r, 32),
        },
        &mut d.cert_no,
    );
    b.set("post", |r| f::line(r, SHORT_MAX), &mut d.post);
    b.set("section", |r| f::line(r, SHORT_MAX), &mut d.section);
    b.set("region", |r| f::line(r, SHORT_MAX), &mut d.region);
    b.set(
        "years_of_service",
        |r| Ok(f::number(r, 0, 60)?.map(|n| n as u32)),
        &mut d.years_of_service,
    );
    b.set(
        "expertise",
        |r| f::choices(r, Expertise::parse, Expertise::ALL, Expertise::zh),
        &mut d.expertise,
    );
    b.set("phone", |r| f::line(r, 32), &mut d.phone);
    b.set("active", |r| Ok(active(r)?.unwrap_or(true)), &mut d.active);
    b.set(
        "inactive_reason",
        |r| f::line(r, LONG_MAX),
        &mut d.inactive_reason,
    );
}

/// Builds a check item and the date its content takes effect (if given).
pub fn item<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(ItemData, Option<NaiveDate>), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let code = b.required(
        "code",
        |r| {
            let c = f::required_line(r, 32)?;
            if c.contains(char::is_whitespace) {
                Err(Problem::Text(super::text::TextError::ControlChar(
                    ' ' as u32,
                )))
            } else {
                Ok(c)
            }
        },
        None,
    );
    let name = b.required("name", |r| f::required_line(r, LONG_MAX), None);
    let basis = b.field("basis", |r| f::line(r, 500), String::new);
    let subject = b.field("subject", |r| f::line(r, LONG_MAX), String::new);
    let method = b.required(
        "method",
        |r| {
            choice_of(Method::parse, Method::ALL, Method::zh)(r)?
                .ok_or(Problem::Text(super::text::TextError::Empty))
        },
        None,
    );
    let scope = b.field("scope", |r| f::line(r, 500), String::new);
    let expertise = b.field(
        "expertise",
        |r| f::choices(r, Expertise::parse, Expertise::ALL, Expertise::zh),
        BTreeSet::new,
    );
    let from = b.field("effective_from", f::date, || None);
    let built = (|| {
        Some((
            ItemData {
                code: code?,
                name: name?,
                basis: basis?,
                subject: subject?,
                method: method?,
                scope: scope?,
                expertise: expertise?,
            },
            from?,
        ))
    })();
    b.finish(built)
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Enterprises,
    Inspectors,
    Items,
    Penalties,
    Complaints,
    /// Past inspections (检查记录).
    Inspections,
}

impl Kind {
    /// The fields of a record of this kind.
    pub fn specs(self) -> &'static [FieldSpec] {
        match self {
            Kind::Enterprises => ENTERPRISE,
            Kind::Inspectors => INSPECTOR,
            Kind::Items => ITEM,
            Kind::Penalties => PENALTY,
            Kind::Complaints => COMPLAINT,
            Kind::Inspections => INSPECTION,
        }
    }
}

/// A problem with the file's header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderIssue {
    /// A header that names no field; `suggestion` is the closest field name.
    Unknown {
        column: usize,
        header: String,
        suggestion: Option<&'static str>,
    },
    /// A required field has no column.
    Missing { field: &'static FieldSpec },
    /// Two columns name the same field.
    Repeated {
        field: &'static FieldSpec,
        columns: (usize, usize),
    },
}

/// A problem with one cell (row and column as a person sees them in the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub problem: Problem,
}

/// The file's format as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub format: Format,
    pub encoding: &'static str,
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Accepted, but worth a look (pilot credit codes whose check was waived).
    pub warnings: Vec<RowIssue>,
    pub dry_run: bool,
    pub sha256: String,
}

#[cfg(test)]
mod tests;

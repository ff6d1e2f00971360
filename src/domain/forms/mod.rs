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

mod entered;
mod specs;
pub use entered::*;
pub use specs::*;

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

    fn finish<T>(self, built: Option<T>) -> Result<T, Vec<FieldIssue>> {
        match built {
            Some(v) if self.iss.is_empty() => Ok(v),
            _ => Err(self.iss.0),
        }
    }
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
    let d = base
        .cloned()
        .unwrap_or_else(|| enterprise_defaults(code.clone().unwrap_or_else(placeholder)));
    let name = b.required(
        "name",
        |r| f::required_line(r, NAME_MAX),
        base.map(|e| e.name.clone()),
    );
    let permit_no = b.field("permit_no", f::permit, || d.permit_no.clone());
    let permit_category = b.field(
        "permit_category",
        |r| {
            Ok(choice_of(
                PermitCategory::parse,
                PermitCategory::ALL,
                PermitCategory::zh,
            )(r)?
            .unwrap_or(PermitCategory::NoPermit))
        },
        || d.permit_category,
    );
    let key_unit = b.field(
        "key_unit",
        |r| Ok(f::yes_no(r)?.unwrap_or(false)),
        || d.key_unit,
    );
    let area = b.field("area", |r| f::line(r, SHORT_MAX), || d.area.clone());
    let industry = b.field("industry", |r| f::line(r, SHORT_MAX), || d.industry.clone());
    let pollutants = b.field(
        "pollutants",
        |r| f::choices(r, Pollutant::parse, Pollutant::ALL, Pollutant::zh),
        || d.pollutants.clone(),
    );
    let construction = b.field(
        "construction",
        choice_of(Construction::parse, Construction::ALL, Construction::zh),
        || d.construction,
    );
    let scale = b.field(
        "scale",
        choice_of(Scale::parse, Scale::ALL, Scale::zh),
        || d.scale,
    );
    let cycle = b.field(
        "cycle",
        choice_of(Cycle::parse, Cycle::ALL, Cycle::zh),
        || d.cycle,
    );
    let monitoring = b.field(
        "monitoring",
        |r| f::choices(r, Monitoring::parse, Monitoring::ALL, Monitoring::zh),
        || d.monitoring.clone(),
    );
    let weather_grade = b.field(
        "weather_grade",
        choice_of(WeatherGrade::parse, WeatherGrade::ALL, WeatherGrade::zh),
        || d.weather_grade,
    );
    let credit_rating = b.field(
        "credit_rating",
        choice_of(CreditRating::parse, CreditRating::ALL, CreditRating::zh),
        || d.credit_rating,
    );
    let level = b.field("listing", listing_level, || d.listing.map(|l| l.level));
    let l_from = b.field("listing_from", f::date, || {
        d.listing.and_then(|l| l.period.from)
    });
    let l_until = b.field("listing_until", f::date, || {
        d.listing.and_then(|l| l.period.until)
    });
    let positive = b.field(
        "positive_list",
        |r| Ok(f::yes_no(r)?.unwrap_or(false)),
        || d.positive_list.is_some(),
    );
    let p_from = b.field("positive_from", f::date, || {
        d.positive_list.and_then(|p| p.from)
    });
    let p_until = b.field("positive_until", f::date, || {
        d.positive_list.and_then(|p| p.until)
    });
    let status = b.field(
        "status",
        |r| {
            Ok(choice_of(
                OperatingStatus::parse,
                OperatingStatus::ALL,
                OperatingStatus::zh,
            )(r)?
            .unwrap_or(OperatingStatus::Producing))
        },
        || d.status,
    );
    let address = b.field("address", |r| f::line(r, LONG_MAX), || d.address.clone());
    let legal_rep = b.field(
        "legal_rep",
        |r| f::line(r, SHORT_MAX),
        || d.legal_rep.clone(),
    );
    let built = (|| {
        Some(EnterpriseData {
            name: name?,
            code_check_waived: waived? && !code.as_ref()?.check_ok(),
            credit_code: code?,
            permit_no: permit_no?,
            permit_category: permit_category?,
            key_unit: key_unit?,
            area: area?,
            industry: industry?,
            pollutants: pollutants?,
            construction: construction?,
            scale: scale?,
            cycle: cycle?,
            monitoring: monitoring?,
            weather_grade: weather_grade?,
            credit_rating: credit_rating?,
            listing: level?.map(|level| Listing {
                level,
                period: Period {
                    from: l_from.flatten(),
                    until: l_until.flatten(),
                },
            }),
            positive_list: positive?.then_some(Period {
                from: p_from.flatten(),
                until: p_until.flatten(),
            }),
            status: status?,
            address: address?,
            legal_rep: legal_rep?,
        })
    })();
    if let Some(e) = &built
        && let Err(err) = e.check()
    {
        let key = if err == RecordError::PermitMismatch {
            "permit_no"
        } else if e.positive_list.is_some_and(|p| !p.is_ordered()) {
            "positive_until"
        } else {
            "listing_until"
        };
        let value = (b.get)(key)
            .map(|r| r.text().into_owned())
            .unwrap_or_default();
        b.iss.0.push(FieldIssue {
            field: key,
            value,
            problem: err.into(),
        });
    }
    b.finish(built)
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

fn join_zh<T: Copy>(set: &BTreeSet<T>, zh: fn(T) -> &'static str) -> String {
    set.iter().map(|v| zh(*v)).collect::<Vec<_>>().join("、")
}

/// An enterprise as field texts in [`ENTERPRISE`] order.
pub fn enterprise_texts(e: &EnterpriseData) -> Vec<String> {
    let o = |v: Option<&'static str>| v.unwrap_or("").to_string();
    vec![
        e.name.clone(),
        e.credit_code.to_string(),
        yes(e.code_check_waived),
        e.permit_no
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        e.permit_category.zh().to_string(),
        yes(e.key_unit),
        e.area.clone(),
        e.industry.clone(),
        join_zh(&e.pollutants, Pollutant::zh),
        o(e.construction.map(Construction::zh)),
        o(e.scale.map(Scale::zh)),
        o(e.cycle.map(Cycle::zh)),
        join_zh(&e.monitoring, Monitoring::zh),
        o(e.weather_grade.map(WeatherGrade::zh)),
        o(e.credit_rating.map(CreditRating::zh)),
        e.listing.map_or("无", |l| l.level.zh()).to_string(),
        date_text(e.listing.and_then(|l| l.period.from)),
        date_text(e.listing.and_then(|l| l.period.until)),
        yes(e.positive_list.is_some()),
        date_text(e.positive_list.and_then(|p| p.from)),
        date_text(e.positive_list.and_then(|p| p.until)),
        e.status.zh().to_string(),
        e.address.clone(),
        e.legal_rep.clone(),
    ]
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
        let value = (b.get)("verified_on")
            .map(|r| r.text().into_owned())
            .unwrap_or_default();
        b.iss.0.push(FieldIssue {
            field: "verified_on",
            value,
            problem: e.into(),
        });
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
    let kind = b.field(
        "kind",
        |r| {
            Ok(
                choice_of(InspectorKind::parse, InspectorKind::ALL, InspectorKind::zh)(r)?
                    .unwrap_or(InspectorKind::Officer),
            )
        },
        || base.map_or(InspectorKind::Officer, |i| i.kind),
    );
    let aux_type = b.field(
        "aux_type",
        choice_of(AuxiliaryType::parse, AuxiliaryType::ALL, AuxiliaryType::zh),
        || base.and_then(|i| i.aux_type),
    );
    let unit = b.field(
        "unit",
        |r| f::line(r, NAME_MAX),
        || base.map(|i| i.unit.clone()).unwrap_or_default(),
    );
    let cert_no = b.field(
        "cert_no",
        |r| match r {
            Raw::Number(n) if n.fract() != 0.0 || n.abs() >= 1e15 => Err(Problem::NumberInCodeCell),
            _ => f::line(r, 32),
        },
        || base.map(|i| i.cert_no.clone()).unwrap_or_default(),
    );
    let post = b.field(
        "post",
        |r| f::line(r, SHORT_MAX),
        || base.map(|i| i.post.clone()).unwrap_or_default(),
    );
    let section = b.field(
        "section",
        |r| f::line(r, SHORT_MAX),
        || base.map(|i| i.section.clone()).unwrap_or_default(),
    );
    let region = b.field(
        "region",
        |r| f::line(r, SHORT_MAX),
        || base.map(|i| i.region.clone()).unwrap_or_default(),
    );
    let years = b.field(
        "years_of_service",
        |r| Ok(f::number(r, 0, 60)?.map(|n| n as u32)),
        || base.and_then(|i| i.years_of_service),
    );
    let expertise = b.field(
        "expertise",
        |r| f::choices(r, Expertise::parse, Expertise::ALL, Expertise::zh),
        || base.map(|i| i.expertise.clone()).unwrap_or_default(),
    );
    let phone = b.field(
        "phone",
        |r| f::line(r, 32),
        || base.map(|i| i.phone.clone()).unwrap_or_default(),
    );
    let is_active = b.field(
        "active",
        |r| Ok(active(r)?.unwrap_or(true)),
        || base.is_none_or(|i| i.active),
    );
    let reason = b.field(
        "inactive_reason",
        |r| f::line(r, LONG_MAX),
        || base.map(|i| i.inactive_reason.clone()).unwrap_or_default(),
    );
    let built = (|| {
        Some(InspectorData {
            name: name?,
            kind: kind?,
            aux_type: aux_type?,
            unit: unit?,
            cert_no: cert_no?,
            post: post?,
            section: section?,
            region: region?,
            years_of_service: years?,
            expertise: expertise?,
            phone: phone?,
            active: is_active?,
            inactive_reason: reason?,
        })
    })();
    if let Some(i) = &built
        && let Err(e) = i.check()
    {
        let key = match e {
            InspectorError::MissingCert => "cert_no",
            InspectorError::MissingReason => "inactive_reason",
            InspectorError::AuxTypeForOfficer => "aux_type",
        };
        let value = (b.get)(key)
            .map(|r| r.text().into_owned())
            .unwrap_or_default();
        b.iss.0.push(FieldIssue {
            field: key,
            value,
            problem: e.into(),
        });
    }
    b.finish(built)
}

/// An inspector as field texts in [`INSPECTOR`] order.
pub fn inspector_texts(i: &InspectorData) -> Vec<String> {
    vec![
        i.name.clone(),
        i.kind.zh().to_string(),
        i.aux_type.map(|a| a.zh()).unwrap_or("").to_string(),
        i.unit.clone(),
        i.cert_no.clone(),
        i.post.clone(),
        i.section.clone(),
        i.region.clone(),
        i.years_of_service
            .map(|y| y.to_string())
            .unwrap_or_default(),
        join_zh(&i.expertise, Expertise::zh),
        i.phone.clone(),
        if i.active { "在岗" } else { "不在岗" }.to_string(),
        i.inactive_reason.clone(),
    ]
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

/// A check item as field texts in [`ITEM`] order.
pub fn item_texts(i: &ItemData, from: NaiveDate) -> Vec<String> {
    vec![
        i.code.clone(),
        i.name.clone(),
        i.basis.clone(),
        i.subject.clone(),
        i.method.zh().to_string(),
        i.scope.clone(),
        join_zh(&i.expertise, Expertise::zh),
        from.to_string(),
    ]
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

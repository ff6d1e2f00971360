//! Records as the texts of their fields — what a form shows, an export writes and an import
//! reads back — one function per record kind, matching on every field.

use super::*;

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
    keys::texts_by_field(ENTERPRISE, EnterpriseField::from_key, |f| {
        enterprise_text(e, f)
    })
}

/// One field of an enterprise as text (what export writes and import reads back).
pub fn enterprise_text(e: &EnterpriseData, field: EnterpriseField) -> String {
    use EnterpriseField as F;
    let o = |v: Option<&'static str>| v.unwrap_or("").to_string();
    match field {
        F::Name => e.name.clone(),
        F::CreditCode => e.credit_code.to_string(),
        F::CodeCheckWaived => yes(e.code_check_waived),
        F::PermitNo => e
            .permit_no
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        F::PermitCategory => e.permit_category.zh().to_string(),
        F::KeyUnit => yes(e.key_unit),
        F::Area => e.area.clone(),
        F::Industry => e.industry.clone(),
        F::Pollutants => join_zh(&e.pollutants, Pollutant::zh),
        F::Construction => o(e.construction.map(Construction::zh)),
        F::Scale => o(e.scale.map(Scale::zh)),
        F::Cycle => o(e.cycle.map(Cycle::zh)),
        F::Monitoring => join_zh(&e.monitoring, Monitoring::zh),
        F::WeatherGrade => o(e.weather_grade.map(WeatherGrade::zh)),
        F::CreditRating => o(e.credit_rating.map(CreditRating::zh)),
        F::Listing => e.listing.map_or("无", |l| l.level.zh()).to_string(),
        F::ListingFrom => date_text(e.listing.and_then(|l| l.period.from)),
        F::ListingUntil => date_text(e.listing.and_then(|l| l.period.until)),
        F::PositiveList => yes(e.positive_list.is_some()),
        F::PositiveFrom => date_text(e.positive_list.and_then(|p| p.from)),
        F::PositiveUntil => date_text(e.positive_list.and_then(|p| p.until)),
        F::Status => e.status.zh().to_string(),
        F::Address => e.address.clone(),
        F::LegalRep => e.legal_rep.clone(),
    }
}

/// An inspector as field texts in [`INSPECTOR`] order.
pub fn inspector_texts(i: &InspectorData) -> Vec<String> {
    keys::texts_by_field(INSPECTOR, InspectorField::from_key, |f| {
        inspector_text(i, f)
    })
}

/// One field of an inspector as text.
pub fn inspector_text(i: &InspectorData, field: InspectorField) -> String {
    use InspectorField as F;
    match field {
        F::Name => i.name.clone(),
        F::Kind => i.kind.zh().to_string(),
        F::AuxType => i.aux_type.map(|a| a.zh()).unwrap_or("").to_string(),
        F::Unit => i.unit.clone(),
        F::CertNo => i.cert_no.clone(),
        F::Post => i.post.clone(),
        F::Section => i.section.clone(),
        F::Region => i.region.clone(),
        F::YearsOfService => i
            .years_of_service
            .map(|y| y.to_string())
            .unwrap_or_default(),
        F::Expertise => join_zh(&i.expertise, Expertise::zh),
        F::Phone => i.phone.clone(),
        F::Active => if i.active { "在岗" } else { "不在岗" }.to_string(),
        F::InactiveReason => i.inactive_reason.clone(),
    }
}

/// A check item as field texts in [`ITEM`] order, effective from `from`.
pub fn item_texts(i: &ItemData, from: NaiveDate) -> Vec<String> {
    keys::texts_by_field(ITEM, ItemField::from_key, |f| item_text(i, from, f))
}

/// One field of a check item effective from `from`, as text.
pub fn item_text(i: &ItemData, from: NaiveDate, field: ItemField) -> String {
    match field {
        ItemField::Code => i.code.clone(),
        ItemField::Name => i.name.clone(),
        ItemField::Basis => i.basis.clone(),
        ItemField::Subject => i.subject.clone(),
        ItemField::Method => i.method.zh().to_string(),
        ItemField::Scope => i.scope.clone(),
        ItemField::Expertise => join_zh(&i.expertise, Expertise::zh),
        ItemField::EffectiveFrom => from.to_string(),
    }
}

/// A penalty of the enterprise with credit code `code` as field texts in [`PENALTY`] order.
pub fn penalty_texts(code: &str, p: &Penalty) -> Vec<String> {
    let Penalty {
        date,
        doc_no,
        summary,
    } = p;
    vec![
        code.to_string(),
        date.to_string(),
        doc_no.clone(),
        summary.clone(),
    ]
}

/// A complaint of the enterprise with credit code `code` as field texts in [`COMPLAINT`] order.
pub fn complaint_texts(code: &str, c: &Complaint) -> Vec<String> {
    let Complaint {
        received,
        ref_no,
        verified,
        verified_on,
        summary,
    } = c;
    vec![
        code.to_string(),
        received.to_string(),
        ref_no.clone(),
        yes(*verified),
        date_text(*verified_on),
        summary.clone(),
    ]
}

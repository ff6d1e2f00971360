//! Corrections and objections (更正 / 异议) in a result's detail: the lines that show its cases
//! and the versions corrections replaced, and the forms an administrator files a case with
//! (`o`) and a leader decides it with (`d`). The service checks who may do either.

use super::detail::{field, heading};
use super::form::Form;
use crate::service::{Actor, CaseLine, Service, ServiceError};
use crate::strings::{Lang, correction as cs, display};
use ratatui::text::Line;

/// What the detail knows of a result's cases: whether it is published, and the case awaiting
/// a decision, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseState {
    pub published: bool,
    pub pending: Option<i64>,
}

fn case_line(l: &CaseLine, lang: Lang) -> String {
    let c = &l.row;
    let f = &c.case.filing;
    let status = cs::status(c.case.status(), lang);
    let state = match &c.case.decided {
        None => status.to_string(),
        Some(d) => {
            let by = c.decided_by.as_deref().unwrap_or("");
            let on = d.on.to_string();
            format!(
                "{status}：{}",
                cs::decided(d.decision, &d.reason, &on, by, lang)
            )
        }
    };
    // A correction the office started names nobody who raised it.
    let who = match f.from.as_str() {
        "" => String::new(),
        from => format!(" {from}"),
    };
    format!(
        "#{} {} {}{who}：{}  — {state}",
        c.id,
        cs::kind(f.kind, lang),
        f.received_on,
        f.content
    )
}

/// The result's objections and corrections, then the versions corrections replaced.
pub fn lines(
    svc: &mut Service,
    actor: &Actor,
    result: i64,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) -> Result<CaseState, ServiceError> {
    let a = svc.result_assignment(actor, result)?;
    let published = a.result.as_ref().is_some_and(|r| r.published_at.is_some());
    let cases = svc.cases(actor, Some(result), None)?;
    let versions = svc.result_versions(actor, result)?;
    if cases.is_empty() && versions.is_empty() {
        return Ok(CaseState {
            published,
            pending: None,
        });
    }
    lines.push(heading(cs::heading_cases(lang)));
    for c in &cases {
        lines.push(Line::from(display(&case_line(c, lang))));
    }
    let current = 1 + versions.len();
    lines.push(field(cs::current_version(lang), &current.to_string(), lang));
    let names = super::work::category_choices(svc, lang)?;
    for v in &versions {
        let text = cs::version_line(v.version, &v.data.inspected_on.to_string(), lang);
        let category = (names.iter().find(|c| c.0 == v.data.category))
            .map_or(v.data.category.as_str(), |c| c.1.as_str());
        lines.push(Line::from(display(&format!(
            "{text} {category} {}",
            v.data.findings
        ))));
    }
    let pending = (cases.iter())
        .find(|c| c.row.case.decided.is_none())
        .map(|c| c.row.id);
    Ok(CaseState { published, pending })
}

/// The form of an objection to result `result`, or of its correction: received today.
pub fn objection_form(svc: &mut Service, result: i64, lang: Lang) -> Result<Form, ServiceError> {
    let categories = super::work::category_choices(svc, lang)?;
    Ok(Form::objection(result, categories, svc.today()))
}

/// A leader's decision of case `case`.
pub fn decision_form(svc: &mut Service, case: i64, lang: Lang) -> Result<Form, ServiceError> {
    let categories = super::work::category_choices(svc, lang)?;
    Ok(Form::decision(case, categories))
}

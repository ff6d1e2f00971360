//! The results tab: the worklist of released assignments (an inspector's own; everyone's for
//! reviewers), most urgent first, with overdue marks; the pre-visit view; and the result form
//! with its defaults, so that a typical result ("no problem found") is two keys from the list.

use super::detail::{col, field, heading};
use super::form::{Form, ResultTarget};
use crate::domain::followup::Status;
use crate::domain::forms;
use crate::domain::result::Signature;
use crate::domain::search::SearchKey;
use crate::service::hub::{Listing, Row};
use crate::service::{Actor, PreVisit, Service, ServiceError, WorkItem, WorkState, state_of};
use crate::strings::{self, Lang, display, ui, work as ws};
use ratatui::text::Line;

/// The worklist as a listing (row id: the assignment).
pub fn listing(svc: &mut Service, actor: &Actor, lang: Lang) -> Result<Listing, ServiceError> {
    let items = svc.worklist(actor)?;
    // Published results still to re-check show the follow-up instead (整改跟踪).
    let follow: std::collections::HashMap<i64, (Status, chrono::NaiveDate)> = svc
        .followups(actor, None, false)?
        .into_iter()
        .filter(|f| f.status != Status::Closed && f.work.state == WorkState::Published)
        .map(|f| (f.work.a.id, (f.status, f.followup.deadline)))
        .collect();
    // Reviewers see first what waits for their review, then the rest in the service's order.
    let reviewer = actor.require(crate::service::REVIEWERS).is_ok();
    let mut ordered: Vec<&WorkItem> = items.iter().collect();
    if reviewer {
        ordered.sort_by_key(|w| w.state != WorkState::Submitted);
    }
    let rows: Vec<Row> = (ordered.into_iter())
        .map(|w| row(w, follow.get(&w.a.id), lang))
        .collect();
    // The deadline column fits its longest date (a provisional one is longer).
    let due_width = rows
        .iter()
        .filter_map(|r| r.cells.get(1))
        .map(|c| unicode_width::UnicodeWidthStr::width(c.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(10, usize::from(ws::DUE_WIDTH));
    Ok(Listing::new(
        // Fits 80 columns; the credit code is searchable and in the pre-visit view.
        vec![
            col(ws::column("state", lang), 12),
            col(
                ws::column("due", lang),
                u16::try_from(due_width).unwrap_or(10),
            ),
            col(ws::column("name", lang), 0),
            col(ws::column("team", lang), 14),
            col(ws::column("draw", lang), 8),
            col(ws::column("sections", lang), 8),
        ],
        rows,
    ))
}

fn row(w: &WorkItem, follow: Option<&(Status, chrono::NaiveDate)>, lang: Lang) -> Row {
    let state = ws::state(w.state, lang);
    let state = if w.overdue {
        format!("{state} {}", ws::overdue(lang))
    } else {
        state.to_string()
    };
    let due = match &w.due {
        Some(Ok(d)) => ws::due_short(d, lang),
        Some(Err(y)) => ws::no_calendar(y.0, lang),
        None => String::new(),
    };
    let (state, due) = match follow {
        Some((st, deadline)) => (
            crate::strings::followup::status(*st, lang).to_string(),
            deadline.to_string(),
        ),
        None => (state, due),
    };
    let team = w.team_names.join(lang.t("、", ", "));
    Row {
        id: w.a.id,
        key: SearchKey::new(&w.a.name, &[&w.a.code, &w.a.draw, &team]),
        cells: vec![
            state,
            due,
            display(&w.a.name),
            display(&team),
            w.a.draw.clone(),
            display(&w.sections.join(lang.t("、", ", "))),
        ],
    }
}

/// The next assignment still to enter after `after`, in worklist order (for F2).
pub fn next_pending(
    svc: &mut Service,
    actor: &Actor,
    after: i64,
) -> Result<Option<i64>, ServiceError> {
    Ok(svc
        .worklist(actor)?
        .into_iter()
        .filter(|w| matches!(w.state, WorkState::Pending | WorkState::Returned))
        .map(|w| w.a.id)
        .find(|id| *id != after))
}

/// What a result form offers to choose from: the officers by name, the items in force, the
/// result categories in the user's language.
struct Choices {
    names: std::collections::BTreeMap<String, String>,
    in_force: Vec<crate::domain::item::ItemVersion>,
    categories: Vec<(String, String)>,
}

/// The result categories offered by forms: code and name in the user's language.
pub(super) fn category_choices(
    svc: &mut Service,
    lang: Lang,
) -> Result<Vec<(String, String)>, ServiceError> {
    Ok((svc.categories()?.into_iter())
        .map(|c| {
            let name = match lang {
                Lang::En if !c.name_en.is_empty() => c.name_en,
                _ => c.name,
            };
            (c.code, name)
        })
        .collect())
}

impl Choices {
    fn load(svc: &mut Service, lang: Lang) -> Result<Choices, ServiceError> {
        let names = svc.inspector_names()?.into_iter().collect();
        let in_force = svc.items_in_force(svc.today())?;
        let categories = category_choices(svc, lang)?;
        Ok(Choices {
            names,
            in_force,
            categories,
        })
    }

    /// An officer as the form shows them: name(certificate).
    fn person(&self, id: &String) -> String {
        match self.names.get(id) {
            Some(n) => format!("{n}({id})"),
            None => id.clone(),
        }
    }

    fn people<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> String {
        let people: Vec<String> = ids.into_iter().map(|i| self.person(i)).collect();
        people.join("、")
    }

    fn items<'a>(&self, codes: impl IntoIterator<Item = &'a String>) -> String {
        let label = |code: &String| {
            (self.in_force.iter().find(|v| &v.data.code == code))
                .map_or_else(|| code.clone(), |v| v.choice())
        };
        codes.into_iter().map(label).collect::<Vec<_>>().join("、")
    }

    fn category(&self, code: &str) -> String {
        (self.categories.iter().find(|c| c.0 == code))
            .map(|c| c.1.clone())
            .unwrap_or_default()
    }

    /// The team drawn first, then everyone else who may have gone instead.
    fn officers(&self, team: &[String]) -> Vec<String> {
        let mut people: Vec<String> = team.iter().map(|i| self.person(i)).collect();
        let mut others: Vec<String> = (self.names.keys())
            .filter(|id| !team.contains(*id))
            .map(|i| self.person(i))
            .collect();
        others.sort();
        people.extend(others);
        people
    }

    /// The texts of a returned result, field by field of `forms::RESULT`.
    fn texts(&self, d: &crate::domain::result::ResultData) -> Vec<String> {
        let text = |key: &str| match key {
            "inspected_on" => d.inspected_on.to_string(),
            "present" => self.people(&d.present),
            "items" => self.items(&d.items),
            "category" => self.category(&d.category),
            "findings" => d.findings.clone(),
            "rectify_by" => d.rectify_by.map(|x| x.to_string()).unwrap_or_default(),
            "case_no" => d.case_no.clone(),
            "mobile_no" => d.mobile_no.clone(),
            "signature" => d.signature.zh().to_string(),
            "signature_reason" => d.signature_reason.clone(),
            "evidence" => d.evidence.clone(),
            "typical" => yes_no(d.typical),
            "typical_note" => d.typical_note.clone(),
            _ => String::new(),
        };
        forms::RESULT.iter().map(|spec| text(spec.key)).collect()
    }

    /// The defaults of a new result, field by field: today, the team drawn, the draw's items,
    /// the first category, signed, not a typical case.
    fn defaults(&self, today: chrono::NaiveDate, team: &[String], items: &[String]) -> Vec<String> {
        let text = |key: &str| match key {
            "inspected_on" => today.to_string(),
            "present" => self.people(team),
            "items" => self.items(items),
            "category" => self
                .categories
                .first()
                .map(|c| c.1.clone())
                .unwrap_or_default(),
            "signature" => Signature::Signed.zh().to_string(),
            "typical" => yes_no(false),
            _ => String::new(),
        };
        forms::RESULT.iter().map(|spec| text(spec.key)).collect()
    }
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

/// The result form of an assignment: a new result with the defaults (today, the team drawn,
/// the draw's items, 未发现问题, signed), or a returned one as it was entered.
pub fn result_form(
    svc: &mut Service,
    actor: &Actor,
    id: i64,
    lang: Lang,
) -> Result<Form, ServiceError> {
    let a = svc.assignment(actor, id)?;
    let (returned, revision) = match &a.result {
        None => (None, None),
        Some(r) if r.status == crate::domain::result::ReviewStatus::Returned => {
            (Some(r.data.clone()), Some(r.revision))
        }
        Some(_) => return Err(ServiceError::Exists(format!("result {}", a.code))),
    };
    let ch = Choices::load(svc, lang)?;
    let texts = match &returned {
        Some(d) => ch.texts(d),
        None => ch.defaults(svc.today(), &a.team, &a.items),
    };
    let items = ch.in_force.iter().map(|v| v.choice()).collect();
    let target = ResultTarget {
        assignment: a.id,
        revision,
        title: ws::form_title(&a.draw, &display(&a.name), lang),
        categories: ch.categories.clone(),
    };
    Ok(Form::result(target, texts, ch.officers(&a.team), items))
}

/// The re-check form (复查) of an assignment's follow-up: the officers of its team picked to
/// begin with, today's date, 已整改. A follow-up already closed, or none, is refused.
pub fn recheck_form(
    svc: &mut Service,
    actor: &Actor,
    assignment: i64,
    lang: Lang,
) -> Result<Form, ServiceError> {
    use crate::domain::followup::{FollowUpProblem, RecheckProblem, Status};
    let line = svc
        .followups(actor, None, false)?
        .into_iter()
        .find(|l| l.work.a.id == assignment)
        .ok_or(FollowUpProblem::NotFollowedUp(assignment))?;
    if line.status == Status::Closed {
        let closed = FollowUpProblem::Recheck(vec![RecheckProblem::AlreadyClosed]);
        return Err(ServiceError::FollowUp(closed));
    }
    let ch = Choices::load(svc, lang)?;
    let a = &line.work.a;
    let title = ws::recheck_title(&a.draw, &display(&a.name), lang);
    Ok(Form::recheck(
        (line.result_id, title),
        ch.officers(&a.team),
        ch.people(&a.team),
        svc.today(),
    ))
}

/// The pre-visit view (S8): the assignment, the target's profile and class with reasons, its
/// penalties, complaints and earlier inspections, and the result if one was entered.
pub fn previsit_lines(
    pv: &PreVisit,
    svc: &mut Service,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) -> Result<(), ServiceError> {
    let names = svc.inspector_names()?;
    let person = |id: &String| match names.get(id) {
        Some(n) => format!("{n}({id})"),
        None => id.clone(),
    };
    assignment_lines(pv, &person, lang, lines);
    profile_lines(pv, lang, lines);
    record_lines(pv, &person, lang, lines);
    Ok(())
}

/// The assignment and its result, if entered.
fn assignment_lines(
    pv: &PreVisit,
    person: &dyn Fn(&String) -> String,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) {
    let a = &pv.assignment;
    lines.push(heading(ws::section("assignment", lang)));
    lines.push(field(ws::column("draw", lang), &a.draw, lang));
    lines.push(field(
        ws::column("state", lang),
        ws::state(state_of(a), lang),
        lang,
    ));
    lines.push(field(ws::label("lead", lang), &person(&a.lead), lang));
    let team = a.team.iter().map(person).collect::<Vec<_>>().join("、");
    lines.push(field(ws::column("team", lang), &team, lang));
    lines.push(field(ws::label("items", lang), &a.items.join("、"), lang));
    let Some(r) = &a.result else { return };
    lines.push(heading(ws::section("result", lang)));
    let on = r.data.inspected_on.to_string();
    lines.push(field(ws::label("inspected_on", lang), &on, lang));
    lines.push(field(ws::label("category", lang), &r.data.category, lang));
    lines.push(field(ws::label("findings", lang), &r.data.findings, lang));
    let signature = lang.t(r.data.signature.zh(), r.data.signature.en());
    lines.push(field(ws::label("signature", lang), signature, lang));
    if !r.review_comment.is_empty() {
        lines.push(field(
            ws::label("review_comment", lang),
            &r.review_comment,
            lang,
        ));
    }
}

/// The target's fields and its class this quarter with the reasons.
fn profile_lines(pv: &PreVisit, lang: Lang, lines: &mut Vec<Line<'static>>) {
    if let Some(e) = &pv.enterprise {
        lines.push(heading(ui::section("fields", lang)));
        for (spec, value) in forms::ENTERPRISE
            .iter()
            .zip(forms::enterprise_texts(&e.data))
        {
            lines.push(field(strings::field(spec, lang), &value, lang));
        }
    }
    if let Some(c) = &pv.classification {
        let title = format!("{} {}", ui::section("class", lang), pv.assignment.quarter);
        lines.push(heading(&title));
        lines.push(Line::from(strings::class(c.class, lang).to_string()));
        for r in &c.reasons {
            lines.push(Line::from(format!("  {}", strings::reason(r, lang))));
        }
    }
}

/// A heading and its lines, or “none”.
fn section(title: &str, rows: Vec<String>, lang: Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(heading(title));
    if rows.is_empty() {
        lines.push(Line::from(ui::section("none", lang)));
    }
    lines.extend(rows.into_iter().map(|r| Line::from(display(&r))));
}

/// Penalties, complaints, earlier inspections and visits.
fn record_lines(
    pv: &PreVisit,
    person: &dyn Fn(&String) -> String,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) {
    let penalties = (pv.penalties.iter())
        .map(|p| format!("{}  {}  {}", p.date, p.doc_no, p.summary))
        .collect();
    section(ui::section("penalties", lang), penalties, lang, lines);
    let complaints = (pv.complaints.iter())
        .map(|c| format!("{}  {}  {}", c.received, c.ref_no, c.summary))
        .collect();
    section(ui::section("complaints", lang), complaints, lang, lines);
    let earlier = (pv.earlier.iter())
        .map(|(draw, date, cat, findings)| {
            format!("{date}  {draw}  {cat}  {}", findings.replace('\n', " "))
        })
        .collect();
    section(ws::section("earlier", lang), earlier, lang, lines);
    let visits = (pv.visits.iter())
        .map(|v| {
            let lead = if v.lead.is_empty() {
                String::new()
            } else {
                person(&v.lead)
            };
            let items: Vec<&str> = v.items.iter().map(String::as_str).collect();
            format!("{}  {}  {lead}", v.date, items.join(lang.t("、", ", ")))
        })
        .collect();
    section(ws::section("visits", lang), visits, lang, lines);
}

#[cfg(test)]
mod tests {
    use crate::domain::forms;

    /// Every field of the result form gets its text from the key match above: a field added to
    /// `forms::RESULT` without a text fails here (the match would give it an empty one).
    #[test]
    fn every_result_field_has_a_text() {
        let src = include_str!("work.rs");
        let texts = &src[src.find("fn texts(").unwrap()..src.find("fn defaults(").unwrap()];
        for spec in forms::RESULT {
            assert!(
                texts.contains(&format!("\"{}\" =>", spec.key)),
                "{}",
                spec.key
            );
        }
    }
}

//! The results tab: the worklist of released assignments (an inspector's own; everyone's for
//! reviewers), most urgent first, with overdue marks; the pre-visit view; and the result form
//! with its defaults, so that a typical result ("no problem found") is two keys from the list.

use super::data::{Listing, Row};
use super::detail::{col, field, heading};
use super::form::{Form, ResultTarget};
use super::search::SearchKey;
use crate::domain::followup::Status;
use crate::domain::forms;
use crate::domain::result::Signature;
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
    let rows: Vec<Row> = items
        .iter()
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
    Ok(Listing {
        // Fits 80 columns; the credit code is searchable and in the pre-visit view.
        columns: vec![
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
    })
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
    let team = w.team_names.join("、");
    Row {
        id: w.a.id,
        key: SearchKey::new(&w.a.name, &[&w.a.code, &w.a.draw, &team]),
        cells: vec![
            state,
            due,
            display(&w.a.name),
            display(&team),
            w.a.draw.clone(),
            display(&w.sections.join("、")),
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
    let names = svc.inspector_names()?;
    let label = |id: &String| match names.get(id) {
        Some(n) => format!("{n}({id})"),
        None => id.clone(),
    };
    // The team drawn first, then everyone else who may have gone instead.
    let mut people: Vec<String> = a.team.iter().map(label).collect();
    let mut others: Vec<String> = names
        .keys()
        .filter(|id| !a.team.contains(*id))
        .map(label)
        .collect();
    others.sort();
    people.extend(others);
    let in_force = svc.items_in_force(svc.today())?;
    let item_label = |code: &str| {
        in_force
            .iter()
            .find(|v| v.data.code == code)
            .map_or_else(|| code.to_string(), |v| format!("{code} {}", v.data.name))
    };
    let items: Vec<String> = in_force
        .iter()
        .map(|v| format!("{} {}", v.data.code, v.data.name))
        .collect();
    let categories: Vec<(String, String)> = svc
        .categories()?
        .into_iter()
        .map(|c| {
            let name = match lang {
                Lang::Zh => c.name,
                Lang::En if !c.name_en.is_empty() => c.name_en,
                Lang::En => c.name,
            };
            (c.code, name)
        })
        .collect();
    let cat_name = |code: &str| {
        categories
            .iter()
            .find(|c| c.0 == code)
            .map(|c| c.1.clone())
            .unwrap_or_default()
    };
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
    let texts = match &returned {
        Some(d) => vec![
            d.inspected_on.to_string(),
            d.present.iter().map(label).collect::<Vec<_>>().join("、"),
            d.items
                .iter()
                .map(|c| item_label(c))
                .collect::<Vec<_>>()
                .join("、"),
            cat_name(&d.category),
            d.findings.clone(),
            d.rectify_by.map(|x| x.to_string()).unwrap_or_default(),
            d.case_no.clone(),
            d.mobile_no.clone(),
            d.signature.zh().to_string(),
            d.signature_reason.clone(),
            d.evidence.clone(),
            yes_no(d.typical),
            d.typical_note.clone(),
        ],
        None => vec![
            svc.today().to_string(),
            a.team.iter().map(label).collect::<Vec<_>>().join("、"),
            a.items
                .iter()
                .map(|c| item_label(c))
                .collect::<Vec<_>>()
                .join("、"),
            categories.first().map(|c| c.1.clone()).unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            Signature::Signed.zh().to_string(),
            String::new(),
            String::new(),
            yes_no(false),
            String::new(),
        ],
    };
    debug_assert_eq!(texts.len(), forms::RESULT.len());
    Ok(Form::result(
        ResultTarget {
            assignment: a.id,
            revision,
            categories,
            title: ws::form_title(&a.draw, &display(&a.name), lang),
        },
        texts,
        people,
        items,
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
    let a = &pv.assignment;
    let names = svc.inspector_names()?;
    let person = |id: &String| match names.get(id) {
        Some(n) => format!("{n}({id})"),
        None => id.clone(),
    };
    lines.push(heading(ws::section("assignment", lang)));
    lines.push(field(ws::column("draw", lang), &a.draw));
    lines.push(field(
        ws::column("state", lang),
        ws::state(state_of(a), lang),
    ));
    lines.push(field(ws::label("lead", lang), &person(&a.lead)));
    lines.push(field(
        ws::column("team", lang),
        &a.team.iter().map(person).collect::<Vec<_>>().join("、"),
    ));
    lines.push(field(ws::label("items", lang), &a.items.join("、")));
    if let Some(r) = &a.result {
        lines.push(heading(ws::section("result", lang)));
        lines.push(field(
            ws::label("inspected_on", lang),
            &r.data.inspected_on.to_string(),
        ));
        lines.push(field(ws::label("category", lang), &r.data.category));
        lines.push(field(ws::label("findings", lang), &r.data.findings));
        lines.push(field(
            ws::label("signature", lang),
            lang.t(r.data.signature.zh(), r.data.signature.en()),
        ));
        if !r.review_comment.is_empty() {
            lines.push(field(ws::label("review_comment", lang), &r.review_comment));
        }
    }
    let none = || Line::from(ui::section("none", lang));
    if let Some(e) = &pv.enterprise {
        lines.push(heading(ui::section("fields", lang)));
        for (spec, value) in forms::ENTERPRISE
            .iter()
            .zip(forms::enterprise_texts(&e.data))
        {
            lines.push(field(strings::field(spec, lang), &value));
        }
    }
    if let Some(c) = &pv.classification {
        lines.push(heading(&format!(
            "{} {}",
            ui::section("class", lang),
            a.quarter
        )));
        lines.push(Line::from(strings::class(c.class, lang).to_string()));
        for r in &c.reasons {
            lines.push(Line::from(format!("  {}", strings::reason(r, lang))));
        }
    }
    lines.push(heading(ui::section("penalties", lang)));
    if pv.penalties.is_empty() {
        lines.push(none());
    }
    for p in &pv.penalties {
        lines.push(Line::from(display(&format!(
            "{}  {}  {}",
            p.date, p.doc_no, p.summary
        ))));
    }
    lines.push(heading(ui::section("complaints", lang)));
    if pv.complaints.is_empty() {
        lines.push(none());
    }
    for c in &pv.complaints {
        lines.push(Line::from(display(&format!(
            "{}  {}  {}",
            c.received, c.ref_no, c.summary
        ))));
    }
    lines.push(heading(ws::section("earlier", lang)));
    if pv.earlier.is_empty() {
        lines.push(none());
    }
    for (draw, date, cat, findings) in &pv.earlier {
        lines.push(Line::from(display(&format!(
            "{date}  {draw}  {cat}  {}",
            findings.replace('\n', " ")
        ))));
    }
    lines.push(heading(ws::section("visits", lang)));
    if pv.visits.is_empty() {
        lines.push(none());
    }
    for v in &pv.visits {
        let items: Vec<&str> = v.items.iter().map(String::as_str).collect();
        lines.push(Line::from(display(&format!(
            "{}  {}  {}",
            v.date,
            items.join("、"),
            if v.lead.is_empty() {
                String::new()
            } else {
                person(&v.lead)
            }
        ))));
    }
    Ok(())
}

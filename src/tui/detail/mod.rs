//! Building the registry listings (columns, sanitised cells, search keys) and the detail view of
//! one record: every field, the quarter's class with its reasons, penalties, complaints,
//! declared conflicts and the change history; a result's evidence files, objections,
//! corrections and replaced versions.

use super::theme::Theme;
use crate::domain::classify::classify;
use crate::domain::enterprise::current;
use crate::domain::forms;
use crate::domain::quarter::Quarter;
use crate::service::hub::{Column, Source};
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{self, Lang, display, ui};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

mod listing;
mod modal;
mod records;

pub use listing::build_listing;

pub(super) fn col(title: &str, width: u16) -> Column {
    Column {
        title: title.to_string(),
        width,
    }
}

/// The detail view of one record.
pub struct Detail {
    source: Source,
    id: i64,
    title: String,
    lines: Vec<Line<'static>>,
    pub scroll: u16,
    /// A worklist detail: the assignment's result, if entered.
    result: Option<i64>,
    /// Its evidence files (id, name), all of them: withdrawn ones can still be read.
    evidence: Vec<(i64, String)>,
    /// Whether the result is published and its case awaiting a decision (更正 / 异议).
    cases: super::cases::CaseState,
    /// An enterprise: its credit code, penalties and complaints (to add or correct one).
    records: Option<(String, crate::service::Records)>,
}

/// “none” under a heading.
fn none(lang: Lang) -> Line<'static> {
    Line::from(ui::section("none", lang))
}

pub(super) fn heading(text: &str) -> Line<'static> {
    Line::from(Span::styled(
        format!("【{text}】"),
        Theme::default().header(),
    ))
}

pub(super) fn field(label: &str, value: &str, lang: Lang) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{label}{}", strings::colon(lang)),
            Theme::default().dim(),
        ),
        Span::raw(display(value)),
    ])
}

impl Detail {
    /// The result's evidence files (shown above the pre-visit view).
    fn evidence_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        self.evidence.clear();
        let Some(r) = self.result else {
            return Ok(());
        };
        lines.push(heading(strings::evidence::heading(lang)));
        let files = svc.evidence_list(actor, r)?;
        if files.is_empty() {
            lines.push(Line::from(strings::evidence::none(lang)));
        }
        for e in files {
            lines.push(Line::from(strings::evidence::line(&e, lang)));
            self.evidence.push((e.id, e.name));
        }
        Ok(())
    }

    pub fn open(
        svc: &mut Service,
        actor: &Actor,
        source: Source,
        id: i64,
        lang: Lang,
    ) -> Result<Detail, ServiceError> {
        let mut d = Detail {
            source,
            id,
            title: String::new(),
            lines: Vec::new(),
            scroll: 0,
            result: None,
            evidence: Vec::new(),
            cases: Default::default(),
            records: None,
        };
        d.reload(svc, actor, lang)?;
        Ok(d)
    }

    /// Reads the record again (after a change by someone else), keeping the scroll position.
    pub fn reload(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
    ) -> Result<(), ServiceError> {
        let mut lines = Vec::new();
        let l = &mut lines;
        match self.source {
            Source::Work => self.work_lines(svc, actor, lang, l)?,
            Source::Enterprises => self.enterprise_lines(svc, actor, lang, l)?,
            Source::Inspectors => self.inspector_lines(svc, actor, lang, l)?,
            Source::Items => self.item_lines(svc, actor, lang, l)?,
            Source::Users => self.user_lines(svc, actor, lang, l)?,
            Source::Audit => self.audit_lines(svc, actor, lang, l)?,
        }
        self.lines = lines;
        Ok(())
    }

    /// The change history of the record shown (its last 50 entries).
    fn history(
        &self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        entity: &str,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        lines.push(heading(ui::section("history", lang)));
        let h = svc.history(actor, entity, self.id)?;
        if h.is_empty() {
            lines.push(none(lang));
        }
        for a in h.iter().rev().take(50) {
            let what = match (&a.before, &a.after) {
                // Created by an import: the kept file holds the fields.
                (None, None) => display(&a.summary),
                _ => changed_fields(entity, a.before.as_deref(), a.after.as_deref(), lang),
            };
            let at = a.at.chars().take(19).collect::<String>().replace('T', " ");
            let line = format!(
                "{at}  {}  {}  {what}",
                display(&strings::audit::actor(&a.actor, lang)),
                strings::audit::action(&a.action, lang)
            );
            lines.push(Line::from(line));
        }
        Ok(())
    }

    /// An assignment: its evidence files first, then the pre-visit view.
    fn work_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let pv = svc.previsit(actor, self.id)?;
        self.title = display(&pv.assignment.name);
        // The evidence first: what changes after the visit, visible without scrolling.
        self.result = pv.assignment.result.as_ref().map(|r| r.id);
        self.evidence_lines(svc, actor, lang, lines)?;
        self.cases = match self.result {
            Some(r) => super::cases::lines(svc, actor, r, lang, lines)?,
            None => Default::default(),
        };
        super::work::previsit_lines(&pv, svc, lang, lines)?;
        Ok(())
    }

    /// An enterprise: its fields, this quarter's class with the reasons, penalties, complaints, conflicts, history.
    fn enterprise_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let e = svc.enterprise(actor, self.id)?;
        self.title = display(&e.data.name);
        lines.push(heading(ui::section("fields", lang)));
        for (spec, value) in forms::ENTERPRISE
            .iter()
            .zip(forms::enterprise_texts(&e.data))
        {
            lines.push(field(strings::field(spec, lang), &value, lang));
        }
        let records = svc.enterprise_records(actor, self.id)?;
        let (pens, comps) = (current(&records.0), current(&records.1));
        let quarter = Quarter::of(svc.today());
        let c = classify(&e.data, &pens, &comps, quarter);
        lines.push(heading(&format!(
            "{} {quarter}",
            ui::section("class", lang)
        )));
        if e.data.status.is_gone() {
            lines.push(Line::from("—"));
        } else {
            lines.push(Line::from(Span::styled(
                strings::class(c.class, lang).to_string(),
                Theme::default().key(),
            )));
            for r in &c.reasons {
                lines.push(Line::from(format!("  {}", strings::reason(r, lang))));
            }
            for r in &c.overridden {
                lines.push(Line::from(format!(
                    "  {}",
                    strings::overridden(r, c.class, lang)
                )));
            }
        }
        records::event_lines(&records, lang, lines);
        self.records = Some((e.data.credit_code.to_string(), records));
        self.conflicts(svc, actor, lang, lines, |c| c.enterprise_id == self.id)?;
        self.history(svc, actor, lang, "enterprise", lines)?;
        Ok(())
    }

    /// An officer: fields, conflicts, history.
    fn inspector_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let i = svc.inspector(actor, self.id)?;
        self.title = display(&i.data.name);
        lines.push(heading(ui::section("fields", lang)));
        for (spec, value) in forms::INSPECTOR.iter().zip(forms::inspector_texts(&i.data)) {
            lines.push(field(strings::field(spec, lang), &value, lang));
        }
        self.conflicts(svc, actor, lang, lines, |c| c.inspector_id == self.id)?;
        self.history(svc, actor, lang, "inspector", lines)?;
        Ok(())
    }

    /// A check item: fields and every version.
    fn item_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let all = svc
            .item_versions(actor)
            .or_else(|_| svc.items_in_force(svc.today()))?;
        let Some(v) = all.iter().find(|v| v.id == self.id) else {
            return Err(ServiceError::NotFound(
                crate::domain::missing::Missing::Record(
                    crate::domain::audit::Entity::Item,
                    self.id,
                ),
            ));
        };
        self.title = display(&v.data.name);
        lines.push(heading(ui::section("fields", lang)));
        for (spec, value) in forms::ITEM
            .iter()
            .zip(forms::item_texts(&v.data, v.effective_from))
        {
            lines.push(field(strings::field(spec, lang), &value, lang));
        }
        lines.push(heading(ui::section("history", lang)));
        for o in all.iter().filter(|o| o.data.code == v.data.code) {
            let until = o.effective_until.map(|d| d.to_string()).unwrap_or_default();
            lines.push(Line::from(display(&format!(
                "v{}  {} – {}  {}  {}",
                o.version, o.effective_from, until, o.data.basis, o.retired_reason
            ))));
        }
        Ok(())
    }

    /// An account: fields, history, its last logins.
    fn user_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let u = svc.user_by_id(actor, self.id)?;
        self.title = u.name.clone();
        lines.push(heading(ui::section("fields", lang)));
        lines.push(field(ui::label("user_2", lang), &u.name, lang));
        lines.push(field(ui::label("name_3", lang), &u.display_name, lang));
        lines.push(field(
            ui::label("roles_2", lang),
            &u.roles
                .iter()
                .map(|r| lang.t(r.zh(), r.en()))
                .collect::<Vec<_>>()
                .join(lang.t("、", ", ")),
            lang,
        ));
        lines.push(field(
            ui::label("keys", lang),
            &u.key_count.to_string(),
            lang,
        ));
        lines.push(field(
            ui::label("status_2", lang),
            strings::cli::enabled(!u.disabled, lang),
            lang,
        ));
        self.history(svc, actor, lang, "user", lines)?;
        logins(svc, actor, self.id, lang, lines)?;
        Ok(())
    }

    /// One audit entry as stored.
    fn audit_lines(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
    ) -> Result<(), ServiceError> {
        let a = svc.audit_entry(actor, self.id)?;
        self.title = format!("#{}", a.id);
        let what = match a.entity_id {
            Some(id) => format!("{} #{id}", strings::audit::entity(&a.entity, lang)),
            None => strings::audit::entity(&a.entity, lang),
        };
        for (k, v) in [
            ("time", a.at.clone()),
            ("actor", strings::audit::actor(&a.actor, lang)),
            ("action", strings::audit::action(&a.action, lang)),
            ("record", what),
            ("summary", a.summary.clone()),
            ("before", a.before.unwrap_or_default()),
            ("after", a.after.unwrap_or_default()),
        ] {
            lines.push(field(ui::label(k, lang), &v, lang));
        }
        Ok(())
    }

    fn conflicts(
        &self,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
        lines: &mut Vec<Line<'static>>,
        keep: impl Fn(&crate::domain::inspector::Conflict) -> bool,
    ) -> Result<(), ServiceError> {
        lines.push(heading(ui::section("conflicts", lang)));
        let all: Vec<_> = svc
            .conflicts(actor)?
            .into_iter()
            .filter(|c| keep(c))
            .collect();
        if all.is_empty() {
            lines.push(Line::from(ui::section("none", lang)));
            return Ok(());
        }
        let inspectors = svc.inspectors(actor)?;
        for c in all {
            let who = inspectors
                .iter()
                .find(|i| i.id == c.inspector_id)
                .map(|i| i.data.name.clone())
                .unwrap_or_default();
            let firm = svc
                .enterprise(actor, c.enterprise_id)
                .map(|e| e.data.name)
                .unwrap_or_default();
            let withdrawn = c
                .withdrawn
                .map(|d| format!("（{} {d}）", ui::label("withdrawn", lang)))
                .unwrap_or_default();
            lines.push(Line::from(display(&format!(
                "{who} ↔ {firm}{}{}  {}{withdrawn}",
                strings::colon(lang),
                c.reason,
                c.declared_on
            ))));
        }
        Ok(())
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(format!(" {} ", self.title), theme.header()));
        let max = (self.lines.len() as u16).saturating_sub(area.height.saturating_sub(2));
        let p = Paragraph::new(self.lines.clone())
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll.min(max), 0));
        f.render_widget(p, area);
    }
}

/// The top-level keys whose values differ between two JSON objects.
fn changed_fields(entity: &str, before: Option<&str>, after: Option<&str>, lang: Lang) -> String {
    let parse = |s: Option<&str>| {
        s.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    };
    let (b, a) = (parse(before), parse(after));
    let mut keys: Vec<&String> = b
        .keys()
        .chain(a.keys())
        .filter(|k| b.get(*k) != a.get(*k))
        .collect();
    keys.sort();
    keys.dedup();
    let names: Vec<String> = keys
        .iter()
        .map(|k| strings::audit::field(entity, k, lang))
        .collect();
    display(&names.join(lang.t("、", ", ")))
}

/// A user's last logins, failures and refusals by the rate limit, newest first.
fn logins(
    svc: &mut Service,
    actor: &Actor,
    user_id: i64,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) -> Result<(), ServiceError> {
    lines.push(heading(ui::section("logins", lang)));
    let rows = svc.history(actor, "session", user_id)?;
    if rows.is_empty() {
        lines.push(Line::from(ui::section("none", lang)));
    }
    for a in rows.iter().rev().take(20) {
        let detail = a.after.as_deref().unwrap_or_default();
        // `ADDRESS`, `ADDRESS sftp`, `ADDRESS: what ended it`.
        let addr = detail.split(": ").next().unwrap_or_default();
        let sftp = addr.ends_with(" sftp");
        let addr = addr.trim_end_matches(" sftp");
        lines.push(Line::from(display(&format!(
            "{}  {}  {}",
            a.at.chars().take(19).collect::<String>().replace('T', " "),
            addr,
            ui::session_event(&a.action, sftp, lang)
        ))));
    }
    Ok(())
}

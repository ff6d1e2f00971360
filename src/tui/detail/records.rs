//! An enterprise's penalties (行政处罚) and complaints (信访举报) from its detail (issue 17):
//! `p` or `t` lists 新增 and the current records; choosing one opens the form — the import's
//! fields — for a new record or a correction of that one, which supersedes it; `i` imports a file of them
//! from the inbox with the import wizard. Administrators; the service checks again and audits.

use super::{Detail, heading, none};
use crate::domain::enterprise::Kept;
use crate::domain::user::Role;
use crate::exchange::import::Kind;
use crate::service::Records;
use crate::strings::records as rec;
use crate::strings::{Lang, ui};
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action};
use crate::tui::modal::Picker;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Pick, needs, one};
use crate::tui::theme::Theme;
use crate::tui::wizard::Wizard;
use ratatui::text::{Line, Span};

impl Detail {
    /// `p` and `t` on an enterprise's detail: administrators; refused with the reason otherwise.
    pub(super) fn record_keys(&self, keys: Keys, cx: &Ctx) -> Keys {
        if self.records.is_none() {
            return keys;
        }
        let lang = cx.lang();
        let admin = cx.has(Role::Admin);
        keys.when(admin, keymap::RECORDS, || needs(Role::Admin, lang))
            .when(admin, keymap::IMPORT, || needs(Role::Admin, lang))
    }

    /// `i` on an enterprise's detail: the import wizard for penalties and complaints from the
    /// inbox (the same wizard as the list's `i`).
    pub(super) fn record_import(&self, cx: &Ctx) -> Flow {
        let kinds = [Kind::Penalties, Kind::Complaints];
        one(Cmd::Push(Box::new(Wizard::open(
            &kinds,
            cx.svc,
            &cx.s.actor,
        ))))
    }

    /// The list to choose from: a new record first, then the current ones on record (or the
    /// form for a new one at once, when there are none).
    pub(super) fn record_picker(&self, a: Action, cx: &Ctx) -> Flow {
        let Some((_, (pens, comps))) = &self.records else {
            return one(Cmd::Ignored(a));
        };
        let (lang, penalty) = (cx.lang(), a == Action::Penalty);
        let lines: Vec<String> = match penalty {
            true => current(pens)
                .map(|p| rec::penalty_line(&p.record, lang))
                .collect(),
            false => current(comps)
                .map(|c| rec::complaint_line(&c.record, lang))
                .collect(),
        };
        if lines.is_empty() {
            return self.record_form(penalty, 0).unwrap_or_default();
        }
        let options = std::iter::once(rec::add_new(penalty, lang).to_string())
            .chain(lines)
            .collect();
        let purpose = if penalty {
            Pick::Penalty
        } else {
            Pick::Complaint
        };
        let title = rec::pick_title(penalty, lang).to_string();
        one(Cmd::Push(Box::new(Picker::new(purpose, title, options, 0))))
    }

    /// The form for choice `choice` of the list: 0 a new record, else the current one to
    /// correct.
    pub(super) fn record_form(&self, penalty: bool, choice: usize) -> Option<Flow> {
        let (code, (pens, comps)) = self.records.as_ref()?;
        let at = choice.checked_sub(1);
        let form = match penalty {
            true => Form::penalty(code, at.and_then(|i| current(pens).nth(i))),
            false => Form::complaint(code, at.and_then(|i| current(comps).nth(i))),
        };
        Some(one(Cmd::Push(Box::new(form))))
    }
}

/// The records of a list that a correction may choose: those not superseded.
fn current<T>(kept: &[Kept<T>]) -> impl Iterator<Item = &Kept<T>> {
    kept.iter().filter(|k| k.is_current())
}

/// The penalties and complaints sections of an enterprise's detail: every record, oldest
/// first; one a correction superseded dimmed, with when it was corrected.
pub(super) fn event_lines(records: &Records, lang: Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(heading(ui::section("penalties", lang)));
    if records.0.is_empty() {
        lines.push(none(lang));
    }
    for p in &records.0 {
        lines.push(kept_line(p, rec::penalty_text(&p.record), lang));
    }
    lines.push(heading(ui::section("complaints", lang)));
    if records.1.is_empty() {
        lines.push(none(lang));
    }
    for c in &records.1 {
        lines.push(kept_line(c, rec::complaint_text(&c.record, lang), lang));
    }
}

fn kept_line<T>(k: &Kept<T>, text: String, lang: Lang) -> Line<'static> {
    match &k.superseded_at {
        None => Line::from(text),
        Some(at) => Line::from(Span::styled(
            format!("{text}  {}", rec::superseded(at, lang)),
            Theme::default().dim(),
        )),
    }
}

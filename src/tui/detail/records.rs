//! An enterprise's penalties (行政处罚) and complaints (信访举报) from its detail (issue 17):
//! `p` or `t` lists 新增 and the records on record; choosing one opens the form — the
//! import's fields — for a new record or a correction of that one; `i` imports a file of them
//! from the inbox with the import wizard. Administrators; the service checks again and audits.

use super::Detail;
use crate::domain::user::Role;
use crate::exchange::import::Kind;
use crate::strings::records as rec;
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action};
use crate::tui::modal::Picker;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Pick, needs, one};
use crate::tui::wizard::Wizard;

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

    /// The list to choose from: a new record first, then those on record (or the form for a
    /// new one at once, when there are none).
    pub(super) fn record_picker(&self, a: Action, cx: &Ctx) -> Flow {
        let Some((_, (pens, comps))) = &self.records else {
            return one(Cmd::Ignored(a));
        };
        let (lang, penalty) = (cx.lang(), a == Action::Penalty);
        let lines: Vec<String> = match penalty {
            true => pens.iter().map(|p| rec::penalty_line(&p.1, lang)).collect(),
            false => comps
                .iter()
                .map(|c| rec::complaint_line(&c.1, lang))
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

    /// The form for choice `choice` of the list: 0 a new record, else the one to correct.
    pub(super) fn record_form(&self, penalty: bool, choice: usize) -> Option<Flow> {
        let (code, (pens, comps)) = self.records.as_ref()?;
        let at = choice.checked_sub(1);
        let form = match penalty {
            true => Form::penalty(code, at.and_then(|i| pens.get(i)).map(|p| &p.1)),
            false => Form::complaint(code, at.and_then(|i| comps.get(i)).map(|c| &c.1)),
        };
        Some(one(Cmd::Push(Box::new(form))))
    }
}

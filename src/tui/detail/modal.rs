//! A record's detail on the modal stack: scrolling, `Esc` back to the list, and for a result
//! its evidence files (issue 18): `i` picks a file of the user's inbox and attaches it, `x`
//! picks one of the result's files and copies it to the outbox, `w` withdraws one with a
//! reason. The service checks who may do each; a key that cannot work now says why. On a
//! published result an administrator records an objection or starts a correction (`o`), and a
//! leader decides it (`d`). On an enterprise's an administrator adds or corrects a penalty
//! (`p`) or a complaint (`t`).

use super::Detail;
use crate::domain::user::Role;
use crate::exchange::inbox;
use crate::service::Change;
use crate::strings::{self, evidence as ev, refusal};
use crate::tui::cases;
use crate::tui::keymap::{self, Action};
use crate::tui::modal::Picker;
use crate::tui::office::conflicts::{self, Side};
use crate::tui::screen::{Ask, Cmd, Ctx, Flow, Keys, Modal, Msg, Paint, Pick, done, one};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

impl Detail {
    /// The picker of `Attach` (inbox files), or `Export` or `Withdraw` (the result's files).
    fn evidence_picker(&self, a: Action, result: i64, cx: &Ctx) -> Flow {
        let lang = cx.lang();
        let (purpose, title, options) = if a == Action::Attach {
            let files = match inbox::list(cx.svc.db_path(), &cx.s.actor.name) {
                Ok(f) => f,
                Err(e) => return one(Cmd::Say(e.to_string())),
            };
            let names: Vec<String> = files.into_iter().map(|f| f.name).collect();
            if names.is_empty() {
                return one(Cmd::Say(ev::inbox_empty(lang).to_string()));
            }
            (Pick::Attach(result), ev::pick_inbox(lang), names)
        } else {
            let names = (self.evidence.iter())
                .map(|(id, name)| format!("#{id} {}", strings::display(name)))
                .collect();
            match a {
                Action::Withdraw => (Pick::EvidenceWithdraw, ev::pick_withdraw(lang), names),
                _ => (Pick::EvidenceOut, ev::pick_export(lang), names),
            }
        };
        let p = Picker::new(purpose, title.to_string(), options, 0);
        one(Cmd::Push(Box::new(p)))
    }

    /// Attaches the inbox file chosen, or copies the evidence file chosen to the outbox.
    fn evidence_picked(
        &mut self,
        purpose: Pick,
        choice: usize,
        option: &str,
        cx: &mut Ctx,
    ) -> Flow {
        let lang = cx.lang();
        let (svc, actor) = (&mut *cx.svc, &cx.s.actor);
        let said = match purpose {
            Pick::Attach(result) => svc.attach_from_inbox(actor, result, option).and_then(|id| {
                let (e, _) = svc.evidence_file(actor, id)?;
                Ok(ev::added(id, &e.name, &e.sha256, lang))
            }),
            Pick::EvidenceWithdraw => {
                let Some((id, name)) = self.evidence.get(choice) else {
                    return Vec::new();
                };
                let q = ev::withdraw_reason(&strings::display(name), lang);
                let p = crate::tui::modal::Prompt::new(Ask::WithdrawEvidence(*id), q);
                return one(Cmd::Push(Box::new(p)));
            }
            _ => {
                let Some((id, _)) = self.evidence.get(choice) else {
                    return Vec::new();
                };
                (svc.export_evidence(actor, *id)).map(|name| ev::copied(&name, lang))
            }
        };
        self.evidence_done(said, cx)
    }

    /// Withdraws an evidence file with the reason typed.
    fn evidence_withdrawn(&mut self, id: i64, reason: &str, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let said =
            (cx.svc.withdraw_evidence(&cx.s.actor, id, reason)).map(|()| ev::withdrawn(id, lang));
        self.evidence_done(said, cx)
    }

    /// After a change to the result's files: the detail again and what was done.
    fn evidence_done(
        &mut self,
        said: Result<String, crate::service::ServiceError>,
        cx: &mut Ctx,
    ) -> Flow {
        let lang = cx.lang();
        done(said, |m| match self.reload(cx.svc, &cx.s.actor, lang) {
            Ok(()) => vec![Cmd::Saved, Cmd::Say(m)],
            Err(e) => vec![Cmd::Saved, Cmd::Fail(e)],
        })
    }
}

impl Detail {
    /// `o` for administrators on a published result without a case awaiting decision; `d`
    /// for leaders on a result with one. Refused with the reason otherwise.
    fn case_keys(&self, keys: Keys, cx: &Ctx) -> Keys {
        let (lang, c) = (cx.lang(), self.cases);
        let keys = if cx.has(Role::Admin) {
            keys.when(
                c.published && c.pending.is_none(),
                keymap::OBJECT,
                || match c.published {
                    false => refusal::not_published(lang).into(),
                    true => refusal::case_pending(lang).into(),
                },
            )
        } else {
            keys
        };
        if !cx.has(Role::Leader) {
            return keys;
        }
        keys.when(c.pending.is_some(), keymap::DECIDE, || {
            refusal::nothing_to_decide(lang).into()
        })
    }

    /// Opens the objection form (`o`) or the decision form (`d`).
    fn case_form(&self, a: Action, result: i64, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let form = match (a, self.cases.pending) {
            (Action::Decide, Some(case)) => cases::decision_form(cx.svc, case, lang),
            (Action::Decide, None) => return Vec::new(),
            _ => cases::objection_form(cx.svc, result, lang),
        };
        done(form, |f| one(Cmd::Push(Box::new(f))))
    }
}

impl Modal for Detail {
    fn keys(&self, cx: &Ctx) -> Keys {
        let lang = cx.lang();
        let mut keys = Keys::new().on(keymap::SCROLL).on(keymap::DETAIL);
        if Side::of(self.source, self.id).is_some() {
            keys = keys.when(cx.has(Role::Admin), keymap::CONFLICTS, || {
                crate::tui::screen::needs(Role::Admin, lang)
            });
        }
        keys = self.record_keys(keys, cx);
        if self.result.is_none() {
            return keys;
        }
        let may_attach = cx.any(&[Role::Admin, Role::Inspector]);
        let keys = keys
            .when(!self.evidence.is_empty(), keymap::EVIDENCE, || {
                ev::no_files(lang).to_string()
            })
            .when(may_attach, keymap::EVIDENCE_ADD, || {
                crate::tui::screen::needs(Role::Inspector, lang)
            })
            .when(
                may_attach && !self.evidence.is_empty(),
                keymap::EVIDENCE_WITHDRAW,
                || match may_attach {
                    true => ev::no_files(lang).to_string(),
                    false => crate::tui::screen::needs(Role::Inspector, lang),
                },
            );
        self.case_keys(keys, cx)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        match (a, self.result) {
            (Action::Up, _) => self.scroll = self.scroll.saturating_sub(1),
            (Action::Down, _) => self.scroll = self.scroll.saturating_add(1),
            (Action::PageUp, _) => self.scroll = self.scroll.saturating_sub(10),
            (Action::PageDown, _) => self.scroll = self.scroll.saturating_add(10),
            (Action::Back, _) => return one(Cmd::Pop),
            (Action::Attach | Action::Export, Some(r)) => return self.evidence_picker(a, r, cx),
            (Action::Withdraw, Some(r)) => return self.evidence_picker(a, r, cx),
            (Action::Object | Action::Decide, Some(r)) => return self.case_form(a, r, cx),
            (Action::Penalty | Action::Complaint, _) => return self.record_picker(a, cx),
            (Action::Import, None) => return self.record_import(cx),
            (Action::Conflict | Action::Withdraw, _) => match Side::of(self.source, self.id) {
                Some(on) => return conflicts::open(a, on, cx),
                None => return one(Cmd::Ignored(a)),
            },
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn receive(&mut self, m: Msg, cx: &mut Ctx) -> Flow {
        match m {
            Msg::Picked {
                purpose: purpose @ (Pick::Attach(_) | Pick::EvidenceOut | Pick::EvidenceWithdraw),
                choice,
                option,
            } => self.evidence_picked(purpose, choice, &option, cx),
            Msg::Typed {
                purpose: Ask::WithdrawEvidence(id),
                text,
            } => self.evidence_withdrawn(id, &text, cx),
            Msg::Picked {
                purpose: purpose @ (Pick::Penalty | Pick::Complaint),
                choice,
                ..
            } => (self.record_form(purpose == Pick::Penalty, choice)).unwrap_or_default(),
            // A conflict declared or withdrawn from here: show the record again.
            Msg::Saved(_) => match self.reload(cx.svc, &cx.s.actor, cx.lang()) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Cmd::Pop, Cmd::Fail(e)],
            },
            _ => Vec::new(),
        }
    }

    fn changed(&mut self, c: Change, cx: &mut Ctx) -> Flow {
        if !self.source.touched_by(c) {
            return Vec::new();
        }
        match self.reload(cx.svc, &cx.s.actor, cx.lang()) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Cmd::Pop, Cmd::Fail(e)],
        }
    }

    fn global(&self) -> bool {
        true
    }

    fn render(&mut self, f: &mut Frame, _: Rect, body: Rect, p: &Paint) {
        f.render_widget(Clear, body);
        Detail::render(self, f, body, p.theme());
    }
}

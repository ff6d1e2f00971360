//! The results tab as a screen: the worklist in a [`Pane`]; `e` enters the selected
//! assignment's result (F2 in the form saves and opens the next one), reviewers approve (`a`)
//! or return (`r`) a submitted result, administrators write the quarter's public notice (`p`)
//! and its correction notice (`P`),
//! and off-site checks are recorded (`o`); a follow-up still open is re-checked (`c`, its team
//! and administrators). `Enter` opens the pre-visit view and evidence.

use super::detail::Detail;
use super::form::Form;
use super::keymap::{self, Action};
use super::modal::Prompt;
use super::pane::Pane;
use super::screen::{Ask, Cmd, Ctx, Flow, Keys, Msg, Paint, Screen, Touch, done, needs, one};
use super::work;
use crate::domain::followup::Status;
use crate::domain::result::ReviewStatus;
use crate::domain::user::Role;
use crate::service::hub::{Listing, Source};
use crate::service::{Change, REVIEWERS, ServiceError};
use crate::strings::{self, refusal, ui, work as ws};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::sync::Arc;

/// The results tab of one session.
#[derive(Default)]
pub struct Worklist {
    pane: Pane,
    /// Where each assignment's follow-up stands, for the re-check key.
    followups: std::collections::HashMap<i64, Status>,
}

impl Worklist {
    /// Opens the result form of an assignment; one already entered (and not returned) opens
    /// read-only, saying so.
    fn enter(&mut self, id: i64, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        match work::result_form(cx.svc, &cx.s.actor, id, lang) {
            Ok(f) => one(Cmd::Push(Box::new(f))),
            Err(ServiceError::Exists(_)) => {
                let d = Detail::open(cx.svc, &cx.s.actor, Source::Work, id, lang);
                done(d, |d| {
                    let said = strings::desk::entered_read_only(lang).to_string();
                    vec![Cmd::Push(Box::new(d)), Cmd::Say(said)]
                })
            }
            Err(e) => one(Cmd::Fail(e)),
        }
    }

    /// After a save: the cursor on the next assignment still to enter, else on the one saved.
    fn after_save(&mut self, id: i64, cx: &mut Ctx) -> Flow {
        let next = work::next_pending(cx.svc, &cx.s.actor, id).ok().flatten();
        self.pane.view.select_id(next.unwrap_or(id));
        Vec::new()
    }

    /// After F2: the next assignment still to enter, or that all are done.
    fn next(&mut self, after: Option<i64>, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let next = work::next_pending(cx.svc, &cx.s.actor, after.unwrap_or(-1));
        done(next, |next| match next {
            Some(id) => {
                let mut flow = self.enter(id, cx);
                if matches!(flow.first(), Some(Cmd::Push(_))) {
                    flow.push(Cmd::Say(ws::saved_next(lang).to_string()));
                }
                flow
            }
            None => one(Cmd::Say(ws::all_done(lang).to_string())),
        })
    }

    fn offsite(&mut self, cx: &mut Ctx) -> Flow {
        let lines = cx.svc.offsite(&cx.s.actor, cx.quarter);
        done(lines, |lines| {
            let firms = (lines.iter())
                .map(|l| format!("{}({})", strings::display(&l.name), l.code))
                .collect();
            one(Cmd::Push(Box::new(Form::offsite(firms, cx.svc.today()))))
        })
    }

    /// Writes the quarter's public notice, or (`corrections`) its correction notice, to the
    /// outbox.
    fn publish(&mut self, corrections: bool, cx: &mut Ctx) -> Flow {
        let (lang, q) = (cx.lang(), cx.quarter);
        let files = match corrections {
            false => cx.svc.publication_files(&cx.s.actor, q, lang),
            true => cx.svc.correction_notice(&cx.s.actor, q, lang),
        };
        done(files, |(n, files)| {
            let said = move |names: &[String], lang| {
                let done = match corrections {
                    false => ws::published(n, &q.to_string(), lang),
                    true => strings::correction::corrections_published(n, &q.to_string(), lang),
                };
                format!("{done} {}", names.join(lang.t("、", ", ")))
            };
            vec![Cmd::Outbox(files, Box::new(said)), Cmd::Reload]
        })
    }

    /// Approves the selected submitted result, or asks why it goes back.
    fn review(&mut self, a: Action, id: i64, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let submitted = match cx.svc.assignment(&cx.s.actor, id) {
            Ok(x) => x.result.filter(|r| r.status == ReviewStatus::Submitted),
            Err(e) => return one(Cmd::Fail(e)),
        };
        let Some(r) = submitted else {
            return one(Cmd::Say(ws::not_reviewable(lang).to_string()));
        };
        if a == Action::ReturnResult {
            let ask = Ask::ReturnComment {
                result: r.id,
                revision: r.revision,
            };
            let p = Prompt::new(ask, ws::return_prompt(lang).to_string());
            return one(Cmd::Push(Box::new(p)));
        }
        let approved = cx.svc.review(&cx.s.actor, r.id, r.revision, true, "");
        done(approved, |()| {
            vec![Cmd::Saved, Cmd::Say(ws::approved(lang).into()), Cmd::Reload]
        })
    }

    /// Opens the re-check form of the selected follow-up.
    fn recheck(&mut self, id: i64, cx: &mut Ctx) -> Flow {
        let f = work::recheck_form(cx.svc, &cx.s.actor, id, cx.lang());
        done(f, |f| one(Cmd::Push(Box::new(f))))
    }

    /// The re-check key: offered to the team and administrators on a follow-up still open,
    /// refused with the reason on any other row.
    fn recheck_keys(&self, keys: Keys, cx: &Ctx) -> Keys {
        if !cx.any(&[Role::Admin, Role::Inspector]) {
            return keys;
        }
        let lang = cx.lang();
        let sel = (self.pane.view.selected_id()).and_then(|id| self.followups.get(&id));
        let open = matches!(sel, Some(Status::Open | Status::Overdue));
        keys.when(open, keymap::RECHECK, || match sel {
            Some(_) => refusal::recheck_closed(lang).into(),
            None => refusal::no_followup(lang).into(),
        })
    }

    fn returned(&mut self, result: i64, revision: i64, comment: &str, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let r = cx.svc.review(&cx.s.actor, result, revision, false, comment);
        done(r, |()| {
            vec![Cmd::Saved, Cmd::Say(ws::returned(lang).into()), Cmd::Reload]
        })
    }
}

impl Screen for Worklist {
    fn load(&mut self, cx: &mut Ctx) -> Flow {
        let l = work::listing(cx.svc, &cx.s.actor, cx.lang());
        let f = cx.svc.followups(&cx.s.actor, None, false);
        done(l.and_then(|l| Ok((l, f?))), |(l, f)| {
            self.pane.view.set_listing(Arc::new(l));
            self.followups = f.into_iter().map(|f| (f.work.a.id, f.status)).collect();
            Vec::new()
        })
    }

    /// The rows as shown: a change elsewhere that leaves this user's list as it was is not
    /// announced.
    fn fingerprint(&self) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for r in &self.pane.view.listing.rows {
            (r.id, &r.cells).hash(&mut h);
        }
        Some(h.finish())
    }

    fn keys(&self, cx: &Ctx) -> Keys {
        if self.pane.searching {
            return self.pane.keys();
        }
        // Auditors read everyone's results; entering one is for the team or an administrator.
        let enters = cx.any(&[Role::Admin, Role::Inspector]);
        let keys = Keys::new().when(enters, keymap::WORK, || needs(Role::Inspector, cx.lang()));
        let mut keys = keys.on(keymap::LIST);
        keys = keys.only(cx.actor().require(REVIEWERS).is_ok(), keymap::REVIEW);
        keys = keys.only(cx.has(Role::Admin), keymap::PUBLISH);
        let keys = keys.only(cx.any(&[Role::Admin, Role::Inspector]), keymap::OFFSITE);
        self.recheck_keys(keys, cx)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        if let Some(flow) = self.pane.act(a, cx.lang()) {
            return flow;
        }
        let selected = self.pane.view.selected_id();
        match (a, selected) {
            (Action::Offsite, _) => self.offsite(cx),
            (Action::Publish, _) => self.publish(false, cx),
            (Action::PublishCorrections, _) => self.publish(true, cx),
            (Action::EnterResult, Some(id)) => self.enter(id, cx),
            (Action::Recheck, Some(id)) => self.recheck(id, cx),
            (Action::Approve | Action::ReturnResult, Some(id)) => self.review(a, id, cx),
            (Action::Open, Some(id)) => {
                let d = Detail::open(cx.svc, &cx.s.actor, Source::Work, id, cx.lang());
                done(d, |d| one(Cmd::Push(Box::new(d))))
            }
            (
                Action::EnterResult
                | Action::Approve
                | Action::ReturnResult
                | Action::Open
                | Action::Recheck,
                None,
            ) => Vec::new(),
            (a, _) => one(Cmd::Ignored(a)),
        }
    }

    fn typing(&self) -> bool {
        self.pane.searching
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Flow {
        self.pane.text(k)
    }

    fn paste(&mut self, s: &str) {
        self.pane.paste(s);
    }

    fn receive(&mut self, m: Msg, cx: &mut Ctx) -> Flow {
        if let Some(flow) = self.pane.receive(&m, cx.lang()) {
            return flow;
        }
        match m {
            Msg::Typed {
                purpose: Ask::ReturnComment { result, revision },
                text,
            } => self.returned(result, revision, &text, cx),
            Msg::Saved(Some(id)) => self.after_save(id, cx),
            Msg::SavedNext(after) => self.next(after, cx),
            _ => Vec::new(),
        }
    }

    fn changed(&mut self, c: Change) -> Touch {
        match Source::Work.touched_by(c) {
            true => Touch::Loud,
            false => Touch::No,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint) {
        let name = ui::tab(super::app::Tab::Results.index(), p.lang()).0;
        let nothing = strings::desk::list_empty(p.lang());
        self.pane.render(f, area, p, name, nothing);
    }

    fn selected(&self) -> Option<i64> {
        self.pane.view.selected_id()
    }

    fn listing(&self) -> Option<Arc<Listing>> {
        Some(Arc::clone(&self.pane.view.listing))
    }
}

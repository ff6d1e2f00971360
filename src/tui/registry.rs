//! The registry tabs — enterprises, inspectors, check items, users and the audit trail: a
//! shared listing in a [`Pane`], `Enter` opens a record's detail; administrators create (`n`),
//! edit (`e`) and deactivate (`d`) records and import files (`i`); `x` writes the list shown to
//! the outbox. Others pressing an administrator's key are told why not.

use super::app::Tab;
use super::detail::{self, Detail};
use super::form::Form;
use super::keymap::{self, Action};
use super::modal::Prompt;
use super::office;
use super::pane::Pane;
use super::screen::{Ask, Cmd, Ctx, Flow, Keys, Msg, Paint, Screen, Touch, done, needs, one};
use super::wizard::Wizard;
use crate::domain::user::Role;
use crate::exchange::import::Kind;
use crate::service::hub::{Listing, Source};
use crate::service::{Change, ServiceError};
use crate::strings::{self, ui};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::sync::Arc;

/// One registry tab.
pub struct Registry {
    source: Source,
    pane: Pane,
}

impl Registry {
    pub fn new(source: Source) -> Registry {
        Registry {
            source,
            pane: Pane::default(),
        }
    }

    fn tab(&self) -> Tab {
        match self.source {
            Source::Enterprises => Tab::Enterprises,
            Source::Inspectors => Tab::Inspectors,
            Source::Items => Tab::Items,
            Source::Users => Tab::Users,
            Source::Audit | Source::Work => Tab::Audit,
        }
    }

    /// What may be imported here.
    fn kinds(&self) -> &'static [Kind] {
        match self.source {
            Source::Enterprises => &[
                Kind::Enterprises,
                Kind::Penalties,
                Kind::Complaints,
                Kind::Inspections,
            ],
            Source::Inspectors => &[Kind::Inspectors],
            Source::Items => &[Kind::Items],
            _ => &[],
        }
    }

    fn editable(&self) -> bool {
        !matches!(self.source, Source::Audit | Source::Work)
    }

    /// Opens a form for a new record or the selected one, or the deactivation prompt.
    fn change(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let Some(id) = self.pane.view.selected_id().filter(|_| a != Action::New) else {
            return match (a, self.source) {
                (Action::New, Source::Enterprises) => form(Form::enterprise(None)),
                (Action::New, Source::Inspectors) => form(Form::inspector(None)),
                (Action::New, Source::Items) => form(Form::item(None, cx.svc.today())),
                (Action::New, Source::Users) => form(Form::user(None, None)),
                _ => Vec::new(),
            };
        };
        if a == Action::Deactivate {
            let name = self
                .pane
                .view
                .selected_cells()
                .and_then(|c| c.first().cloned());
            let q = ui::deactivate_prompt(&name.unwrap_or_default(), cx.lang());
            return one(Cmd::Push(Box::new(Prompt::new(Ask::Deactivate(id), q))));
        }
        let actor = cx.s.actor.clone();
        let opened = match self.source {
            Source::Enterprises => cx
                .svc
                .enterprise(&actor, id)
                .map(|e| Form::enterprise(Some(e))),
            Source::Inspectors => cx
                .svc
                .inspector(&actor, id)
                .map(|i| Form::inspector(Some(i))),
            Source::Items => cx.svc.item(&actor, id).map(|v| {
                let today = cx.svc.today();
                Form::item(Some(v.data), today)
            }),
            Source::Users => cx.svc.user_by_id(&actor, id).and_then(|u| {
                let cert = match u.inspector_id {
                    Some(i) => Some(cx.svc.inspector(&actor, i)?.data.cert_no),
                    None => None,
                };
                Ok(Form::user(Some(u), cert))
            }),
            Source::Audit | Source::Work => return Vec::new(),
        };
        done(opened, form)
    }

    /// Deactivates the record a prompt was opened for, with the reason typed.
    fn deactivate(&mut self, id: i64, reason: &str, cx: &mut Ctx) -> Flow {
        let actor = cx.s.actor.clone();
        let svc = &mut *cx.svc;
        let r = match self.source {
            Source::Enterprises => svc.deactivate_enterprise(&actor, id, reason),
            Source::Items => {
                // Retired from tomorrow: today's inspections keep the list in force.
                let today = svc.today();
                let from = today.succ_opt().unwrap_or(today);
                svc.item(&actor, id)
                    .and_then(|v| svc.retire_item(&actor, &v.data.code, from, reason))
            }
            Source::Users => svc
                .user_by_id(&actor, id)
                .and_then(|u| svc.disable_user(&actor, &u.name, reason)),
            Source::Inspectors => svc.deactivate_inspector(&actor, id, reason),
            Source::Audit | Source::Work => return Vec::new(),
        };
        done(r, |()| {
            vec![Cmd::Saved, Cmd::Say(ui::deactivated(cx.lang()).to_string())]
        })
    }

    /// Enables the selected account again (`user enable`); an enabled one is said to be so.
    fn enable(&mut self, cx: &mut Ctx) -> Flow {
        let Some(id) = self.pane.view.selected_id() else {
            return Vec::new();
        };
        let (actor, lang) = (cx.s.actor.clone(), cx.lang());
        let user = match cx.svc.user_by_id(&actor, id) {
            Ok(u) => u,
            Err(e) => return one(Cmd::Fail(e)),
        };
        if !user.disabled {
            return one(Cmd::Say(strings::desk::not_disabled(&user.name, lang)));
        }
        let r = cx.svc.set_user_disabled(&actor, &user.name, false);
        done(r, |()| {
            vec![
                Cmd::Saved,
                Cmd::Say(strings::desk::enabled(&user.name, lang)),
            ]
        })
    }

    /// Writes the list shown to the outbox: registries as the XLSX `import` reads back, the
    /// users and audit lists as shown.
    fn export(&mut self, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let l = &self.pane.view;
        let narrowed = l.narrowed();
        let made = match self.kinds().first() {
            Some(kind) => {
                let ids = l.shown_ids();
                let only = narrowed.then_some(ids.as_slice());
                cx.svc.registry_export(&cx.s.actor, *kind, only, lang)
            }
            None => {
                let title = ui::tab(self.tab().index(), lang).0;
                let headers: Vec<&str> =
                    l.listing.columns.iter().map(|c| c.title.as_str()).collect();
                let rows: Vec<Vec<String>> = l.shown_cells().cloned().collect();
                let name = format!("{title}-{}.xlsx", cx.svc.now().format("%Y%m%d-%H%M%S"));
                crate::exchange::write::xlsx_bytes(title, &headers, &rows)
                    .map(|bytes| (rows.len(), vec![(name, bytes)]))
                    .map_err(ServiceError::from)
            }
        };
        done(made, |(n, files)| {
            let said =
                move |names: &[String], lang| strings::wizard::exported(n, narrowed, names, lang);
            one(Cmd::Outbox(files, Box::new(said)))
        })
    }

    fn open(&mut self, cx: &mut Ctx) -> Flow {
        let Some(id) = self.pane.view.selected_id() else {
            return Vec::new();
        };
        let opened = Detail::open(cx.svc, &cx.s.actor, self.source, id, cx.lang());
        done(opened, |d| one(Cmd::Push(Box::new(d))))
    }
}

fn form(f: Form) -> Flow {
    one(Cmd::Push(Box::new(f)))
}

impl Screen for Registry {
    fn load(&mut self, cx: &mut Ctx) -> Flow {
        let (source, lang) = (self.source, cx.lang());
        let (svc, actor) = (&mut *cx.svc, &cx.s.actor);
        let listing = cx.hub.listing(source, actor, lang, || {
            detail::build_listing(svc, actor, source, lang)
        });
        done(listing, |l| {
            self.pane.view.set_listing(l);
            Vec::new()
        })
    }

    fn keys(&self, cx: &Ctx) -> Keys {
        if self.pane.searching {
            return self.pane.keys();
        }
        let admin = cx.has(Role::Admin);
        let why = || needs(Role::Admin, cx.lang());
        let mut keys = self.pane.keys();
        if self.editable() {
            keys = keys.when(admin, keymap::EDIT, why);
        }
        if !self.kinds().is_empty() {
            keys = keys.when(admin, keymap::IMPORT, why);
        }
        if self.source == Source::Users {
            keys = keys.when(admin, keymap::USER_ENABLE, why);
        }
        if self.source == Source::Audit {
            let may = cx.any(office::verify::ROLES);
            keys = keys.when(may, keymap::AUDIT_VERIFY, || {
                needs(Role::Auditor, cx.lang())
            });
        }
        keys.on(keymap::EXPORT)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        if let Some(flow) = self.pane.act(a, cx.lang()) {
            return flow;
        }
        match a {
            Action::New | Action::Edit | Action::Deactivate => self.change(a, cx),
            Action::Open => self.open(cx),
            Action::Import => one(Cmd::Push(Box::new(Wizard::open(
                self.kinds(),
                cx.svc,
                &cx.s.actor,
            )))),
            Action::Export => self.export(cx),
            Action::Verify if self.source == Source::Audit => office::verify::run(cx),
            Action::Enable if self.source == Source::Users => self.enable(cx),
            a => one(Cmd::Ignored(a)),
        }
    }

    fn typing(&self) -> bool {
        self.pane.searching
    }

    fn text(&mut self, k: &ratatui::crossterm::event::KeyEvent, _: &mut Ctx) -> Flow {
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
                purpose: Ask::Deactivate(id),
                text,
            } => self.deactivate(id, &text, cx),
            Msg::Saved(Some(id)) => {
                self.pane.view.select_id(id);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn changed(&mut self, c: Change) -> Touch {
        match (self.source, self.source.touched_by(c)) {
            (Source::Audit, _) => Touch::Quiet,
            (_, true) => Touch::Loud,
            (_, false) => Touch::No,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint) {
        let name = ui::tab(self.tab().index(), p.lang()).0;
        let nothing = match self.kinds().is_empty() {
            true => strings::desk::list_empty(p.lang()),
            false => strings::desk::registry_empty(p.lang()),
        };
        self.pane.render(f, area, p, name, nothing);
    }

    fn selected(&self) -> Option<i64> {
        self.pane.view.selected_id()
    }

    fn listing(&self) -> Option<Arc<Listing>> {
        Some(Arc::clone(&self.pane.view.listing))
    }
}

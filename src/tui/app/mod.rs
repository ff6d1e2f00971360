//! The app shell: tabs by role, key dispatch through the keymap, live refresh on notices, and
//! the screens of the registries (lists, details, forms, popups). `update` takes one event;
//! `keys.rs` dispatches keys, `view.rs` draws, `screens.rs` holds the newer screens' actions,
//! `files.rs` the import wizard and the exports of lists to the outbox.

use super::data::{Hub, Listing, Notice, Source};
use super::detail;
use super::form::{Form, FormOutcome};
use super::home;
use super::input::TextInput;
use super::keymap::{self, Action, Binding};
use super::list::ListView;
use super::reports;
use super::room;
use super::theme::Theme;
use super::wizard::Wizard;
use super::work;

mod evidence;
mod files;
mod keys;
mod screens;
mod view;
use crate::domain::quarter::Quarter;
use crate::domain::result::ReviewStatus;
use crate::domain::user::Role;
use crate::service::{Actor, Change, READERS, Service, ServiceError};
use crate::strings::work as ws;
use crate::strings::{self, Lang, ui};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// Input to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Notice(Notice),
    /// About once a second: clock and message expiry.
    Tick,
}

/// What the caller should do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Redraw everything from scratch (Ctrl-L).
    Redraw,
    Quit,
}

/// Who is using this session and how.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub lang: Lang,
    pub theme: Theme,
    pub must_change_password: bool,
}

/// The tabs, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Home,
    Enterprises,
    Inspectors,
    Items,
    Draws,
    Results,
    Reports,
    Audit,
    Users,
}

const ALL_TABS: [Tab; 9] = [
    Tab::Home,
    Tab::Enterprises,
    Tab::Inspectors,
    Tab::Items,
    Tab::Draws,
    Tab::Results,
    Tab::Reports,
    Tab::Audit,
    Tab::Users,
];

impl Tab {
    fn index(self) -> usize {
        ALL_TABS.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// Roles that see the tab.
    fn visible_to(self, a: &Actor) -> bool {
        let any = |roles: &[Role]| roles.iter().any(|r| a.has(*r));
        match self {
            Tab::Home | Tab::Items | Tab::Results => true,
            Tab::Enterprises | Tab::Inspectors => any(READERS),
            Tab::Draws => any(&[Role::Admin, Role::Leader, Role::Witness]),
            Tab::Reports | Tab::Audit => any(&[Role::Admin, Role::Leader, Role::Auditor]),
            Tab::Users => any(&[Role::Admin]),
        }
    }

    fn source(self) -> Option<Source> {
        match self {
            Tab::Enterprises => Some(Source::Enterprises),
            Tab::Inspectors => Some(Source::Inspectors),
            Tab::Items => Some(Source::Items),
            Tab::Audit => Some(Source::Audit),
            Tab::Users => Some(Source::Users),
            Tab::Results => Some(Source::Work),
            _ => None,
        }
    }
}

enum Popup {
    Help,
    /// A list to pick from: sort column, filter column, or filter value.
    Pick {
        purpose: Pick,
        title: String,
        options: Vec<String>,
        cursor: usize,
    },
    /// Reason for deactivating the selected record.
    Deactivate {
        id: i64,
        name: String,
        input: TextInput,
    },
    /// Quit although a form holds unsaved input?
    ConfirmQuit,
    /// Why a result is returned to the inspectors.
    ReturnComment {
        result: i64,
        revision: i64,
        input: TextInput,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Sort,
    FilterColumn,
    FilterValue(usize),
    /// A file of the inbox to attach to this result as evidence.
    Attach(i64),
    /// An evidence file of the detail shown to copy to the outbox.
    EvidenceOut,
}

/// A first-login password change in progress.
#[derive(Default)]
struct PasswordChange {
    first: Option<String>,
    input: String,
    error: Option<String>,
}

/// One session's app.
pub struct App {
    s: Session,
    svc: Service,
    hub: Arc<Hub>,
    tabs: Vec<Tab>,
    tab: usize,
    lists: HashMap<Tab, ListView>,
    detail: Option<detail::Detail>,
    form: Option<Form>,
    /// The import wizard, over the registry screen it was opened on.
    wizard: Option<Wizard>,
    searching: bool,
    popup: Option<Popup>,
    message: Option<(String, Instant)>,
    password: Option<PasswordChange>,
    quarter: Quarter,
    /// When this session last saved: its own change notice then needs no message.
    saved_at: Option<Instant>,
    /// The home screen's quotas, computed when shown and after changes, not per frame.
    home: Option<Result<home::Home, String>>,
    draws: room::Draws,
    reports: reports::Reports,
}

const MESSAGE_FOR: Duration = Duration::from_secs(6);

impl App {
    pub fn new(s: Session, svc: Service, hub: Arc<Hub>) -> App {
        let tabs: Vec<Tab> = ALL_TABS
            .into_iter()
            .filter(|t| t.visible_to(&s.actor))
            .collect();
        let quarter = Quarter::of(svc.today());
        let password = s.must_change_password.then(PasswordChange::default);
        let mut app = App {
            s,
            svc,
            hub,
            tabs,
            tab: 0,
            lists: HashMap::new(),
            detail: None,
            form: None,
            wizard: None,
            searching: false,
            popup: None,
            message: None,
            password,
            quarter,
            saved_at: None,
            home: None,
            draws: room::Draws::default(),
            reports: reports::Reports::new(quarter),
        };
        app.load_current();
        app.rejoin();
        app
    }

    /// Lands a witness, leader or administrator back in the live room they were in.
    fn rejoin(&mut self) {
        let (svc, actor) = (&mut self.svc, &self.s.actor);
        let Ok(Some(id)) = svc.room_to_rejoin(actor) else {
            return;
        };
        let Some(i) = self.tabs.iter().position(|t| *t == Tab::Draws) else {
            return;
        };
        self.tab = i;
        let r = self
            .draws
            .enter(&mut self.svc, &self.s.actor, &self.hub, id);
        match r {
            Ok(()) => self.say(ui::rejoined(self.lang()).to_string()),
            Err(e) => self.error(e),
        }
    }

    fn lang(&self) -> Lang {
        self.s.lang
    }

    fn current(&self) -> Tab {
        self.tabs.get(self.tab).copied().unwrap_or(Tab::Home)
    }

    fn say(&mut self, msg: String) {
        self.message = Some((msg, Instant::now()));
    }

    fn error(&mut self, e: ServiceError) {
        let m = e.say(None, self.lang());
        self.say(m);
    }

    /// Loads (or reuses) the listing of the current tab.
    fn load_current(&mut self) {
        let tab = self.current();
        if tab == Tab::Home && self.home.is_none() {
            let lang = self.lang();
            self.home = Some(
                home::Home::load(&mut self.svc, &self.s.actor, self.quarter)
                    .map_err(|e| e.say(None, lang)),
            );
        }
        if tab == Tab::Reports {
            let lang = self.lang();
            self.reports.load(&mut self.svc, &self.s.actor, lang);
            return;
        }
        if tab == Tab::Results {
            let lang = self.lang();
            match work::listing(&mut self.svc, &self.s.actor, lang) {
                Ok(l) => self.lists.entry(tab).or_default().set_listing(Arc::new(l)),
                Err(e) => self.error(e),
            }
            return;
        }
        if tab == Tab::Draws {
            let r = self.draws.load(&mut self.svc, &self.s.actor, &self.hub);
            if let Err(e) = r {
                self.draws.room = None;
                self.error(e);
            }
            return;
        }
        let Some(source) = tab.source() else { return };
        let lang = self.lang();
        let (svc, actor, hub) = (&mut self.svc, &self.s.actor, &self.hub);
        match hub.listing(source, lang, || {
            detail::build_listing(svc, actor, source, lang)
        }) {
            Ok(l) => self.lists.entry(tab).or_default().set_listing(l),
            Err(e) => self.error(e),
        }
    }

    /// Handles one event.
    pub fn update(&mut self, ev: Event) -> Outcome {
        if let Some((_, at)) = &self.message
            && at.elapsed() > MESSAGE_FOR
        {
            self.message = None;
        }
        match ev {
            Event::Tick => Outcome::Continue,
            Event::Notice(Notice::Close(why)) => {
                self.say(why);
                Outcome::Quit
            }
            Event::Notice(Notice::Changed(c)) => {
                self.refresh(c);
                Outcome::Continue
            }
            // Presence is read from the hub when drawing.
            Event::Notice(Notice::Presence) => Outcome::Continue,
            Event::Paste(text) => {
                if self.draws.typing() {
                    self.draws.paste(&text);
                } else if let Some(Popup::Deactivate { input, .. }) = &mut self.popup {
                    input.insert_str(&text);
                } else if let Some(f) = &mut self.form {
                    f.paste(&text);
                } else if let Some(p) = &mut self.password {
                    p.input.push_str(text.lines().next().unwrap_or(""));
                } else if self.searching {
                    let q = format!("{}{}", self.list_query(), text.replace('\n', " "));
                    self.set_query(q);
                }
                Outcome::Continue
            }
            Event::Key(k) => self.key(k),
        }
    }

    fn refresh(&mut self, c: Change) {
        if matches!(
            c,
            Change::Enterprises | Change::Settings | Change::Draws | Change::Results
        ) {
            self.home = None;
            self.reports.stale();
            if self.current() == Tab::Reports {
                self.load_current();
            }
        }
        if matches!(c, Change::Draws | Change::Enterprises | Change::Inspectors) {
            self.draws.stale();
            if self.current() == Tab::Draws {
                self.load_current();
            }
        }
        let tab = self.current();
        let affected = match (tab.source(), c) {
            (Some(Source::Audit), _) => true,
            (Some(Source::Enterprises), Change::Enterprises | Change::Settings) => true,
            (Some(Source::Inspectors), Change::Inspectors) => true,
            (Some(Source::Items), Change::Items) => true,
            (Some(Source::Users), Change::Users) => true,
            (
                Some(Source::Work),
                Change::Results | Change::Draws | Change::Enterprises | Change::Inspectors,
            ) => true,
            _ => tab == Tab::Home && c != Change::Audit,
        };
        // Other tabs reload when shown; their cursor is kept then too.
        if affected {
            self.load_current();
            if let Some(d) = &mut self.detail {
                let (svc, actor) = (&mut self.svc, &self.s.actor);
                if let Err(e) = d.reload(svc, actor, self.s.lang) {
                    self.detail = None;
                    self.error(e);
                }
            }
            let own = self
                .saved_at
                .is_some_and(|t| t.elapsed() < Duration::from_secs(2));
            if tab != Tab::Home && tab != Tab::Audit && !own {
                self.say(ui::updated(self.lang()).to_string());
            }
        }
    }

    fn list_query(&self) -> String {
        self.lists
            .get(&self.current())
            .map(|l| l.query.clone())
            .unwrap_or_default()
    }

    fn set_query(&mut self, q: String) {
        if let Some(l) = self.lists.get_mut(&self.current()) {
            l.set_query(q);
        }
    }

    /// The bindings in force now, most specific first (also what the hint bar shows).
    fn bindings(&self) -> Vec<&'static [Binding]> {
        match &self.popup {
            Some(Popup::Deactivate { .. } | Popup::ConfirmQuit) => vec![keymap::CONFIRM],
            Some(Popup::ReturnComment { .. }) => vec![keymap::PROMPT],
            Some(_) => vec![keymap::POPUP],
            None => self.screen_bindings(),
        }
    }

    /// The bindings of the screen under any popup (what help describes).
    fn screen_bindings(&self) -> Vec<&'static [Binding]> {
        if self.password.is_some() {
            return vec![];
        }
        if let Some(f) = &self.form {
            return f.bindings();
        }
        if let Some(w) = &self.wizard {
            return w.bindings();
        }
        if self.searching {
            return vec![keymap::SEARCHING];
        }
        let tab = self.current();
        if tab == Tab::Draws {
            self.draws.bindings(&self.s.actor)
        } else if let Some(d) = &self.detail {
            let mut v = vec![keymap::SCROLL, keymap::DETAIL];
            if d.result().is_some() {
                if !d.evidence().is_empty() {
                    v.push(keymap::EVIDENCE);
                }
                if self.s.actor.has(Role::Admin) || self.s.actor.has(Role::Inspector) {
                    v.push(keymap::EVIDENCE_ADD);
                }
            }
            v.push(keymap::GLOBAL);
            v
        } else if matches!(tab, Tab::Enterprises | Tab::Inspectors | Tab::Items)
            && self.s.actor.has(Role::Admin)
        {
            vec![
                keymap::LIST,
                keymap::EDIT,
                keymap::IMPORT,
                keymap::EXPORT,
                keymap::GLOBAL,
            ]
        } else if tab == Tab::Users && self.s.actor.has(Role::Admin) {
            vec![keymap::LIST, keymap::EDIT, keymap::EXPORT, keymap::GLOBAL]
        } else if tab == Tab::Reports {
            let mut v = vec![keymap::SCROLL, keymap::REPORTS];
            if self.s.actor.has(Role::Admin) {
                v.push(keymap::REPORTS_ADMIN);
            }
            if self.s.actor.has(Role::Admin) || self.s.actor.has(Role::Leader) {
                v.push(keymap::REPORTS_BUNDLE);
            }
            if self.s.actor.has(Role::Leader) {
                v.push(keymap::REPORTS_LEADER);
            }
            v.push(keymap::GLOBAL);
            v
        } else if tab == Tab::Home && self.s.actor.has(Role::Admin) {
            vec![keymap::HOME_ADMIN, keymap::GLOBAL]
        } else if tab == Tab::Results {
            let mut v = vec![keymap::WORK, keymap::LIST];
            if self.s.actor.require(crate::service::REVIEWERS).is_ok() {
                v.push(keymap::REVIEW);
            }
            if self.s.actor.has(Role::Admin) {
                v.push(keymap::PUBLISH);
            }
            if self.s.actor.has(Role::Admin) || self.s.actor.has(Role::Inspector) {
                v.push(keymap::OFFSITE);
            }
            v.push(keymap::GLOBAL);
            v
        } else if tab.source().is_some() {
            vec![keymap::LIST, keymap::EXPORT, keymap::GLOBAL]
        } else {
            vec![keymap::GLOBAL]
        }
    }

    fn switch(&mut self, i: usize) {
        self.tab = i;
        self.detail = None;
        self.wizard = None;
        self.searching = false;
        self.load_current();
    }

    fn detail_action(&mut self, a: Action) {
        if matches!(a, Action::Attach | Action::Export) {
            return self.evidence_action(a);
        }
        let Some(d) = &mut self.detail else { return };
        match a {
            Action::Up => d.scroll = d.scroll.saturating_sub(1),
            Action::Down => d.scroll = d.scroll.saturating_add(1),
            Action::PageUp => d.scroll = d.scroll.saturating_sub(10),
            Action::PageDown => d.scroll = d.scroll.saturating_add(10),
            Action::Back => self.detail = None,
            _ => {}
        }
    }

    fn list_action(&mut self, a: Action) {
        let tab = self.current();
        let Some(l) = self.lists.get_mut(&tab) else {
            return;
        };
        match a {
            Action::Up => l.step(-1),
            Action::Down => l.step(1),
            Action::PageUp => l.page_step(-1),
            Action::PageDown => l.page_step(1),
            Action::Top => l.to_top(),
            Action::Bottom => l.to_bottom(),
            Action::Search => self.searching = true,
            Action::Sort => {
                let options = l.listing.columns.iter().map(|c| c.title.clone()).collect();
                let cursor = l.sort_state().map_or(0, |s| s.0);
                self.popup = Some(Popup::Pick {
                    purpose: Pick::Sort,
                    title: ui::sort_title(self.s.lang).into(),
                    options,
                    cursor,
                });
            }
            Action::Filter => {
                let options = l.listing.columns.iter().map(|c| c.title.clone()).collect();
                self.popup = Some(Popup::Pick {
                    purpose: Pick::FilterColumn,
                    title: ui::filter_title(self.s.lang).into(),
                    options,
                    cursor: 0,
                });
            }
            Action::Back => l.set_query(String::new()),
            Action::Export => self.export_list(),
            Action::Import => self.open_wizard(),
            Action::New | Action::Edit | Action::Deactivate => {
                let id = l.selected_id();
                let name = l
                    .selected_cells()
                    .and_then(|c| c.first().cloned())
                    .unwrap_or_default();
                self.change(tab, a, id, name);
            }
            Action::Open => {
                if let (Some(id), Some(source)) = (l.selected_id(), tab.source()) {
                    let (svc, actor) = (&mut self.svc, &self.s.actor);
                    match detail::Detail::open(svc, actor, source, id, self.s.lang) {
                        Ok(d) => self.detail = Some(d),
                        Err(e) => self.error(e),
                    }
                }
            }
            _ => {}
        }
    }

    /// Acts on a choice made in a pick popup.
    fn picked(&mut self, purpose: Pick, choice: usize, option: String) {
        if matches!(purpose, Pick::Attach(_) | Pick::EvidenceOut) {
            return self.evidence_picked(purpose, choice, &option);
        }
        let lang = self.s.lang;
        let Some(l) = self.lists.get_mut(&self.current()) else {
            return;
        };
        match purpose {
            Pick::Sort => l.sort_by(choice),
            Pick::FilterColumn => {
                let mut options = vec![ui::filter_all(lang).to_string()];
                options.extend(
                    l.values(choice)
                        .into_iter()
                        .map(|(v, n)| format!("{v}  ({n})")),
                );
                let title = ui::filter_value_title(
                    l.listing
                        .columns
                        .get(choice)
                        .map_or("", |c| c.title.as_str()),
                    lang,
                );
                self.popup = Some(Popup::Pick {
                    purpose: Pick::FilterValue(choice),
                    title,
                    options,
                    cursor: 0,
                });
            }
            Pick::Attach(_) | Pick::EvidenceOut => {}
            Pick::FilterValue(col) => {
                let value = if choice == 0 {
                    None
                } else {
                    l.values(col).into_iter().nth(choice - 1).map(|(v, _)| v)
                };
                l.filter(col, value);
            }
        }
    }

    /// Opens a form or the deactivation prompt (administrators; the service checks again).
    fn change(&mut self, tab: Tab, a: Action, id: Option<i64>, name: String) {
        let actor = self.s.actor.clone();
        let opened = match (tab, a, id) {
            (Tab::Enterprises, Action::New, _) => Ok(Form::enterprise(None)),
            (Tab::Inspectors, Action::New, _) => Ok(Form::inspector(None)),
            (Tab::Items, Action::New, _) => Ok(Form::item(None, self.svc.today())),
            (Tab::Users, Action::New, _) => Ok(Form::user(None, None)),
            (Tab::Users, Action::Edit, Some(id)) => self.svc.users(&actor).and_then(|all| {
                let u = all
                    .into_iter()
                    .find(|u| u.id == id)
                    .ok_or_else(|| ServiceError::NotFound(format!("user {id}")))?;
                let cert = match u.inspector_id {
                    Some(i) => Some(self.svc.inspector(&actor, i)?.data.cert_no),
                    None => None,
                };
                Ok(Form::user(Some(u), cert))
            }),
            (Tab::Items, Action::Edit, Some(id)) => {
                let today = self.svc.today();
                self.svc.item_versions(&actor).and_then(|all| {
                    all.into_iter()
                        .find(|v| v.id == id)
                        .map(|v| Form::item(Some(v.data), today))
                        .ok_or_else(|| ServiceError::NotFound(format!("item {id}")))
                })
            }
            (Tab::Enterprises, Action::Edit, Some(id)) => self
                .svc
                .enterprise(&actor, id)
                .map(|e| Form::enterprise(Some(e))),
            (Tab::Inspectors, Action::Edit, Some(id)) => self
                .svc
                .inspector(&actor, id)
                .map(|i| Form::inspector(Some(i))),
            (_, Action::Deactivate, Some(id)) => {
                self.popup = Some(Popup::Deactivate {
                    id,
                    name,
                    input: TextInput::default(),
                });
                return;
            }
            _ => return,
        };
        match opened {
            Ok(f) => self.form = Some(f),
            Err(e) => self.error(e),
        }
    }

    fn password_key(&mut self, k: KeyEvent) {
        let lang = self.lang();
        let Some(p) = &mut self.password else { return };
        match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => p.input.push(c),
            KeyCode::Backspace => {
                p.input.pop();
            }
            KeyCode::Enter => {
                let input = std::mem::take(&mut p.input);
                match p.first.take() {
                    None => {
                        if let Err(e) = crate::domain::user::check_password(&input) {
                            let _ = e;
                            p.error = Some(strings::problem(
                                &crate::domain::fields::Problem::ShortPassword(
                                    crate::domain::user::PASSWORD_MIN,
                                ),
                                lang,
                            ));
                        } else {
                            p.first = Some(input);
                            p.error = None;
                        }
                    }
                    Some(first) if first == input => {
                        let name = self.s.actor.name.clone();
                        match self.svc.set_password(&self.s.actor, &name, &input, false) {
                            Ok(()) => {
                                self.password = None;
                                self.say(ui::password_changed(lang).to_string());
                            }
                            Err(e) => p.error = Some(e.say(None, lang)),
                        }
                    }
                    Some(_) => p.error = Some(ui::passwords_differ(lang).to_string()),
                }
            }
            _ => {}
        }
    }

    /// The listing of a tab as currently shown (for tests).
    pub fn listing(&self, tab: Tab) -> Option<Arc<Listing>> {
        self.lists.get(&tab).map(|l| Arc::clone(&l.listing))
    }
}

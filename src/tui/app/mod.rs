//! The router: the tabs the user's roles see (registered in `tabs.rs`), the modal stack over
//! them, and the carrying out of the commands screens and modals answer with. Keys go to the
//! top of the stack through the keys it offers now; a refused key says why. `view.rs` draws the
//! chrome (tab bar, hint bar, status line) around what the screen and modals draw.

mod probe;
mod refresh;
mod session;
mod tabs;
mod view;

use super::keymap::{self, Action};
use super::modal::{ConfirmQuit, Help, Password};
use super::screen::{Cmd, Flow, Found, Keys, Modal, Msg, Screen};
use crate::domain::quarter::Quarter;
use crate::service::Service;
use crate::service::hub::{Hub, Notice};
use crate::strings::{self, Lang};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use session::Env;
pub use session::{Event, Outcome, Session};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use tabs::Tab;

/// One session's app.
pub struct App {
    env: Env,
    tabs: Vec<(Tab, Box<dyn Screen>)>,
    tab: usize,
    modals: Vec<Box<dyn Modal>>,
    message: Option<(String, Instant)>,
    /// When this session last saved: its own change notice then needs no message.
    saved_at: Option<Instant>,
    /// Offered keys whose action nothing handled (the key walk test asserts there are none).
    ignored: Vec<Action>,
}

const MESSAGE_FOR: Duration = Duration::from_secs(6);

impl App {
    pub fn new(s: Session, svc: Service, hub: Arc<Hub>) -> App {
        let quarter = Quarter::of(svc.today());
        let tabs = tabs::screens(&s.actor, quarter);
        let must_change = s.must_change_password;
        let mut app = App {
            env: Env {
                s,
                svc,
                hub,
                quarter,
            },
            tabs,
            tab: 0,
            modals: Vec::new(),
            message: None,
            saved_at: None,
            ignored: Vec::new(),
        };
        if must_change {
            app.modals.push(Box::new(Password::default()));
        }
        app.run(vec![Cmd::Reload]);
        let mut flow = Vec::new();
        for (_, screen) in &mut app.tabs {
            flow.extend(screen.start(&mut app.env.cx()));
        }
        app.run(flow);
        app
    }

    fn lang(&self) -> Lang {
        self.env.s.lang
    }

    /// The tab shown.
    pub fn current(&self) -> Tab {
        self.tabs.get(self.tab).map_or(Tab::Home, |(t, _)| *t)
    }

    fn say(&mut self, msg: String) {
        self.message = Some((msg, Instant::now()));
    }

    /// Pasted text, without controls, to the top of the stack; the user is told what was
    /// removed (issue 21).
    fn paste(&mut self, raw: &str) {
        let (text, removed) = crate::domain::text::clean_paste(raw);
        if !text.is_empty() {
            match self.modals.last_mut() {
                Some(m) => m.paste(&text),
                None => self.tabs[self.tab].1.paste(&text),
            }
        }
        if removed > 0 {
            self.say(strings::desk::controls_removed(removed, self.lang()));
        }
    }

    /// Handles one event.
    pub fn update(&mut self, ev: Event) -> Outcome {
        if self
            .message
            .as_ref()
            .is_some_and(|(_, at)| at.elapsed() > MESSAGE_FOR)
        {
            self.message = None;
        }
        match ev {
            Event::Tick | Event::Notice(Notice::Presence) => Outcome::Continue,
            Event::Notice(Notice::Close(why)) => {
                self.say(why);
                Outcome::Quit
            }
            Event::Notice(Notice::Changed(c)) => {
                self.refresh(c);
                Outcome::Continue
            }
            Event::Paste(raw) => {
                self.paste(&raw);
                Outcome::Continue
            }
            Event::Key(k) => self.key(k),
        }
    }

    /// The keys offered now by the top of the stack, with the global ones where they apply.
    fn keys(&mut self) -> Keys {
        let (env, tabs, tab) = (&mut self.env, &self.tabs, self.tab);
        let cx = env.cx();
        let (keys, global) = match self.modals.last() {
            Some(m) => (m.keys(&cx), m.global()),
            None => {
                let s = &tabs[tab].1;
                (s.keys(&cx), !s.typing())
            }
        };
        if global {
            keys.on(keymap::GLOBAL)
        } else {
            keys
        }
    }

    fn key(&mut self, k: KeyEvent) -> Outcome {
        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL;
        if ctrl_c {
            let unsaved = self.modals.iter().any(|m| m.unsaved());
            return match unsaved {
                true => self.run(vec![Cmd::Push(Box::new(ConfirmQuit))]),
                false => Outcome::Quit,
            };
        }
        let flow = match self.keys().find(&k) {
            Found::Act(a) => self.act(a),
            Found::Refused(why) => vec![Cmd::Say(why)],
            Found::Nothing => self.unbound(&k),
        };
        self.run(flow)
    }

    fn act(&mut self, a: Action) -> Flow {
        let global = match a {
            Action::Quit => Cmd::Quit,
            Action::Help => Cmd::Help,
            Action::NextTab => Cmd::NextTab,
            Action::PrevTab => Cmd::PrevTab,
            Action::Redraw => Cmd::Redraw,
            _ => {
                let mut cx = self.env.cx();
                return match self.modals.last_mut() {
                    Some(m) => m.act(a, &mut cx),
                    None => self.tabs[self.tab].1.act(a, &mut cx),
                };
            }
        };
        vec![global]
    }

    /// A key no offered binding takes: a digit picks a tab where no text has focus, anything
    /// else goes to the text field with focus.
    fn unbound(&mut self, k: &KeyEvent) -> Flow {
        let global = match self.modals.last() {
            Some(m) => m.global(),
            None => !self.tabs[self.tab].1.typing(),
        };
        if let KeyCode::Char(d @ '1'..='9') = k.code
            && global
            && k.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE
        {
            // Each tab keeps its number for everyone; a hidden tab leaves a gap.
            let n = d as usize - '1' as usize;
            return match self.tabs.iter().find(|(t, _)| t.index() == n) {
                Some((t, _)) => vec![Cmd::PopAll, Cmd::Show(*t)],
                None => match Tab::at(n) {
                    Some(t) => {
                        let name = strings::ui::tab(t.index(), self.lang()).0;
                        vec![Cmd::Say(strings::desk::tab_hidden(name, self.lang()))]
                    }
                    None => Vec::new(),
                },
            };
        }
        let mut cx = self.env.cx();
        match self.modals.last_mut() {
            Some(m) => m.text(k, &mut cx).unwrap_or_default(),
            None if self.tabs[self.tab].1.typing() => self.tabs[self.tab].1.text(k, &mut cx),
            None => Vec::new(),
        }
    }

    /// Carries out commands in order (those a command yields come right after it).
    fn run(&mut self, flow: Flow) -> Outcome {
        let mut queue: VecDeque<Cmd> = flow.into();
        let mut out = Outcome::Continue;
        while let Some(c) = queue.pop_front() {
            let more = match c {
                Cmd::Quit => return Outcome::Quit,
                Cmd::Redraw => {
                    out = Outcome::Redraw;
                    Vec::new()
                }
                Cmd::Prefs { lang, ascii } => {
                    self.env.s.lang = lang;
                    self.env.s.theme.ascii = ascii;
                    out = Outcome::Redraw;
                    self.tabs[self.tab].1.load(&mut self.env.cx())
                }
                c => self.carry(c),
            };
            for c in more.into_iter().rev() {
                queue.push_front(c);
            }
        }
        out
    }

    fn carry(&mut self, c: Cmd) -> Flow {
        let lang = self.lang();
        match c {
            Cmd::Say(m) => self.say(m),
            Cmd::Fail(e) => self.say(e.say(None, lang)),
            Cmd::Push(m) => self.modals.push(m),
            Cmd::Pop => drop(self.modals.pop()),
            Cmd::PopAll => self.modals.clear(),
            Cmd::Saved => self.saved_at = Some(Instant::now()),
            Cmd::Updated if !self.own_change() => {
                self.say(strings::ui::updated(lang).to_string());
            }
            Cmd::Updated => {}
            Cmd::Reload => return self.tabs[self.tab].1.load(&mut self.env.cx()),
            Cmd::Send(m) => return self.send(m),
            Cmd::Outbox(files, said) => {
                let m = match view::to_outbox(&self.env, files) {
                    Ok(names) => said(&names, lang),
                    Err(m) => m,
                };
                self.say(m);
            }
            Cmd::Help => {
                let keys = self.keys().live();
                self.modals.push(Box::new(Help::new(&keys)));
            }
            Cmd::Show(t) => {
                if let Some(i) = self.tabs.iter().position(|(x, _)| *x == t) {
                    return self.switch(i);
                }
            }
            Cmd::NextTab => return self.switch((self.tab + 1) % self.tabs.len()),
            Cmd::PrevTab => {
                return self.switch((self.tab + self.tabs.len() - 1) % self.tabs.len());
            }
            Cmd::Ignored(a) => self.ignored.push(a),
            Cmd::Quit | Cmd::Redraw | Cmd::Prefs { .. } => {}
        }
        Vec::new()
    }

    fn send(&mut self, m: Msg) -> Flow {
        let mut cx = self.env.cx();
        match self.modals.last_mut() {
            Some(top) => top.receive(m, &mut cx),
            None => self.tabs[self.tab].1.receive(m, &mut cx),
        }
    }

    fn switch(&mut self, i: usize) -> Flow {
        // A first-login password change stays until it is done.
        self.modals.retain(|m| m.sticky());
        self.tab = i;
        self.tabs[i].1.load(&mut self.env.cx())
    }
}

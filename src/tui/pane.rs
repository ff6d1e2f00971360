//! A list pane: a shared listing seen through this session's cursor, search, sort and filters,
//! with the keys that move, search (`/`), sort (`s`) and filter (`f`). The registry tabs and
//! the worklist show one.

use super::keymap::{self, Action};
use super::list::ListView;
use super::modal::Picker;
use super::screen::{Cmd, Flow, Keys, Msg, Paint, Pick};
use crate::strings::{self, Lang, ui};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// One list with this session's view of it.
#[derive(Default)]
pub struct Pane {
    pub view: ListView,
    /// Whether the search line has focus.
    pub searching: bool,
    /// The search before, one key away from a new (empty) one.
    last: String,
}

impl Pane {
    /// The keys while searching, else the list's.
    pub fn keys(&self) -> Keys {
        match self.searching {
            true => {
                let recall = self.view.query.is_empty() && !self.last.is_empty();
                Keys::new()
                    .on(keymap::SEARCHING)
                    .only(recall, keymap::SEARCH_RECALL)
            }
            false => Keys::new().on(keymap::LIST),
        }
    }

    /// Does a list action; `None` when `a` is not one.
    pub fn act(&mut self, a: Action, lang: Lang) -> Option<Flow> {
        let l = &mut self.view;
        match a {
            Action::Open if self.searching => self.searching = false,
            Action::Back if self.searching => {
                self.searching = false;
                if !l.query.is_empty() {
                    self.last = l.query.clone();
                }
                l.set_query(String::new());
            }
            Action::Recall => l.set_query(self.last.clone()),
            Action::Up => l.step(-1),
            Action::Down => l.step(1),
            Action::PageUp => l.page_step(-1),
            Action::PageDown => l.page_step(1),
            Action::Top => l.to_top(),
            Action::Bottom => l.to_bottom(),
            // A new search starts empty; the one before is one key (↑) away.
            Action::Search => {
                self.searching = true;
                if !l.query.is_empty() {
                    self.last = l.query.clone();
                    l.set_query(String::new());
                }
            }
            Action::Back => l.set_query(String::new()),
            Action::Sort => {
                let cursor = l.sort_state().map_or(0, |s| s.0);
                return Some(self.pick(Pick::Sort, ui::sort_title(lang).into(), cursor));
            }
            Action::Filter => {
                let title = ui::filter_title(lang).into();
                return Some(self.pick(Pick::FilterColumn, title, 0));
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    fn pick(&self, purpose: Pick, title: String, cursor: usize) -> Flow {
        let options = (self.view.listing.columns.iter())
            .map(|c| c.title.clone())
            .collect();
        let p = Picker::new(purpose, title, options, cursor);
        vec![Cmd::Push(Box::new(p))]
    }

    /// A key typed into the search line.
    pub fn text(&mut self, k: &KeyEvent) -> Flow {
        let mut q = self.view.query.clone();
        match k.code {
            KeyCode::Backspace => drop(q.pop()),
            KeyCode::Char(c)
                if !k.modifiers.contains(KeyModifiers::CONTROL)
                    && !k.modifiers.contains(KeyModifiers::ALT) =>
            {
                q.push(c)
            }
            KeyCode::Up | KeyCode::Down => {
                self.searching = false;
                self.view.step(if k.code == KeyCode::Up { -1 } else { 1 });
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.view.set_query(q);
        Vec::new()
    }

    pub fn paste(&mut self, s: &str) {
        if self.searching {
            let q = format!("{}{}", self.view.query, s.replace('\n', " "));
            self.view.set_query(q);
        }
    }

    /// A sort or filter choice; `None` when the message is not one.
    pub fn receive(&mut self, m: &Msg, lang: Lang) -> Option<Flow> {
        let Msg::Picked {
            purpose, choice, ..
        } = m
        else {
            return None;
        };
        let (l, choice) = (&mut self.view, *choice);
        match purpose {
            Pick::Sort => l.sort_by(choice),
            Pick::FilterColumn => {
                let mut options = vec![ui::filter_all(lang).to_string()];
                let values = l.values(choice).into_iter();
                options.extend(values.map(|(v, n)| format!("{v}  ({n})")));
                let column = l.listing.columns.get(choice);
                let title = ui::filter_value_title(column.map_or("", |c| c.title.as_str()), lang);
                let p = Picker::new(Pick::FilterValue(choice), title, options, 0);
                return Some(vec![Cmd::Push(Box::new(p))]);
            }
            Pick::FilterValue(col) => {
                let value = match choice {
                    0 => None,
                    n => l.values(*col).into_iter().nth(n - 1).map(|(v, _)| v),
                };
                l.filter(*col, value);
            }
            Pick::Attach(_)
            | Pick::EvidenceOut
            | Pick::EvidenceWithdraw
            | Pick::Penalty
            | Pick::Complaint => return None,
        }
        Some(Vec::new())
    }

    /// Draws the list under a title: the tab's name, the count, filters and search. `nothing`
    /// is said when there are no rows at all (rather than none matching).
    pub fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint, name: &str, nothing: &str) {
        let (lang, theme) = (p.lang(), p.theme());
        let l = &mut self.view;
        let mut title = vec![
            Span::styled(format!(" {name} "), theme.header()),
            Span::raw(ui::count(l.shown(), l.listing.rows.len(), lang)),
        ];
        if !l.filters().is_empty() {
            let columns = &l.listing.columns;
            let f = (l.filters().iter())
                .map(|(c, v)| format!("{}={v}", columns.get(*c).map_or("", |c| &c.title)))
                .collect::<Vec<_>>()
                .join(" ");
            title.push(Span::styled(
                format!("  {}{f}", ui::filtered(lang)),
                theme.key(),
            ));
        }
        if self.searching || !l.query.is_empty() {
            let cursor = if self.searching { "_" } else { "" };
            title.push(Span::raw(format!("  {}", ui::search_prompt(lang))));
            let q = format!("{}{cursor}", strings::display(&l.query));
            title.push(Span::styled(q, theme.key()));
        }
        let empty = match l.listing.rows.is_empty() {
            true => nothing,
            false => ui::no_rows(lang),
        };
        l.render(f, area, theme, Line::from(title), empty);
    }
}

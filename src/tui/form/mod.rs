//! Forms for every record the UI creates or edits (registries, users, results, calendar days,
//! off-site checks, joint inspections), built from the field specs of `domain::forms`: typed widgets (text, date, yes/no, choice with type-to-filter, multi-choice
//! tags), validation by the same builder the import uses with the messages beside the fields,
//! Ctrl-S to save, Esc that asks when something changed. A save refused because someone else
//! saved first keeps the input.

use super::input::TextInput;
use super::keymap::{self, Action};
use super::theme::Theme;
use crate::domain::enterprise::*;
use crate::domain::fields::Raw;
use crate::domain::forms::{self, FieldSpec};
use crate::domain::inspector::*;
use crate::domain::item::ItemData;
use crate::domain::result::Signature;
use crate::domain::user::{Role, User};
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{self, Lang, ui};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::collections::BTreeSet;

mod modal;
mod targets;

/// How a field is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Widget {
    Text,
    /// Text with line breaks: Enter starts a new line.
    Lines,
    Date,
    /// Shown as stars.
    Secret,
    Choice(Vec<String>),
    Multi(Vec<String>),
}

fn names<T: Copy>(all: &[T], zh: fn(T) -> &'static str, optional: bool) -> Vec<String> {
    let mut v: Vec<String> = if optional {
        vec![String::new()]
    } else {
        vec![]
    };
    v.extend(all.iter().map(|x| zh(*x).to_string()));
    v
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn widget_for(key: &str) -> Widget {
    let yes_no = || Widget::Choice(strs(&["是", "否"]));
    match key {
        "code_check_waived" | "key_unit" | "positive_list" => yes_no(),
        "permit_category" => Widget::Choice(names(PermitCategory::ALL, PermitCategory::zh, false)),
        "pollutants" => Widget::Multi(names(Pollutant::ALL, Pollutant::zh, false)),
        "monitoring" => Widget::Multi(names(Monitoring::ALL, Monitoring::zh, false)),
        "construction" => Widget::Choice(names(Construction::ALL, Construction::zh, true)),
        "scale" => Widget::Choice(names(Scale::ALL, Scale::zh, true)),
        "cycle" => Widget::Choice(names(Cycle::ALL, Cycle::zh, true)),
        "weather_grade" => Widget::Choice(names(WeatherGrade::ALL, WeatherGrade::zh, true)),
        "credit_rating" => Widget::Choice(names(CreditRating::ALL, CreditRating::zh, true)),
        "listing" => {
            let mut v = vec!["无".to_string()];
            v.extend(ListingLevel::ALL.iter().map(|l| l.zh().to_string()));
            Widget::Choice(v)
        }
        "status" => Widget::Choice(names(OperatingStatus::ALL, OperatingStatus::zh, false)),
        "kind" => Widget::Choice(names(InspectorKind::ALL, InspectorKind::zh, false)),
        "aux_type" => Widget::Choice(names(AuxiliaryType::ALL, AuxiliaryType::zh, true)),
        "expertise" => Widget::Multi(names(Expertise::ALL, Expertise::zh, false)),
        "active" => Widget::Choice(strs(&["在岗", "不在岗"])),
        "typical" => yes_no(),
        "findings" | "typical_note" => Widget::Lines,
        "signature" => Widget::Choice(names(Signature::ALL, Signature::zh, false)),
        "grade" => Widget::Choice(names(
            crate::domain::stats::Grade::ALL,
            crate::domain::stats::Grade::zh,
            false,
        )),
        "roles" => Widget::Multi(names(Role::ALL, Role::zh, false)),
        "password" => Widget::Secret,
        k if k.ends_with("_from")
            || k.ends_with("_until")
            || k.ends_with("_on")
            || k.ends_with("_by") =>
        {
            Widget::Date
        }
        _ => Widget::Text,
    }
}

/// One field of the form.
pub struct Field {
    pub spec: &'static FieldSpec,
    pub widget: Widget,
    pub input: TextInput,
    original: String,
    pub error: Option<String>,
}

/// What the form saves.
pub enum Target {
    Enterprise(Option<Enterprise>),
    Inspector(Option<Inspector>),
    /// A check item: a new one, or a new version of one (its content as now in force).
    Item(Option<ItemData>),
    User(Option<User>),
    Result(ResultTarget),
    /// One day of the working-day calendar.
    CalendarDay,
    /// An off-site check of a positive-list firm.
    Offsite,
    /// A department-joint inspection.
    Joint,
    /// The year's department-joint targets.
    JointTargets,
    /// A leader's evaluation of an inspector for the quarter (S9).
    Evaluation(crate::domain::quarter::Quarter),
}

/// The assignment a result form is for.
pub struct ResultTarget {
    pub assignment: i64,
    /// The returned result's revision, when entering it again.
    pub revision: Option<i64>,
    /// Category codes and names.
    pub categories: Vec<(String, String)>,
    /// The draw and the target, for the title.
    pub title: String,
}

struct Picker {
    options: Vec<String>,
    multi: bool,
    filter: String,
    cursor: usize,
    chosen: BTreeSet<String>,
}

impl Picker {
    fn shown(&self) -> Vec<String> {
        let q = super::search::Query::new(&self.filter);
        self.options
            .iter()
            .filter(|o| super::search::SearchKey::new(o, &[]).matches(&q))
            .cloned()
            .collect()
    }
}

/// What the app should do after a form key.
pub enum FormOutcome {
    Stay,
    Close,
    /// Saved; carries the id of the record when known.
    Saved(Option<i64>),
    /// Saved with F2: open the next record to enter.
    SavedNext(Option<i64>),
    /// An action the form does not know (a bug the key walk test catches).
    Ignored,
}

pub struct Form {
    pub target: Target,
    pub fields: Vec<Field>,
    pub focus: usize,
    picker: Option<Picker>,
    pub confirm_discard: bool,
    pub message: Option<String>,
}

impl Form {
    fn build(target: Target, specs: &'static [FieldSpec], texts: Vec<String>) -> Form {
        let fields = specs
            .iter()
            .zip(texts)
            .map(|(spec, t)| Field {
                spec,
                widget: widget_for(spec.key),
                input: TextInput::new(&t),
                original: t,
                error: None,
            })
            .collect();
        Form {
            target,
            fields,
            focus: 0,
            picker: None,
            confirm_discard: false,
            message: None,
        }
    }

    /// The assignment of a result form.
    pub fn result_assignment(&self) -> Option<i64> {
        match &self.target {
            Target::Result(t) => Some(t.assignment),
            _ => None,
        }
    }

    pub fn is_new(&self) -> bool {
        matches!(
            self.target,
            Target::Enterprise(None)
                | Target::Inspector(None)
                | Target::Item(None)
                | Target::User(None)
                | Target::Result(ResultTarget { revision: None, .. })
                | Target::CalendarDay
                | Target::Offsite
                | Target::Joint
        )
    }

    /// Whether anything differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.input.value() != f.original)
    }

    /// The bindings in force (for the hint bar and help).
    pub fn bindings(&self) -> Vec<&'static [keymap::Binding]> {
        if self.confirm_discard {
            vec![keymap::CONFIRM]
        } else if self.picker.is_some() {
            vec![keymap::PICKER]
        } else if matches!(self.target, Target::Result(_)) {
            vec![keymap::SAVE_NEXT, keymap::FORM]
        } else {
            vec![keymap::FORM]
        }
    }

    pub fn paste(&mut self, s: &str) {
        if let Some(p) = &mut self.picker {
            p.filter.push_str(s.trim());
        } else if let Some(f) = self.fields.get_mut(self.focus) {
            match f.widget {
                Widget::Text | Widget::Date | Widget::Secret => f.input.insert_str(s),
                Widget::Lines => f.input.insert_lines(s),
                _ => {}
            }
        }
    }

    fn open_picker(&mut self) {
        let Some(f) = self.fields.get(self.focus) else {
            return;
        };
        let (options, multi) = match &f.widget {
            Widget::Choice(o) => (o.clone(), false),
            Widget::Multi(o) => (o.clone(), true),
            _ => return,
        };
        let value = f.input.value();
        let chosen: BTreeSet<String> = if multi {
            options
                .iter()
                .filter(|o| {
                    value
                        .split(['、', ',', '，'])
                        .any(|v| v.trim() == o.as_str())
                })
                .cloned()
                .collect()
        } else {
            BTreeSet::new()
        };
        let cursor = options.iter().position(|o| *o == value).unwrap_or(0);
        self.picker = Some(Picker {
            options,
            multi,
            filter: String::new(),
            cursor,
            chosen,
        });
    }

    /// A picker's action: move, toggle, choose, close.
    fn picker_act(&mut self, a: Action) {
        let Some(p) = &mut self.picker else { return };
        let shown = p.shown();
        match a {
            Action::Up => p.cursor = p.cursor.saturating_sub(1),
            Action::Down => p.cursor = (p.cursor + 1).min(shown.len().saturating_sub(1)),
            Action::Back => self.picker = None,
            Action::Toggle if p.multi => {
                if let Some(o) = shown.get(p.cursor)
                    && !p.chosen.remove(o)
                {
                    p.chosen.insert(o.clone());
                }
            }
            Action::Open => {
                let value = if p.multi {
                    if let Some(o) = shown.get(p.cursor)
                        && p.chosen.is_empty()
                    {
                        p.chosen.insert(o.clone());
                    }
                    (p.options.iter())
                        .filter(|o| p.chosen.contains(*o))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("、")
                } else {
                    shown.get(p.cursor).cloned().unwrap_or_default()
                };
                if let Some(f) = self.fields.get_mut(self.focus) {
                    f.input.set(&value);
                }
                self.picker = None;
                self.focus = (self.focus + 1).min(self.fields.len() - 1);
            }
            _ => {}
        }
    }

    /// Typing into an open picker filters it.
    fn picker_text(&mut self, k: &KeyEvent) -> bool {
        let Some(p) = &mut self.picker else {
            return false;
        };
        match k.code {
            KeyCode::Backspace => drop(p.filter.pop()),
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => p.filter.push(c),
            _ => return false,
        }
        p.cursor = 0;
        true
    }

    /// Whether the field with focus takes typed text.
    pub fn typing(&self) -> bool {
        self.picker.is_some()
            || self.fields.get(self.focus).is_some_and(|f| {
                matches!(
                    f.widget,
                    Widget::Text | Widget::Lines | Widget::Date | Widget::Secret
                )
            })
    }

    /// Does what an offered key asks.
    pub fn act(&mut self, a: Action, svc: &mut Service, actor: &Actor, lang: Lang) -> FormOutcome {
        if self.confirm_discard {
            match a {
                Action::Yes => return FormOutcome::Close,
                _ => self.confirm_discard = false,
            }
            return FormOutcome::Stay;
        }
        if self.picker.is_some() {
            self.picker_act(a);
            return FormOutcome::Stay;
        }
        let n = self.fields.len();
        match a {
            Action::SaveNext => {
                return match self.save(svc, actor, lang) {
                    FormOutcome::Saved(id) => FormOutcome::SavedNext(id),
                    other => other,
                };
            }
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::Save => return self.save(svc, actor, lang),
            Action::Back if self.changed() => self.confirm_discard = true,
            Action::Back => return FormOutcome::Close,
            Action::Open => match self.fields.get(self.focus).map(|f| &f.widget) {
                Some(Widget::Choice(_) | Widget::Multi(_)) => self.open_picker(),
                Some(Widget::Lines) => {
                    if let Some(f) = self.fields.get_mut(self.focus) {
                        f.input.newline();
                    }
                }
                _ => self.focus = (self.focus + 1) % n,
            },
            _ => return FormOutcome::Ignored,
        }
        FormOutcome::Stay
    }

    /// A key no binding took: text for the field with focus; typing on a choice opens its
    /// picker with the typed filter. False when the key is not used.
    pub fn text(&mut self, k: &KeyEvent) -> bool {
        if self.confirm_discard {
            return false;
        }
        if self.picker.is_some() {
            return self.picker_text(k);
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return false;
        };
        match f.widget {
            Widget::Text | Widget::Lines | Widget::Date | Widget::Secret => f.input.key(k),
            _ => match k.code {
                KeyCode::Char(c) => {
                    self.open_picker();
                    if let Some(p) = &mut self.picker {
                        p.filter.push(c);
                        p.cursor = 0;
                    }
                    true
                }
                _ => false,
            },
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
        let what = match self.target {
            Target::Enterprise(_) => ui::tab(1, lang).0,
            Target::Item(_) => ui::tab(3, lang).0,
            Target::User(_) => ui::tab(8, lang).0,
            Target::Inspector(_) => ui::tab(2, lang).0,
            Target::Result(ref t) => t.title.as_str(),
            Target::CalendarDay => ui::label("calendar_day", lang),
            Target::Offsite => ui::label("offsite", lang),
            Target::Joint => ui::label("joint", lang),
            Target::JointTargets => ui::label("joint_targets", lang),
            Target::Evaluation(_) => ui::label("evaluation", lang),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", ui::form_title(self.is_new(), what, lang)),
                theme.header(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let label_w = 22u16;
        // One line per field, plus one for its error; scroll so the focused field is visible.
        let mut lines: Vec<(Line, Option<Position>)> = Vec::new();
        for (i, fld) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let mark = if focused { theme.mark() } else { " " };
            let req = if fld.spec.required { "*" } else { " " };
            let label = format!("{mark}{req}{}", strings::field(fld.spec, lang));
            let pad = (label_w as usize)
                .saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let hint = match fld.widget {
                Widget::Choice(_) | Widget::Multi(_) => " ▾",
                Widget::Date => " (YYYY-MM-DD)",
                Widget::Secret => "",
                Widget::Text => "",
                Widget::Lines => "",
            };
            let value = if fld.widget == Widget::Secret {
                "*".repeat(fld.input.value().chars().count())
            } else {
                strings::display(&fld.input.shown())
            };
            let style = if focused {
                theme.selected()
            } else {
                ratatui::style::Style::default()
            };
            let cursor = focused.then(|| Position::new(label_w + fld.input.cursor_column(), 0));
            lines.push((
                Line::from(vec![
                    Span::raw(format!("{label}{}", " ".repeat(pad))),
                    Span::styled(value, style),
                    Span::styled(hint, theme.dim()),
                ]),
                cursor,
            ));
            if let Some(e) = &fld.error {
                lines.push((
                    Line::from(Span::styled(
                        format!("{}  ⚠ {e}", " ".repeat(label_w as usize)),
                        theme.warn(),
                    )),
                    None,
                ));
            }
        }
        let focus_line = lines.iter().position(|(_, c)| c.is_some()).unwrap_or(0);
        let height = inner.height.saturating_sub(1) as usize;
        let top = focus_line.saturating_sub(height.saturating_sub(2));
        for (row, (line, cursor)) in lines.into_iter().skip(top).take(height).enumerate() {
            let r = Rect {
                x: inner.x,
                y: inner.y + row as u16,
                width: inner.width,
                height: 1,
            };
            f.render_widget(line, r);
            if let Some(c) = cursor
                && self.picker.is_none()
                && !self.confirm_discard
                && matches!(
                    self.fields[self.focus].widget,
                    Widget::Text | Widget::Date | Widget::Secret
                )
            {
                f.set_cursor_position(Position::new(
                    (r.x + c.x).min(r.right().saturating_sub(1)),
                    r.y,
                ));
            }
        }
        if let Some(m) = &self.message {
            let r = Rect {
                x: inner.x,
                y: inner.bottom().saturating_sub(1),
                width: inner.width,
                height: 1,
            };
            f.render_widget(Line::from(Span::styled(m.clone(), theme.warn())), r);
        }
        if let Some(p) = &self.picker {
            let shown = p.shown();
            let h = (shown.len() as u16 + 3).min(area.height.saturating_sub(2));
            let r = Rect {
                x: area.x + label_w + 2,
                y: area.y + 2,
                width: 36.min(area.width.saturating_sub(label_w + 3)),
                height: h,
            };
            f.render_widget(Clear, r);
            let mut lines = vec![Line::from(Span::styled(
                format!("> {}", p.filter),
                theme.key(),
            ))];
            for (i, o) in shown.iter().enumerate() {
                let tick = if p.multi {
                    if p.chosen.contains(o) { "[x] " } else { "[ ] " }
                } else {
                    ""
                };
                let text = format!(
                    "{}{tick}{}",
                    if i == p.cursor { theme.mark() } else { " " },
                    if o.is_empty() { "（空）" } else { o }
                );
                lines.push(if i == p.cursor {
                    Line::from(text).style(theme.selected())
                } else {
                    Line::from(text)
                });
            }
            let block = Block::default()
                .borders(Borders::ALL)
                .border_set(theme.border())
                .title(ui::picker_title(lang));
            f.render_widget(Paragraph::new(lines).block(block), r);
        }
        if self.confirm_discard {
            let r = Rect {
                x: area.x + 4,
                y: area.y + area.height / 2,
                width: area.width.saturating_sub(8).min(50),
                height: 3,
            };
            f.render_widget(Clear, r);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_set(theme.border());
            f.render_widget(
                Paragraph::new(format!("{}  (y/n)", ui::discard(lang))).block(block),
                r,
            );
        }
    }
}

//! Forms for every record the UI creates or edits (registries, users, results, calendar days,
//! off-site checks, joint inspections, an enterprise's penalties and complaints), built from the field specs of `domain::forms`: typed widgets (text, date, yes/no, choice with type-to-filter, multi-choice
//! tags), validation by the same builder the import uses with the messages beside the fields,
//! Ctrl-S to save, Esc that asks when something changed. A save refused because someone else
//! saved first keeps the input.

use super::input::TextInput;
use super::keymap::{self, Action};
use crate::domain::enterprise::*;
use crate::domain::fields::Raw;
use crate::domain::forms::{self, FieldSpec};
use crate::domain::inspector::*;
use crate::domain::item::ItemData;
use crate::domain::result::Signature;
use crate::domain::user::{Role, User};
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{self, Lang, ui};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeSet;

mod modal;
mod records;
mod targets;
mod view;

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
        "typical" | "verified" | "problem" | "needs_case" | "needs_remark" => yes_no(),
        "date" | "received" => Widget::Date,
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
    /// A draw's preparation: checked and frozen by the preparation wizard
    /// (`tui::prepare`), never saved by the form itself.
    Draw,
    /// The re-check (复查) that closes a result's follow-up, with the form's title.
    Recheck {
        result: i64,
        title: String,
    },
    /// An objection to a published result or its correction (category codes and names).
    Objection {
        result: i64,
        categories: Vec<(String, String)>,
    },
    /// A leader's decision of a case (category codes and names).
    Decision {
        case: i64,
        categories: Vec<(String, String)>,
    },
    /// A penalty of an enterprise (行政处罚): a new one or a correction under its key.
    Penalty(crate::service::Entry),
    /// A complaint of an enterprise (信访举报): a new one or a correction under its key.
    Complaint(crate::service::Entry),
    /// A result category (检查结果类别): a new one, or one on record with whether it is in use.
    Category(Option<(crate::domain::result::Category, bool)>),
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
        let q = crate::domain::search::Query::new(&self.filter);
        self.options
            .iter()
            .filter(|o| crate::domain::search::SearchKey::new(o, &[]).matches(&q))
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
        debug_assert_eq!(specs.len(), texts.len(), "a text for every field");
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
                | Target::Draw
                | Target::Recheck { .. }
                | Target::Objection { .. }
                | Target::Decision { .. }
                | Target::Penalty(crate::service::Entry::New)
                | Target::Complaint(crate::service::Entry::New)
                | Target::Category(None)
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
            vec![keymap::ARROWS, keymap::PICKER]
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
                self.edited();
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

    /// The field with focus changed: its error described the old value, so it goes (a save
    /// checks again); with no error left the form's message goes too.
    fn edited(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.error = None;
        }
        if self.fields.iter().all(|f| f.error.is_none()) {
            self.message = None;
        }
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
            Widget::Text | Widget::Lines | Widget::Date | Widget::Secret => {
                let before = f.input.value();
                let took = f.input.key(k);
                if f.input.value() != before {
                    self.edited();
                }
                took
            }
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
}

//! Preparing a draw from the draws tab (`n`, administrators; issue 17): a form of the quarter
//! (the current one), the items in force (at least one), the number to draw per class (the
//! plan's remaining, the plan shown beside), team size, auxiliaries, workload cap, the public
//! source and the witnesses, with the console's defaults. `Ctrl-S` runs the service's dry run
//! (`check_draw`, the same path as `prepare_draw`, storing nothing) and shows what `draw
//! prepare` prints — candidates per stratum, who is left out and suspended, the refusals with
//! what is missing; from there `Ctrl-S` freezes the snapshot (`prepare_draw`, as the console
//! does) and the draw's code, hashes and commitment are shown. Bad input is said beside its
//! field and changes nothing; the service checks the role and everything else again.

use crate::domain::fields::Raw;
use crate::domain::forms;
use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use crate::domain::user::Role;
use crate::service::{
    DrawCheck, DrawProblem, DrawRequest, LateOverride, PlanLine, PreparedDraw, ServiceError,
};
use crate::strings::{self, prepare as ps};
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, done, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

mod view;

#[cfg(test)]
mod tests;

/// The classes a draw's counts are typed for, with their fields, in the form's order.
const CLASSES: [(Group, &str); 3] = [
    (Group::Key, "key_count"),
    (Group::Special, "special_count"),
    (Group::General, "general_count"),
];

/// The preparation wizard.
pub struct Prepare {
    form: Form,
    /// The quarter whose plan the counts default from, and that plan.
    plan: (Quarter, Vec<PlanLine>),
    step: Step,
}

enum Step {
    /// The form.
    Fields,
    /// The dry run's answer for `req`.
    Check {
        req: Box<DrawRequest>,
        check: Box<DrawCheck>,
        scroll: u16,
    },
    /// Frozen.
    Done {
        draw: Box<PreparedDraw>,
        scroll: u16,
    },
}

/// The plan's remaining number per class.
fn remaining(plan: &[PlanLine]) -> [u64; 3] {
    CLASSES.map(|(g, _)| {
        plan.iter()
            .find(|l| l.group == g)
            .map_or(0, |l| l.remaining)
    })
}

impl Prepare {
    /// Opens the form on the current quarter (administrators: others are refused before).
    pub fn open(cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let today = cx.svc.today();
        let items = match cx.svc.items_in_force(today) {
            Ok(v) => v,
            Err(e) => return one(Cmd::Fail(e)),
        };
        if items.is_empty() {
            return one(Cmd::Say(ps::no_items_in_force(lang).to_string()));
        }
        // Names are shown as typed text; a `、` in one would split the choice.
        let choices = (items.iter())
            .map(|v| strings::display(&v.choice()).replace('、', " "))
            .collect();
        let req = DrawRequest::new(cx.quarter);
        done(cx.svc.plan(&cx.s.actor, cx.quarter), |plan| {
            let form = Form::draw(&req, choices, remaining(&plan));
            one(Cmd::Push(Box::new(Prepare {
                form,
                plan: (cx.quarter, plan),
                step: Step::Fields,
            })))
        })
    }

    /// The text of the field `key`.
    fn value(&self, key: &str) -> String {
        (self.form.fields.iter())
            .find(|f| f.spec.key == key)
            .map(|f| f.input.value())
            .unwrap_or_default()
    }

    /// A quarter typed other than the plan's: its plan is read, and counts still at the old
    /// plan's remaining take the new one's.
    fn follow_quarter(&mut self, cx: &mut Ctx) {
        let Ok(q) = self.value("quarter").parse::<Quarter>() else {
            return;
        };
        if q == self.plan.0 {
            return;
        }
        let Ok(plan) = cx.svc.plan(&cx.s.actor, q) else {
            return;
        };
        let (before, after) = (remaining(&self.plan.1), remaining(&plan));
        for (i, (_, key)) in CLASSES.iter().enumerate() {
            let f = self.form.fields.iter_mut().find(|f| f.spec.key == *key);
            if let Some(f) = f.filter(|f| f.input.value() == before[i].to_string()) {
                f.input.set(&after[i].to_string());
            }
        }
        self.plan = (q, plan);
    }

    /// Reads the form into a request; the problems beside their fields.
    fn request(&mut self, cx: &Ctx) -> Option<DrawRequest> {
        let values: Vec<(&str, String)> = (self.form.fields.iter())
            .map(|f| (f.spec.key, f.input.value()))
            .collect();
        let get = |k: &str| (values.iter().find(|(key, _)| *key == k)).map(|(_, v)| Raw::Text(v));
        match forms::draw(get) {
            Ok(d) => {
                let mut req = DrawRequest::new(d.quarter);
                req.items = d.items;
                req.quota = Some(d.quota);
                req.team_size = d.team_size;
                req.auxiliaries = d.auxiliaries;
                req.workload_cap = d.workload_cap;
                req.public_source = d.public_source;
                req.min_witnesses = d.witnesses;
                // S11: the one preparing it is the leader who allows it (the service checks).
                req.late = (d.late_reason).map(|reason| LateOverride {
                    leader: None,
                    reason,
                });
                Some(req)
            }
            Err(issues) => {
                self.form.show_issues(issues, cx.lang());
                None
            }
        }
    }

    /// `Ctrl-S` on the form: the dry run; a refusal before the check is said beside the
    /// field it is about (an ended quarter in the service's own words).
    fn check(&mut self, cx: &mut Ctx) -> Flow {
        self.follow_quarter(cx);
        let Some(req) = self.request(cx) else {
            return Vec::new();
        };
        match cx.svc.check_draw(&cx.s.actor, &req) {
            Ok(check) => {
                self.step = Step::Check {
                    req: Box::new(req),
                    check: Box::new(check),
                    scroll: 0,
                };
                Vec::new()
            }
            Err(e) => {
                self.refused(&e, cx);
                Vec::new()
            }
        }
    }

    /// A refusal of the dry run, beside the field it is about or below the form.
    fn refused(&mut self, e: &ServiceError, cx: &Ctx) {
        let said = e.say(None, cx.lang());
        let key = match e {
            ServiceError::Draw(DrawProblem::QuarterEnded { .. }) => Some("quarter"),
            ServiceError::Draw(DrawProblem::ReasonRequired) => Some("late_reason"),
            ServiceError::Forbidden(Role::Leader) => Some("late_reason"),
            ServiceError::Draw(DrawProblem::UnknownItem { .. }) => Some("draw_items"),
            ServiceError::Draw(DrawProblem::BadText { field }) => Some(*field),
            _ => None,
        };
        let at = key.and_then(|k| self.form.fields.iter().position(|f| f.spec.key == k));
        match at {
            Some(i) => {
                self.form.fields[i].error = Some(said);
                self.form.focus = i;
                self.form.message = Some(strings::ui::fix_fields(1, cx.lang()));
            }
            None => self.form.message = Some(said),
        }
    }

    /// `Ctrl-S` on a passed check: freezes the snapshot as the console's `draw prepare`.
    fn freeze(&mut self, cx: &mut Ctx) -> Flow {
        let Step::Check { req, .. } = &self.step else {
            return Vec::new();
        };
        let lang = cx.lang();
        match cx.svc.prepare_draw(&cx.s.actor, req) {
            Ok(draw) => {
                let said = ps::prepared(&draw.check.label, lang);
                self.step = Step::Done {
                    draw: Box::new(draw),
                    scroll: 0,
                };
                vec![Cmd::Saved, Cmd::Reload, Cmd::Say(said)]
            }
            // Something changed since the check (a draw prepared meanwhile): back to the form.
            Err(e) => {
                self.step = Step::Fields;
                self.refused(&e, cx);
                Vec::new()
            }
        }
    }

    fn scroll(&mut self, a: Action) {
        let (Step::Check { scroll, .. } | Step::Done { scroll, .. }) = &mut self.step else {
            return;
        };
        *scroll = match a {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1),
            Action::PageUp => scroll.saturating_sub(10),
            _ => scroll.saturating_add(10),
        };
    }
}

impl Modal for Prepare {
    fn keys(&self, cx: &Ctx) -> Keys {
        let lang = cx.lang();
        match &self.step {
            Step::Fields => Modal::keys(&self.form, cx),
            Step::Check { check, .. } => (Keys::new().on(keymap::SCROLL))
                .when(check.refusals.is_empty(), keymap::PREPARE_FREEZE, || {
                    ps::freeze_refused(lang)
                })
                .on(keymap::PREPARE_BACK)
                .on(keymap::FORM_HELP)
                .on(keymap::HELP_KEY),
            Step::Done { .. } => (Keys::new().on(keymap::SCROLL).on(keymap::CLOSE))
                .on(keymap::FORM_HELP)
                .on(keymap::HELP_KEY),
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let scrolling = matches!(
            a,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown
        );
        match (&self.step, a) {
            (Step::Fields, Action::Save) => self.check(cx),
            (Step::Fields, a) => {
                let flow = Modal::act(&mut self.form, a, cx);
                self.follow_quarter(cx);
                flow
            }
            (Step::Check { .. }, Action::Save) => self.freeze(cx),
            (Step::Check { .. }, Action::Back) => {
                self.step = Step::Fields;
                Vec::new()
            }
            (Step::Done { .. }, Action::Back) => one(Cmd::Pop),
            (Step::Check { .. } | Step::Done { .. }, _) if scrolling => {
                self.scroll(a);
                Vec::new()
            }
            (_, a) => one(Cmd::Ignored(a)),
        }
    }

    fn text(&mut self, k: &KeyEvent, cx: &mut Ctx) -> Option<Flow> {
        match self.step {
            Step::Fields => Modal::text(&mut self.form, k, cx),
            _ => None,
        }
    }

    fn paste(&mut self, s: &str) {
        if let Step::Fields = self.step {
            Modal::paste(&mut self.form, s);
        }
    }

    fn unsaved(&self) -> bool {
        match self.step {
            Step::Fields => self.form.changed(),
            Step::Check { .. } => true,
            Step::Done { .. } => false,
        }
    }

    fn render(&mut self, f: &mut Frame, _: Rect, body: Rect, p: &Paint) {
        view::render(self, f, body, p);
    }
}

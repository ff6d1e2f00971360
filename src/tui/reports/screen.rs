//! The reports tab as a screen: `<` `>` change quarter, `x` writes the report, summary and
//! assessment to the outbox; administrators record joint inspections (`n`) and the year's
//! joint targets (`t`); administrators and leaders write the evidence bundle (`b`); leaders
//! evaluate an inspector (`g`).

use super::Reports;
use crate::domain::user::Role;
use crate::service::Change;
use crate::strings::{self, evidence, report};
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Paint, Screen, Touch, done, one};
use ratatui::Frame;
use ratatui::layout::Rect;

impl Reports {
    fn joint(&mut self, cx: &mut Ctx) -> Flow {
        let all = cx.svc.enterprises(&cx.s.actor);
        done(all, |all| {
            let firms = (all.iter().filter(|e| !e.data.status.is_gone()))
                .map(|e| format!("{}({})", strings::display(&e.data.name), e.data.credit_code))
                .collect();
            one(Cmd::Push(Box::new(Form::joint(firms, cx.svc.today()))))
        })
    }

    fn joint_targets(&mut self, cx: &mut Ctx) -> Flow {
        let year = chrono::Datelike::year(&self.quarter.start());
        let d = (cx.svc.quarter_stats(&cx.s.actor, self.quarter))
            .map(|s| s.department_joint)
            .unwrap_or_default();
        let f = Form::joint_targets(year, d.target_inspections, d.target_subjects);
        one(Cmd::Push(Box::new(f)))
    }

    fn evaluate(&mut self, cx: &mut Ctx) -> Flow {
        let q = self.quarter;
        done(cx.svc.evaluees(&cx.s.actor), |people| {
            let labels = (people.iter())
                .map(|p| format!("{}({})", strings::display(&p.name), p.id))
                .collect();
            one(Cmd::Push(Box::new(Form::evaluation(labels, q))))
        })
    }

    fn bundle(&mut self, cx: &mut Ctx) -> Flow {
        let (lang, q) = (cx.lang(), self.quarter);
        done(cx.svc.report_bundle(&cx.s.actor, q, lang), |(zip, _)| {
            let name = evidence::bundle_name(&q.to_string(), lang);
            one(Cmd::Outbox(vec![(name, zip)], Box::new(report::exported)))
        })
    }

    fn export(&mut self, cx: &mut Ctx) -> Flow {
        let (lang, q) = (cx.lang(), self.quarter);
        done(cx.svc.report_files(&cx.s.actor, q, lang), |files| {
            one(Cmd::Outbox(files, Box::new(report::exported)))
        })
    }
}

impl Screen for Reports {
    fn load(&mut self, cx: &mut Ctx) -> Flow {
        self.fill(cx.svc, &cx.s.actor, cx.lang());
        Vec::new()
    }

    fn keys(&self, cx: &Ctx) -> Keys {
        Keys::new()
            .on(keymap::SCROLL)
            .on(keymap::REPORTS)
            .only(cx.has(Role::Admin), keymap::REPORTS_ADMIN)
            .only(cx.any(&[Role::Admin, Role::Leader]), keymap::REPORTS_BUNDLE)
            .only(cx.has(Role::Leader), keymap::REPORTS_LEADER)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let mut flow = match a {
            Action::Up => scroll(&mut self.scroll, -1),
            Action::Down => scroll(&mut self.scroll, 1),
            Action::PageUp => scroll(&mut self.scroll, -10),
            Action::PageDown => scroll(&mut self.scroll, 10),
            Action::PrevQuarter => {
                self.step(-1);
                Vec::new()
            }
            Action::NextQuarter => {
                self.step(1);
                Vec::new()
            }
            Action::Joint => self.joint(cx),
            Action::JointTargets => self.joint_targets(cx),
            Action::Evaluate => self.evaluate(cx),
            Action::Bundle => self.bundle(cx),
            Action::Export => self.export(cx),
            a => return one(Cmd::Ignored(a)),
        };
        flow.push(Cmd::Reload);
        flow
    }

    fn changed(&mut self, c: Change) -> Touch {
        match c {
            Change::Enterprises | Change::Settings | Change::Draws | Change::Results => {
                self.stale();
                Touch::Quiet
            }
            _ => Touch::No,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint) {
        self.draw(f, area, p.theme(), p.lang());
    }
}

fn scroll(at: &mut u16, by: i32) -> Flow {
    *at = match by < 0 {
        true => at.saturating_sub(by.unsigned_abs() as u16),
        false => at.saturating_add(by as u16),
    };
    Vec::new()
}

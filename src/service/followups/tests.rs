//! Tests of `followups`.

use super::*;
use crate::domain::followup::Outcome;
use crate::service::results::tests::{released, typical};
use crate::service::tests::{admin, service};

/// A result "发现问题已责令改正" with a deadline, entered by `insp`; its id and team.
fn corrected(s: &mut Service, me: &Actor) -> (i64, Vec<String>) {
    let a = s.worklist(me).unwrap()[0].a.clone();
    let mut d = typical(s, &a);
    d.category = "corrected".into();
    d.findings = "危废台账不全".into();
    d.rectify_by = Some(s.today() + chrono::Duration::days(10));
    let id = s.save_result(me, a.id, None, &d).unwrap();
    (id, a.team.clone())
}

fn recheck_by(team: &[String], date: chrono::NaiveDate, outcome: Outcome) -> Recheck {
    Recheck {
        date,
        officers: team.iter().take(2).cloned().collect(),
        outcome,
        case_no: String::new(),
        remark: String::new(),
    }
}

#[test]
fn a_problem_with_a_deadline_is_followed_closed_once_and_audited() {
    let mut s = service();
    let (me, _) = released(&mut s);
    // A result without a problem opens nothing.
    let (id, team) = corrected(&mut s, &me);
    let list = s.followups(&me, None, false).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].result_id, list[0].status), (id, Status::Open));
    assert!(s.followups(&me, None, true).unwrap().is_empty());
    let today = s.today();
    let mut r = recheck_by(&team, today, Outcome::NotRectified);
    let refused = |x: Result<()>| match x {
        Err(ServiceError::FollowUp(FollowUpProblem::Recheck(p))) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refused(s.recheck(&me, id, &r)),
        vec![RecheckProblem::CaseNumberRequired]
    );
    r.case_no = "唐高环立〔2024〕12号".into();
    s.recheck(&me, id, &r).unwrap();
    assert_eq!(
        refused(s.recheck(&admin(), id, &recheck_by(&team, today, Outcome::Rectified))),
        vec![RecheckProblem::AlreadyClosed]
    );
    let list = s.followups(&admin(), None, false).unwrap();
    assert_eq!(list[0].status, Status::Closed);
    assert_eq!(list[0].followup.recheck.as_ref(), Some(&r));
    let h = s.history(&admin(), "result", id).unwrap();
    assert_eq!(h.last().unwrap().action, "recheck");
    assert!(matches!(
        s.recheck(&me, 999, &r),
        Err(ServiceError::FollowUp(FollowUpProblem::UnknownResult(999)))
    ));
}

#[test]
fn past_the_deadline_it_is_overdue() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let (id, team) = corrected(&mut s, &me);
    let mut later = service().with_clock(Box::new(|| {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2024, 4, 25, 1, 0, 0).unwrap()
    }));
    std::mem::swap(&mut s.clock, &mut later.clock);
    let list = s.followups(&me, None, true).unwrap();
    assert_eq!((list.len(), list[0].status), (1, Status::Overdue));
    let q: Quarter = "2024Q3".parse().unwrap();
    assert!(s.followups(&me, Some(q), false).unwrap().is_empty());
    let r = Recheck {
        outcome: Outcome::Other,
        remark: "企业已停产".into(),
        ..recheck_by(&team, s.today(), Outcome::Other)
    };
    s.recheck(&me, id, &r).unwrap();
    assert!(s.followups(&me, None, true).unwrap().is_empty());
}

#[test]
fn follow_ups_count_in_the_quarters_figures_and_the_assessment() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let (id, team) = corrected(&mut s, &me);
    let q: Quarter = "2024Q2".parse().unwrap();
    let f = s.quarter_stats(&admin(), q).unwrap().followups;
    assert_eq!((f.opened, f.open, f.closed()), (1, 1, 0));
    let today = s.today();
    s.recheck(&me, id, &recheck_by(&team, today, Outcome::Rectified))
        .unwrap();
    let f = s.quarter_stats(&admin(), q).unwrap().followups;
    assert_eq!((f.opened, f.open, f.rectified), (1, 0, 1));
    let a = s.assessment(&admin(), &[q]).unwrap();
    let lead = a.iter().find(|x| x.id == team[0]).unwrap();
    assert_eq!((lead.followups, lead.rechecked, lead.overdue), (1, 1, 0));
    let html = s
        .summary_html(&admin(), q, crate::strings::Lang::Zh)
        .unwrap();
    assert!(html.contains("已复查 1 项（已整改 1 项"), "{html}");
}

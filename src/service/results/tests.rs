//! Tests of `results`.

use super::*;
use crate::domain::draw::Quota;
use crate::domain::result::Signature;
use crate::service::tests::{admin, service};
use crate::service::{DrawRequest, NewUser};

fn witness() -> Actor {
    Actor {
        user_id: Some(30),
        name: "w1".into(),
        roles: [Role::Witness].into(),
    }
}

pub(crate) fn leader() -> Actor {
    Actor {
        user_id: Some(20),
        name: "lead".into(),
        roles: [Role::Leader].into(),
    }
}

/// Demo data, a sealed and released draw of four targets, and an inspector account for
/// the lead of the first team. Returns that inspector and the certificate.
pub(crate) fn released(s: &mut Service) -> (Actor, Certificate) {
    crate::demo::fill(s, &admin(), 60).unwrap();
    let mut r = DrawRequest::new("2024Q2".parse().unwrap());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    });
    let id = s.prepare_draw(&admin(), &r).unwrap().id;
    s.add_entropy(&admin(), id, "w1", "witness text 1").unwrap();
    let cert = s.reveal_draw(&admin(), id).unwrap();
    s.confirm_draw(&witness(), id, None).unwrap();
    s.release_draw(&admin(), id).unwrap();
    let mine = cert.outcome.teams[0].lead.clone();
    s.add_user(
        &admin(),
        &NewUser {
            name: "insp".into(),
            roles: [Role::Inspector].into(),
            password: Some("a-long-password-1".into()),
            inspector_cert: Some(mine),
            ..Default::default()
        },
    )
    .unwrap();
    let me = Actor {
        user_id: Some(50),
        name: "insp".into(),
        roles: [Role::Inspector].into(),
    };
    (me, cert)
}

/// A typical result ("no problem found") for an assignment, as the form's defaults give it.
pub(crate) fn typical(s: &mut Service, a: &AssignmentRow) -> ResultData {
    ResultData {
        inspected_on: s.today(),
        present: a.team.iter().cloned().collect(),
        items: a.items.iter().cloned().collect(),
        category: "no_problem".into(),
        findings: String::new(),
        rectify_by: None,
        case_no: String::new(),
        mobile_no: String::new(),
        signature: Signature::Signed,
        signature_reason: String::new(),
        evidence: String::new(),
        typical: false,
        typical_note: String::new(),
    }
}

fn problems(r: Result<i64>) -> Vec<(&'static str, Problem)> {
    match r {
        Err(ServiceError::Invalid(v)) => v.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

#[test]
fn inspectors_see_their_own_work_and_enter_results() {
    let mut s = service();
    let (me, cert) = released(&mut s);
    let mine = s.worklist(&me).unwrap();
    let all = s.worklist(&admin()).unwrap();
    assert_eq!(all.len(), 4);
    assert!(!mine.is_empty() && mine.len() < all.len() + 1);
    assert!(
        mine.iter()
            .all(|w| w.a.team.contains(&cert.outcome.teams[0].lead))
    );
    assert!(mine.iter().all(|w| w.state == WorkState::Pending));
    // The quarter's work is due 5 working days before 2024-06-30 (a Sunday): 2024-06-24.
    assert_eq!(
        mine[0].due,
        Some(Ok(Due {
            date: NaiveDate::from_ymd_opt(2024, 6, 24).unwrap(),
            provisional: None
        }))
    );
    let a = mine[0].a.clone();
    let d = typical(&mut s, &a);
    let id = s.save_result(&me, a.id, None, &d).unwrap();
    // Entered twice: refused, nothing changes.
    assert!(matches!(
        s.save_result(&me, a.id, None, &d),
        Err(ServiceError::Exists(_))
    ));
    let after = s.worklist(&me).unwrap();
    let w = after.iter().find(|w| w.a.id == a.id).unwrap();
    assert_eq!(w.state, WorkState::Submitted);
    assert_eq!(w.a.result.as_ref().unwrap().id, id);
    // 20 working days after Wed 2024-04-10: 04-11, 12, 15–19, 22–26 (12), Sun 04-28 a
    // make-up day (13), 29, 30 (15); 05-01..03 holidays, 4/5 weekend; 05-06..10 (20).
    assert_eq!(
        w.due,
        Some(Ok(Due {
            date: NaiveDate::from_ymd_opt(2024, 5, 10).unwrap(),
            provisional: None
        }))
    );
    // The visit is on record: the plan counts it as inspected.
    let plan = s.plan(&admin(), "2024Q2".parse().unwrap()).unwrap();
    assert_eq!(plan.iter().map(|l| l.inspected).sum::<u64>(), 1);
    // Someone outside the team may not enter it.
    let other = all.iter().find(|w| !mine.iter().any(|m| m.a.id == w.a.id));
    if let Some(o) = other {
        let d = typical(&mut s, &o.a);
        assert!(matches!(
            s.save_result(&me, o.a.id, None, &d),
            Err(ServiceError::Forbidden(_))
        ));
    }
}

#[test]
fn bad_results_are_explained_and_nothing_is_saved() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let a = s.worklist(&me).unwrap()[0].a.clone();
    let good = typical(&mut s, &a);
    let mut d = good.clone();
    d.inspected_on = NaiveDate::from_ymd_opt(2024, 4, 9).unwrap();
    assert!(matches!(
        problems(s.save_result(&me, a.id, None, &d))[..],
        [("inspected_on", Problem::BeforeDraw(_))]
    ));
    d.inspected_on = NaiveDate::from_ymd_opt(2024, 4, 11).unwrap();
    assert_eq!(
        problems(s.save_result(&me, a.id, None, &d)),
        [("inspected_on", Problem::FutureDate)]
    );
    let mut d = good.clone();
    d.present = [a.lead.clone()].into();
    assert_eq!(
        problems(s.save_result(&me, a.id, None, &d)),
        [("present", Problem::TooFewOfficers(1))]
    );
    let mut d = good.clone();
    d.signature = Signature::Refused;
    assert_eq!(
        problems(s.save_result(&me, a.id, None, &d)),
        [(
            "signature_reason",
            Problem::Text(crate::domain::text::TextError::Empty)
        )]
    );
    let mut d = good.clone();
    d.category = "case_filed".into();
    d.case_no = "2024-12".into();
    assert_eq!(
        problems(s.save_result(&me, a.id, None, &d)),
        [("case_no", Problem::BadCaseNumber)]
    );
    assert_eq!(s.worklist(&me).unwrap()[0].state, WorkState::Pending);
    d.case_no = "唐高环立〔2024〕12号".into();
    s.save_result(&me, a.id, None, &d).unwrap();
}

#[test]
fn review_return_resubmit_approve_and_publish() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let a = s.worklist(&me).unwrap()[0].a.clone();
    let d = typical(&mut s, &a);
    let id = s.save_result(&me, a.id, None, &d).unwrap();
    let r = s.assignment(&me, a.id).unwrap().result.unwrap();
    assert!(matches!(
        s.review(&me, id, r.revision, true, ""),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        s.review(&leader(), id, r.revision, false, " "),
        Err(ServiceError::Draw(DrawProblem::ReasonRequired))
    ));
    s.review(&leader(), id, r.revision, false, "请补充证据材料编号")
        .unwrap();
    let w = s.worklist(&me).unwrap();
    assert_eq!(w[0].a.id, a.id, "returned work comes first");
    assert_eq!(w[0].state, WorkState::Returned);
    let r = w[0].a.result.clone().unwrap();
    assert_eq!(r.review_comment, "请补充证据材料编号");
    let mut d2 = d.clone();
    d2.evidence = "照片 IMG_0012-0020".into();
    s.save_result(&me, a.id, Some(r.revision), &d2).unwrap();
    // Nothing approved yet: the notice is empty.
    assert!(
        s.publish(&admin(), "2024Q2".parse().unwrap(), false)
            .unwrap()
            .is_empty()
    );
    let r = s.assignment(&me, a.id).unwrap().result.unwrap();
    assert_eq!(r.data.evidence, "照片 IMG_0012-0020");
    s.review(&admin(), id, r.revision, true, "").unwrap();
    let notice = s
        .publish(&admin(), "2024Q2".parse().unwrap(), true)
        .unwrap();
    assert_eq!(notice.len(), 1);
    assert_eq!(notice[0].code, a.code);
    assert_eq!(notice[0].category, "未发现问题");
    let w = s.worklist(&admin()).unwrap();
    let p = w.iter().find(|x| x.a.id == a.id).unwrap();
    assert_eq!(p.state, WorkState::Published);
    assert!(s.publish(&me, "2024Q2".parse().unwrap(), false).is_err());
}

#[test]
fn calendar_is_data_an_administrator_edits() {
    let mut s = service();
    let cal = s.calendar().unwrap();
    assert!(cal.years().contains(&2025));
    let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert!(cal.add_working_days(d, 1).is_err(), "no data for 2027");
    // A holiday on a Saturday is refused; on the Friday it is taken.
    let sat = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
    assert!(matches!(
        s.set_calendar_day(&admin(), sat, Some(DayKind::Holiday), "元旦"),
        Err(ServiceError::Invalid(_))
    ));
    s.set_calendar_day(&admin(), d, Some(DayKind::Holiday), "元旦")
        .unwrap();
    let cal = s.calendar().unwrap();
    assert_eq!(
        cal.add_working_days(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(), 1),
        Ok(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap())
    );
    assert!(matches!(
        s.set_calendar_day(&leader(), d, None, ""),
        Err(ServiceError::Forbidden(_))
    ));
}

#[test]
fn overdue_work_stands_out() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    let day = Arc::new(AtomicI64::new(0));
    let d2 = Arc::clone(&day);
    let mut s = crate::service::Service::open_in_memory()
        .unwrap()
        .with_clock(Box::new(move || {
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2024, 4, 10, 1, 0, 0).unwrap()
                + chrono::Duration::days(d2.load(Ordering::SeqCst))
        }));
    let (me, _) = released(&mut s);
    assert!(s.worklist(&me).unwrap().iter().all(|w| !w.overdue));
    // 2024-06-25: past the quarter's work deadline (06-24).
    day.store(76, Ordering::SeqCst);
    let w = s.worklist(&me).unwrap();
    assert!(w.iter().all(|w| w.overdue && w.state == WorkState::Pending));
    let a = w[0].a.clone();
    let d = typical(&mut s, &a);
    s.save_result(&me, a.id, None, &d).unwrap();
    let w = s.worklist(&me).unwrap();
    let x = w.iter().find(|x| x.a.id == a.id).unwrap();
    assert!(!x.overdue, "within 20 working days of the visit");
    // 2024-07-24: 20 working days after 06-25 is 07-23; still unpublished.
    day.store(105, Ordering::SeqCst);
    let w = s.worklist(&me).unwrap();
    let x = w.iter().find(|x| x.a.id == a.id).unwrap();
    assert!(x.overdue && x.state == WorkState::Submitted);
}

//! Tests of `corrections`.

use super::*;
use crate::domain::correction::Kind;
use crate::service::results::tests::{leader, released, typical};
use crate::service::tests::{admin, service};
use crate::strings::Lang;

/// A typical result entered by `me`, approved and published: its id.
fn published(s: &mut Service, me: &Actor, n: usize) -> i64 {
    let a = s.worklist(me).unwrap()[n].a.clone();
    let d = typical(s, &a);
    let id = s.save_result(me, a.id, None, &d).unwrap();
    let rev = s.assignment(me, a.id).unwrap().result.unwrap().revision;
    s.review(&admin(), id, rev, true, "").unwrap();
    s.publication_files(&admin(), "2024Q2".parse().unwrap(), Lang::Zh)
        .unwrap();
    id
}

fn objection(s: &Service) -> Filing {
    Filing {
        kind: Kind::Objection,
        received_on: s.today(),
        from: "唐山某公司".into(),
        content: "企业已于检查前整改，结果有误".into(),
        proposal: Changes::default(),
    }
}

fn correct(s: &Service) -> Decide {
    Decide {
        decision: Decision::Correct,
        reason: "经复核，检查时发现危废台账不全".into(),
        changes: Changes {
            category: Some("corrected".into()),
            findings: Some("危废台账不全".into()),
            rectify_by: Some(s.today() + chrono::Duration::days(10)),
            ..Changes::default()
        },
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T>) -> Vec<Problem> {
    match r {
        Err(ServiceError::Correction(CorrectionProblem::Refused(p))) => p,
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_objection_decided_by_a_leader_corrects_the_result_and_keeps_the_old_version() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let id = published(&mut s, &me, 0);
    let before = s.result_assignment(&admin(), id).unwrap().result.unwrap();
    let case = s.file_case(&admin(), id, &objection(&s)).unwrap();
    assert_eq!(
        refused(s.file_case(&admin(), id, &objection(&s))),
        vec![Problem::AlreadyPending]
    );
    assert!(matches!(
        s.decide_case(&admin(), case, &correct(&s)),
        Err(ServiceError::Forbidden(Role::Leader))
    ));
    assert_eq!(
        s.decide_case(&leader(), case, &correct(&s)).unwrap(),
        Some(2)
    );
    assert_eq!(
        refused(s.decide_case(&leader(), case, &correct(&s))),
        vec![Problem::AlreadyDecided]
    );
    let after = s.result_assignment(&admin(), id).unwrap().result.unwrap();
    assert_eq!(after.data.category, "corrected");
    let versions = s.result_versions(&me, id).unwrap();
    assert_eq!((versions.len(), versions[0].version), (1, 1));
    assert_eq!(versions[0].data, before.data);
    let cases = s.cases(&me, Some(id), None).unwrap();
    assert_eq!((cases.len(), cases[0].status), (1, Status::Corrected));
    // The corrected result is followed up like any result with a problem and a deadline.
    assert_eq!(s.followups(&me, None, false).unwrap().len(), 1);
    let h = s.history(&admin(), "result", id).unwrap();
    assert_eq!(h.last().unwrap().action, "correct");
    let h = s.history(&admin(), "objection", case).unwrap();
    let actions: Vec<&str> = h.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(actions, ["create", "decide"]);
}

#[test]
fn the_correction_notice_names_what_changed_and_the_quarters_notice_the_version() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let id = published(&mut s, &me, 0);
    let case = s.file_case(&admin(), id, &objection(&s)).unwrap();
    s.decide_case(&leader(), case, &correct(&s)).unwrap();
    let q: Quarter = "2024Q2".parse().unwrap();
    let (n, files) = s.correction_notice(&admin(), q, Lang::Zh).unwrap();
    assert_eq!((n, files.len()), (1, 3));
    assert_eq!(files[0].0, "更正公示-2024Q2.html");
    let html = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(
        html.contains("检查结果：未发现问题 → 发现问题已责令改正"),
        "{html}"
    );
    assert!(html.contains("经复核"));
    let (_, files) = s.publication_files(&admin(), q, Lang::Zh).unwrap();
    let html = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(html.contains("已更正（第2版，"), "{html}");
    assert!(html.contains("发现问题已责令改正"));
    assert!(matches!(
        s.correction_notice(&leader(), q, Lang::Zh),
        Err(ServiceError::Forbidden(Role::Admin))
    ));
}

#[test]
fn refused_and_nothing_changed() {
    let mut s = service();
    let (me, _) = released(&mut s);
    let id = published(&mut s, &me, 0);
    // Unknown result, a role that may not file, a leader deciding to uphold with changes.
    assert!(matches!(
        s.file_case(&admin(), 999, &objection(&s)),
        Err(ServiceError::Correction(CorrectionProblem::UnknownResult(
            999
        )))
    ));
    assert!(matches!(
        s.file_case(&me, id, &objection(&s)),
        Err(ServiceError::Forbidden(Role::Admin))
    ));
    assert!(matches!(
        s.decide_case(&leader(), 77, &correct(&s)),
        Err(ServiceError::Correction(CorrectionProblem::UnknownCase(77)))
    ));
    // A correction of an unpublished result.
    let a = s
        .worklist(&admin())
        .unwrap()
        .into_iter()
        .find(|w| w.a.result.is_none())
        .unwrap()
        .a;
    let d = typical(&mut s, &a);
    let unpublished = s.save_result(&admin(), a.id, None, &d).unwrap();
    let start = Filing {
        kind: Kind::Correction,
        from: String::new(),
        proposal: correct(&s).changes,
        ..objection(&s)
    };
    assert_eq!(
        refused(s.file_case(&admin(), unpublished, &start)),
        vec![Problem::NotPublished]
    );
    // A proposal that makes an invalid result (an unknown category).
    let bad = Filing {
        proposal: Changes {
            category: Some("nonsense".into()),
            ..Changes::default()
        },
        ..start.clone()
    };
    assert!(matches!(
        s.file_case(&admin(), id, &bad),
        Err(ServiceError::Invalid(_))
    ));
    // Upheld: the result is as it was, no version kept.
    let case = s.file_case(&admin(), id, &start).unwrap();
    let uphold = Decide {
        decision: Decision::Uphold,
        reason: "原结果无误".into(),
        changes: Changes::default(),
    };
    assert_eq!(s.decide_case(&leader(), case, &uphold).unwrap(), None);
    assert!(s.result_versions(&me, id).unwrap().is_empty());
    assert_eq!(
        s.cases(&admin(), None, None).unwrap()[0].status,
        Status::Upheld
    );
    let msg = ServiceError::Correction(CorrectionProblem::Refused(vec![Problem::NotPublished]))
        .say(None, Lang::En);
    assert!(msg.contains("not published"), "{msg}");
}

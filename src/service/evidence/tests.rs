//! Tests of `evidence`.

use super::*;
use crate::domain::evidence::FileProblem;
use crate::service::results::tests::{released, typical};
use crate::service::tests::{admin, service};

const PDF: &[u8] = b"%PDF-1.4\nsigned record";

/// A service with a result entered by `insp` (returned), and its id.
fn with_result() -> (Service, Actor, i64) {
    let mut s = service();
    let (me, _) = released(&mut s);
    let a = s.worklist(&me).unwrap()[0].a.clone();
    let d = typical(&mut s, &a);
    let id = s.save_result(&me, a.id, None, &d).unwrap();
    (s, me, id)
}

fn stranger() -> Actor {
    Actor {
        user_id: Some(77),
        name: "other".into(),
        roles: [Role::Inspector].into(),
    }
}

#[test]
fn bytes_round_trip_kept_once_and_audited() {
    let (mut s, me, r) = with_result();
    let e1 = s.add_evidence(&me, r, "记录.pdf", PDF).unwrap();
    let e2 = s.add_evidence(&admin(), r, "copy.pdf", PDF).unwrap();
    let (row, bytes) = s.evidence_file(&me, e1).unwrap();
    assert_eq!(bytes, PDF);
    assert_eq!(row.sha256, crate::domain::audit::file_digest(PDF));
    assert_eq!((row.size, row.kind.as_str()), (PDF.len() as i64, "pdf"));
    assert_eq!(s.evidence_list(&me, r).unwrap().len(), 2);
    let mut kept = 0;
    s.store
        .read(|db| db.each_stored_file(|sha, _| kept += usize::from(sha == row.sha256)))
        .unwrap();
    assert_eq!(kept, 1, "the same bytes are kept once");
    let h = s.history(&admin(), "evidence", e2).unwrap();
    assert_eq!(h.len(), 1);
    assert!(h[0].after.as_deref().unwrap().contains(&row.sha256));
    assert!(s.verify_audit(&admin(), None).unwrap().is_ok());
}

#[test]
fn refusals_change_nothing() {
    let (mut s, me, r) = with_result();
    let before = s.audit_recent(&admin(), 1).unwrap()[0].id;
    let refused = |x: Result<i64>| match x {
        Err(ServiceError::Evidence(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refused(s.add_evidence(&me, 9999, "a.pdf", PDF)),
        EvidenceProblem::UnknownResult(9999)
    );
    assert!(matches!(
        refused(s.add_evidence(&me, r, "a.exe", PDF)),
        EvidenceProblem::File(FileProblem::Kind { .. })
    ));
    assert!(matches!(
        refused(s.add_evidence(&me, r, "a.png", PDF)),
        EvidenceProblem::File(FileProblem::Content { .. })
    ));
    s.set_evidence_limits(
        &admin(),
        EvidenceLimits {
            max_mb: 1,
            ..EvidenceLimits::default()
        },
    )
    .unwrap();
    let big = [PDF, &vec![b' '; 1024 * 1024][..]].concat();
    assert!(matches!(
        refused(s.add_evidence(&me, r, "big.pdf", &big)),
        EvidenceProblem::File(FileProblem::TooLarge { max_mb: 1, .. })
    ));
    assert!(matches!(
        s.add_evidence(&stranger(), r, "a.pdf", PDF),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        refused(s.attach_from_inbox(&me, r, "missing.pdf")),
        EvidenceProblem::NotInInbox(_)
    ));
    // Only the settings change is new.
    assert_eq!(s.audit_recent(&admin(), 1).unwrap()[0].id, before + 1);
    assert!(s.evidence_list(&me, r).unwrap().is_empty());
}

#[test]
fn withdrawn_once_with_a_reason_and_stays() {
    let (mut s, me, r) = with_result();
    let e = s.add_evidence(&me, r, "wrong.pdf", PDF).unwrap();
    assert!(matches!(
        s.withdraw_evidence(&me, e, "  "),
        Err(ServiceError::Evidence(EvidenceProblem::ReasonRequired))
    ));
    assert!(matches!(
        s.withdraw_evidence(&stranger(), e, "x"),
        Err(ServiceError::Forbidden(_))
    ));
    s.withdraw_evidence(&me, e, "传错了文件").unwrap();
    assert!(matches!(
        s.withdraw_evidence(&admin(), e, "again"),
        Err(ServiceError::Evidence(EvidenceProblem::AlreadyWithdrawn(_)))
    ));
    let list = s.evidence_list(&me, r).unwrap();
    let w = list[0].withdrawn.as_ref().unwrap();
    assert_eq!((w.1.as_str(), w.2.as_str()), ("insp", "传错了文件"));
    assert_eq!(s.evidence_file(&me, e).unwrap().1, PDF);
}

#[test]
fn who_sees_the_result_sees_its_evidence() {
    let (mut s, me, r) = with_result();
    let e = s.add_evidence(&me, r, "a.pdf", PDF).unwrap();
    assert!(matches!(
        s.evidence_list(&stranger(), r),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        s.evidence_file(&stranger(), e),
        Err(ServiceError::Forbidden(_))
    ));
    let leader = Actor {
        user_id: Some(20),
        name: "lead".into(),
        roles: [Role::Leader].into(),
    };
    assert_eq!(s.evidence_list(&leader, r).unwrap().len(), 1);
    // A leader reviews; the team and administrators add.
    assert!(matches!(
        s.add_evidence(&leader, r, "b.pdf", PDF),
        Err(ServiceError::Forbidden(_))
    ));
}

#[test]
fn a_file_is_copied_to_the_outbox_of_whoever_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut s = Service::open(&path).unwrap().with_clock(Box::new(|| {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2024, 4, 10, 1, 0, 0).unwrap()
    }));
    let (me, _) = released(&mut s);
    let a = s.worklist(&me).unwrap()[0].a.clone();
    let d = typical(&mut s, &a);
    let r = s.save_result(&me, a.id, None, &d).unwrap();
    let e = s.add_evidence(&me, r, "a.pdf", PDF).unwrap();
    let name = s.export_evidence(&me, e).unwrap();
    assert_eq!(name, format!("{e}-a.pdf"));
    let out = crate::exchange::outbox::dir(&path, "insp").join(&name);
    assert_eq!(std::fs::read(out).unwrap(), PDF);
    assert!(matches!(
        s.export_evidence(&stranger(), e),
        Err(ServiceError::Forbidden(_))
    ));
}

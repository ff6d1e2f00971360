//! Tests of `room`.

use super::*;
use crate::domain::draw::{self, Quota};
use crate::service::tests::{admin, service};
use crate::service::{DrawRequest, NewUser};

fn person(id: i64, name: &str, role: Role) -> Actor {
    Actor {
        user_id: Some(id),
        name: name.into(),
        roles: [role].into(),
    }
}

fn leader() -> Actor {
    person(20, "lead", Role::Leader)
}

fn w(n: u8) -> Actor {
    person(30 + i64::from(n), &format!("w{n}"), Role::Witness)
}

fn problem<T: std::fmt::Debug>(r: Result<T>) -> DrawProblem {
    match r {
        Err(ServiceError::Draw(p)) => p,
        other => panic!("expected a draw problem, got {other:?}"),
    }
}

/// A prepared draw needing two witnesses, its room open, both witnesses in with entropy.
fn ready(s: &mut Service) -> i64 {
    crate::demo::fill(s, &admin(), 60).unwrap();
    let mut r = DrawRequest::new("2024Q2".parse().unwrap());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    });
    r.min_witnesses = 2;
    let id = s.prepare_draw(&admin(), &r).unwrap().id;
    assert!(matches!(
        problem(s.join_room(&w(1), id)),
        DrawProblem::RoomClosed { .. }
    ));
    s.open_room(&admin(), id).unwrap();
    for n in [1, 2] {
        s.join_room(&w(n), id).unwrap();
        s.join_room(&w(n), id).unwrap(); // a reconnect
        s.add_entropy(&w(n), id, &w(n).name, &format!("random text {n}"))
            .unwrap();
    }
    id
}

#[test]
fn a_whole_ceremony_seals_when_every_witness_confirms() {
    let mut s = service();
    let id = ready(&mut s);
    assert!(matches!(
        problem(s.add_entropy(&w(1), id, "w1", "again and again")),
        DrawProblem::AlreadyEntered { .. }
    ));
    let room = s.room(&w(1), id).unwrap();
    assert_eq!(room.status, Status::Prepared);
    assert_eq!(room.entropy_count, 2);
    assert!(room.result.is_none());
    let logins: Vec<&str> = room.members.iter().map(|m| m.login.as_str()).collect();
    assert_eq!(logins, ["admin", "w1", "w2"]);
    assert!(room.members[1].entropy.is_some() && room.members[0].entropy.is_none());

    s.reveal_draw(&admin(), id).unwrap();
    s.confirm_draw(&w(1), id, None).unwrap();
    assert!(matches!(
        problem(s.confirm_draw(&w(1), id, None)),
        DrawProblem::AlreadyAnswered { .. }
    ));
    assert_eq!(s.room(&admin(), id).unwrap().status, Status::Revealed);
    s.confirm_draw(&w(2), id, None).unwrap();
    let room = s.room(&admin(), id).unwrap();
    assert_eq!(room.status, Status::Sealed);
    assert!(room.sealed_at.is_some());
    let shown = room.result.unwrap();
    assert_eq!(shown.teams.len(), 4);
    let steps: Vec<&str> = room.log.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(
        steps,
        [
            "prepare",
            "open_room",
            "join",
            "join",
            "add_entropy",
            "join",
            "add_entropy",
            "reveal",
            "confirm",
            "confirm",
            "seal"
        ]
    );
    let cert = Certificate::from_json(&s.draw_certificate(&admin(), id).unwrap()).unwrap();
    let confirmed: Vec<&str> = cert.confirmed.iter().map(|c| c.by.as_str()).collect();
    assert_eq!(confirmed, ["w1", "w2"]);
    assert!(draw::verify(&cert).is_ok());

    // Sealed: nothing changes, only annotations.
    assert!(
        problem(s.cancel_draw(&leader(), id, "too late")).eq(&DrawProblem::Status {
            draw: "2024Q2-1".into(),
            status: "sealed".into()
        })
    );
    assert!(matches!(
        problem(s.annotate_draw(&leader(), id, "")),
        DrawProblem::ReasonRequired
    ));
    s.annotate_draw(&leader(), id, "名单已移交保密组").unwrap();
    assert_eq!(s.room(&admin(), id).unwrap().notes.len(), 1);
}

/// Issue 17: a note on a prepared draw (a preparation note), none while the witnesses answer.
#[test]
fn a_prepared_draw_takes_a_note_but_not_while_the_witnesses_answer() {
    let mut s = service();
    let id = ready(&mut s);
    s.annotate_draw(&admin(), id, "公开来源另行通知").unwrap();
    assert!(matches!(
        s.annotate_draw(&w(1), id, "a witness"),
        Err(ServiceError::Forbidden(_))
    ));
    s.reveal_draw(&admin(), id).unwrap();
    assert!(matches!(
        problem(s.annotate_draw(&admin(), id, "a note")),
        DrawProblem::Status { .. }
    ));
    let notes = s.room(&admin(), id).unwrap().notes;
    let notes: Vec<(&str, &str)> = (notes.iter())
        .map(|n| (n.by.as_str(), n.note.as_str()))
        .collect();
    assert_eq!(notes, [("admin", "公开来源另行通知")]);
    let audit = s.audit_recent(&admin(), 3).unwrap();
    assert!(audit.iter().any(|a| a.action == "annotate"), "{audit:?}");
}

#[test]
fn a_decline_blocks_sealing_until_a_leader_decides() {
    let mut s = service();
    let id = ready(&mut s);
    assert!(matches!(
        problem(s.confirm_draw(&w(1), id, None)),
        DrawProblem::Status { .. }
    ));
    s.reveal_draw(&admin(), id).unwrap();
    assert!(matches!(
        problem(s.decline_draw(&w(2), id, "  ", None)),
        DrawProblem::ReasonRequired
    ));
    s.confirm_draw(&w(1), id, None).unwrap();
    s.decline_draw(&w(2), id, "抽取时有人离场", None).unwrap();
    assert_eq!(s.room(&admin(), id).unwrap().status, Status::Disputed);
    // Only a leader decides; an administrator may not cancel a revealed draw.
    assert!(matches!(
        s.decide_draw(&admin(), id, &Decision::Accept { note: "x".into() }),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        s.cancel_draw(&admin(), id, "x"),
        Err(ServiceError::Forbidden(_))
    ));
    s.decide_draw(
        &leader(),
        id,
        &Decision::Accept {
            note: "经核实离场人员为保洁，不影响抽取".into(),
        },
    )
    .unwrap();
    let room = s.room(&w(2), id).unwrap();
    assert_eq!(room.status, Status::Sealed);
    assert_eq!(room.decision.unwrap().0, "lead");
    let decline = room.log.iter().find(|l| l.action == "decline").unwrap();
    assert_eq!(decline.note.as_deref(), Some("抽取时有人离场"));
}

#[test]
fn a_cancelled_draw_draws_nothing() {
    let mut s = service();
    let id = ready(&mut s);
    s.reveal_draw(&admin(), id).unwrap();
    s.decline_draw(&w(1), id, "结果公布前断电", None).unwrap();
    s.decide_draw(
        &leader(),
        id,
        &Decision::Cancel {
            reason: "重新抽取".into(),
        },
    )
    .unwrap();
    assert_eq!(s.room(&admin(), id).unwrap().status, Status::Cancelled);
    let plan = s.plan(&admin(), "2024Q2".parse().unwrap()).unwrap();
    assert!(plan.iter().all(|l| l.drawn == 0));
    // Before the reveal an administrator may cancel (e.g. after a crash).
    let mut r = DrawRequest::new("2024Q2".parse().unwrap());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Unclassified { count: 1 });
    let id2 = s.prepare_draw(&admin(), &r).unwrap().id;
    s.cancel_draw(&admin(), id2, "服务器重启，重新准备")
        .unwrap();
    assert!(matches!(
        problem(s.reveal_draw(&admin(), id2)),
        DrawProblem::Status { .. }
    ));
}

#[test]
fn lists_are_secret_and_views_of_sealed_lists_are_audited() {
    let mut s = service();
    let id = ready(&mut s);
    s.reveal_draw(&admin(), id).unwrap();
    s.confirm_draw(&w(1), id, None).unwrap();
    s.confirm_draw(&w(2), id, None).unwrap();
    let auditor = person(40, "aud", Role::Auditor);
    let insp = person(41, "insp", Role::Inspector);
    assert!(matches!(s.room(&insp, id), Err(ServiceError::Forbidden(_))));
    assert!(matches!(
        s.room(&auditor, id),
        Err(ServiceError::Forbidden(_))
    ));
    assert!(s.draw_summary(&auditor, id).unwrap().certificate.is_none());
    assert!(s.draw_certificate(&auditor, id).is_err());
    let before = s.audit_recent(&admin(), 200).unwrap().len();
    assert!(s.draw_summary(&leader(), id).unwrap().certificate.is_some());
    let views = s.audit_recent(&admin(), 200).unwrap();
    assert_eq!(views.len(), before + 1);
    assert_eq!(
        (views[0].action.as_str(), views[0].actor.as_str()),
        ("view", "lead")
    );

    // An inspector sees their own assignments, and only after the release.
    let cert = Certificate::from_json(&s.draw_certificate(&admin(), id).unwrap()).unwrap();
    let team = &cert.outcome.teams[0];
    let mine = team.officers[0].clone();
    let user = NewUser {
        name: "insp".into(),
        display_name: "检查员".into(),
        roles: [Role::Inspector].into(),
        keys: vec![],
        password: Some("a-long-password-1".into()),
        inspector_cert: Some(mine.clone()),
        must_change_password: false,
    };
    s.add_user(&admin(), &user).unwrap();
    assert!(s.worklist(&insp).unwrap().is_empty());
    assert!(matches!(
        s.release_draw(&leader(), id),
        Err(ServiceError::Forbidden(_))
    ));
    s.release_draw(&admin(), id).unwrap();
    let got = s.worklist(&insp).unwrap();
    let expected = cert
        .outcome
        .teams
        .iter()
        .filter(|t| t.officers.contains(&mine))
        .count();
    assert_eq!(got.len(), expected);
    assert!(got.iter().any(|w| w.a.code == team.code));
    assert!(got.iter().all(|w| w.a.team.contains(&mine)));
}

#[test]
fn nothing_entered_is_lost_when_the_server_restarts() {
    // The draw's quarter is live: the clock of the other tests (2024-04-10).
    fn in_2024q2() -> crate::service::Clock {
        use chrono::TimeZone;
        Box::new(|| chrono::Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.sqlite3");
    let id = {
        let mut s = Service::open(&path).unwrap().with_clock(in_2024q2());
        ready(&mut s)
    };
    let mut s = Service::open(&path).unwrap().with_clock(in_2024q2());
    let room = s.room(&w(1), id).unwrap();
    assert_eq!(room.entropy_count, 2);
    assert_eq!(s.room_to_rejoin(&w(2)).unwrap(), Some(id));
    s.join_room(&w(2), id).unwrap();
    s.reveal_draw(&admin(), id).unwrap();
    assert_eq!(s.room(&w(1), id).unwrap().status, Status::Revealed);
}

//! The live draw room over real SSH (issue 5): an administrator and two witnesses complete a
//! ceremony from three sessions; a witness disconnects and lands back in the room; the server
//! restarts mid-ceremony and nothing entered is lost; an inspector's session never sees a
//! sealed list; the certificate of a ceremony verifies.

mod common;

use common::ssh::{Cred, PASSWORD, Term, TestServer, into_room, start_server};
use shuangsui::domain::ceremony::Status;
use shuangsui::domain::draw::{Certificate, Quota, verify};
use shuangsui::service::{Actor, DrawRequest};
use std::time::Duration;

/// Prepares a draw of 1 key, 1 special and 2 general targets needing two witnesses; returns
/// its id and label.
fn prepare(srv: &TestServer) -> (i64, String) {
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let quarter = shuangsui::domain::quarter::Quarter::of(svc.today());
    let mut r = DrawRequest::new(quarter);
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    });
    r.min_witnesses = 2;
    let p = svc.prepare_draw(&Actor::console(), &r).expect("prepared");
    (p.id, p.check.label)
}

async fn entropy(t: &mut Term, text: &str) {
    t.send(b"e").await;
    assert!(t.wait_for("随机字符串").await, "{}", t.screen());
    t.send(text.as_bytes()).await;
    assert!(t.wait_for("个字符（不显示内容）").await, "{}", t.screen());
    assert!(!t.screen().contains(text), "entropy is never echoed");
    t.send(b"\r").await;
    assert!(t.wait_for("随机字符串已记录").await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_sessions_complete_a_ceremony_and_its_certificate_verifies() {
    let srv = start_server().await;
    let (id, label) = prepare(&srv);
    let mut admin = into_room(&srv, "admin", &label).await;
    let mut w1 = into_room(&srv, "w1", &label).await;
    let mut w2 = into_room(&srv, "w2", &label).await;
    // Everyone sees everyone.
    assert!(
        admin
            .pump(Duration::from_secs(2), |s| s.contains("w1")
                && s.contains("w2"))
            .await,
        "{}",
        admin.screen()
    );

    // Reveal is refused until both witnesses have entered entropy.
    admin.send(b"r").await;
    assert!(admin.wait_for("确定揭晓").await);
    admin.send(b"y").await;
    assert!(admin.wait_for("至少需要 2 位").await, "{}", admin.screen());

    entropy(&mut w1, "the first witness types this").await;
    entropy(&mut w2, "and the second one this").await;
    assert!(admin.wait_for("已输入 2 份").await, "{}", admin.screen());

    admin.send(b"r").await;
    assert!(admin.wait_for("确定揭晓").await);
    admin.send(b"y").await;
    for t in [&mut admin, &mut w1, &mut w2] {
        assert!(
            t.pump(Duration::from_secs(2), |s| s.contains("抽取结果"))
                .await,
            "{}",
            t.screen()
        );
    }

    for w in [&mut w1, &mut w2] {
        w.send(b"c").await;
        assert!(w.wait_for("确认本次抽取结果").await, "{}", w.screen());
        w.send(b"y").await;
        assert!(w.wait_for("您已确认").await, "{}", w.screen());
    }
    for t in [&mut admin, &mut w1, &mut w2] {
        assert!(
            t.pump(Duration::from_secs(2), |s| s.contains("已封存"))
                .await,
            "{}",
            t.screen()
        );
    }

    // The record goes to the administrator's outbox.
    admin.send(b"p").await;
    assert!(
        admin.wait_for("抽取记录已写入发件箱").await,
        "{}",
        admin.screen()
    );
    let outbox = srv.dir.path().join("outbox/admin");
    let html = std::fs::read_to_string(outbox.join(format!("抽取记录-{label}.html")))
        .expect("html record");
    assert!(html.contains(&label));
    assert!(outbox.join(format!("抽取记录-{label}.xlsx")).exists());

    let mut svc = srv.service();
    let json = svc
        .draw_certificate(&Actor::console(), id)
        .expect("certificate");
    let cert = Certificate::from_json(&json).expect("json");
    assert!(verify(&cert).is_ok());
    let by: Vec<&str> = cert.confirmed.iter().map(|c| c.by.as_str()).collect();
    assert_eq!(by, ["w1", "w2"]);
    for t in &cert.outcome.teams {
        assert!(html.contains(&t.code), "the record lists every target");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnects_and_a_restart_lose_nothing() {
    let srv = start_server().await;
    let (id, label) = prepare(&srv);
    let mut admin = into_room(&srv, "admin", &label).await;
    let mut w1 = into_room(&srv, "w1", &label).await;
    entropy(&mut w1, "typed before the line dropped").await;

    // w1's line drops; logging in again lands in the room as it is.
    drop(w1);
    assert!(
        admin
            .pump(Duration::from_secs(2), |s| s.contains("已离开"))
            .await,
        "{}",
        admin.screen()
    );
    let mut w1 = Term::connect(srv.addr(), "w1", Cred::Password(PASSWORD)).await;
    assert!(
        w1.wait_for(&format!("摇号室 {label}")).await,
        "{}",
        w1.screen()
    );
    assert!(w1.wait_for("已输入 1 份").await, "{}", w1.screen());

    // The server restarts mid-ceremony: sessions are told, the state stays.
    drop(admin);
    drop(w1);
    let srv = srv.restart().await;
    let mut w2 = into_room(&srv, "w2", &label).await;
    assert!(w2.wait_for("已输入 1 份").await, "{}", w2.screen());
    entropy(&mut w2, "after the restart").await;
    let mut admin = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(
        admin.wait_for(&format!("摇号室 {label}")).await,
        "the administrator lands back in the room: {}",
        admin.screen()
    );
    admin.send(b"r").await;
    assert!(admin.wait_for("确定揭晓").await);
    admin.send(b"y").await;
    assert!(
        w2.pump(Duration::from_secs(2), |s| s.contains("抽取结果"))
            .await,
        "{}",
        w2.screen()
    );
    let room = srv.service().room(&Actor::console(), id).expect("room");
    assert_eq!(room.status, Status::Revealed);
    assert_eq!(room.entropy_count, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inspector_never_sees_a_sealed_list() {
    let srv = start_server().await;
    let (id, _) = prepare(&srv);
    let me = Actor::console();
    let witness = |n: &str| Actor {
        user_id: Some(99),
        name: n.into(),
        roles: [shuangsui::domain::user::Role::Witness].into(),
    };
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    svc.open_room(&me, id).unwrap();
    for w in ["w1", "w2"] {
        svc.join_room(&witness(w), id).unwrap();
        svc.add_entropy(&witness(w), id, w, "some witness text")
            .unwrap();
    }
    let cert = svc.reveal_draw(&me, id).unwrap();
    for w in ["w1", "w2"] {
        svc.confirm_draw(&witness(w), id, None).unwrap();
    }
    let codes: Vec<String> = cert.outcome.teams.iter().map(|t| t.code.clone()).collect();
    // The inspector's account belongs to the lead of the first team.
    let mine = cert.outcome.teams[0].lead.clone();
    svc.update_user(
        &me,
        "inspector",
        "检查员",
        &[shuangsui::domain::user::Role::Inspector].into(),
        Some(&mine),
    )
    .unwrap();
    let own: Vec<&str> = cert
        .outcome
        .teams
        .iter()
        .filter(|t| t.officers.contains(&mine))
        .map(|t| t.code.as_str())
        .collect();

    let mut t = Term::connect(srv.addr(), "inspector", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    for key in ["1", "2", "3", "4", "5", "6", "7", "8", "9"] {
        t.send(key.as_bytes()).await;
        t.send(b"\r").await;
        t.pump(Duration::from_millis(200), |_| false).await;
        let s = t.screen();
        assert!(
            codes.iter().all(|c| !s.contains(c.as_str())) && !s.contains("抽取结果"),
            "tab {key}: {s}"
        );
    }
    // Released: the results tab (number 6 for everyone) lists their own targets only
    // (by name; the codes are in the pre-visit view).
    svc.release_draw(&me, id).unwrap();
    let names: std::collections::HashMap<String, String> = svc
        .enterprises(&me)
        .unwrap()
        .into_iter()
        .map(|e| (e.data.credit_code.to_string(), e.data.name))
        .collect();
    t.send(b"6").await;
    assert!(
        t.pump(Duration::from_secs(2), |s| own
            .iter()
            .all(|c| s.contains(names[*c].as_str())))
            .await,
        "{}",
        t.screen()
    );
    let s = t.screen();
    for c in &codes {
        assert_eq!(
            s.contains(names[c].as_str()),
            own.contains(&c.as_str()),
            "{c}: {s}"
        );
    }
    let insp = Actor {
        user_id: Some(3),
        name: "inspector".into(),
        roles: [shuangsui::domain::user::Role::Inspector].into(),
    };
    assert!(svc.room(&insp, id).is_err());
    assert!(svc.draw_certificate(&insp, id).is_err());
}

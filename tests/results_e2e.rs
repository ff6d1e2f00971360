//! Inspection results over real SSH (issue 6): an inspector enters two results with
//! save-and-next (F2); a reviewer returns one and approves the other; the public notice holds
//! exactly the approved result.

mod common;

use common::ssh::{Cred, PASSWORD, Term, TestServer, start_server};
use shuangsui::domain::draw::{Certificate, Quota};
use shuangsui::domain::user::Role;
use shuangsui::service::{Actor, DrawRequest};
use shuangsui::strings::Lang;
use std::collections::HashMap;
use std::time::Duration;

/// A sealed, released draw; the `inspector` account becomes the officer with the most
/// assignments in it. Returns that officer's targets.
fn released(srv: &TestServer) -> Vec<String> {
    let me = Actor::console();
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let quarter = shuangsui::domain::quarter::Quarter::of(svc.today());
    let mut r = DrawRequest::new(quarter);
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 2,
        special: 2,
        general: 4,
    });
    let id = svc.prepare_draw(&me, &r).expect("prepared");
    let id = id.id;
    svc.add_entropy(&me, id, "w1", "witness text for results")
        .expect("entropy");
    let cert: Certificate = svc.reveal_draw(&me, id).expect("revealed");
    svc.confirm_draw(&me, id, Some("w1")).expect("sealed");
    svc.release_draw(&me, id).expect("released");
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in &cert.outcome.teams {
        for o in &t.officers {
            *count.entry(o.as_str()).or_default() += 1;
        }
    }
    let (officer, n) = count
        .into_iter()
        .max_by_key(|(o, n)| (*n, std::cmp::Reverse(*o)))
        .expect("teams");
    assert!(n >= 2, "someone has two assignments");
    svc.update_user(
        &me,
        "inspector",
        "检查员",
        &[Role::Inspector].into(),
        Some(officer),
    )
    .expect("linked");
    cert.outcome
        .teams
        .iter()
        .filter(|t| t.officers.iter().any(|o| o == officer))
        .map(|t| t.code.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_with_save_and_next_review_and_publish() {
    let srv = start_server().await;
    let mine = released(&srv);

    // The inspector: the results tab is number 6; two results with F2 then Ctrl-S.
    let mut t = Term::connect(srv.addr(), "inspector", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"6").await;
    assert!(t.wait_for("待录入").await, "{}", t.screen());
    t.send(b"e").await;
    assert!(t.wait_for("新增检查结果").await, "{}", t.screen());
    t.send(b"\x1bOQ").await; // F2
    assert!(
        t.wait_for("继续录入下一条").await,
        "save-and-next opens the next: {}",
        t.screen()
    );
    assert!(t.wait_for("新增检查结果").await, "{}", t.screen());
    t.send(b"\x13").await; // Ctrl-S
    assert!(
        t.pump(Duration::from_secs(3), |s| s.matches("待审核").count() >= 2)
            .await,
        "{}",
        t.screen()
    );

    // Entering a result twice is refused by the service, whatever the UI shows.
    let mut svc = srv.service();
    let me = Actor::console();
    let submitted: Vec<_> = svc
        .worklist(&me)
        .expect("worklist")
        .into_iter()
        .filter(|w| w.a.result.is_some())
        .collect();
    assert_eq!(submitted.len(), 2);
    assert!(submitted.iter().all(|w| mine.contains(&w.a.code)));
    let (returned, approved) = (&submitted[0].a, &submitted[1].a);

    // The reviewer (a leader: the sixth tab) finds each by its code, returns one with a
    // comment and approves the other.
    let mut r = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(r.wait_for("首页").await);
    r.send(b"6").await;
    assert!(r.wait_for("待审核").await, "{}", r.screen());
    r.send(format!("/{}\r", returned.code).as_bytes()).await;
    assert!(r.wait_for("1/").await, "{}", r.screen());
    r.send(b"r").await;
    assert!(r.wait_for("退回原因").await, "{}", r.screen());
    r.send("请补充现场照片编号\r".as_bytes()).await;
    assert!(r.wait_for("已退回检查人员修改").await, "{}", r.screen());
    r.send(b"\x1b").await; // clear the search (a lone Esc: let it stand alone)
    r.pump(Duration::from_millis(300), |_| false).await;
    r.send(format!("/{}\r", approved.code).as_bytes()).await;
    r.pump(Duration::from_millis(300), |_| false).await;
    r.send(b"a").await;
    assert!(r.wait_for("已审核通过").await, "{}", r.screen());

    // The inspector sees the returned one first, with its state.
    assert!(
        t.pump(Duration::from_secs(3), |s| s.contains("已退回"))
            .await,
        "{}",
        t.screen()
    );

    // The public notice holds exactly the approved result.
    let (n, files) = svc
        .publication_files(
            &me,
            shuangsui::domain::quarter::Quarter::of(svc.today()),
            Lang::Zh,
        )
        .expect("notice");
    assert_eq!(n, 1);
    let html = files
        .iter()
        .find(|(name, _)| name.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("html");
    assert!(html.contains(&approved.code), "{html}");
    assert!(!html.contains(&returned.code));
    let csv = files
        .iter()
        .find(|(name, _)| name.ends_with(".csv"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("csv");
    assert!(csv.contains(&approved.code) && !csv.contains(&returned.code));
}

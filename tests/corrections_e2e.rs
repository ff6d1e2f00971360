//! Corrections and objections, and the re-check by keys, over real SSH (issue 18): the
//! administrator records an objection from a published result's detail (`o`), a leader's
//! session decides it (`d`, 更正 with the corrected result), the detail shows the kept version
//! and the correction notice the administrator writes (`P`) names what changed; a follow-up is re-checked from the worklist
//! (`c`, the form, Ctrl-S) and closes, and a second re-check is refused with the reason.

mod common;
use common::results::entered_result;
use common::ssh::{Cred, PASSWORD, Term, TestServer, start_server};
use shuangsui::domain::followup::Status;
use shuangsui::domain::quarter::Quarter;
use shuangsui::service::{Actor, Service};
use shuangsui::strings::Lang;

/// A result of `category` entered by the console (a problem gets a deadline in 10 days): its
/// target's code, its id, and a service on the server's database.
fn with_result(srv: &TestServer, category: &str) -> (String, i64, Service) {
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let e = entered_result(&mut svc, category, false);
    (e.code, e.result, svc)
}

/// Finds `code` on the results tab (the sixth), the cursor on its row.
async fn find_row(t: &mut Term, code: &str) {
    assert!(t.wait_for("首页").await);
    t.send(b"6").await;
    assert!(t.wait_for("截止日期").await, "{}", t.screen());
    t.send(format!("/{code}\r").as_bytes()).await;
    assert!(t.wait_for("1/").await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_objection_leads_to_a_correction_notice() {
    let srv = start_server().await;
    let (code, rid, mut svc) = with_result(&srv, "no_problem");
    let me = Actor::console();
    svc.review(&me, rid, 1, true, "").expect("approved");
    let q = Quarter::of(svc.today());
    svc.publication_files(&me, q, Lang::Zh).expect("published");

    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    find_row(&mut t, &code).await;
    t.send(b"\r").await;
    assert!(t.wait_for("【佐证材料】").await, "{}", t.screen());
    t.send(b"o").await;
    assert!(t.wait_for("登记异议/更正").await, "{}", t.screen());
    // Kind 异议 and today are given; who raised it and what it says are typed.
    t.send(b"\t\t").await;
    t.send("唐山某公司".as_bytes()).await;
    t.send(b"\t").await;
    t.send("企业称检查时已责令改正".as_bytes()).await;
    t.send(b"\x13").await;
    assert!(t.wait_for("【异议与更正】").await, "{}", t.screen());
    assert!(t.wait_for("待决定").await, "{}", t.screen());
    // A second case while this one awaits a decision is refused, with the reason.
    t.send(b"o").await;
    assert!(t.wait_for("已有待决定的异议或更正").await, "{}", t.screen());

    // A leader decides: 更正, the corrected result 发现问题已责令改正.
    let mut l = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    find_row(&mut l, &code).await;
    l.send(b"\r").await;
    assert!(l.wait_for("【异议与更正】").await, "{}", l.screen());
    l.send(b"d").await;
    assert!(l.wait_for("决定维持/更正").await, "{}", l.screen());
    l.send(b"\r\x1b[B\r").await; // 维持 → 更正
    l.send("经复核，检查时已发现问题".as_bytes()).await;
    l.send(b"\t\r\x1b[B\x1b[B\r").await; // unchanged → 未发现问题 → 发现问题已责令改正
    l.send(b"\x13").await;
    assert!(l.wait_for("第1版（已被更正）").await, "{}", l.screen());
    assert!(l.wait_for("当前版本：2").await, "{}", l.screen());
    assert!(l.screen().contains("已更正"), "{}", l.screen());
    let r = svc.result_assignment(&me, rid).unwrap().result.unwrap();
    assert_eq!(r.data.category, "corrected");

    // The administrator writes the correction notice to the outbox (`P` on the worklist).
    t.send(b"\x1b").await;
    assert!(t.wait_for("截止日期").await, "{}", t.screen());
    t.send(b"P").await;
    assert!(t.wait_for("1 条更正").await, "{}", t.screen());
    let name = format!("更正公示-{q}.html");
    let html = std::fs::read_to_string(srv.dir.path().join("outbox/admin").join(&name)).unwrap();
    assert!(
        html.contains("检查结果：未发现问题 → 发现问题已责令改正"),
        "{html}"
    );
    assert!(svc.verify_audit(&me, None).unwrap().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_rechecked_by_keys_closes() {
    let srv = start_server().await;
    let (code, rid, mut svc) = with_result(&srv, "corrected");
    let me = Actor::console();
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    find_row(&mut t, &code).await;
    t.send(b"c").await;
    assert!(t.wait_for("复查结果").await, "{}", t.screen());
    assert!(t.screen().contains("已整改"), "{}", t.screen());
    // Today, the team present and 已整改 are given: Ctrl-S records it.
    t.send(b"\x13").await;
    assert!(t.wait_for("已保存").await, "{}", t.screen());
    let f = svc.followups(&me, None, false).unwrap();
    let line = f.iter().find(|l| l.result_id == rid).expect("followed up");
    assert_eq!(line.status, Status::Closed);
    t.send(b"c").await;
    assert!(t.wait_for("已复查关闭").await, "{}", t.screen());
}

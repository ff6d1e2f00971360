//! Evidence files over real SSH and SFTP (issue 18): the administrator uploads a scan and a
//! renamed file to the inbox with `sftp`, opens a result's detail, attaches the scan by keys
//! (`i`, Enter) and is refused the renamed file; a leader's session sees the file in the same
//! detail and copies it to the outbox (`x`); the administrator's copy downloads with `sftp`
//! byte for byte, and the audit trail still verifies.

mod common;
use common::results::entered_result;
use common::sftp::{key_file, sftp};
use common::ssh::{Cred, PASSWORD, Term, TestServer, start_server};
use shuangsui::service::Actor;
use std::time::Duration;

const PDF: &[u8] = b"%PDF-1.4\n% scanned record, signed on site\n%%EOF\n";

/// A released draw and one result entered (by the console), of a category (a problem gets a rectification deadline in 10 days);
/// the code, the result's id and its team.
fn with_result_of(srv: &TestServer, category: &str) -> (String, i64, Vec<String>) {
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let e = entered_result(&mut svc, category, false);
    (e.code, e.result, e.team)
}

/// Opens the detail of the result of `code` on the results tab (the sixth).
async fn open_detail(t: &mut Term, code: &str) {
    assert!(t.wait_for("首页").await);
    t.send(b"6").await;
    assert!(t.wait_for("待审核").await, "{}", t.screen());
    t.send(format!("/{code}\r").as_bytes()).await;
    assert!(t.wait_for("1/").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("【佐证材料】").await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_is_uploaded_attached_seen_exported_and_downloaded() {
    let srv = start_server().await;
    let (code, result, _) = with_result_of(&srv, "no_problem");
    let pc = tempfile::tempdir().unwrap();
    let key = key_file(&srv.admin_key, &pc.path().join("key"));
    std::fs::write(pc.path().join("scan.pdf"), PDF).unwrap();
    std::fs::write(pc.path().join("photo.png"), PDF).unwrap();
    let out = sftp(
        srv.addr(),
        &key,
        "admin",
        pc.path(),
        "cd inbox\nput scan.pdf\nput photo.png\n",
    );
    assert!(out.ok, "{}\n{}", out.stdout, out.stderr);

    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    open_detail(&mut t, &code).await;
    assert!(t.screen().contains("按 i 从收件箱添加"), "{}", t.screen());
    assert!(!t.screen().contains("复制到发件箱"), "no x without files");
    // The renamed file is refused and nothing is attached.
    t.send(b"i").await;
    assert!(t.wait_for("从收件箱选择佐证材料").await, "{}", t.screen());
    let screen = t.screen();
    let photo_first = screen.find("photo.png") < screen.find("scan.pdf");
    t.send(if photo_first { b"\r" } else { b"\x1b[B\r" }).await;
    assert!(t.wait_for("扩展名与内容不符").await, "{}", t.screen());
    // The scan is attached.
    t.send(b"i").await;
    assert!(t.wait_for("从收件箱选择佐证材料").await, "{}", t.screen());
    t.send(if photo_first { b"\x1b[B\r" } else { b"\r" }).await;
    assert!(t.wait_for("已添加佐证材料 1").await, "{}", t.screen());
    assert!(t.wait_for("#1 scan.pdf").await, "{}", t.screen());

    // A leader (a reviewer) sees it and copies it to the outbox.
    let mut l = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    open_detail(&mut l, &code).await;
    assert!(l.screen().contains("#1 scan.pdf"), "{}", l.screen());
    assert!(
        !l.screen().contains("从收件箱添加佐证材料"),
        "leaders do not attach"
    );
    l.send(b"x").await;
    assert!(l.wait_for("复制哪个文件到发件箱").await, "{}", l.screen());
    l.send(b"\r").await;
    assert!(l.wait_for("outbox/1-scan.pdf").await, "{}", l.screen());
    let leader_copy = srv.dir.path().join("outbox/leader/1-scan.pdf");
    assert_eq!(std::fs::read(leader_copy).unwrap(), PDF);

    // The administrator's copy downloads over SFTP, byte for byte.
    t.send(b"x").await;
    assert!(t.wait_for("复制哪个文件到发件箱").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("outbox/1-scan.pdf").await, "{}", t.screen());
    let out = sftp(
        srv.addr(),
        &key,
        "admin",
        pc.path(),
        "get /outbox/1-scan.pdf back.pdf\n",
    );
    assert!(out.ok, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(std::fs::read(pc.path().join("back.pdf")).unwrap(), PDF);
    // A wrong attachment is withdrawn with a reason (`w`) and stays on record.
    t.send(b"w").await;
    assert!(t.wait_for("撤回哪个文件").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("撤回“scan.pdf”的原因").await, "{}", t.screen());
    t.send("扫描件页码不全\r".as_bytes()).await;
    assert!(t.wait_for("佐证材料 1 已撤回").await, "{}", t.screen());
    let mut svc = srv.service();
    let files = svc.evidence_list(&Actor::console(), result).unwrap();
    assert!(files[0].withdrawn.is_some(), "withdrawn, kept: {files:?}");
    assert!(svc.verify_audit(&Actor::console(), None).unwrap().is_ok());
    l.pump(Duration::from_millis(100), |_| false).await;
}

/// A published result "发现问题已责令改正" with a deadline is a follow-up: on the dashboard and in
/// the worklist (待复查 with its deadline) until the re-check closes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_shows_until_the_recheck_closes_it() {
    let srv = start_server().await;
    let (code, rid, team) = with_result_of(&srv, "corrected");
    let me = Actor::console();
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    svc.review(&me, rid, 1, true, "").expect("approved");
    let quarter = shuangsui::domain::quarter::Quarter::of(svc.today());
    svc.publication_files(&me, quarter, shuangsui::strings::Lang::Zh)
        .expect("published");
    let deadline = (svc.today() + chrono::Duration::days(10)).to_string();

    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("整改待复查：1 项").await, "{}", t.screen());
    t.send(b"6").await;
    assert!(t.wait_for("截止日期").await, "{}", t.screen());
    let row = t
        .screen()
        .lines()
        .find(|l| l.contains(&deadline))
        .map(str::to_string)
        .unwrap_or_default();
    assert!(row.contains("待复查"), "{}", t.screen());
    svc.recheck(
        &me,
        rid,
        &shuangsui::domain::followup::Recheck {
            date: svc.today(),
            officers: team.iter().take(2).cloned().collect(),
            outcome: shuangsui::domain::followup::Outcome::Rectified,
            case_no: String::new(),
            remark: String::new(),
        },
    )
    .expect("re-checked");
    assert!(
        t.pump(Duration::from_secs(3), |s| s.contains("已公示")
            && !s.contains("待复查"))
            .await,
        "{}",
        t.screen()
    );
    let _ = code;

    // The reports tab (the seventh): `b` writes the quarter's bundle to the outbox.
    t.send(b"7").await;
    assert!(t.wait_for("季度佐证材料包").await, "{}", t.screen());
    t.send(b"b").await;
    let name = format!("佐证材料包-{quarter}.zip");
    assert!(t.wait_for(&name).await, "{}", t.screen());
    let zip = std::fs::read(srv.dir.path().join("outbox/admin").join(&name)).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert!(z.by_name("SHA256SUMS").is_ok());
}

/// A follow-up past its deadline is overdue on the dashboard (issue 18): the result was entered
/// on a fixed clock at the start of the quarter with a deadline the next day; the server runs on
/// today's date. A re-check closes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_past_its_deadline_is_overdue_until_rechecked() {
    use chrono::TimeZone;
    let srv = start_server().await;
    let today = srv.service().today();
    let quarter = shuangsui::domain::quarter::Quarter::of(today);
    let start = quarter.start();
    if today <= start + chrono::Duration::days(1) {
        eprintln!("the quarter began less than two days ago: no deadline can have passed yet");
        return;
    }
    let at = chrono::Utc
        .from_local_datetime(&start.and_hms_opt(2, 0, 0).expect("time"))
        .single()
        .expect("utc");
    let me = Actor::console();
    let mut past = srv
        .service()
        .with_clock(Box::new(move || at))
        .with_notifier(srv.running.hub.notifier());
    let e = common::results::entered_result_due(&mut past, "corrected", false, 1);
    past.review(&me, e.result, 1, true, "").expect("approved");
    (past.publication_files(&me, quarter, shuangsui::strings::Lang::Zh)).expect("published");

    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("整改逾期未复查：1 项").await, "{}", t.screen());
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let recheck = shuangsui::domain::followup::Recheck {
        date: svc.today(),
        officers: e.team.iter().take(2).cloned().collect(),
        outcome: shuangsui::domain::followup::Outcome::Rectified,
        case_no: String::new(),
        remark: String::new(),
    };
    svc.recheck(&me, e.result, &recheck).expect("re-checked");
    let gone = t
        .pump(Duration::from_secs(3), |s| !s.contains("整改逾期未复查"))
        .await;
    assert!(gone, "{}", t.screen());
}

//! Evidence files from the command line (issue 18): attach a scan to a result, list it, read it
//! back, withdraw it with a reason; refusals (unknown result, refused kind, renamed file, over
//! the limit, someone outside the team) in both languages, with nothing changed. And the
//! rectification follow-up a result with a problem opens: listed, re-checked, closed once.

mod common;

use common::Env;
use common::results::entered_result;
use shuangsui::domain::user::Role;
use shuangsui::service::{Actor, NewUser, Service};

const PDF: &[u8] = b"%PDF-1.4\n% a scanned, signed record\n";

/// Demo data, a released draw and one result entered by the console; the result's id.
fn with_result(env: &Env) -> i64 {
    with_result_of(env, "no_problem").0
}

/// Like `with_result`, of a category (a problem gets a rectification deadline in 10 days and
/// is a typical case); the result's id and the officers of its team.
fn with_result_of(env: &Env, category: &str) -> (i64, Vec<String>) {
    env.ok(&["demo-data", "--enterprises", "60"]);
    let me = Actor::console();
    let mut svc = Service::open(&env.db()).expect("open");
    let e = entered_result(&mut svc, category, category != "no_problem");
    svc.add_user(
        &me,
        &NewUser {
            name: "outsider".into(),
            roles: [Role::Inspector].into(),
            password: Some("a-long-password-1".into()),
            ..Default::default()
        },
    )
    .expect("user");
    (e.result, e.team)
}

#[test]
fn add_list_get_withdraw_and_refusals() {
    let env = Env::new();
    let r = with_result(&env).to_string();
    let scan = env.file("现场记录.pdf", PDF);
    let out = env.ok(&["evidence", "add", &r, scan.to_str().unwrap()]);
    let sha = shuangsui::domain::audit::file_digest(PDF);
    assert!(
        out.contains("已添加佐证材料 1") && out.contains(&sha),
        "{out}"
    );
    let list = env.ok(&["evidence", "list", &r]);
    assert!(
        list.contains("现场记录.pdf") && list.contains("有效"),
        "{list}"
    );
    let back = env.path("back.pdf");
    env.ok(&["evidence", "get", "1", back.to_str().unwrap()]);
    assert_eq!(std::fs::read(&back).unwrap(), PDF);

    let last = || {
        let mut svc = Service::open(&env.db()).expect("open");
        svc.audit_recent(&Actor::console(), 1).expect("audit")[0].id
    };
    let before = last();
    let refused = |args: &[&str], want: &str| {
        let run = env.run(args);
        assert_eq!(run.0.status.code(), Some(1), "{args:?}");
        assert!(run.stderr().contains(want), "{args:?}: {}", run.stderr());
    };
    let exe = env.file("tool.exe", PDF);
    let fake = env.file("photo.png", PDF);
    let (exe, fake) = (exe.to_str().unwrap(), fake.to_str().unwrap());
    refused(
        &["evidence", "add", "999", exe],
        "没有编号为 999 的检查结果",
    );
    refused(&["evidence", "add", &r, exe], "不接受此类文件");
    refused(&["evidence", "add", &r, fake], "扩展名与内容不符");
    refused(
        &["--lang", "en", "evidence", "add", &r, fake],
        "does not match",
    );
    refused(
        &["evidence", "list", &r, "--as", "outsider"],
        "无权执行此操作",
    );
    refused(
        &[
            "evidence",
            "add",
            &r,
            scan.to_str().unwrap(),
            "--as",
            "outsider",
        ],
        "无权执行此操作",
    );
    env.ok(&["settings", "set", "evidence-max-mb", "1"]);
    let big = env.file("big.pdf", [PDF, &vec![b' '; 1 << 20][..]].concat());
    refused(
        &["evidence", "add", &r, big.to_str().unwrap()],
        "超过佐证材料上限 1 MB",
    );
    refused(
        &["evidence", "withdraw", "1", "--reason", " "],
        "撤回须写明原因",
    );
    // Nothing changed but the setting.
    assert_eq!(last(), before + 1);
    assert_eq!(env.ok(&["evidence", "list", &r]).matches(".pdf").count(), 1);

    env.ok(&["evidence", "withdraw", "1", "--reason", "传错了文件"]);
    refused(
        &["evidence", "withdraw", "1", "--reason", "again"],
        "已经撤回",
    );
    let list = env.ok(&["--lang", "en", "evidence", "list", &r]);
    assert!(
        list.contains("withdrawn") && list.contains("传错了文件"),
        "{list}"
    );
    let v = env.ok(&["audit", "verify"]);
    assert!(v.starts_with("OK"), "{v}");

    // Someone with the database file changes the kept bytes behind the triggers' back:
    // `audit verify` names the file.
    let c = rusqlite::Connection::open(env.db()).unwrap();
    c.execute_batch("DROP TRIGGER stored_files_no_update")
        .unwrap();
    c.execute(
        "UPDATE stored_files SET bytes = ?1 WHERE sha256 = ?2",
        rusqlite::params![b"%PDF-1.4\nforged".to_vec(), sha],
    )
    .unwrap();
    drop(c);
    let run = env.run(&["audit", "verify"]);
    assert_eq!(run.0.status.code(), Some(1));
    assert!(
        run.stdout()
            .contains(&format!("留存文件 {sha}：内容与其 SHA-256 不符")),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_follow_up_is_listed_rechecked_and_closed_once() {
    let env = Env::new();
    let (r, team) = with_result_of(&env, "corrected");
    let id = r.to_string();
    let list = env.ok(&["followup", "list"]);
    assert!(list.contains("待复查"), "{list}");
    let overdue = env.ok(&["followup", "list", "--overdue"]);
    assert!(!overdue.contains("待复查"), "{overdue}");
    let today = (chrono::Utc::now() + chrono::Duration::hours(8))
        .date_naive()
        .to_string();
    let two = format!("{},{}", team[0], team[1]);
    let refused = |args: &[&str], want: &str| {
        let run = env.run(args);
        assert_eq!(run.0.status.code(), Some(1), "{args:?}");
        assert!(run.stderr().contains(want), "{args:?}: {}", run.stderr());
    };
    let base = ["followup", "recheck", &id, "--date", &today, "--officers"];
    refused(
        &[&base[..], &[&team[0], "--outcome", "已整改"]].concat(),
        "至少 2 名执法人员",
    );
    refused(
        &[&base[..], &[&two, "--outcome", "未整改"]].concat(),
        "请填写立案编号",
    );
    refused(
        &[&base[..], &[&two, "--outcome", "maybe"]].concat(),
        "不是复查结果",
    );
    refused(
        &[
            "followup",
            "recheck",
            "999",
            "--date",
            &today,
            "--officers",
            &two,
            "--outcome",
            "已整改",
        ],
        "没有编号为 999 的检查结果",
    );
    let out = env.ok(&[
        &base[..],
        &[
            &two,
            "--outcome",
            "未整改",
            "--case-no",
            "唐高环立〔2024〕12号",
        ],
    ]
    .concat());
    assert!(out.contains("已复查关闭"), "{out}");
    refused(
        &[
            &["--lang", "en"][..],
            &base[..],
            &[&two, "--outcome", "rectified"],
        ]
        .concat(),
        "already closed",
    );
    let list = env.ok(&["followup", "list"]);
    assert!(list.contains("已复查") && list.contains("未整改"), "{list}");
    assert!(env.ok(&["audit", "verify"]).starts_with("OK"));
}

#[test]
fn the_quarter_bundle_verifies_with_sha256sum() {
    let env = Env::new();
    let (r, _) = with_result_of(&env, "corrected");
    let scan = env.file("scan.pdf", PDF);
    env.ok(&["evidence", "add", &r.to_string(), scan.to_str().unwrap()]);
    let q = shuangsui::domain::quarter::Quarter::of(
        (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive(),
    )
    .to_string();
    let zip_path = env.path("bundle.zip");
    let out = env.ok(&["report", "bundle", &q, "--out", zip_path.to_str().unwrap()]);
    assert!(out.contains("SHA256SUMS"), "{out}");
    let bytes = std::fs::read(&zip_path).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let dir = env.path("unpacked");
    z.extract(&dir).unwrap();
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    for want in [
        "典型案例/典型案例.csv",
        "/1-scan.pdf",
        "抽取记录/",
        ".html",
        ".xlsx",
    ] {
        assert!(sums.contains(want), "{want}: {sums}");
    }
    assert_eq!(
        std::fs::read(
            sums.lines()
                .find(|l| l.ends_with("1-scan.pdf"))
                .map(|l| dir.join(&l[66..]))
                .unwrap()
        )
        .unwrap(),
        PDF
    );
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(&dir)
        .output()
        .expect("sha256sum runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // A changed file is caught.
    let csv = dir.join("典型案例/典型案例.csv");
    std::fs::write(&csv, "changed").unwrap();
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "SHA256SUMS"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!check.status.success());
}

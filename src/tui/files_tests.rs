//! The import wizard and the outbox exports of the registry screens, driven by keys over a
//! database in a temporary folder (the inbox and outbox sit beside it); the wizard's steps as
//! snapshots at 80×24.

use super::app::{App, Session};
use super::snapshots::{key, keys, screen};
use super::theme::Theme;
use crate::domain::credit_code::CreditCode;
use crate::domain::user::Role;
use crate::exchange::import::Kind;
use crate::service::hub::Hub;
use crate::service::{Actor, Service};
use crate::strings::Lang;
use chrono::{TimeZone, Utc};
use ratatui::crossterm::event::KeyCode;
use sha2::{Digest, Sha256};
use std::path::Path;

fn clock() -> crate::service::Clock {
    Box::new(|| Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
}

fn admin() -> Actor {
    Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    }
}

/// An app for `wang` with `roles` over 40 demo enterprises in a temporary folder.
fn app(roles: &[Role]) -> (tempfile::TempDir, App) {
    app_in(roles, Lang::Zh)
}

fn app_in(roles: &[Role], lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let hub = Hub::new();
    let mut svc = Service::open(&dir.path().join("t.sqlite3"))
        .unwrap()
        .with_clock(clock())
        .with_notifier(hub.notifier());
    crate::demo::fill(&mut svc, &admin(), 40).unwrap();
    let app = App::new(
        Session {
            actor: Actor {
                user_id: Some(1),
                name: "wang".into(),
                roles: roles.iter().copied().collect(),
            },
            lang,
            theme: Theme { ascii: false },
            must_change_password: false,
        },
        svc,
        hub,
    );
    (dir, app)
}

fn service(dir: &Path) -> Service {
    Service::open(&dir.join("t.sqlite3"))
        .unwrap()
        .with_clock(clock())
}

/// Puts a file into wang's inbox, dated 2024-04-10 09:00 Beijing time.
fn upload(dir: &Path, name: &str, bytes: &[u8]) {
    let inbox = crate::exchange::inbox::dir(&dir.join("t.sqlite3"), "wang");
    std::fs::create_dir_all(&inbox).unwrap();
    let p = inbox.join(name);
    std::fs::write(&p, bytes).unwrap();
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_712_710_800);
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(at)
        .unwrap();
}

fn code(first17: &str) -> String {
    CreditCode::complete(first17).unwrap().to_string()
}

/// Two new enterprises as Chinese Excel saves CSV (GB18030); with `bad`, the second row's
/// credit code has a wrong check character.
fn enterprises_csv(bad: bool) -> Vec<u8> {
    let (a, b) = (code("91130273MA0B00001"), code("91130273MA0B00002"));
    let wrong = if b.ends_with('0') { '1' } else { '0' };
    let b = if bad {
        format!("{}{wrong}", &b[..17])
    } else {
        b
    };
    let text = format!(
        "序号,单位名称,统一社会信用代码,所在区域,行业类别\r\n\
         1,唐山新建钢铁有限公司,{a},高新区,钢铁\r\n\
         2,唐山新建陶瓷有限公司,{b},高新区,陶瓷\r\n"
    );
    encoding_rs::GB18030.encode(&text).0.into_owned()
}

#[test]
fn import_wizard_refuses_a_file_with_a_bad_row() {
    let (dir, mut a) = app(&[Role::Admin]);
    keys(&mut a, "2i");
    let kinds = screen(&mut a);
    assert!(
        kinds.contains("行政处罚") && kinds.contains("检查记录"),
        "{kinds}"
    );
    key(&mut a, KeyCode::Enter);
    let empty = screen(&mut a);
    assert!(
        empty.contains("SFTP") && empty.contains("inbox/"),
        "{empty}"
    );
    upload(dir.path(), "新企业.csv", &enterprises_csv(true));
    keys(&mut a, "r");
    let files = screen(&mut a);
    assert!(files.contains("新企业.csv"), "{files}");
    key(&mut a, KeyCode::Enter);
    let preview = screen(&mut a);
    assert!(
        preview.contains("GB18030") && preview.contains("→ 单位名称"),
        "{preview}"
    );
    assert!(!preview.contains("y 导入"), "y is not offered: {preview}");
    key(&mut a, KeyCode::PageDown);
    let problems = screen(&mut a);
    assert!(
        problems.contains("第 3 行") && problems.contains("校验码错误"),
        "{problems}"
    );
    keys(&mut a, "y");
    assert!(screen(&mut a).contains("文件有误，不能导入"));
    let me = admin();
    assert_eq!(service(dir.path()).enterprises(&me).unwrap().len(), 40);
    // Esc goes back a step at a time: the files, the kinds, the list.
    key(&mut a, KeyCode::Esc);
    assert!(screen(&mut a).contains("第 1 步"));
    key(&mut a, KeyCode::Esc);
    assert!(screen(&mut a).contains("导入哪一类数据"));
    key(&mut a, KeyCode::Esc);
    assert!(screen(&mut a).contains("检查对象 40/40 条"));
    insta::assert_snapshot!(format!("{kinds}{empty}{files}{preview}{problems}"));
}

#[test]
fn import_wizard_imports_all_rows_and_audits_the_file() {
    let (dir, mut a) = app(&[Role::Admin]);
    let good = enterprises_csv(false);
    upload(dir.path(), "新企业.csv", &good);
    keys(&mut a, "2i");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    let preview = screen(&mut a);
    key(&mut a, KeyCode::PageDown);
    let check = screen(&mut a);
    assert!(
        check.contains("将新增 2") && check.contains("按 y 导入"),
        "{check}"
    );
    keys(&mut a, "y");
    let done = screen(&mut a);
    assert!(done.contains("已导入检查对象 2 行"), "{done}");
    let me = admin();
    let mut svc = service(dir.path());
    assert_eq!(svc.enterprises(&me).unwrap().len(), 42);
    let sha: String = Sha256::digest(&good)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let audit = svc.audit_recent(&me, 10).unwrap();
    let entry = audit.iter().find(|e| e.action == "import").unwrap();
    assert_eq!(entry.summary, format!("新企业.csv sha256:{sha}"));
    key(&mut a, KeyCode::Enter);
    let list = screen(&mut a);
    assert!(list.contains("检查对象 42/42 条"), "{list}");
    insta::assert_snapshot!(format!("{preview}{check}{done}"));
}

#[test]
fn one_kind_screens_start_at_the_inbox_and_only_admins_import() {
    let (_dir, mut a) = app(&[Role::Admin]);
    keys(&mut a, "3i");
    assert!(screen(&mut a).contains("导入检查人员 · 第 1 步"));
    key(&mut a, KeyCode::Esc);
    keys(&mut a, "4i");
    assert!(screen(&mut a).contains("导入抽查事项 · 第 1 步"));
    let (_dir, mut l) = app(&[Role::Leader]);
    keys(&mut l, "2i");
    let s = screen(&mut l);
    assert!(!s.contains("导入") && s.contains("x 导出"), "{s}");
}

#[test]
fn x_writes_the_list_shown_to_the_outbox_and_it_reimports() {
    let (dir, mut a) = app(&[Role::Admin]);
    let outbox = crate::exchange::outbox::dir(&dir.path().join("t.sqlite3"), "wang");
    keys(&mut a, "2x");
    let s = screen(&mut a);
    let name = "检查对象-20240410-090000.xlsx";
    assert!(
        s.contains(&format!("已导出全部 40 条：outbox/{name}")),
        "{s}"
    );
    let bytes = std::fs::read(outbox.join(name)).unwrap();
    let me = admin();
    let mut svc = service(dir.path());
    let o = svc
        .import_bytes(&me, Kind::Enterprises, name, &bytes, true)
        .unwrap();
    assert_eq!((o.rows, o.unchanged), (40, 40));
    // A search narrows the list: what is shown is exported.
    keys(&mut a, "/tsjd");
    key(&mut a, KeyCode::Enter);
    let shown = a
        .listing(super::app::Tab::Enterprises)
        .map(|l| l.rows.len())
        .unwrap();
    assert_eq!(shown, 40);
    keys(&mut a, "x");
    let s = screen(&mut a);
    let n: usize = s
        .split("已导出当前显示的 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{s}"));
    assert!(n > 0 && n < 40, "{s}");
    let t = crate::exchange::table::read_path(&outbox.join(name)).unwrap();
    assert_eq!(t.rows.len(), n);
    // The items and the audit log too.
    keys(&mut a, "4x");
    assert!(screen(&mut a).contains("outbox/抽查事项-20240410-090000.xlsx"));
    keys(&mut a, "8x");
    assert!(screen(&mut a).contains("outbox/审计日志-20240410-090000.xlsx"));
    assert!(outbox.join("审计日志-20240410-090000.xlsx").is_file());
}

#[test]
fn the_wizard_and_exports_speak_english() {
    let (dir, mut a) = app_in(&[Role::Admin], Lang::En);
    upload(dir.path(), "firms.csv", &enterprises_csv(false));
    keys(&mut a, "2i");
    assert!(screen(&mut a).contains("What does the file hold"));
    key(&mut a, KeyCode::Enter);
    assert!(screen(&mut a).contains("Import enterprises · step 1 of 3"));
    key(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(
        s.contains("encoding: GB18030") && s.contains("all 2 rows are valid"),
        "{s}"
    );
    keys(&mut a, "y");
    let s = screen(&mut a);
    assert!(s.contains("imported 2 rows of enterprises"), "{s}");
    key(&mut a, KeyCode::Enter);
    keys(&mut a, "x");
    let s = screen(&mut a);
    assert!(
        s.contains("exported all 42 records: outbox/enterprises-20240410-090000.xlsx"),
        "{s}"
    );
}

#[test]
fn penalties_are_imported_from_the_enterprises_screen() {
    let (dir, mut a) = app(&[Role::Admin]);
    let me = admin();
    let firm = service(dir.path()).enterprises(&me).unwrap()[0].clone();
    let csv = format!(
        "单位名称,统一社会信用代码,处罚日期,处罚文书号,处罚事由\n{},{},2024-03-05,唐高环罚〔2024〕9号,超标排放\n",
        firm.data.name, firm.data.credit_code
    );
    upload(dir.path(), "处罚.csv", csv.as_bytes());
    keys(&mut a, "2i");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(screen(&mut a).contains("导入行政处罚 · 第 1 步"));
    key(&mut a, KeyCode::Enter);
    let s = screen(&mut a);
    assert!(
        s.contains("忽略（不导入）") && s.contains("将新增 1"),
        "{s}"
    );
    keys(&mut a, "y");
    let s = screen(&mut a);
    assert!(s.contains("已导入行政处罚 1 行"), "{s}");
    let audit = service(dir.path()).audit_recent(&me, 5).unwrap();
    assert!(audit.iter().any(|e| e.entity == "penalty"));
}

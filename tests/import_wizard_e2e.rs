//! Issue 8 over real SSH (russh client, vt100 screen) with OpenSSH's `sftp` for the files: a
//! GB18030 CSV with a bad row uploaded into the administrator's inbox is previewed in the
//! import wizard and refused with the row explained; the fixed file, uploaded again, imports
//! through the wizard, another session sees the new rows, and the audit trail holds the file's
//! name and SHA-256. Then `x` writes the list to the outbox, and the file downloaded with
//! `sftp` imports again unchanged.

mod common;
use common::sftp::{key_file, sftp};
use common::ssh::{Cred, PASSWORD, Term, start_server};
use common::{code, gb18030};
use sha2::{Digest, Sha256};
use shuangsui::exchange::import::Kind;
use shuangsui::service::Actor;
use std::time::Duration;

const PAGE_DOWN: &[u8] = b"\x1b[6~";

fn file(bad: bool) -> Vec<u8> {
    let (a, b) = (code("91130273MA0C00001"), code("91130273MA0C00002"));
    let wrong = if b.ends_with('0') { '1' } else { '0' };
    let b = if bad {
        format!("{}{wrong}", &b[..17])
    } else {
        b
    };
    gb18030(&format!(
        "序号,单位名称,统一社会信用代码,所在区域,行业类别\r\n\
         1,唐山远程钢铁有限公司,{a},高新区,钢铁\r\n\
         2,唐山远程陶瓷有限公司,{b},高新区,陶瓷\r\n"
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_from_the_inbox_is_previewed_refused_fixed_imported_and_exported() {
    let srv = start_server().await;
    let me = Actor::console();
    let pc = tempfile::tempdir().unwrap();
    let key = key_file(&srv.admin_key, &pc.path().join("key"));
    let upload = |bytes: Vec<u8>| {
        std::fs::write(pc.path().join("新企业.csv"), bytes).unwrap();
        let out = sftp(
            srv.addr(),
            &key,
            "admin",
            pc.path(),
            "cd inbox\nput 新企业.csv\n",
        );
        assert!(out.ok, "{}\n{}", out.stdout, out.stderr);
    };
    upload(file(true));

    let mut watcher = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(watcher.wait_for("首页").await);
    watcher.send(b"2").await;
    assert!(watcher.wait_for("60/60").await, "{}", watcher.screen());

    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"2").await;
    assert!(t.wait_for("60/60").await, "{}", t.screen());
    t.send(b"i").await;
    assert!(t.wait_for("导入哪一类数据").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("新企业.csv").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("GB18030").await, "{}", t.screen());
    assert!(t.screen().contains("不能导入"), "{}", t.screen());
    t.send(PAGE_DOWN).await;
    assert!(t.wait_for("第 3 行").await, "{}", t.screen());
    assert!(t.screen().contains("校验码错误"), "{}", t.screen());
    t.send(b"y").await;
    assert!(t.wait_for("文件有误，不能导入").await, "{}", t.screen());
    assert_eq!(srv.service().enterprises(&me).unwrap().len(), 60);

    // Fixed and uploaded again under the same name: back to the files, choose it again.
    let good = file(false);
    upload(good.clone());
    t.send(b"\x1b").await;
    assert!(t.wait_for("第 1 步").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("检查通过").await, "{}", t.screen());
    t.send(b"y").await;
    assert!(t.wait_for("已导入检查对象 2 行").await, "{}", t.screen());
    assert_eq!(srv.service().enterprises(&me).unwrap().len(), 62);
    let sha: String = Sha256::digest(&good)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let audit = srv.service().audit_recent(&me, 20).unwrap();
    let entry = audit
        .iter()
        .find(|e| e.action == "import")
        .expect("an import entry");
    assert_eq!(entry.summary, format!("新企业.csv sha256:{sha}"));
    assert!(
        entry.after.as_deref().unwrap_or("").contains(&sha),
        "{entry:?}"
    );
    t.send(b"\r").await;
    assert!(t.wait_for("62/62").await, "{}", t.screen());
    assert!(
        watcher
            .pump(Duration::from_secs(3), |s| s.contains("62/62"))
            .await,
        "the other session sees the new rows: {}",
        watcher.screen()
    );

    // The list to the outbox, named on the status line; it imports again unchanged.
    t.send(b"x").await;
    assert!(t.wait_for("已导出全部 62 条").await, "{}", t.screen());
    let screen = t.screen();
    let name = screen
        .split("outbox/")
        .nth(1)
        .and_then(|r| r.split(".xlsx").next())
        .map(|stem| format!("{stem}.xlsx"))
        .expect("the file name on the status line");
    let out = sftp(
        srv.addr(),
        &key,
        "admin",
        pc.path(),
        &format!("get /outbox/{name} exported.xlsx\n"),
    );
    assert!(out.ok, "{}\n{}", out.stdout, out.stderr);
    let bytes = std::fs::read(pc.path().join("exported.xlsx")).expect("the exported file");
    let o = srv
        .service()
        .import_bytes(&me, Kind::Enterprises, &name, &bytes, true)
        .unwrap();
    assert_eq!((o.rows, o.unchanged), (62, 62));
}

//! End to end over real SSH (russh client, vt100 screen): logging in by key and by password,
//! refusals that reveal nothing, the registry screens, pinyin search, two sessions where one
//! sees the other's change, window changes, and sessions without a pty.

mod common;
use common::ssh::{Cred, PASSWORD, Term, login, start_server, start_server_idle};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_by_password_and_by_key_then_quit_restores_the_terminal() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("检查对象").await, "{}", t.screen());
    assert!(t.screen().contains("在线 1 人"), "{}", t.screen());
    assert!(
        t.screen().contains("q 退出"),
        "the hint bar names quit:\n{}",
        t.screen()
    );
    let mut k = Term::connect(srv.addr(), "admin", Cred::Key(&srv.admin_key)).await;
    assert!(k.wait_for("admin · 管理员").await, "{}", k.screen());
    assert!(
        k.pump(Duration::from_secs(3), |s| s.contains("在线 2 人"))
            .await
            || t.pump(Duration::from_secs(3), |s| s.contains("在线 2 人"))
                .await
    );
    k.send(b"q").await;
    assert!(k.wait_closed().await);
    assert_eq!(k.exit, Some(0));
    assert!(k.restored(), "alternate screen left and cursor shown");
    t.send(b"\x03").await; // Ctrl-C quits too
    assert!(t.wait_closed().await);
    assert!(t.restored());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_look_alike_and_reveal_nothing() {
    let srv = start_server().await;
    assert!(
        login(srv.addr(), "admin", Cred::Password("wrong-password"))
            .await
            .is_none(),
        "wrong password"
    );
    assert!(
        login(srv.addr(), "nobody", Cred::Password(PASSWORD))
            .await
            .is_none(),
        "unknown user"
    );
    assert!(
        login(srv.addr(), "gone", Cred::Password(PASSWORD))
            .await
            .is_none(),
        "disabled user"
    );
    let other =
        russh::keys::PrivateKey::random(&mut rand::rng(), russh::keys::Algorithm::Ed25519).unwrap();
    assert!(
        login(srv.addr(), "admin", Cred::Key(&other))
            .await
            .is_none(),
        "wrong key"
    );
    assert!(
        login(srv.addr(), "leader", Cred::Key(&srv.admin_key))
            .await
            .is_none(),
        "someone else's key"
    );
    // Every failure is in the audit trail.
    let mut svc = srv.service();
    let audit = svc
        .audit_recent(&shuangsui::service::Actor::console(), 50)
        .unwrap();
    let failed = audit.iter().filter(|a| a.action == "login_failed").count();
    assert!(failed >= 3, "{failed} failures audited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_rate_limited() {
    let srv = start_server().await;
    for _ in 0..5 {
        assert!(
            login(srv.addr(), "leader", Cred::Password("nope-nope"))
                .await
                .is_none()
        );
    }
    assert!(
        login(srv.addr(), "leader", Cred::Password(PASSWORD))
            .await
            .is_none(),
        "the right password is refused while limited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inspector_sees_only_what_the_role_allows() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "inspector", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    let s = t.screen();
    assert!(
        !s.contains("检查对象") && !s.contains("用户") && !s.contains("审计日志"),
        "{s}"
    );
    // Keys of hidden screens do nothing.
    t.send(b"9").await;
    t.pump(Duration::from_millis(300), |_| false).await;
    assert!(!t.screen().contains("统一社会信用代码"));
    // The service refuses registry reads and writes for this role, whatever the UI does.
    let insp = shuangsui::service::Actor {
        user_id: None,
        name: "inspector".into(),
        roles: [shuangsui::domain::user::Role::Inspector].into(),
    };
    let mut svc = srv.service();
    assert!(svc.enterprises(&insp).is_err());
    assert!(svc.set_ratios(&insp, Default::default()).is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_by_pinyin_initials_and_open_details() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = shuangsui::service::Actor::console();
    let first = svc.enterprises(&me).unwrap().into_iter().next().unwrap();
    let initials: String = {
        // Brand characters right after 唐山, e.g. 唐山冀东… → "tsjd".
        let name: Vec<char> = first.data.name.chars().collect();
        name[..4].iter().map(|c| pinyin_first(*c)).collect()
    };
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"2").await;
    assert!(t.wait_for("统一社会信用代码").await, "{}", t.screen());
    t.send(b"/").await;
    t.send(initials.as_bytes()).await;
    let short: String = first.data.name.chars().take(6).collect();
    assert!(
        t.wait_for(&short).await,
        "searching {initials}:\n{}",
        t.screen()
    );
    t.send(b"\r").await;
    t.send(b"\r").await;
    assert!(t.wait_for("【基本信息】").await, "{}", t.screen());
    assert!(t.screen().contains("本季度监管类别") || t.screen().contains("统一社会信用代码："));
    t.send(b"\x1b").await;
    assert!(
        t.wait_for("搜索").await,
        "Esc goes back to the list:\n{}",
        t.screen()
    );
}

fn pinyin_first(c: char) -> char {
    use pinyin::ToPinyin;
    c.to_pinyin()
        .and_then(|p| p.first_letter().chars().next())
        .unwrap_or(c)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_session_sees_a_change_within_a_second() {
    let srv = start_server().await;
    let mut a = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    let mut b = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    for t in [&mut a, &mut b] {
        assert!(t.wait_for("首页").await);
        t.send(b"2").await;
        assert!(t.wait_for("统一社会信用代码").await);
    }
    // A change made through the server's own change bus reaches every session.
    let me = shuangsui::service::Actor::console();
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let mut e = svc.enterprises(&me).unwrap().into_iter().next().unwrap();
    let rev = e.revision;
    e.data.name = "唐山实时刷新测试有限公司".into();
    svc.update_enterprise(&me, e.id, rev, &e.data).unwrap();
    assert!(
        b.pump(Duration::from_secs(1), |s| s
            .contains("唐山实时刷新测试有限公司"))
            .await,
        "{}",
        b.screen()
    );
    assert!(
        a.pump(Duration::from_secs(1), |s| s
            .contains("唐山实时刷新测试有限公司"))
            .await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_changes_resize_and_small_windows_are_explained() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.resize(60, 20).await;
    assert!(
        t.wait_for("终端窗口太小：当前 60×20").await,
        "{}",
        t.screen()
    );
    t.resize(120, 40).await;
    assert!(t.wait_for("9 用户").await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_pty_gets_a_message_and_status_1_and_exec_and_other_subsystems_are_refused() {
    let srv = start_server().await;
    let h = login(srv.addr(), "admin", Cred::Password(PASSWORD))
        .await
        .unwrap();
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_shell(true).await.unwrap();
    let mut text = Vec::new();
    let mut status = None;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
        match msg {
            russh::ChannelMsg::Data { data } => text.extend_from_slice(&data),
            russh::ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(
        String::from_utf8_lossy(&text).contains("需要交互式终端"),
        "{}",
        String::from_utf8_lossy(&text)
    );
    assert_eq!(status, Some(1));
    let h = login(srv.addr(), "admin", Cred::Password(PASSWORD))
        .await
        .unwrap();
    let mut ch = h.channel_open_session().await.unwrap();
    ch.exec(true, "cat /etc/passwd").await.unwrap();
    let mut refused = false;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
        match msg {
            russh::ChannelMsg::Failure => {
                refused = true;
                break;
            }
            russh::ChannelMsg::Data { .. } => panic!("exec must not run"),
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(refused, "exec refused");
    // Of the subsystems only sftp is served.
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_subsystem(true, "shell-ish").await.unwrap();
    let mut refused = false;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
        match msg {
            russh::ChannelMsg::Failure => {
                refused = true;
                break;
            }
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(refused, "other subsystems refused");
}

/// Whether the server grants the `sftp` subsystem to `user`.
async fn sftp_granted(addr: std::net::SocketAddr, user: &str) -> bool {
    let h = login(addr, user, Cred::Password(PASSWORD)).await.unwrap();
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_subsystem(true, "sftp").await.unwrap();
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
        match msg {
            russh::ChannelMsg::Success => return true,
            russh::ChannelMsg::Failure | russh::ChannelMsg::Close => return false,
            _ => {}
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_serves_transfer_after_transfer() {
    // OpenSSH with ControlMaster runs every `sftp` over one connection: channels the server
    // closed must not count against the few a connection may hold at once.
    let srv = start_server().await;
    let h = login(srv.addr(), "admin", Cred::Password(PASSWORD))
        .await
        .unwrap();
    for round in 0..8 {
        let mut ch = h.channel_open_session().await.unwrap_or_else(|e| {
            panic!("channel {round} refused: {e}");
        });
        ch.request_subsystem(true, "sftp").await.unwrap();
        // SSH_FXP_INIT, version 3.
        ch.data(&[0u8, 0, 0, 5, 1, 0, 0, 0, 3][..]).await.unwrap();
        let mut version = false;
        while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
            match msg {
                russh::ChannelMsg::Data { data } if data.get(4) == Some(&2) => {
                    version = true;
                    ch.eof().await.unwrap();
                }
                russh::ChannelMsg::Close => break,
                _ => {}
            }
        }
        assert!(version, "round {round}: sftp answered");
    }
    // The same for terminals refused for want of a pty.
    for round in 0..6 {
        let mut ch = h.channel_open_session().await.unwrap_or_else(|e| {
            panic!("terminal channel {round} refused: {e}");
        });
        ch.request_shell(true).await.unwrap();
        let mut closed = false;
        while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), ch.wait()).await {
            if let russh::ChannelMsg::Close = msg {
                closed = true;
                break;
            }
        }
        assert!(closed, "round {round}: closed by the server");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_exchange_waits_until_a_one_time_password_is_changed() {
    let srv = start_server().await;
    assert!(sftp_granted(srv.addr(), "inspector").await);
    assert!(!sftp_granted(srv.addr(), "newbie").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_login_must_set_a_new_password() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "newbie", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首次登录须设置新密码").await, "{}", t.screen());
    t.send(b"short\r").await;
    assert!(t.wait_for("至少 8 个字符").await);
    t.send("新的密码-2026\r".as_bytes()).await;
    assert!(t.wait_for("再次输入").await);
    t.send("新的密码-2026\r".as_bytes()).await;
    assert!(t.wait_for("新密码已保存").await, "{}", t.screen());
    t.send(b"q").await;
    assert!(t.wait_closed().await);
    assert!(
        login(srv.addr(), "newbie", Cred::Password("新的密码-2026"))
            .await
            .is_some()
    );
    assert!(
        login(srv.addr(), "newbie", Cred::Password(PASSWORD))
            .await
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_in_one_session_appears_in_another_and_stale_saves_keep_input() {
    let srv = start_server().await;
    let mut a = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    let mut b = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    for t in [&mut a, &mut b] {
        assert!(t.wait_for("首页").await);
        t.send(b"2").await;
        assert!(t.wait_for("统一社会信用代码").await);
    }
    assert!(
        !b.screen().contains("e 编辑"),
        "a leader is not offered editing:\n{}",
        b.screen()
    );
    // Session A edits the first enterprise's name and saves with Ctrl-S.
    a.send(b"e").await;
    assert!(a.wait_for("编辑检查对象").await, "{}", a.screen());
    a.send(b"\x15").await; // Ctrl-U clears the field
    a.send("唐山界面编辑测试有限公司".as_bytes()).await;
    a.send(b"\x13").await; // Ctrl-S
    assert!(a.wait_for("已保存").await, "{}", a.screen());
    assert!(
        b.pump(Duration::from_secs(1), |s| s
            .contains("唐山界面编辑测试有限公司"))
            .await,
        "{}",
        b.screen()
    );
    assert!(
        b.screen().contains("数据已被其他用户更新"),
        "{}",
        b.screen()
    );

    // A opens the form again; meanwhile someone else saves the same record; A's save is refused
    // and A's input stays in the form.
    a.send(b"e").await;
    assert!(a.wait_for("编辑检查对象").await);
    a.send(b"\x15").await;
    a.send("唐山迟到的修改有限公司".as_bytes()).await;
    let me = shuangsui::service::Actor::console();
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let e = svc
        .enterprises(&me)
        .unwrap()
        .into_iter()
        .find(|e| e.data.name == "唐山界面编辑测试有限公司")
        .unwrap();
    let mut d = e.data.clone();
    d.address = "别人先改了地址".into();
    svc.update_enterprise(&me, e.id, e.revision, &d).unwrap();
    a.send(b"\x13").await;
    assert!(a.wait_for("已被他人修改").await, "{}", a.screen());
    assert!(
        a.screen().contains("唐山迟到的修改有限公司"),
        "input kept:\n{}",
        a.screen()
    );
    // Esc on a changed form asks first.
    a.send(b"\x1b").await;
    assert!(a.wait_for("放弃未保存的修改").await, "{}", a.screen());
    a.send(b"y").await;
    assert!(a.wait_for("统一社会信用代码").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_form_input_is_explained_beside_the_field_and_nothing_is_saved() {
    let srv = start_server().await;
    let mut a = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(a.wait_for("首页").await);
    a.send(b"2").await;
    assert!(a.wait_for("统一社会信用代码").await);
    let before = srv
        .service()
        .enterprises(&shuangsui::service::Actor::console())
        .unwrap()
        .len();
    a.send(b"n").await;
    assert!(a.wait_for("新增检查对象").await, "{}", a.screen());
    a.send("新公司".as_bytes()).await;
    a.send(b"\t").await;
    a.send(b"91350100M000100Y44").await;
    a.send(b"\x13").await;
    assert!(a.wait_for("校验码错误").await, "{}", a.screen());
    assert!(a.screen().contains("未保存"));
    assert_eq!(
        srv.service()
            .enterprises(&shuangsui::service::Actor::console())
            .unwrap()
            .len(),
        before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_setting_switches_to_english_and_ascii_borders() {
    let srv = start_server().await;
    let me = shuangsui::service::Actor::console();
    srv.service()
        .set_preferences(&me, "leader", Some("en"), true)
        .unwrap();
    let mut t = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("Enterprises").await, "{}", t.screen());
    assert!(
        t.screen().contains("q quit") && t.screen().contains('+') && !t.screen().contains('┌'),
        "{}",
        t.screen()
    );
    assert!(
        srv.service()
            .set_preferences(&me, "leader", Some("fr"), false)
            .is_err()
    );
}

/// Regression: the server once kept the session's `Channel` and never drained it, and every
/// session froze after about a hundred messages. Every key press of a long session is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_session_keeps_answering() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"2").await;
    assert!(t.wait_for("统一社会信用代码").await);
    for i in 0..300 {
        t.send(if (i / 20) % 2 == 0 {
            b"\x1b[B"
        } else {
            b"\x1b[A"
        })
        .await;
        assert!(
            t.next_output(Duration::from_secs(3)).await,
            "key press {i} was not answered"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_are_logged_out_and_the_terminal_restored() {
    let srv = start_server_idle(Duration::from_secs(2)).await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    assert!(
        t.pump(Duration::from_secs(6), |s| s.contains("长时间未操作"))
            .await,
        "{}",
        t.screen()
    );
    assert!(t.wait_closed().await);
    assert!(t.restored());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_items_are_added_revised_and_retired_from_the_ui() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"4").await;
    assert!(t.wait_for("HB-STHJ-01").await, "{}", t.screen());
    // A new item.
    t.send(b"n").await;
    assert!(t.wait_for("新增抽查事项").await, "{}", t.screen());
    t.send(b"HB-TEST-01\t").await;
    t.send("界面新增的抽查事项\x13".as_bytes()).await;
    assert!(t.wait_for("界面新增的抽查事项").await, "{}", t.screen());
    // A new version of the first item: the old version stays on record.
    t.send(b"g").await;
    t.send(b"e").await;
    assert!(t.wait_for("编辑抽查事项").await, "{}", t.screen());
    t.send(b"\t\t\x15").await;
    t.send("《排污许可管理条例》第三十四条\x13".as_bytes())
        .await;
    assert!(t.wait_for("HB-STHJ-01").await, "{}", t.screen());
    assert!(
        t.pump(Duration::from_secs(2), |s| s.contains("v2")
            || (s.contains("HB-STHJ-01") && !s.contains("编辑抽查事项")))
            .await,
        "{}",
        t.screen()
    );
    let me = shuangsui::service::Actor::console();
    let versions = srv.service().item_versions(&me).unwrap();
    assert_eq!(
        versions
            .iter()
            .filter(|v| v.data.code == "HB-STHJ-01")
            .count(),
        2
    );
    // Retire it, with a reason.
    t.send(b"g").await;
    t.send(b"d").await;
    assert!(t.wait_for("请输入原因").await, "{}", t.screen());
    t.send("职能调整\r".as_bytes()).await;
    assert!(t.wait_for("已停用").await, "{}", t.screen());
    let in_force = srv
        .service()
        .items_in_force(srv.service().today().succ_opt().unwrap())
        .unwrap();
    assert!(!in_force.iter().any(|v| v.data.code == "HB-STHJ-01"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_add_and_disable_users_from_the_ui() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    t.send(b"9").await;
    assert!(t.wait_for("用户名").await, "{}", t.screen());
    t.send(b"n").await;
    assert!(t.wait_for("新增用户").await, "{}", t.screen());
    t.send(b"zhao\t").await;
    t.send("赵六\t".as_bytes()).await;
    t.send(b"jc").await; // typing on the roles opens the list filtered by pinyin: 检查人员
    assert!(t.wait_for("[ ] 检查人员").await, "{}", t.screen());
    t.send(b"\r").await;
    t.send(b"temp-pass-2026\x13").await;
    assert!(t.wait_for("已保存").await, "{}", t.screen());
    assert!(t.screen().contains("赵六"), "{}", t.screen());
    assert!(
        !t.screen().contains("temp-pass-2026"),
        "passwords are never shown"
    );
    // The new user logs in and must choose a new password.
    let mut z = Term::connect(srv.addr(), "zhao", Cred::Password("temp-pass-2026")).await;
    assert!(z.wait_for("首次登录须设置新密码").await, "{}", z.screen());
    // Disable, with a reason: the login is refused from now on.
    t.send(b"/zhao\r").await;
    t.send(b"d").await;
    assert!(t.wait_for("请输入原因").await, "{}", t.screen());
    t.send("调离\r".as_bytes()).await;
    assert!(t.wait_for("已停用").await, "{}", t.screen());
    assert!(
        login(srv.addr(), "zhao", Cred::Password("temp-pass-2026"))
            .await
            .is_none()
    );
}

/// An idle session sends nothing while nothing changes (the clock shows minutes).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_session_sends_nothing() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    // Let the first frames settle, then listen for three seconds within one minute.
    loop {
        t.pump(Duration::from_millis(1500), |_| false).await;
        let second = chrono::Utc::now().timestamp() % 60;
        if second < 50 {
            break;
        }
        tokio::time::sleep(Duration::from_secs(11)).await;
    }
    let before = t.received;
    t.pump(Duration::from_secs(3), |_| false).await;
    assert_eq!(t.received - before, 0, "bytes sent by an idle session");
}

//! A whole draw through the real binary: demo data, plan, prepare, witness entropy via stdin,
//! reveal, export, verify; then a tampered certificate fails verification.

mod common;

use common::Env;

fn draw_id(prepare_out: &str) -> String {
    // "已准备抽取 N（…"
    let rest = prepare_out
        .split("已准备抽取 ")
        .nth(1)
        .expect("prepare names the draw");
    rest.chars().take_while(|c| c.is_ascii_digit()).collect()
}

#[test]
fn whole_draw_from_the_command_line_verifies() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "60"]);
    let plan = env.ok(&["plan", "show", "--quarter", "2024Q2"]);
    assert!(plan.contains("应抽"), "{plan}");

    // 2024Q2 has ended: refused, unless a leader allows it with a reason (issue 14).
    let prepare = [
        "draw",
        "prepare",
        "--items",
        "HB-STHJ-02",
        "--quarter",
        "2024Q2",
        "--key",
        "1",
        "--special",
        "1",
        "--general",
        "2",
    ];
    let r = env.run(&prepare);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(
        r.stderr().contains("2024Q2 已于 2024-06-30 结束"),
        "{}",
        r.stderr()
    );
    assert_eq!(
        env.ok(&["draw", "list"]).lines().count(),
        1,
        "nothing stored"
    );
    let late = ["--late-reason", "补抽：原抽取记录损毁", "--leader", "lead"];
    let r = env.run(&[&prepare[..], &late[..]].concat());
    assert_eq!(r.0.status.code(), Some(1), "no such leader yet");
    env.run_with(
        &[
            "user",
            "add",
            "lead",
            "--role",
            "leader",
            "--password-stdin",
        ],
        Some("long-enough-pw\n"),
    );
    let out = env.ok(&[&prepare[..], &late[..]].concat());
    assert!(out.contains("服务器密钥承诺值"), "{out}");
    let id = draw_id(&out);
    let audit = env.ok(&["audit", "--limit", "3"]);
    assert!(audit.contains("override_ended_quarter"), "{audit}");

    // Too short, and reveal before any entropy: refused, nothing changed.
    let r = env.run_with(
        &["draw", "add-entropy", &id, "--witness", "w1"],
        Some("short\n"),
    );
    assert!(!r.success());
    assert!(r.stderr().contains("至少需要 8 个"), "{}", r.stderr());
    let r = env.run(&["draw", "reveal", &id]);
    assert!(!r.success());
    assert!(r.stderr().contains("见证人"), "{}", r.stderr());

    let secret_text = "witness-typed-random-7f3a";
    let r = env.run_with(
        &["draw", "add-entropy", &id, "--witness", "王见证"],
        Some(&format!("{secret_text}\n")),
    );
    assert!(r.success(), "{}", r.stderr());
    assert!(
        !r.stdout().contains(secret_text),
        "the text is never echoed"
    );
    assert!(r.stdout().contains("SHA-256"));

    let shown = env.ok(&["draw", "show", &id]);
    assert!(!shown.contains(secret_text));

    // The announcement before the reveal: JSON and HTML, in the audit trail.
    let ann_dir = env.path("portal");
    let out = env.ok(&[
        "draw",
        "announce",
        &id,
        "--out",
        &ann_dir.to_string_lossy(),
        "--known",
        "2024-04-07 21:30",
    ]);
    assert!(out.contains("事先公告已写入"), "{out}");
    let ann_json = ann_dir.join("2024Q2-1-announcement.json");
    let ann_text = std::fs::read_to_string(&ann_json).expect("announcement");
    let ann: serde_json::Value = serde_json::from_str(&ann_text).expect("json");
    assert_eq!(ann["public_value_known"], "2024-04-07 21:30");
    let ann_html =
        std::fs::read_to_string(ann_dir.join("2024Q2-1-announcement.html")).expect("html");
    assert!(ann_html.contains(ann["commitment"].as_str().expect("commitment")));
    let audit = env.ok(&["audit", "list"]);
    assert!(audit.contains("announce"), "{audit}");

    let out = env.ok(&["draw", "reveal", &id]);
    assert!(out.contains("已揭晓"), "{out}");
    let r = env.run(&["draw", "reveal", &id]);
    assert!(!r.success(), "a second reveal is refused");
    assert!(r.stderr().contains("已揭晓"), "{}", r.stderr());

    let list = env.ok(&["draw", "list"]);
    assert!(list.contains("2024Q2-1"), "{list}");
    let r = env.run(&["draw", "announce", &id, "--out", &ann_dir.to_string_lossy()]);
    assert_eq!(
        r.0.status.code(),
        Some(1),
        "no announcement after the reveal"
    );

    let file = env.path("cert.json");
    let f = file.to_string_lossy().to_string();
    env.ok(&["draw", "export-certificate", &id, &f]);
    let v = env.run(&["draw", "verify", &f]);
    assert!(v.success(), "{}{}", v.stdout(), v.stderr());
    assert_eq!(v.stdout().trim(), "VALID");

    // verify needs no database.
    let other = Env::new();
    let v = other.run(&["draw", "verify", &f]);
    assert!(v.success(), "{}", v.stderr());
    assert!(!other.db().exists());

    // Nor does the verification page, which embeds the certificate and the announcement.
    let page = other.path("verify.html");
    let out = other.ok(&[
        "draw",
        "verify-page",
        &f,
        &page.to_string_lossy(),
        "--announcement",
        &ann_json.to_string_lossy(),
    ]);
    assert!(out.contains("VALID"), "{out}");
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.contains("id=\"certificate\"") && html.contains("id=\"announcement\""));
    assert!(!other.db().exists());
    let r = other.run(&[
        "draw",
        "verify-page",
        "missing.json",
        &page.to_string_lossy(),
    ]);
    assert_eq!(r.0.status.code(), Some(1));

    // One byte changed in the seed: invalid, exit 1, every difference listed.
    let text = std::fs::read_to_string(&file).expect("certificate");
    let cert: serde_json::Value = serde_json::from_str(&text).expect("json");
    let seed = cert["seed"].as_str().expect("seed").to_string();
    let first = seed.as_bytes()[0];
    let flipped = if first == b'0' { '1' } else { '0' };
    let tampered_seed = format!("{flipped}{}", &seed[1..]);
    let bad = env.file("bad.json", text.replacen(&seed, &tampered_seed, 1));
    let v = env.run(&["draw", "verify", &bad.to_string_lossy()]);
    assert_eq!(v.0.status.code(), Some(1));
    assert!(v.stderr().contains("INVALID"), "{}", v.stderr());
    assert!(v.stdout().contains("种子不符"), "{}", v.stdout());

    // The plan counts the drawn targets.
    let plan = env.ok(&["plan", "show", "--quarter", "2024Q2"]);
    assert!(plan.contains("已抽"), "{plan}");

    // Until the witness confirms, nothing is sealed and nothing can be released.
    let r = env.run(&["draw", "release", &id]);
    assert_eq!(r.0.status.code(), Some(1));
    let out = env.ok(&["draw", "confirm", &id, "--witness", "王见证"]);
    assert!(out.contains("已封存"), "{out}");
    let shown = env.ok(&["draw", "show", &id]);
    assert!(shown.contains("封存时间"), "{shown}");
    let r = env.run(&["draw", "confirm", &id, "--witness", "王见证"]);
    assert_eq!(r.0.status.code(), Some(1));
    env.ok(&["draw", "release", &id]);
    let r = env.run(&["draw", "annotate", &id, "--note", ""]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("请填写理由或说明"), "{}", r.stderr());
    env.ok(&["draw", "annotate", &id, "--note", "名单已移交保密组"]);

    // The draw record, for printing and signatures.
    env.ok(&[
        "settings",
        "set",
        "bureau-name",
        "唐山市生态环境局高新技术产业开发区分局",
    ]);
    let html = env.path("record.html");
    env.ok(&["draw", "record", &id, &html.to_string_lossy()]);
    let text = std::fs::read_to_string(&html).expect("record");
    assert!(text.contains("唐山市生态环境局高新技术产业开发区分局"));
    assert!(
        text.contains("<a href=\"2024Q2-1-verify.html\">"),
        "the record links the page"
    );
    let page = std::fs::read_to_string(html.with_file_name("2024Q2-1-verify.html"))
        .expect("the verification page beside the record");
    assert!(page.contains("id=\"verdict\""));
    assert!(text.contains("王见证"), "the witness is named");
    assert!(
        text.contains("本次抽取在季度结束后经领导批准进行，理由：补抽：原抽取记录损毁"),
        "the leader's reason is printed"
    );
    assert!(
        !text.contains(secret_text),
        "entropy text stays out of the record"
    );
    let xlsx = env.path("record.xlsx");
    env.ok(&["draw", "record", &id, &xlsx.to_string_lossy()]);
    assert!(xlsx.exists());
    let r = env.run(&["draw", "record", &id, "record.txt"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains(".html 或 .xlsx"), "{}", r.stderr());
}

#[test]
fn bad_draw_input_is_refused_in_chinese() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "30"]);
    let r = env.run(&["draw", "reveal", "99"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("未找到"), "{}", r.stderr());
    let live = shuangsui::domain::quarter::Quarter::of(chrono::Utc::now().date_naive()).to_string();
    let r = env.run(&[
        "draw",
        "prepare",
        "--items",
        "HB-STHJ-02",
        "--quarter",
        &live,
        "--key",
        "0",
        "--special",
        "0",
        "--general",
        "100000",
    ]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("抽取被拒绝"), "{}", r.stderr());
    assert!(r.stderr().contains("只有"), "{}", r.stderr());
    let r = env.run(&["draw", "export-certificate", "1", "x.json"]);
    assert_eq!(r.0.status.code(), Some(1));
    let list = env.ok(&["draw", "list"]);
    assert_eq!(list.lines().count(), 1, "nothing was stored: {list}");
    let r = env.run(&["draw", "prepare", "--quarter", &live, "--unclassified", "1"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(
        r.stderr().contains("抽取须指定检查事项") && r.stderr().contains("HB-STHJ-02"),
        "a draw names its items (issue 21): {}",
        r.stderr()
    );
    let r = env.run(&["draw", "prepare", "--quarter", &live, "--key", "1"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("--unclassified"), "{}", r.stderr());
}

/// The quarter's own ratios, the draw rules as settings, and imported inspection history that
/// the plan counts and the N4 window applies, all through the binary.
#[test]
fn plans_settings_and_history_from_the_command_line() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "60"]);
    let out = env.ok(&["plan", "set", "--quarter", "2024Q2", "general", "10%"]);
    assert!(out.contains("本季度计划自定的比例"), "{out}");
    assert!(out.contains("10%"), "{out}");
    let other = env.ok(&["plan", "show", "--quarter", "2024Q3"]);
    assert!(other.contains("沿用默认比例"), "{other}");
    let r = env.run(&["plan", "set", "--quarter", "2024Q2", "general", "120"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("百分比"), "{}", r.stderr());

    let out = env.ok(&["settings", "set", "repeat-window", "400"]);
    assert!(out.contains("400 天"), "{out}");
    let r = env.run(&["settings", "set", "previous-lead-may-lead", "也许"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("不是“是”或“否”"), "{}", r.stderr());

    // A general, non-positive-list target inspected for HB-STHJ-02 last month.
    let general = env
        .classify("2026Q4")
        .into_iter()
        .find(|e| e["class"] == "general" && e["positive_list"] == false)
        .expect("a general target");
    let code = general["credit_code"].as_str().unwrap().to_string();
    let today = chrono::Utc::now().date_naive();
    let visited = today - chrono::Days::new(30);
    let history = env.file(
        "history.csv",
        format!("统一社会信用代码,检查日期,检查事项编码\n{code},{visited},HB-STHJ-02\n"),
    );
    let out = env.ok(&["import", "inspections", &history.to_string_lossy()]);
    assert!(out.contains('1'), "{out}");
    let quarter = shuangsui::domain::quarter::Quarter::of(visited).to_string();
    let plan = env.ok(&["plan", "show", "--quarter", &quarter]);
    assert!(plan.contains("已检查"), "{plan}");

    let out = env.ok(&[
        "draw",
        "prepare",
        "--quarter",
        &quarter,
        "--items",
        "HB-STHJ-02",
        "--key",
        "0",
        "--special",
        "0",
        "--general",
        "1",
    ]);
    assert!(out.contains("N4"), "{out}");
    assert!(out.contains(&code), "{out}");
}

/// A large registry's suspended candidates: `draw prepare` names a few and where the rest are,
/// `draw show` lists every one, one per line (issue 19).
#[test]
fn suspended_candidates_are_summarised_then_listed_in_full() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "400"]);
    let live = shuangsui::domain::quarter::Quarter::of(chrono::Utc::now().date_naive()).to_string();
    let out = env.ok(&[
        "draw",
        "prepare",
        "--items",
        "HB-STHJ-02",
        "--quarter",
        &live,
        "--key",
        "1",
        "--special",
        "1",
        "--general",
        "1",
    ]);
    let head = out
        .lines()
        .position(|l| l.contains("处于停产状态"))
        .unwrap_or_else(|| panic!("suspended named: {out}"));
    let n: usize = out
        .lines()
        .nth(head)
        .unwrap()
        .split("以下 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(n > 5, "the demo has more than five suspended firms: {n}");
    let listed = out
        .lines()
        .skip(head + 1)
        .take_while(|l| l.starts_with("    "))
        .count();
    assert_eq!(listed, 5, "{out}");
    let id = draw_id(&out);
    assert!(
        out.contains(&format!("完整名单：shuangsui draw show {id}")),
        "{out}"
    );
    let show = env.ok(&["draw", "show", &id]);
    let at = show
        .lines()
        .position(|l| l.contains("处于停产状态"))
        .expect("listed");
    let all = show
        .lines()
        .skip(at + 1)
        .take_while(|l| l.starts_with("    "))
        .count();
    assert_eq!(all, n, "{show}");
    assert!(!show.contains("完整名单"), "{show}");
}

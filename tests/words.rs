//! Every message in one language (issue 21, item 14): the command line's output and refusals
//! on the demo, in Chinese and in English, scanned for the other language — English words in
//! Chinese, Chinese punctuation in English. The screens are scanned by the key walk
//! (`src/tui/walk_tests.rs`).

mod common;

use common::Env;
use shuangsui::strings::words::{chinese_punctuation, english_in_chinese};

/// Commands that succeed or are refused, with what they print: listings, a draw's preparation
/// and its record, and bad input of several kinds.
fn commands(live: &str) -> Vec<Vec<String>> {
    let v = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    vec![
        v(&format!("plan show --quarter {live}")),
        v(&format!(
            "draw prepare --quarter {live} --items HB-STHJ-02 --key 1 --special 1 --general 1"
        )),
        v(&format!("draw prepare --quarter {live} --unclassified 1")),
        v(&format!(
            "draw prepare --quarter {live} --items NOPE --unclassified 1"
        )),
        v("draw show 1"),
        v("draw list"),
        v("draw reveal 99"),
        v("settings show"),
        v("settings set repeat-window abc"),
        v("item list"),
        v("user list"),
        v("conflict list"),
        v(&format!("followup list --quarter {live}")),
        v(&format!("offsite list --quarter {live}")),
        v(
            "offsite add --code 91130200MA0B00001X --method 在线监控 --date 2025-01-04 --result 正常",
        ),
        v("offsite add --code X --method M --date 2025-13-01 --result R"),
        v("calendar set 2025-01-04 holiday"),
        v("calendar set 2025-01-06 workday"),
        v(&format!("calendar deadlines --quarter {live}")),
        v("evidence list 999"),
        v("import enterprises nowhere.csv"),
        v("audit verify"),
        v("draw annotate 1 --note 见证人已到场"),
        v("draw export-certificate 1 c.json"),
    ]
}

/// Latin words that are names, not English: the demo's accounts, the ratio and setting names
/// that `plan set` and `settings set` take, file types, and commands quoted in advice.
/// (`category list` is left out: it lists each category's Chinese and English name as data.)
const DATA: &[&str] = &[
    "admin",
    "leader",
    "witness",
    "inspector",
    "auditor",
    "root",
    "key",
    "special",
    "general",
    "positive",
    "classified",
    "off",
    "jpg",
    "png",
    "docx",
    "plan",
    "audit",
    "verify",
];

#[test]
fn every_command_speaks_one_language() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "40"]);
    let live = shuangsui::domain::quarter::Quarter::of(chrono::Utc::now().date_naive()).to_string();
    let mut found = Vec::new();
    for lang in ["zh", "en"] {
        for args in commands(&live) {
            let mut all = vec!["--lang".to_string(), lang.to_string()];
            all.extend(args.iter().cloned());
            let r = env.run(&all.iter().map(String::as_str).collect::<Vec<_>>());
            let text = format!("{}\n{}", r.stdout(), r.stderr());
            for line in text.lines() {
                let bad = match lang {
                    "zh" => english_in_chinese(line, DATA).join(" "),
                    _ => chinese_punctuation(line),
                };
                if !bad.is_empty() {
                    found.push(format!("{lang} {}: [{bad}] {line}", args.join(" ")));
                }
            }
        }
    }
    assert!(found.is_empty(), "mixed languages:\n{}", found.join("\n"));

    // Draws are named as users know them, not by their row number.
    let said = env.ok(&["draw", "cancel", "1", "--reason", "重新准备"]);
    assert!(said.contains(&format!("{live}-1")), "{said}");
    let refused = env.run(&["draw", "reveal", "1"]).stderr();
    assert!(
        refused.contains(&format!("抽取 {live}-1 当前状态为“已作废”")),
        "{refused}"
    );
}

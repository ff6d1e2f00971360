//! The preparation wizard in the app: who may open it, its defaults, bad input said beside
//! the field, the check as `draw prepare` words it, the freeze, and every offered key handled
//! in each of its states.

use crate::domain::user::Role;
use crate::service::{Actor, DrawRequest, Service};
use crate::tui::app::App;
use crate::tui::walk_tests::{
    app_in, app_on, ch, clock, press, screen, screen_at, template, walk_from,
};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn back_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

fn ctrl_s() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
}

/// A copy of the walk's database (2024Q2, five draws of it).
fn db(dir: &Path) -> PathBuf {
    let path = dir.join("prepare.sqlite3");
    std::fs::copy(template(), &path).unwrap();
    path
}

fn admin(path: &Path) -> App {
    app_on(path, &[Role::Admin], "wang")
}

fn said(a: &App) -> String {
    a.message().unwrap_or_default().to_string()
}

/// The keys to the form: the draws tab, `n`.
fn open() -> Vec<KeyEvent> {
    vec![ch('5'), ch('n')]
}

/// The keys to a check: the first item chosen, one target of each class to draw.
fn to_check() -> Vec<KeyEvent> {
    let mut keys = open();
    // The items have focus: Enter opens the list, Enter takes the first.
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..3 {
        keys.extend([key(KeyCode::End), key(KeyCode::Backspace)]);
        keys.extend([key(KeyCode::Backspace), key(KeyCode::Backspace), ch('1')]);
        keys.push(key(KeyCode::Tab));
    }
    keys.push(ctrl_s());
    keys
}

fn run(a: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        press(a, *k);
    }
}

#[test]
fn only_an_administrator_prepares_and_others_are_told_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    for roles in [[Role::Leader], [Role::Witness]] {
        let mut a = app_on(&path, &roles, "li");
        press(&mut a, ch('5'));
        let (_, bar) = screen(&mut a);
        assert!(!bar.contains("准备抽取"), "{bar}");
        press(&mut a, ch('n'));
        assert_eq!(a.depth(), 0, "{roles:?}: nothing opens");
        assert!(said(&a).contains("管理员"), "{}", said(&a));
    }
    let mut a = admin(&path);
    press(&mut a, ch('5'));
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("n 准备抽取"), "{bar}");
}

#[test]
fn the_form_starts_with_the_consoles_defaults_and_the_plan_beside_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = admin(&path);
    run(&mut a, &open());
    assert_eq!(a.depth(), 1, "{}", said(&a));
    let shown = screen_at(&mut a, 100, 32);
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    let plan = svc
        .plan(&Actor::console(), "2024Q2".parse().unwrap())
        .unwrap();
    let d = DrawRequest::new("2024Q2".parse().unwrap());
    assert!(
        shown.contains("准备抽取") && shown.contains("2024Q2"),
        "{shown}"
    );
    assert!(shown.contains("2024Q2 抽查计划"), "{shown}");
    assert!(shown.contains("剩余应抽"), "{shown}");
    for g in [
        crate::domain::quota::Group::Key,
        crate::domain::quota::Group::Special,
    ] {
        let rem = plan.iter().find(|l| l.group == g).unwrap().remaining;
        let label = crate::strings::cli::group_label(g, crate::strings::Lang::Zh);
        let row = shown.lines().find(|l| l.contains(label.as_str())).unwrap();
        let row = row.trim_end().trim_end_matches('│').trim_end();
        assert!(row.ends_with(&format!(" {rem}")), "{row} {plan:?}");
    }
    let field = |name: &str| {
        let line = shown.lines().find(|l| l.contains(name)).unwrap_or_default();
        line.split(name)
            .nth(1)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let special = plan
        .iter()
        .find(|l| l.group == crate::domain::quota::Group::Special);
    let special = special.unwrap().remaining.to_string();
    assert!(
        field("特殊：抽取数").starts_with(&special),
        "the plan's remaining"
    );
    assert!(field("每组执法人员").starts_with(&d.team_size.to_string()));
    assert!(field("每人任务上限").starts_with(&d.workload_cap.to_string()));
    assert!(field("见证人数").starts_with(&d.min_witnesses.to_string()));
    // At 80×24 the fields and the plan both show.
    let (small, bar) = screen(&mut a);
    for s in ["检查事项", "见证人数", "抽查计划", "剩余应抽"] {
        assert!(small.contains(s), "{s}\n{small}");
    }
    assert!(bar.contains("Ctrl-S"), "{bar}");
}

#[test]
fn bad_input_is_said_beside_its_field_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = admin(&path);
    run(&mut a, &open());
    // No item chosen, a count that is no number.
    run(
        &mut a,
        &[key(KeyCode::Tab), key(KeyCode::End), ch('x'), ctrl_s()],
    );
    let shown = screen_at(&mut a, 100, 32);
    assert!(shown.contains("至少选一项检查事项"), "{shown}");
    assert!(shown.contains("⚠"), "{shown}");
    assert_eq!(a.depth(), 1, "still the form");
    // An ended quarter: refused in the service's words, beside the quarter.
    let mut b = admin(&path);
    run(&mut b, &open());
    run(&mut b, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    run(&mut b, &[back_tab(), back_tab()]);
    run(
        &mut b,
        &[
            key(KeyCode::End),
            key(KeyCode::Backspace),
            ch('1'),
            ctrl_s(),
        ],
    );
    let shown = screen_at(&mut b, 100, 32);
    assert!(shown.contains("2024Q1 已于 2024-03-31 结束"), "{shown}");
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    assert_eq!(svc.draw_list(&Actor::console()).unwrap().len(), 5);
}

#[test]
fn the_check_shows_what_prepare_prints_then_ctrl_s_freezes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = admin(&path);
    run(&mut a, &to_check());
    let shown = screen_at(&mut a, 100, 40);
    assert!(shown.contains("可行性检查（尚未保存）"), "{shown}");
    assert!(shown.contains("候选检查对象"), "{shown}");
    assert!(shown.contains("重点监管对象：候选"), "{shown}");
    assert!(shown.contains("本季度已抽中的"), "{shown}");
    assert!(shown.contains("检查通过"), "{shown}");
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("Ctrl-S 冻结快照"), "{bar}");
    press(&mut a, KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE));
    let (help, _) = screen(&mut a);
    assert!(
        help.contains("冻结快照") && help.contains("返回修改"),
        "{help}"
    );
    press(&mut a, key(KeyCode::Esc));
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    assert_eq!(
        svc.draw_list(&Actor::console()).unwrap().len(),
        5,
        "nothing yet"
    );
    // Esc goes back to the form with what was typed; Ctrl-S checks again.
    press(&mut a, key(KeyCode::Esc));
    assert!(screen_at(&mut a, 100, 40).contains("抽查计划"));
    press(&mut a, ctrl_s());
    press(&mut a, ctrl_s());
    let shown = screen_at(&mut a, 100, 40);
    assert!(shown.contains("已准备抽取 2024Q2-6"), "{shown}");
    assert!(shown.contains("服务器密钥承诺值"), "{shown}");
    assert!(shown.contains("检查对象快照哈希"), "{shown}");
    let list = svc.draw_list(&Actor::console()).unwrap();
    assert_eq!(list[0].label, "2024Q2-6");
    assert!(
        shown.contains(&list[0].commitment),
        "the commitment shown is the stored one"
    );
    assert_eq!(list[0].prepared_by, "wang");
    press(&mut a, key(KeyCode::Esc));
    assert_eq!(a.depth(), 0);
    assert!(screen(&mut a).0.contains("2024Q2-6"), "the list shows it");
}

#[test]
fn a_refused_check_lists_what_is_missing_and_does_not_freeze() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = admin(&path);
    let mut keys = to_check();
    keys.pop();
    // The general count: far more than there are.
    keys.extend([back_tab(), key(KeyCode::End)]);
    keys.extend("99999".chars().map(ch));
    keys.push(ctrl_s());
    run(&mut a, &keys);
    let shown = screen_at(&mut a, 100, 40);
    assert!(shown.contains("检查未通过"), "{shown}");
    assert!(shown.contains("要求抽取"), "{shown}");
    let (_, bar) = screen(&mut a);
    assert!(!bar.contains("冻结快照"), "{bar}");
    assert!(bar.contains("Esc 返回修改"), "{bar}");
    press(&mut a, ctrl_s());
    assert!(said(&a).contains("不能冻结"), "{}", said(&a));
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    assert_eq!(svc.draw_list(&Actor::console()).unwrap().len(), 5);
}

#[test]
fn every_key_the_wizard_offers_is_handled() {
    let mut refused = to_check();
    refused.pop();
    refused.extend([back_tab(), ch('9'), ch('9'), ch('9'), ctrl_s()]);
    let mut frozen = to_check();
    frozen.push(ctrl_s());
    for start in [open(), to_check(), refused, frozen] {
        let depth = start.len() + 2;
        assert!(walk_from(&[Role::Admin], crate::strings::Lang::Zh, vec![start], depth) > 2);
    }
}

#[test]
fn an_english_user_prepares_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = app_in(&path, &[Role::Admin], "wang", crate::strings::Lang::En);
    run(&mut a, &to_check());
    let shown = screen_at(&mut a, 100, 40);
    assert!(shown.contains("feasibility check"), "{shown}");
    assert!(shown.contains("candidates, 1 to draw"), "{shown}");
    assert!(shown.contains("The check passes"), "{shown}");
    assert!(!shown.contains("检查通过"), "{shown}");
    let mut b = app_in(&path, &[Role::Admin], "wang", crate::strings::Lang::En);
    run(&mut b, &[ch('5'), ch('n'), ctrl_s()]);
    let shown = screen_at(&mut b, 100, 40);
    assert!(shown.contains("a draw names at least one item"), "{shown}");
    assert!(shown.contains("plan"), "{shown}");
}

/// The keys to a check of the ended quarter 2024Q1 with `reason` in 补抽原因 (the last field,
/// one Shift-Tab back from the quarter).
fn late_check(reason: &str) -> Vec<KeyEvent> {
    let mut keys = open();
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    keys.extend([back_tab(), back_tab(), key(KeyCode::End)]);
    keys.extend([key(KeyCode::Backspace), ch('1'), back_tab()]);
    keys.extend(reason.chars().map(ch));
    keys.push(ctrl_s());
    keys
}

#[test]
fn a_late_draw_is_prepared_by_an_administrator_who_is_a_leader_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    // An administrator alone: the reason given, refused beside it for want of a leader.
    let mut a = admin(&path);
    run(&mut a, &late_check("记录损毁补抽"));
    let shown = screen_at(&mut a, 100, 40);
    assert!(shown.contains("补抽原因"), "{shown}");
    assert!(shown.contains("领导"), "needs a leader: {shown}");
    assert!(!shown.contains("可行性检查（尚未保存）"), "{shown}");
    // One who is both: the check passes, the second Ctrl-S freezes it with the reason.
    let mut b = app_on(&path, &[Role::Admin, Role::Leader], "wang");
    run(&mut b, &late_check("记录损毁补抽"));
    let shown = screen_at(&mut b, 100, 40);
    assert!(shown.contains("可行性检查（尚未保存）"), "{shown}");
    press(&mut b, ctrl_s());
    let shown = screen_at(&mut b, 100, 40);
    assert!(shown.contains("已准备抽取 2024Q1-"), "{shown}");
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    let trail = svc.audit_recent(&Actor::console(), 3).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.after.as_deref() == Some("记录损毁补抽") && e.actor == "wang"),
        "{trail:?}"
    );
}

//! The key walk: for each role, from every tab, every state reachable in a few keys is visited
//! and every key it offers is pressed; a key offered but not handled fails the test. Also the
//! refusals named in issue 16: a key that cannot work says why, and is not shown.

use super::app::{App, Event, Session};
use super::theme::Theme;
use crate::domain::draw::Quota;
use crate::domain::user::Role;
use crate::service::hub::Hub;
use crate::service::{Actor, DrawRequest, NewUser, Service};
use crate::strings::Lang;
use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub(super) fn clock() -> crate::service::Clock {
    Box::new(|| Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
}

fn admin() -> Actor {
    Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    }
}

/// A demo registry with draws in each state: prepared, revealed, disputed, sealed and
/// released, cancelled; an inspector account for a team lead of the released one; the released
/// draw's second target published with a follow-up still open and an objection awaiting a
/// decision.
pub(super) fn template() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("walk.sqlite3");
        let mut svc = Service::open(&path)
            .unwrap()
            .with_clock(clock())
            .with_secrets(Box::new(|| [5u8; 32]));
        let admin = admin();
        let lead = std::cell::OnceCell::new();
        crate::demo::fill(&mut svc, &admin, 40).unwrap();
        let mut draw = |then: &dyn Fn(&mut Service, i64)| {
            let mut req = DrawRequest::new("2024Q2".parse().unwrap());
            req.items = vec!["HB-STHJ-02".into()];
            req.quota = Some(Quota::Classified {
                key: 1,
                special: 0,
                general: 1,
            });
            let id = svc.prepare_draw(&admin, &req).unwrap().id;
            svc.open_room(&admin, id).unwrap();
            then(&mut svc, id);
        };
        let reveal = |svc: &mut Service, id| {
            svc.add_entropy(&admin, id, "li", "typed by the witness")
                .unwrap();
            let cert = svc.reveal_draw(&admin, id).unwrap();
            lead.set(cert.outcome.teams[0].lead.clone()).ok();
        };
        draw(&|svc, id| {
            reveal(svc, id);
            svc.confirm_draw(&admin, id, Some("li")).unwrap();
            svc.release_draw(&admin, id).unwrap();
        });
        draw(&|_, _| {});
        draw(&reveal);
        draw(&|svc, id| {
            reveal(svc, id);
            svc.decline_draw(&admin, id, "wrong list", Some("li"))
                .unwrap();
        });
        draw(&|svc, id| svc.cancel_draw(&admin, id, "测试用").unwrap());
        svc.add_user(
            &admin,
            &NewUser {
                name: "zhang".into(),
                roles: [Role::Inspector].into(),
                password: Some("a-long-password-1".into()),
                inspector_cert: lead.get().cloned(),
                ..Default::default()
            },
        )
        .unwrap();
        super::cases_tests::published_with_objection(&mut svc, &admin);
        (dir, path)
    });
    path
}

/// A fresh app on a copy of the template, for `roles`.
pub(super) fn app(roles: &[Role], dir: &Path) -> App {
    fresh_app(roles, dir, Lang::Zh)
}

/// The same, speaking `lang`.
fn fresh_app(roles: &[Role], dir: &Path, lang: Lang) -> App {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("walk-{n}.sqlite3"));
    std::fs::copy(template(), &path).unwrap();
    let name = if roles == [Role::Inspector] {
        "zhang"
    } else {
        "wang"
    };
    app_in(&path, roles, name, lang)
}

pub(super) fn press(app: &mut App, k: KeyEvent) {
    app.update(Event::Key(k));
}

/// The screen at 80×24, and the hint bar (its 23rd line).
pub(super) fn screen(app: &mut App) -> (String, String) {
    let all = screen_at(app, 80, 24);
    let bar = all.lines().nth(22).unwrap_or_default().to_string();
    (all, bar)
}

/// The screen at `w`×`h`, as text.
pub(super) fn screen_at(app: &mut App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| app.view(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
        }
        out.push('\n');
    }
    out
}

/// Every key of every binding offered now (not quit: it ends the walk's session).
fn offered(app: &mut App) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    for set in app.live_keys() {
        for b in set {
            if b.action == super::keymap::Action::Quit {
                continue;
            }
            keys.extend(b.keys.iter().map(|k| KeyEvent::new(k.0, k.1)));
        }
    }
    keys
}

fn replay(roles: &[Role], lang: Lang, dir: &Path, path: &[KeyEvent]) -> App {
    let mut a = fresh_app(roles, dir, lang);
    for k in path {
        press(&mut a, *k);
    }
    a
}

/// The walk's accounts, which are data.
const ACCOUNTS: &[&str] = &["admin", "zhang", "wang"];

thread_local! {
    /// English words seen on the walk's Chinese screens, each with where it was first seen.
    static FOREIGN: std::cell::RefCell<std::collections::BTreeMap<String, String>> =
        Default::default();
}

/// Visits the states `roles` reach within `depth` keys of each tab; returns how many.
/// Every screen visited is in one language.
fn walk(roles: &[Role], lang: Lang, depth: usize) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let tabs = app(roles, dir.path()).tab_count();
    let starts = (0..tabs)
        .map(|i| {
            let d = char::from_digit(i as u32 + 1, 10).unwrap();
            vec![KeyEvent::new(KeyCode::Char(d), KeyModifiers::NONE)]
        })
        .collect();
    walk_from(roles, lang, starts, depth)
}

/// Visits the states `roles` reach from each path in `starts` by paths of up to `depth` keys
/// in all, pressing every key each offers; returns how many. Screens in the other language are
/// noted in `FOREIGN`.
pub(super) fn walk_from(
    roles: &[Role],
    lang: Lang,
    starts: Vec<Vec<KeyEvent>>,
    depth: usize,
) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = HashSet::new();
    let mut queue: VecDeque<Vec<KeyEvent>> = starts.into();
    while let Some(path) = queue.pop_front() {
        let mut a = replay(roles, lang, dir.path(), &path);
        let (shown, bar) = screen(&mut a);
        if !seen.insert((a.current(), bar.clone(), a.depth())) {
            continue;
        }
        for line in shown.lines() {
            let words = match a.language() {
                Lang::Zh => crate::strings::words::english_in_chinese(line, ACCOUNTS),
                Lang::En => crate::strings::words::chinese_punctuation(line)
                    .chars()
                    .map(String::from)
                    .collect(),
            };
            for w in words {
                FOREIGN.with(|f| {
                    let keys: String = path.iter().map(|k| format!("{:?} ", k.code)).collect();
                    f.borrow_mut()
                        .entry(w)
                        .or_insert_with(|| format!("{roles:?} after {keys}: {}", line.trim()))
                        .len()
                });
            }
        }
        for k in offered(&mut a) {
            let mut b = replay(roles, lang, dir.path(), &path);
            press(&mut b, k);
            let ignored = b.take_ignored();
            assert!(
                ignored.is_empty(),
                "{roles:?}: after {path:?} the bar `{}` offers {k:?}, which does nothing ({ignored:?})",
                bar.trim_end()
            );
            if path.len() < depth {
                let mut next = path.clone();
                next.push(k);
                queue.push_back(next);
            }
        }
    }
    seen.len()
}

#[test]
fn every_offered_key_is_handled_in_every_state_for_every_role() {
    for roles in [
        &[Role::Admin][..],
        &[Role::Leader],
        &[Role::Witness],
        &[Role::Inspector],
        &[Role::Auditor],
    ] {
        let states = walk(roles, Lang::Zh, 3);
        eprintln!("{roles:?}: {states} states");
        assert!(states >= 5, "{roles:?}: only {states} states visited");
    }
    // In English, two keys deep for the widest role.
    let states = walk(&[Role::Admin], Lang::En, 2);
    eprintln!("[Admin] in English: {states} states");
    let foreign = FOREIGN.with(|f| f.take());
    assert!(
        foreign.is_empty(),
        "English words on Chinese screens, or Chinese punctuation in English:\n{}",
        foreign
            .iter()
            .map(|(w, at)| format!("{w}: {at}\n"))
            .collect::<String>()
    );
}

/// Opens draw `n` (1-based in the list) on the draws tab.
fn room(roles: &[Role], dir: &Path, n: usize) -> App {
    let mut a = app(roles, dir);
    press(
        &mut a,
        KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE),
    );
    for _ in 1..n {
        press(&mut a, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    a
}

pub(super) fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn keys_follow_the_room_state_and_a_refused_key_says_why() {
    let dir = tempfile::tempdir().unwrap();
    // The list shows the newest draw first: 5 cancelled … 1 released.
    let mut w = room(&[Role::Witness], dir.path(), 3);
    let (shown, bar) = screen(&mut w);
    assert!(shown.contains("已揭晓"), "{shown}");
    assert!(
        !bar.contains("输入随机字符串"),
        "revealed: no entropy key\n{bar}"
    );
    assert!(bar.contains("确认结果"), "{bar}");
    press(&mut w, ch('r'));
    let said = w.message().unwrap_or_default().to_string();
    assert!(
        said.contains("管理员"),
        "a witness's r says who may reveal: {said}"
    );
    press(&mut w, ch('e'));
    let said = w.message().unwrap_or_default().to_string();
    assert!(
        said.contains("揭晓前"),
        "entropy after the reveal says why: {said}"
    );

    let mut a = room(&[Role::Admin], dir.path(), 3);
    let (_, bar) = screen(&mut a);
    assert!(
        !bar.contains("揭晓"),
        "revealed: no reveal key for the admin\n{bar}"
    );
    press(&mut a, ch('r'));
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("已揭晓"), "{said}");

    let mut sealed = room(&[Role::Witness], dir.path(), 5);
    let (shown, bar) = screen(&mut sealed);
    assert!(shown.contains("已封存"), "{shown}");
    assert!(
        !bar.contains("输入随机字符串"),
        "sealed: no entropy key\n{bar}"
    );

    let mut prepared = room(&[Role::Admin], dir.path(), 4);
    let (_, bar) = screen(&mut prepared);
    assert!(bar.contains("r 揭晓"), "{bar}");
    assert!(
        !bar.contains("下发任务"),
        "prepared: nothing to release\n{bar}"
    );
}

#[test]
fn an_administrators_key_tells_others_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Leader], dir.path());
    press(&mut a, ch('2'));
    let (_, bar) = screen(&mut a);
    assert!(!bar.contains("新增"), "{bar}");
    press(&mut a, ch('n'));
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("管理员"), "{said}");
}

#[test]
fn forms_have_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Admin], dir.path());
    press(&mut a, ch('2'));
    press(&mut a, ch('n'));
    press(&mut a, KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("帮助") && shown.contains("保存"), "{shown}");
}

#[test]
fn tabs_keep_their_numbers_for_every_role() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Inspector], dir.path());
    let (shown, _) = screen(&mut a);
    assert!(shown.starts_with("1 首页 4 抽查事项 6 检查结果"), "{shown}");
    press(&mut a, ch('6'));
    assert_eq!(a.current(), super::app::Tab::Results);
    press(&mut a, ch('2'));
    assert_eq!(
        a.current(),
        super::app::Tab::Results,
        "a hidden tab is not shown"
    );
    let said = a.message().unwrap_or_default().to_string();
    assert!(
        said.contains("检查对象") && said.contains("不向您的角色开放"),
        "{said}"
    );
}

#[test]
fn a_cut_hint_bar_says_there_is_more_and_keeps_the_screens_own_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Admin], dir.path());
    press(&mut a, ch('2'));
    let (_, bar) = screen(&mut a);
    let bar = bar.trim_end();
    assert!(bar.ends_with("? 更多"), "{bar}");
    for k in ["n 新增", "e 编辑", "d 停用/注销"] {
        assert!(bar.contains(k), "{k} in {bar}");
    }
}

#[test]
fn a_new_search_starts_empty_and_the_last_is_one_key_away() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Admin], dir.path());
    press(&mut a, ch('2'));
    for c in "/ts".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let narrowed = a.listing(super::app::Tab::Enterprises).unwrap().rows.len();
    press(&mut a, ch('/'));
    let (shown, bar) = screen(&mut a);
    assert!(
        shown.contains("首字母）：_"),
        "a new search is empty\n{shown}"
    );
    assert!(bar.contains("↑ 上次搜索"), "{bar}");
    press(&mut a, ch('x'));
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains("首字母）：x_"),
        "typing does not append to the old one\n{shown}"
    );
    press(
        &mut a,
        KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
    );
    press(&mut a, KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains("首字母）：ts_"),
        "↑ brings the last back\n{shown}"
    );
    assert!(narrowed > 0);
}

#[test]
fn an_empty_registry_says_how_to_fill_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    let svc = Service::open(&path).unwrap().with_clock(clock());
    let session = Session {
        actor: admin(),
        lang: Lang::Zh,
        theme: Theme { ascii: false },
        must_change_password: false,
    };
    let mut a = App::new(session, svc, Hub::new());
    press(&mut a, ch('2'));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("登记簿还是空的"), "{shown}");
    assert!(shown.contains("inbox/"), "{shown}");
}

/// An app on an existing database file.
pub(super) fn app_on(path: &Path, roles: &[Role], name: &str) -> App {
    app_in(path, roles, name, Lang::Zh)
}

/// An app on an existing database file, in `lang`.
pub(super) fn app_in(path: &Path, roles: &[Role], name: &str, lang: Lang) -> App {
    let actor = Actor {
        user_id: Some(1),
        name: name.into(),
        roles: roles.iter().copied().collect(),
    };
    let session = Session {
        actor,
        lang,
        theme: Theme { ascii: false },
        must_change_password: false,
    };
    App::new(
        session,
        Service::open(path).unwrap().with_clock(clock()),
        Hub::new(),
    )
}

#[test]
fn an_entered_result_opens_read_only_and_reviewers_see_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    std::fs::copy(template(), &path).unwrap();
    let mut a = app_on(&path, &[Role::Inspector], "zhang");
    press(&mut a, ch('6'));
    let first = a.listing(super::app::Tab::Results).unwrap().rows[0].id;
    press(&mut a, ch('e'));
    assert_eq!(a.depth(), 1, "the form is open");
    press(
        &mut a,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    assert_eq!(a.depth(), 0, "saved: {:?}", a.message());
    // A change elsewhere that leaves this list as it is says nothing.
    a.update(Event::Notice(crate::service::hub::Notice::Changed(
        crate::service::Change::Draws,
    )));
    let said = a.message().unwrap_or_default().to_string();
    assert!(
        !said.contains("更新"),
        "no 'updated' for an unchanged list: {said}"
    );
    // Back on the saved row, `e` opens it read-only and says why.
    press(&mut a, KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    while a.selected_row() != Some(first) {
        press(&mut a, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    press(&mut a, ch('e'));
    assert_eq!(a.depth(), 1, "the detail is open");
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("只读"), "{said}");

    let mut l = app_on(&path, &[Role::Leader], "li");
    press(&mut l, ch('6'));
    let rows = l.listing(super::app::Tab::Results).unwrap();
    let (shown, _) = screen(&mut l);
    assert_eq!(
        rows.rows[0].id, first,
        "the submitted result first\n{shown}"
    );
}

/// Issue 21 item 6: the auditor reads everyone's results, opens them, and is told why `e` is
/// not for them.
#[test]
fn an_auditor_reads_every_result_and_enters_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Auditor], dir.path());
    press(&mut a, ch('6'));
    let rows = a.listing(super::app::Tab::Results).unwrap().rows.len();
    let (shown, bar) = screen(&mut a);
    assert!(rows > 0, "the released draw's assignments\n{shown}");
    assert!(!bar.contains("e 录入"), "{bar}");
    press(&mut a, ch('e'));
    assert_eq!(a.depth(), 0, "nothing opens");
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("检查人员"), "{said}");
    press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(a.depth(), 1, "the detail opens: {:?}", a.message());
}

#[test]
fn a_fields_error_goes_once_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Admin], dir.path());
    press(&mut a, ch('2'));
    press(&mut a, ch('n'));
    for c in "测试单位".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    for c in "123".chars() {
        press(&mut a, ch(c));
    }
    press(
        &mut a,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    let (shown, _) = screen(&mut a);
    assert!(shown.contains('⚠'), "the bad code is marked\n{shown}");
    for _ in 0..3 {
        press(
            &mut a,
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
        );
    }
    for c in "91130273MAC2Y4XU27".chars() {
        press(&mut a, ch(c));
    }
    let (shown, _) = screen(&mut a);
    assert!(!shown.contains('⚠'), "fixed: no mark left\n{shown}");
}

#[test]
fn at_120_columns_no_worklist_value_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&[Role::Leader], dir.path());
    press(&mut a, ch('6'));
    let shown = screen_at(&mut a, 120, 35);
    let rows: Vec<&str> = shown.lines().skip(3).take(2).collect();
    assert!(rows.iter().all(|r| !r.contains('…')), "{shown}");
    let narrow = screen(&mut a).0;
    assert!(
        narrow.lines().nth(3).is_some_and(|r| r.contains('…')),
        "80 columns cut, marked\n{narrow}"
    );
}

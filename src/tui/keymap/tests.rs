//! Tests of `keymap`.

use super::*;

#[test]
fn keys_resolve() {
    let k = |c, m| KeyEvent::new(c, m);
    assert_eq!(
        lookup(&[GLOBAL], &k(KeyCode::Char('c'), C)),
        Some(Action::Quit)
    );
    assert_eq!(
        lookup(&[GLOBAL], &k(KeyCode::Char('?'), KeyModifiers::SHIFT)),
        Some(Action::Help)
    );
    assert_eq!(
        lookup(&[LIST], &k(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(lookup(&[LIST], &k(KeyCode::Char('x'), N)), None);
    assert_eq!(
        lookup(&[GLOBAL], &k(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::PrevTab)
    );
}

#[test]
fn every_binding_has_a_label() {
    for set in [
        GLOBAL,
        LIST,
        DETAIL,
        POPUP,
        SEARCHING,
        EDIT,
        FORM,
        PICKER,
        CONFIRM,
        IMPORT,
        EXPORT,
        WIZARD_PICK,
        WIZARD_FILES,
        WIZARD_PREVIEW,
        WIZARD_IMPORT,
        WIZARD_REFUSED,
        WIZARD_DONE,
        EVIDENCE,
        EVIDENCE_ADD,
        REPORTS_BUNDLE,
        DRAWS_NEW,
        PREPARE_FREEZE,
        PREPARE_BACK,
        ROOM_PUBLIC,
        ROOM_CANCEL,
        ROOM_ANNOTATE,
    ] {
        for b in set {
            assert!(
                !crate::strings::ui::key_label(b.label, crate::strings::Lang::Zh).is_empty(),
                "{}",
                b.label
            );
            assert!(!b.keys.is_empty());
        }
    }
}

/// On every screen a key does one thing: no key is bound to two actions in the binding
/// sets a screen combines (the first would silently win).
#[test]
fn no_screen_binds_a_key_twice() {
    let screens: &[&[&[Binding]]] = &[
        &[LIST, EDIT, GLOBAL],
        &[LIST, EDIT, IMPORT, EXPORT, GLOBAL],
        &[LIST, EDIT, EXPORT, GLOBAL],
        &[LIST, EDIT, EXPORT, USER_ENABLE, GLOBAL],
        &[LIST, EXPORT, GLOBAL],
        &[WIZARD_PICK],
        &[WIZARD_FILES, WIZARD_PICK],
        &[SCROLL, WIZARD_IMPORT, WIZARD_PREVIEW],
        &[SCROLL, WIZARD_REFUSED, WIZARD_PREVIEW],
        &[SCROLL, WIZARD_DONE],
        &[SCROLL, DETAIL, GLOBAL],
        &[SCROLL, DETAIL, CONFLICTS, RECORDS, IMPORT, GLOBAL],
        &[
            SCROLL,
            DETAIL,
            EVIDENCE,
            EVIDENCE_ADD,
            EVIDENCE_WITHDRAW,
            GLOBAL,
        ],
        &[WORK, LIST, REVIEW, PUBLISH, OFFSITE, GLOBAL],
        &[SCROLL, REPORTS, REPORTS_ADMIN, REPORTS_LEADER, GLOBAL],
        &[
            SCROLL,
            REPORTS,
            REPORTS_ADMIN,
            REPORTS_BUNDLE,
            REPORTS_LEADER,
            GLOBAL,
        ],
        &[
            ROOM,
            ROOM_ENTROPY,
            ROOM_ANSWER,
            ROOM_REVEAL,
            ROOM_RELEASE,
            ROOM_ANNOUNCE,
            ROOM_ACCEPT,
            ROOM_CANCEL,
            ROOM_ANNOTATE,
            ROOM_PUBLIC,
            ROOM_RECORD,
            GLOBAL,
        ],
        &[DRAWS, DRAWS_NEW, GLOBAL],
        &[SCROLL, PREPARE_FREEZE, PREPARE_BACK, FORM_HELP, HELP_KEY],
        &[SCROLL, CLOSE, FORM_HELP, HELP_KEY],
        &[HOME_ADMIN, HOME_PLAN, HOME_SETTINGS, HOME_PREFS, GLOBAL],
        &[EDIT_CHOSEN, PLAN_QUARTERS, ARROWS, CLOSE],
        &[EDIT_CHOSEN, ARROWS, CLOSE],
        &[SAVE_NEXT, FORM],
        &[PROMPT],
        &[CONFIRM],
        &[POPUP],
        &[ARROWS, PICKER],
        &[SEARCHING],
    ];
    for set in screens {
        let all: Vec<(&Key, Action)> = set
            .iter()
            .flat_map(|b| b.iter())
            .flat_map(|b| b.keys.iter().map(move |k| (k, b.action)))
            .collect();
        for (i, (k, a)) in all.iter().enumerate() {
            for (k2, a2) in &all[i + 1..] {
                assert!(k != k2 || a == a2, "{k:?} does {a:?} and {a2:?}");
            }
        }
    }
}

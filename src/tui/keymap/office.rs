//! Keys of the office's own work in the UI (issue 17): the audit chain check, and declaring and
//! withdrawing conflicts of interest (回避) from a detail.

use super::*;

/// The audit tab: check the hash chain (administrators, auditors).
pub const AUDIT_VERIFY: &[Binding] = &[Binding {
    keys: &[ch('v')],
    action: Action::Verify,
    label: "verify_chain",
    shown: "v",
    in_bar: true,
}];

/// An enterprise's or an inspector's detail: declare (`c`) or withdraw (`w`) a conflict
/// (administrators; the service checks again).
pub const CONFLICTS: &[Binding] = &[
    Binding {
        keys: &[ch('c')],
        action: Action::Conflict,
        label: "declare_conflict",
        shown: "c",
        in_bar: true,
    },
    Binding {
        keys: &[ch('w')],
        action: Action::Withdraw,
        label: "withdraw_conflict",
        shown: "w",
        in_bar: true,
    },
];

/// An enterprise's detail: add or correct a penalty (`p`) or a complaint (`t`)
/// (administrators; the service checks again).
pub const RECORDS: &[Binding] = &[
    Binding {
        keys: &[ch('p')],
        action: Action::Penalty,
        label: "penalty",
        shown: "p",
        in_bar: true,
    },
    Binding {
        keys: &[ch('t')],
        action: Action::Complaint,
        label: "complaint",
        shown: "t",
        in_bar: true,
    },
];

/// Moving in a short list by the arrows only (letters may be typed into it).
pub const ARROWS: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Up, N)],
        action: Action::Up,
        label: "move",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N)],
        action: Action::Down,
        label: "move",
        shown: "↓",
        in_bar: false,
    },
];

/// Picking the row chosen (with ARROWS and CLOSE).
pub const PICK: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Enter, N)],
    action: Action::Open,
    label: "pick",
    shown: "Enter",
    in_bar: true,
}];

/// Withdrawing the conflict chosen (with ARROWS and CLOSE).
pub const WITHDRAW_PICKED: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Enter, N)],
    action: Action::Open,
    label: "withdraw_conflict",
    shown: "Enter",
    in_bar: true,
}];

/// Closing a popup (with ARROWS or SCROLL).
pub const CLOSE: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "close",
    shown: "Esc",
    in_bar: true,
}];

/// The home tab: the quarter's plan ratios (leaders and administrators; the service checks
/// again).
pub const HOME_PLAN: &[Binding] = &[Binding {
    keys: &[ch('p')],
    action: Action::Plan,
    label: "plan_ratios",
    shown: "p",
    in_bar: true,
}];

/// A list of values (the plan's ratios, the settings; with ARROWS and CLOSE): `Enter` edits
/// the one chosen.
pub const EDIT_CHOSEN: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Enter, N)],
    action: Action::Edit,
    label: "edit",
    shown: "Enter",
    in_bar: true,
}];

/// The plan's ratios (with EDIT_CHOSEN, ARROWS and CLOSE): `< >` another quarter.
pub const PLAN_QUARTERS: &[Binding] = &[
    Binding {
        keys: &[ch('<'), ch(',')],
        action: Action::PrevQuarter,
        label: "quarter",
        shown: "< >",
        in_bar: true,
    },
    Binding {
        keys: &[ch('>'), ch('.')],
        action: Action::NextQuarter,
        label: "quarter",
        shown: ">",
        in_bar: false,
    },
];

/// The users tab: enable the selected account again (administrators).
pub const USER_ENABLE: &[Binding] = &[Binding {
    keys: &[ch('a')],
    action: Action::Enable,
    label: "enable_user",
    shown: "a",
    in_bar: true,
}];

/// The home tab: the system settings (系统设置), administrators.
pub const HOME_SETTINGS: &[Binding] = &[Binding {
    keys: &[ch('s')],
    action: Action::Settings,
    label: "system_settings",
    shown: "s",
    in_bar: true,
}];

/// The system settings: the result categories (检查结果类别).
pub const SETTINGS_CATEGORIES: &[Binding] = &[Binding {
    keys: &[ch('c')],
    action: Action::Categories,
    label: "result_categories",
    shown: "c",
    in_bar: true,
}];

/// The result categories (with EDIT_CHOSEN, ARROWS and CLOSE): add one (`n`), retire the one
/// chosen (`r`, confirmed).
pub const CATEGORY_KEYS: &[Binding] = &[
    Binding {
        keys: &[ch('n')],
        action: Action::New,
        label: "new",
        shown: "n",
        in_bar: true,
    },
    Binding {
        keys: &[ch('r')],
        action: Action::Deactivate,
        label: "retire_category",
        shown: "r",
        in_bar: true,
    },
];

/// The home tab: the user's own settings (我的设置), for everyone.
pub const HOME_PREFS: &[Binding] = &[Binding {
    keys: &[ch('m')],
    action: Action::Prefs,
    label: "my_settings",
    shown: "m",
    in_bar: true,
}];

/// 我的设置 (with ARROWS and CLOSE): `Enter` changes the setting chosen.
pub const PREFS_CHANGE: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Enter, N), ch(' ')],
    action: Action::Toggle,
    label: "change",
    shown: "Enter",
    in_bar: true,
}];

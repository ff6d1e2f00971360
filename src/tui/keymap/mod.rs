//! Keys as data: every binding names an action and a hint label. Screens list the bindings they
//! handle; the key-hint line and the help popup are generated from those same lists, so a key
//! shown is always a key that works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextTab,
    PrevTab,
    Redraw,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Search,
    Sort,
    Filter,
    Open,
    Back,
    New,
    Edit,
    Deactivate,
    NextField,
    PrevField,
    Save,
    Toggle,
    Yes,
    No,
    /// Draw room: a witness types entropy.
    Entropy,
    Reveal,
    Confirm,
    Decline,
    /// A leader accepts a disputed result.
    Accept,
    CancelDraw,
    Release,
    Annotate,
    /// Write the draw record (HTML and xlsx).
    Record,
    /// Save and open the next record to enter.
    SaveNext,
    /// Worklist: enter the result of the selected assignment.
    EnterResult,
    Approve,
    ReturnResult,
    /// Write the quarter's public notice.
    Publish,
    /// Set a day of the working-day calendar.
    Calendar,
    /// Record an off-site check.
    Offsite,
    PrevQuarter,
    NextQuarter,
    /// Write what is shown to the outbox.
    Export,
    Joint,
    JointTargets,
    /// Open the import wizard.
    Import,
    /// Read a folder again (the inbox, in the import wizard).
    Reload,
}

/// A key binding: the keys, the action, the hint label key (see `strings::ui::key_label`),
/// and the text shown for the keys.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub label: &'static str,
    pub shown: &'static str,
    /// Shown in the one-line hint bar (all are shown in help).
    pub in_bar: bool,
}

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const N: KeyModifiers = KeyModifiers::NONE;
const C: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> Key {
    Key(KeyCode::Char(c), N)
}

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        // Shift is implied by the character itself ('G', '?').
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        match (self.0, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == self.1,
            (a, b) => a == b && ev.modifiers == self.1,
        }
    }
}

pub const GLOBAL: &[Binding] = &[
    Binding {
        keys: &[ch('q'), Key(KeyCode::Char('c'), C)],
        action: Action::Quit,
        label: "quit",
        shown: "q",
        in_bar: true,
    },
    Binding {
        keys: &[ch('?'), Key(KeyCode::F(1), N)],
        action: Action::Help,
        label: "help",
        shown: "?",
        in_bar: true,
    },
    Binding {
        keys: &[ch(']'), Key(KeyCode::Right, C), Key(KeyCode::Tab, N)],
        action: Action::NextTab,
        label: "tabs",
        shown: "1-9 [ ]",
        in_bar: true,
    },
    Binding {
        keys: &[
            ch('['),
            Key(KeyCode::Left, C),
            Key(KeyCode::BackTab, KeyModifiers::SHIFT),
        ],
        action: Action::PrevTab,
        label: "tabs",
        shown: "[",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Char('l'), C)],
        action: Action::Redraw,
        label: "redraw",
        shown: "Ctrl-L",
        in_bar: false,
    },
];

pub const LIST: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Up, N), ch('k')],
        action: Action::Up,
        label: "move",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N), ch('j')],
        action: Action::Down,
        label: "move",
        shown: "↓ j",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::PageUp, N)],
        action: Action::PageUp,
        label: "page",
        shown: "PgUp PgDn",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::PageDown, N)],
        action: Action::PageDown,
        label: "page",
        shown: "PgDn",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Home, N), ch('g')],
        action: Action::Top,
        label: "ends",
        shown: "Home End g G",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::End, N), ch('G')],
        action: Action::Bottom,
        label: "ends",
        shown: "End G",
        in_bar: false,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::Search,
        label: "search",
        shown: "/",
        in_bar: true,
    },
    Binding {
        keys: &[ch('s')],
        action: Action::Sort,
        label: "sort",
        shown: "s",
        in_bar: true,
    },
    Binding {
        keys: &[ch('f')],
        action: Action::Filter,
        label: "filter",
        shown: "f",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "open",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "clear",
        shown: "Esc",
        in_bar: false,
    },
];

/// Registry changes (shown to administrators only; the service checks again).
pub const EDIT: &[Binding] = &[
    Binding {
        keys: &[ch('n')],
        action: Action::New,
        label: "new",
        shown: "n",
        in_bar: true,
    },
    Binding {
        keys: &[ch('e')],
        action: Action::Edit,
        label: "edit",
        shown: "e",
        in_bar: true,
    },
    Binding {
        keys: &[ch('d')],
        action: Action::Deactivate,
        label: "deactivate",
        shown: "d",
        in_bar: false,
    },
];

/// Registry imports through the wizard (administrators; the service checks again).
pub const IMPORT: &[Binding] = &[Binding {
    keys: &[ch('i')],
    action: Action::Import,
    label: "import",
    shown: "i",
    in_bar: true,
}];

/// Lists that can be written to the outbox as shown.
pub const EXPORT: &[Binding] = &[Binding {
    keys: &[ch('x')],
    action: Action::Export,
    label: "export_list",
    shown: "x",
    in_bar: true,
}];

/// The import wizard's lists (what to import, which file).
pub const WIZARD_PICK: &[Binding] = &[
    Binding {
        keys: &[ch('?'), Key(KeyCode::F(1), N)],
        action: Action::Help,
        label: "help",
        shown: "?",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Up, N), ch('k')],
        action: Action::Up,
        label: "move",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N), ch('j')],
        action: Action::Down,
        label: "move",
        shown: "↓",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "next_step",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "back",
        shown: "Esc",
        in_bar: true,
    },
];

/// The import wizard's list of inbox files (with WIZARD_PICK).
pub const WIZARD_FILES: &[Binding] = &[Binding {
    keys: &[ch('r')],
    action: Action::Reload,
    label: "reload_inbox",
    shown: "r",
    in_bar: true,
}];

/// The import wizard's preview and result (with SCROLL).
pub const WIZARD_PREVIEW: &[Binding] = &[
    Binding {
        keys: &[ch('?'), Key(KeyCode::F(1), N)],
        action: Action::Help,
        label: "help",
        shown: "?",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "back",
        shown: "Esc",
        in_bar: true,
    },
];

/// The preview of a file that would import.
pub const WIZARD_IMPORT: &[Binding] = &[Binding {
    keys: &[ch('y')],
    action: Action::Yes,
    label: "import_now",
    shown: "y",
    in_bar: true,
}];

/// The preview of a file with problems: `y` only says why it cannot import (help lists it).
pub const WIZARD_REFUSED: &[Binding] = &[Binding {
    keys: &[ch('y')],
    action: Action::Yes,
    label: "import_refused",
    shown: "y",
    in_bar: false,
}];

/// The import's result.
pub const WIZARD_DONE: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Enter, N), Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "close",
    shown: "Enter",
    in_bar: true,
}];

pub const FORM: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Tab, N), Key(KeyCode::Down, N)],
        action: Action::NextField,
        label: "next_field",
        shown: "Tab",
        in_bar: true,
    },
    Binding {
        keys: &[
            Key(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key(KeyCode::Up, N),
        ],
        action: Action::PrevField,
        label: "prev_field",
        shown: "Shift-Tab",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "choose",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Char('s'), C)],
        action: Action::Save,
        label: "save",
        shown: "Ctrl-S",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "cancel",
        shown: "Esc",
        in_bar: true,
    },
];

pub const PICKER: &[Binding] = &[
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
    Binding {
        keys: &[ch(' ')],
        action: Action::Toggle,
        label: "toggle",
        shown: "Space",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "pick",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "close",
        shown: "Esc",
        in_bar: true,
    },
];

pub const CONFIRM: &[Binding] = &[
    Binding {
        keys: &[ch('y'), Key(KeyCode::Enter, N)],
        action: Action::Yes,
        label: "yes",
        shown: "y",
        in_bar: true,
    },
    Binding {
        keys: &[ch('n'), Key(KeyCode::Esc, N)],
        action: Action::No,
        label: "no",
        shown: "n",
        in_bar: true,
    },
];

/// Scrolling a view longer than the screen (with DETAIL, ROOM, REPORTS).
pub const SCROLL: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Up, N), ch('k')],
        action: Action::Up,
        label: "scroll",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N), ch('j')],
        action: Action::Down,
        label: "scroll",
        shown: "↓",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::PageUp, N)],
        action: Action::PageUp,
        label: "page",
        shown: "PgUp PgDn",
        // Left out of the hint bar for the screens' own keys; in help.
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::PageDown, N)],
        action: Action::PageDown,
        label: "page",
        shown: "PgDn",
        in_bar: false,
    },
];

/// A detail view: back to the list.
pub const DETAIL: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "back",
    shown: "Esc",
    in_bar: true,
}];

/// Forms with a next record to enter: F2 saves and opens it.
pub const SAVE_NEXT: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::F(2), N)],
    action: Action::SaveNext,
    label: "save_next",
    shown: "F2",
    in_bar: true,
}];

/// The worklist of results.
pub const WORK: &[Binding] = &[Binding {
    keys: &[ch('e')],
    action: Action::EnterResult,
    label: "enter_result",
    shown: "e",
    in_bar: true,
}];

/// The worklist, for reviewers.
pub const REVIEW: &[Binding] = &[
    Binding {
        keys: &[ch('a')],
        action: Action::Approve,
        label: "approve",
        shown: "a",
        in_bar: true,
    },
    Binding {
        keys: &[ch('r')],
        action: Action::ReturnResult,
        label: "return_result",
        shown: "r",
        in_bar: true,
    },
];

/// The worklist, for administrators.
pub const PUBLISH: &[Binding] = &[Binding {
    keys: &[ch('p')],
    action: Action::Publish,
    label: "publish",
    shown: "p",
    in_bar: false,
}];

/// The home screen, for administrators.
pub const HOME_ADMIN: &[Binding] = &[Binding {
    keys: &[ch('c')],
    action: Action::Calendar,
    label: "calendar",
    shown: "c",
    in_bar: true,
}];

/// The worklist, for those who record off-site checks.
pub const OFFSITE: &[Binding] = &[Binding {
    keys: &[ch('o')],
    action: Action::Offsite,
    label: "offsite",
    shown: "o",
    in_bar: true,
}];

/// The reports tab.
pub const REPORTS: &[Binding] = &[
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
    Binding {
        keys: &[ch('x')],
        action: Action::Export,
        label: "export_report",
        shown: "x",
        in_bar: true,
    },
];

/// The reports tab, for administrators.
pub const REPORTS_ADMIN: &[Binding] = &[
    Binding {
        keys: &[ch('n')],
        action: Action::Joint,
        label: "joint",
        shown: "n",
        in_bar: false,
    },
    Binding {
        keys: &[ch('t')],
        action: Action::JointTargets,
        label: "joint_targets",
        shown: "t",
        in_bar: false,
    },
];

/// The list of draws.
pub const DRAWS: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Up, N), ch('k')],
        action: Action::Up,
        label: "move",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N), ch('j')],
        action: Action::Down,
        label: "move",
        shown: "↓",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "enter_room",
        shown: "Enter",
        in_bar: true,
    },
];

/// In a draw room, for everyone.
pub const ROOM: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "leave_room",
    shown: "Esc",
    in_bar: true,
}];

/// In a draw room, for witnesses.
pub const ROOM_WITNESS: &[Binding] = &[
    Binding {
        keys: &[ch('e')],
        action: Action::Entropy,
        label: "entropy",
        shown: "e",
        in_bar: true,
    },
    Binding {
        keys: &[ch('c')],
        action: Action::Confirm,
        label: "confirm",
        shown: "c",
        in_bar: true,
    },
    Binding {
        keys: &[ch('d')],
        action: Action::Decline,
        label: "decline",
        shown: "d",
        in_bar: true,
    },
];

/// In a draw room, for administrators.
pub const ROOM_ADMIN: &[Binding] = &[
    Binding {
        keys: &[ch('r')],
        action: Action::Reveal,
        label: "reveal",
        shown: "r",
        in_bar: true,
    },
    Binding {
        keys: &[ch('l')],
        action: Action::Release,
        label: "release",
        shown: "l",
        in_bar: true,
    },
];

/// In a draw room, for leaders.
pub const ROOM_LEADER: &[Binding] = &[Binding {
    keys: &[ch('a')],
    action: Action::Accept,
    label: "accept",
    shown: "a",
    in_bar: true,
}];

/// In a draw room, for administrators and leaders.
pub const ROOM_MANAGE: &[Binding] = &[
    Binding {
        keys: &[ch('z')],
        action: Action::CancelDraw,
        label: "cancel_draw",
        shown: "z",
        in_bar: false,
    },
    Binding {
        keys: &[ch('n')],
        action: Action::Annotate,
        label: "annotate",
        shown: "n",
        in_bar: false,
    },
    Binding {
        keys: &[ch('p')],
        action: Action::Record,
        label: "record",
        shown: "p",
        in_bar: true,
    },
];

/// A one-line prompt: Enter submits, Esc closes.
pub const PROMPT: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Save,
        label: "submit",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "cancel",
        shown: "Esc",
        in_bar: true,
    },
];

pub const POPUP: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Up, N), ch('k')],
        action: Action::Up,
        label: "move",
        shown: "↑↓",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Down, N), ch('j')],
        action: Action::Down,
        label: "move",
        shown: "↓",
        in_bar: false,
    },
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "pick",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "close",
        shown: "Esc",
        in_bar: true,
    },
];

pub const SEARCHING: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Open,
        label: "keep",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Esc, N)],
        action: Action::Back,
        label: "clear",
        shown: "Esc",
        in_bar: true,
    },
];

/// The action of a key among bindings.
pub fn lookup(bindings: &[&[Binding]], ev: &KeyEvent) -> Option<Action> {
    bindings
        .iter()
        .flat_map(|b| b.iter())
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests;

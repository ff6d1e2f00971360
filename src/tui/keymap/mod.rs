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
    /// Write the announcement of a prepared draw (JSON and HTML).
    Announce,
    /// Enter the public random value of a prepared draw.
    PublicValue,
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
    Evaluate,
    /// Open the import wizard.
    Import,
    /// Read a folder again (the inbox, in the import wizard).
    Reload,
    /// Bring back the last search.
    Recall,
    /// Attach an evidence file from the inbox to a result.
    Attach,
    /// Write the quarter's evidence bundle (ZIP) to the outbox.
    Bundle,
    /// Check the audit trail's hash chain.
    Verify,
    /// Declare a conflict of interest (回避) from a detail.
    Conflict,
    /// Withdraw a declared conflict of interest.
    Withdraw,
    /// Open the quarter's plan ratios.
    Plan,
    /// Open the user's own settings (我的设置).
    Prefs,
    /// Open the system settings (系统设置, administrators).
    Settings,
    /// The users tab: enable a disabled account again.
    Enable,
    /// Worklist: record the re-check (复查) of the selected follow-up.
    Recheck,
    /// Worklist: write the quarter's correction notice (更正公示).
    PublishCorrections,
    /// A result's detail: record an objection or start a correction (异议 / 更正).
    Object,
    /// A result's detail: a leader decides its objection or correction.
    Decide,
    /// An enterprise's detail: add or correct a penalty (行政处罚).
    Penalty,
    /// An enterprise's detail: add or correct a complaint (信访举报).
    Complaint,
    /// The system settings: open the result categories (检查结果类别).
    Categories,
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
        in_bar: true,
    },
];

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

/// A form's choice list (with `ARROWS`: letters filter it).
pub const PICKER: &[Binding] = &[
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

/// On an empty search line: the search before.
pub const SEARCH_RECALL: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Up, N)],
    action: Action::Recall,
    label: "recall",
    shown: "↑",
    in_bar: true,
}];

/// The first-login password change.
pub const PASSWORD: &[Binding] = &[
    Binding {
        keys: &[Key(KeyCode::Enter, N)],
        action: Action::Save,
        label: "save",
        shown: "Enter",
        in_bar: true,
    },
    Binding {
        keys: &[Key(KeyCode::Char('c'), C)],
        action: Action::Quit,
        label: "quit",
        shown: "Ctrl-C",
        in_bar: true,
    },
];

/// Help in a form: F1 always, `?` where it is not typed into a text field.
pub const FORM_HELP: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::F(1), N)],
    action: Action::Help,
    label: "help",
    shown: "F1",
    in_bar: false,
}];

/// `?` for help where it is not typed into a text field.
pub const HELP_KEY: &[Binding] = &[Binding {
    keys: &[ch('?')],
    action: Action::Help,
    label: "help",
    shown: "?",
    in_bar: false,
}];

/// The action of a key among bindings (the tables' tests; screens use `screen::Keys`).
#[cfg(test)]
pub fn lookup(bindings: &[&[Binding]], ev: &KeyEvent) -> Option<Action> {
    bindings
        .iter()
        .flat_map(|b| b.iter())
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

mod files;
mod office;
mod room;
mod work;
pub use files::*;
pub use office::*;
pub use room::*;
pub use work::*;

#[cfg(test)]
mod tests;

//! Keys of files in and out: the import wizard's steps and writing lists to the outbox.

use super::*;

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

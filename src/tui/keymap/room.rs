//! Keys of the draws tab and the live draw room, by role.

use super::*;

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

/// The list of draws: prepare a new draw (administrators; the service checks again).
pub const DRAWS_NEW: &[Binding] = &[Binding {
    keys: &[ch('n')],
    action: Action::New,
    label: "prepare_draw",
    shown: "n",
    in_bar: true,
}];

/// The preparation's feasibility check, passed: `Ctrl-S` freezes the snapshot.
pub const PREPARE_FREEZE: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Char('s'), C)],
    action: Action::Save,
    label: "freeze",
    shown: "Ctrl-S",
    in_bar: true,
}];

/// From the preparation's check back to its form.
pub const PREPARE_BACK: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "back_to_form",
    shown: "Esc",
    in_bar: true,
}];

/// In a draw room, for everyone.
pub const ROOM: &[Binding] = &[Binding {
    keys: &[Key(KeyCode::Esc, N)],
    action: Action::Back,
    label: "leave_room",
    shown: "Esc",
    in_bar: true,
}];

/// A witness adds entropy (before the reveal).
pub const ROOM_ENTROPY: &[Binding] = &[Binding {
    keys: &[ch('e')],
    action: Action::Entropy,
    label: "entropy",
    shown: "e",
    in_bar: true,
}];

/// A witness confirms the result or declines it (after the reveal).
pub const ROOM_ANSWER: &[Binding] = &[
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

/// An administrator reveals a prepared draw.
pub const ROOM_REVEAL: &[Binding] = &[Binding {
    keys: &[ch('r')],
    action: Action::Reveal,
    label: "reveal",
    shown: "r",
    in_bar: true,
}];

/// An administrator releases a sealed draw to the inspectors.
pub const ROOM_RELEASE: &[Binding] = &[Binding {
    keys: &[ch('l')],
    action: Action::Release,
    label: "release",
    shown: "l",
    in_bar: true,
}];

/// An administrator writes the announcement of a prepared draw.
pub const ROOM_ANNOUNCE: &[Binding] = &[Binding {
    keys: &[ch('b')],
    action: Action::Announce,
    label: "announce",
    shown: "b",
    in_bar: true,
}];

/// A leader accepts a disputed result.
pub const ROOM_ACCEPT: &[Binding] = &[Binding {
    keys: &[ch('a')],
    action: Action::Accept,
    label: "accept",
    shown: "a",
    in_bar: true,
}];

/// Cancelling the draw (administrators before the reveal, leaders before sealing).
pub const ROOM_CANCEL: &[Binding] = &[Binding {
    keys: &[ch('z')],
    action: Action::CancelDraw,
    label: "cancel_draw",
    shown: "z",
    in_bar: false,
}];

/// A note on a sealed or cancelled draw.
pub const ROOM_ANNOTATE: &[Binding] = &[Binding {
    keys: &[ch('n')],
    action: Action::Annotate,
    label: "annotate",
    shown: "n",
    in_bar: false,
}];

/// The public random value of the source named at preparation (administrators, before the
/// reveal).
pub const ROOM_PUBLIC: &[Binding] = &[Binding {
    keys: &[ch('v')],
    action: Action::PublicValue,
    label: "public_value",
    shown: "v",
    in_bar: true,
}];

/// Writing the draw record (administrators, leaders).
pub const ROOM_RECORD: &[Binding] = &[Binding {
    keys: &[ch('p')],
    action: Action::Record,
    label: "record",
    shown: "p",
    in_bar: true,
}];

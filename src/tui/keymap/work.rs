//! Keys of the detail view, the results worklist and review, the dashboard and the reports tab.

use super::*;

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

/// The worklist, for administrators: the quarter's notice, and its correction notice.
pub const PUBLISH: &[Binding] = &[
    Binding {
        keys: &[ch('p')],
        action: Action::Publish,
        label: "publish",
        shown: "p",
        in_bar: false,
    },
    Binding {
        keys: &[ch('P')],
        action: Action::PublishCorrections,
        label: "publish_corrections",
        shown: "P",
        in_bar: false,
    },
];

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

/// The reports tab, for administrators and leaders: the quarter's evidence bundle.
pub const REPORTS_BUNDLE: &[Binding] = &[Binding {
    keys: &[ch('b')],
    action: Action::Bundle,
    label: "bundle",
    shown: "b",
    in_bar: true,
}];

/// The reports tab, for leaders: the evaluation of an inspector (S9).
pub const REPORTS_LEADER: &[Binding] = &[Binding {
    keys: &[ch('g')],
    action: Action::Evaluate,
    label: "evaluation",
    shown: "g",
    in_bar: true,
}];

/// A result's detail with evidence files: copy one to the outbox.
pub const EVIDENCE: &[Binding] = &[Binding {
    keys: &[ch('x')],
    action: Action::Export,
    label: "export_evidence",
    shown: "x",
    in_bar: true,
}];

/// A result's detail with evidence files, for its team and administrators: withdraw one with a
/// reason (it stays on record).
pub const EVIDENCE_WITHDRAW: &[Binding] = &[Binding {
    keys: &[ch('w')],
    action: Action::Withdraw,
    label: "withdraw_evidence",
    shown: "w",
    in_bar: true,
}];

/// A result's detail, for its team and administrators: attach a file from the inbox.
pub const EVIDENCE_ADD: &[Binding] = &[Binding {
    keys: &[ch('i')],
    action: Action::Attach,
    label: "attach_evidence",
    shown: "i",
    in_bar: true,
}];

/// The worklist, for a follow-up still open (its team, administrators): the re-check.
pub const RECHECK: &[Binding] = &[Binding {
    keys: &[ch('c')],
    action: Action::Recheck,
    label: "recheck",
    shown: "c",
    in_bar: true,
}];

/// A published result's detail, for administrators: an objection or a correction.
pub const OBJECT: &[Binding] = &[Binding {
    keys: &[ch('o')],
    action: Action::Object,
    label: "objection",
    shown: "o",
    in_bar: true,
}];

/// A result's detail, for leaders, with a case awaiting decision: 维持 or 更正.
pub const DECIDE: &[Binding] = &[Binding {
    keys: &[ch('d')],
    action: Action::Decide,
    label: "decide",
    shown: "d",
    in_bar: true,
}];

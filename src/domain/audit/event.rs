//! What one audit entry says happened: the [`Action`], the [`Entity`] it concerns (with its id,
//! when it has one) and the summary and before/after values, as a typed [`Event`].
//!
//! The names the variants store (`Action::name`, `Entity::name`) are part of the hash-chained
//! trail and are read by outside checkers: they must never change (see `docs/audit.md`).

/// Defines a fieldless enum whose every variant stores one fixed name.
macro_rules! named {
    ($(#[$m:meta])* $ty:ident { $($(#[$vm:meta])* $v:ident => $name:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $ty {
            $($(#[$vm])* $v,)+
        }

        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &[$ty] = &[$($ty::$v,)+];

            /// The name stored in the audit trail.
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$v => $name,)+
                }
            }

            /// The variant that stores `name`, if any.
            pub fn from_name(name: &str) -> Option<$ty> {
                match name {
                    $($name => Some($ty::$v),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

named! {
    /// What was done.
    Action {
        Create => "create",
        Update => "update",
        Revise => "revise",
        Deactivate => "deactivate",
        Withdraw => "withdraw",
        Retire => "retire",
        Import => "import",
        Restore => "restore",
        Publish => "publish",
        Offsite => "offsite",
        Approve => "approve",
        Return => "return",
        Recheck => "recheck",
        Disable => "disable",
        Enable => "enable",
        SetPreferences => "set_preferences",
        SetPassword => "set_password",
        Login => "login",
        LoginRefused => "login_refused",
        LoginFailed => "login_failed",
        Logout => "logout",
        Prepare => "prepare",
        OverrideEndedQuarter => "override_ended_quarter",
        Announce => "announce",
        AddEntropy => "add_entropy",
        PublicValue => "public_value",
        Reveal => "reveal",
        OpenRoom => "open_room",
        Join => "join",
        Seal => "seal",
        Cancel => "cancel",
        Confirm => "confirm",
        Decline => "decline",
        Accept => "accept",
        Release => "release",
        Annotate => "annotate",
        View => "view",
        Decide => "decide",
        Correct => "correct",
    }
}

named! {
    /// The kind of record an entry concerns.
    Entity {
        Enterprise => "enterprise",
        Inspector => "inspector",
        Penalty => "penalty",
        Complaint => "complaint",
        Conflict => "conflict",
        Item => "item",
        User => "user",
        Session => "session",
        Draw => "draw",
        Result => "result",
        Evidence => "evidence",
        Inspection => "inspection",
        Evaluation => "evaluation",
        JointInspection => "joint_inspection",
        JointTargets => "joint_targets",
        Quarter => "quarter",
        Category => "category",
        Calendar => "calendar",
        Settings => "settings",
        Plan => "plan",
        File => "file",
        Database => "database",
        Objection => "objection",
    }
}

impl Action {
    /// `Update` when there was a value before, else `Create`.
    pub fn upsert<T>(before: &Option<T>) -> Action {
        if before.is_some() {
            Action::Update
        } else {
            Action::Create
        }
    }
}

/// One audit entry's content, short of its time and actor: built with [`Event::new`] and the
/// `id`, `summary`, `before` and `after` methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event<'a> {
    pub action: Action,
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub summary: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

impl<'a> Event<'a> {
    /// `action` on a record of kind `entity`; no id, empty summary, no before nor after.
    pub fn new(action: Action, entity: Entity) -> Event<'a> {
        Event {
            action,
            entity,
            entity_id: None,
            summary: "",
            before: None,
            after: None,
        }
    }

    /// The record's id.
    pub fn id(self, id: i64) -> Event<'a> {
        self.opt_id(Some(id))
    }

    /// The record's id, when it has one.
    pub fn opt_id(self, entity_id: Option<i64>) -> Event<'a> {
        Event { entity_id, ..self }
    }

    /// The one-line summary.
    pub fn summary(self, summary: &'a str) -> Event<'a> {
        Event { summary, ..self }
    }

    /// The value before the change, when there was one.
    pub fn before(self, before: Option<&'a str>) -> Event<'a> {
        Event { before, ..self }
    }

    /// The value after the change, when it has one.
    pub fn after(self, after: Option<&'a str>) -> Event<'a> {
        Event { after, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names stored before the types existed, byte for byte: the trail's hashes and outside
    /// checkers depend on them.
    #[test]
    fn every_name_is_the_stored_literal() {
        let actions = [
            "create",
            "update",
            "revise",
            "deactivate",
            "withdraw",
            "retire",
            "import",
            "restore",
            "publish",
            "offsite",
            "approve",
            "return",
            "recheck",
            "disable",
            "enable",
            "set_preferences",
            "set_password",
            "login",
            "login_refused",
            "login_failed",
            "logout",
            "prepare",
            "override_ended_quarter",
            "announce",
            "add_entropy",
            "public_value",
            "reveal",
            "open_room",
            "join",
            "seal",
            "cancel",
            "confirm",
            "decline",
            "accept",
            "release",
            "annotate",
            "view",
            "decide",
            "correct",
        ];
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        assert_eq!(names, actions);
        let entities = [
            "enterprise",
            "inspector",
            "penalty",
            "complaint",
            "conflict",
            "item",
            "user",
            "session",
            "draw",
            "result",
            "evidence",
            "inspection",
            "evaluation",
            "joint_inspection",
            "joint_targets",
            "quarter",
            "category",
            "calendar",
            "settings",
            "plan",
            "file",
            "database",
            "objection",
        ];
        let names: Vec<&str> = Entity::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(names, entities);
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert_eq!(a.to_string(), a.name());
        }
        for e in Entity::ALL {
            assert_eq!(Entity::from_name(e.name()), Some(*e));
        }
        assert_eq!(Action::from_name("nonsense"), None);
    }

    #[test]
    fn a_change_is_built_field_by_field() {
        let c = Event::new(Action::Update, Entity::User)
            .id(7)
            .summary("alice")
            .before(Some("{}"))
            .after(Some("{\"a\":1}"));
        assert_eq!(c.action.name(), "update");
        assert_eq!(c.entity.name(), "user");
        assert_eq!(c.entity_id, Some(7));
        assert_eq!(c.summary, "alice");
        assert_eq!((c.before, c.after), (Some("{}"), Some("{\"a\":1}")));
        assert_eq!(Action::upsert(&Some(1)), Action::Update);
        assert_eq!(Action::upsert::<i32>(&None), Action::Create);
    }
}

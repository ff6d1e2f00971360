//! Use cases. Each one checks the caller's roles, validates, runs domain rules and storage in
//! one transaction, and writes its audit entries in that same transaction. Every entry point
//! (command line, SSH UI) goes through here, so permissions hold whatever the front end does.

mod backup;
mod bundle;
mod classify;
mod corrections;
pub mod derived;
mod draws;
mod evaluations;
mod events;
mod evidence;
mod export;
mod files;
mod followups;
pub mod hub;
mod import;
pub mod plan_ratio;
mod registry;
mod results;
mod room;
mod say;
pub mod setting;
mod stats;
mod trail;
mod users;

pub use backup::{
    BackupSchedule, MAX_KEEP_DAYS, Restored, keep_path, prune_backups, restore, scheduled_day,
    scheduled_name,
};
pub use classify::QuarterClassification;
pub use corrections::{CaseLine, CorrectionProblem, Decide};
pub use derived::Derived;
pub use draws::{
    DrawCheck, DrawNames, DrawProblem, DrawRequest, DrawRules, DrawSummary, LateOverride,
    MIN_ENTROPY_CHARS, PlanLine, PreparationNotes, PreparedDraw, RepeatExcluded, entropy_hash,
    is_revealed,
};
pub use evaluations::{Evaluee, REMARK_MAX};
pub use events::{Entry, Records};
pub use evidence::EvidenceProblem;
pub use export::RegistryTable;
pub use followups::{FollowUpLine, FollowUpProblem};
pub use import::{ImportError, ImportOutcome, ImportPreview, PREVIEW_ROWS, TablePreview};
pub use results::{
    Deadline, OFFSITE_READERS, OffsiteLine, PreVisit, Published, QuarterDeadlines, REVIEWERS,
    WORK_READERS, WorkCounts, WorkItem, WorkState, publication_deadline, quarter_deadlines,
    state_of,
};
pub use room::{Decision, Member, ROOM_ROLES, RoomState, Shown, ShownTarget, ShownTeam, Step};
pub use stats::STATS_READERS;
#[cfg(test)]
pub(crate) use stats::tests::fixture as stats_fixture;
pub use trail::AuditLine;
pub use users::{NewUser, PasswordRecord};

use crate::domain::audit::{Action, Anchor, ChainReport, Entity, Event};
use crate::domain::fields::FieldIssue;
use crate::domain::missing::Missing;
use crate::domain::quarter::Quarter;
use crate::domain::quota::Ratios;
use crate::domain::user::Role;
use crate::store::{AuditEntry, Db, Store, StoreError};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// Beijing time, UTC+8 without daylight saving.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// Who is acting: settled once at login (or the console operator) and passed to every call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
    pub roles: BTreeSet<Role>,
}

impl Actor {
    /// The operator at the server's console: someone with a shell on the server, who could
    /// open the database file anyway, acts as an administrator under their system name.
    pub fn console() -> Actor {
        let who = std::env::var("SUDO_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "root".into());
        Actor {
            user_id: None,
            name: format!("console:{who}"),
            roles: [Role::Admin].into(),
        }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Ok when the actor holds any of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ServiceError> {
        if roles.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(roles[0]))
        }
    }
}

/// Roles that may read the registries.
pub const READERS: &[Role] = &[Role::Admin, Role::Leader, Role::Auditor, Role::Witness];

/// Why a use case refused or failed.
#[derive(Debug, Error)]
pub enum ServiceError {
    #[error("permission denied (needs role {})", .0.code())]
    Forbidden(Role),
    #[error("{0} not found")]
    NotFound(Missing),
    #[error("the record was changed by someone else since it was read")]
    Stale,
    #[error("invalid input")]
    Invalid(Vec<FieldIssue>),
    #[error("{0} already exists")]
    Exists(String),
    #[error("the registry is not empty")]
    NotEmpty,
    #[error("import refused")]
    Import(ImportError),
    #[error("draw refused: {0:?}")]
    Draw(DrawProblem),
    #[error("evidence refused: {0:?}")]
    Evidence(EvidenceProblem),
    #[error("re-check refused: {0:?}")]
    FollowUp(FollowUpProblem),
    #[error("setting refused: {0:?}")]
    Setting(crate::domain::setting::SettingProblem),
    #[error("correction refused: {0:?}")]
    Correction(CorrectionProblem),
    #[error(transparent)]
    Record(#[from] crate::exchange::record::RecordError),
    #[error(transparent)]
    Publish(#[from] crate::exchange::publish::PublishError),
    #[error(transparent)]
    Report(#[from] crate::exchange::report::ReportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Backup(#[from] crate::store::BackupError),
    #[error(transparent)]
    Write(#[from] crate::exchange::write::WriteError),
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// Files made for a user: name and content.
pub type Files = Vec<(String, Vec<u8>)>;

/// The clock, replaceable in tests.
pub type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

/// What kind of data a committed change touched, for live views to refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Enterprises,
    Inspectors,
    Items,
    Users,
    Settings,
    Draws,
    /// Inspection results, their review and publication.
    Results,
    /// Only audit entries were added (a view of a sealed list).
    Audit,
}

/// Called after every committed change (shared by all sessions of a server).
pub type Notifier = std::sync::Arc<dyn Fn(Change) + Send + Sync>;

/// The application's use cases over one database connection.
pub struct Service {
    store: Store,
    clock: Clock,
    notifier: Option<Notifier>,
    /// Where draw secrets come from: the operating system's generator, or a fixed sequence in
    /// tests that need reproducible screens.
    secrets: Option<Box<dyn FnMut() -> [u8; 32] + Send>>,
    /// Figures derived from the whole registry, shared by a server's sessions.
    derived: Arc<Derived>,
}

impl Service {
    pub fn open(path: &Path) -> Result<Service> {
        Ok(Service {
            store: Store::open(path)?,
            clock: Box::new(Utc::now),
            notifier: None,
            secrets: None,
            derived: Derived::new(),
        })
    }

    /// Reads the database through a memory map (`Store::map_reads`): for the command line's
    /// one-shot processes, not for the server.
    pub fn map_reads(&mut self) -> Result<()> {
        Ok(self.store.map_reads()?)
    }

    pub fn open_in_memory() -> Result<Service> {
        Ok(Service {
            store: Store::open_in_memory()?,
            clock: Box::new(Utc::now),
            notifier: None,
            secrets: None,
            derived: Derived::new(),
        })
    }

    /// Draw secrets from `f` instead of the system's random generator (tests only: a draw's
    /// secret must be unpredictable).
    #[cfg(test)]
    pub fn with_secrets(mut self, f: Box<dyn FnMut() -> [u8; 32] + Send>) -> Service {
        self.secrets = Some(f);
        self
    }

    /// A fresh draw secret.
    fn secret(&mut self) -> [u8; 32] {
        match &mut self.secrets {
            Some(f) => f(),
            None => {
                let mut s = [0u8; 32];
                rand::fill(&mut s);
                s
            }
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> Service {
        self.clock = clock;
        self
    }

    /// Limits this connection's page cache (interactive sessions need little).
    pub fn with_cache_kib(mut self, kib: i64) -> Service {
        // A failure here only leaves the default size.
        let _ = self.store.read(|db| db.set_cache_kib(kib));
        self
    }

    /// Shares derived figures (the quarter's statistics and plan) with the other services
    /// holding `derived`.
    pub fn with_derived(mut self, derived: Arc<Derived>) -> Service {
        self.derived = derived;
        self
    }

    /// Where the data stands now, for derived figures: the newest change and the day.
    fn mark(&mut self) -> Result<derived::Mark> {
        let change = self.store.read(|db| db.last_change())?;
        Ok(derived::Mark {
            change,
            day: self.today(),
        })
    }

    /// Tells `notifier` about every committed change.
    pub fn with_notifier(mut self, notifier: Notifier) -> Service {
        self.notifier = Some(notifier);
        self
    }

    /// A write transaction whose commit is announced as `change`.
    fn write<T>(&mut self, change: Change, f: impl FnOnce(Db<'_>) -> Result<T>) -> Result<T> {
        let out = self.store.write(f)?;
        if let Some(n) = &self.notifier {
            n(change);
        }
        Ok(out)
    }

    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// Now, in Beijing time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)().with_timezone(&beijing())
    }

    /// Today in Beijing.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    fn stamp(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    /// The S4/S6 ratio settings.
    pub fn ratios(&mut self) -> Result<Ratios> {
        self.store.read(ratios)
    }

    /// Sets the default ratios only when the database has none yet (a configuration file's
    /// defaults); true when set.
    pub fn seed_ratios(&mut self, actor: &Actor, r: Ratios) -> Result<bool> {
        if self.store.read(|db| db.setting(RATIOS_KEY))?.is_some() {
            return Ok(false);
        }
        self.set_ratios(actor, r)?;
        Ok(true)
    }

    /// Changes the ratio settings (administrators).
    pub fn set_ratios(&mut self, actor: &Actor, r: Ratios) -> Result<()> {
        self.set_setting::<Ratios>(actor, RATIOS_KEY, &r)
    }

    /// Replaces the JSON setting `key` (administrators), with the change in the audit trail.
    fn set_setting<T: Serialize + DeserializeOwned + Default>(
        &mut self,
        actor: &Actor,
        key: &str,
        value: &T,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Settings, |db| {
            let before = json(&read_setting::<T>(db, key)?);
            let after = json(value);
            db.set_setting(key, &after)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::Settings)
                    .summary(key)
                    .before(Some(&before))
                    .after(Some(&after)),
            )
        })
    }

    /// A quarter's ratios: its plan's own when set, else the defaults; `true` when its own.
    pub fn plan_ratios(&mut self, quarter: Quarter) -> Result<(Ratios, bool)> {
        self.store.read(|db| plan_ratios(db, quarter))
    }

    /// Sets a quarter's own ratios (administrators, leaders); the defaults stay as they are.
    pub fn set_plan_ratios(&mut self, actor: &Actor, quarter: Quarter, r: Ratios) -> Result<()> {
        actor.require(plan_ratio::PLAN_ROLES)?;
        self.write_plan(actor, quarter, &quarter.to_string(), |_| r)?;
        Ok(())
    }

    /// Changes a quarter's own ratios with `change` (given the ratios in force for it) in one
    /// transaction, audited with `summary`; the ratios now.
    fn write_plan(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
        summary: &str,
        change: impl FnOnce(Ratios) -> Ratios,
    ) -> Result<Ratios> {
        let at = self.stamp();
        let q = quarter.to_string();
        self.write(Change::Settings, |db| {
            let before = db.plan_ratios(&q)?;
            let r = change(plan_ratios(db, quarter)?.0);
            let after = json(&r);
            db.set_plan_ratios(&q, &after, &actor.name, &at)?;
            let event = Event::new(Action::upsert(&before), Entity::Plan)
                .summary(summary)
                .before(before.as_deref())
                .after(Some(&after));
            audit(db, &at, actor, event)?;
            Ok(r)
        })
    }

    /// The newest audit entries (administrators, leaders, auditors).
    pub fn audit_recent(&mut self, actor: &Actor, limit: u32) -> Result<Vec<AuditLine>> {
        actor.require(&[Role::Admin, Role::Leader, Role::Auditor])?;
        Ok(trail::lines(self.store.read(|db| db.audit_recent(limit))?))
    }

    /// One entry of the audit trail by its id (the readers of the trail).
    pub fn audit_entry(&mut self, actor: &Actor, id: i64) -> Result<AuditLine> {
        actor.require(&[Role::Admin, Role::Leader, Role::Auditor])?;
        let row = self.store.read(|db| db.audit_entry(id))?;
        let missing = || ServiceError::NotFound(Missing::AuditEntry(id));
        trail::lines(row.into_iter().collect())
            .pop()
            .ok_or_else(missing)
    }

    /// Checks the audit trail's hash chain, and `anchor` (an id and hash noted earlier) when
    /// given (administrators, auditors). Every problem names its rows; see `domain::audit`.
    pub fn verify_audit(&mut self, actor: &Actor, anchor: Option<Anchor>) -> Result<ChainReport> {
        actor.require(&[Role::Admin, Role::Auditor])?;
        Ok(self.store.read(|db| db.verify_audit(anchor))?)
    }

    /// The change history of one record.
    pub fn history(&mut self, actor: &Actor, entity: &str, id: i64) -> Result<Vec<AuditLine>> {
        actor.require(READERS)?;
        Ok(trail::lines(self.store.read(|db| db.audit_of(entity, id))?))
    }
}

const RATIOS_KEY: &str = "ratios";

fn ratios(db: Db<'_>) -> Result<Ratios> {
    read_setting(db, RATIOS_KEY)
}

/// The JSON setting `key`, or its default when never set.
fn read_setting<T: DeserializeOwned + Default>(db: Db<'_>, key: &str) -> Result<T> {
    match db.setting(key)? {
        Some(s) => serde_json::from_str(&s)
            .map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")).into()),
        None => Ok(T::default()),
    }
}

fn plan_ratios(db: Db<'_>, quarter: Quarter) -> Result<(Ratios, bool)> {
    match db.plan_ratios(&quarter.to_string())? {
        Some(s) => serde_json::from_str(&s)
            .map(|r| (r, true))
            .map_err(|e| StoreError::Corrupt(format!("plan {quarter}: {e}")).into()),
        None => Ok((ratios(db)?, false)),
    }
}

/// JSON of a value for the audit trail.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Appends `event`, done by `actor` at `at`, to the audit trail, in the caller's transaction.
fn audit(db: Db<'_>, at: &str, actor: &Actor, event: Event<'_>) -> Result<()> {
    db.append_audit(&AuditEntry {
        at,
        actor: &actor.name,
        action: event.action.name(),
        entity: event.entity.name(),
        entity_id: event.entity_id,
        summary: event.summary,
        before: event.before,
        after: event.after,
    })?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn service() -> Service {
        Service::open_in_memory().unwrap().with_clock(Box::new(|| {
            Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap()
        }))
    }

    pub fn admin() -> Actor {
        Actor {
            user_id: None,
            name: "admin".into(),
            roles: [Role::Admin].into(),
        }
    }

    pub fn inspector() -> Actor {
        Actor {
            user_id: Some(9),
            name: "insp".into(),
            roles: [Role::Inspector].into(),
        }
    }

    #[test]
    fn ratios_are_settings_and_audited() {
        let mut s = service();
        assert_eq!(s.ratios().unwrap(), Ratios::default());
        let r = Ratios {
            key: 3000,
            ..Ratios::default()
        };
        assert!(matches!(
            s.set_ratios(&inspector(), r),
            Err(ServiceError::Forbidden(_))
        ));
        s.set_ratios(&admin(), r).unwrap();
        assert_eq!(s.ratios().unwrap().key, 3000);
        let a = s.audit_recent(&admin(), 5).unwrap();
        assert_eq!(
            (a[0].entity.as_str(), a[0].at.as_str()),
            ("settings", "2024-04-10T09:00:00+08:00")
        );
    }

    #[test]
    fn audit_chain_is_verified_by_admins_and_auditors() {
        let mut s = service();
        s.set_ratios(&admin(), Ratios::default()).unwrap();
        let auditor = Actor {
            user_id: Some(3),
            name: "aud".into(),
            roles: [Role::Auditor].into(),
        };
        let leader = Actor {
            roles: [Role::Leader].into(),
            ..auditor.clone()
        };
        for who in [admin(), auditor] {
            let r = s.verify_audit(&who, None).unwrap();
            assert!(r.is_ok() && r.rows == 1, "{r:?}");
        }
        for who in [leader, inspector()] {
            assert!(matches!(
                s.verify_audit(&who, None),
                Err(ServiceError::Forbidden(_))
            ));
        }
    }
}

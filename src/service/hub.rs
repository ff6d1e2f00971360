//! What sessions share: who is online, the change bus (a committed change reaches every
//! session within a moment), the registry listings, built once per change, role set and
//! language and shared read-only by every session showing them (so 50 sessions over 10,000 rows hold one
//! copy, not fifty), and the draw rooms: each room's view, built once per change, and who is
//! in which room now.

use super::{Actor, Change, Notifier, RoomState};
use crate::domain::search::SearchKey;
use crate::domain::user::Role;
use crate::strings::Lang;
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The tabs whose data may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Enterprises,
    Inspectors,
    Items,
    Users,
    Audit,
    /// The worklist (per user: never shared).
    Work,
}

impl Source {
    /// Which listings a change makes stale (every change also adds audit entries).
    pub fn touched_by(self, c: Change) -> bool {
        matches!(
            (self, c),
            (Source::Audit, _)
                | (Source::Enterprises, Change::Enterprises | Change::Settings)
                | (Source::Inspectors, Change::Inspectors)
                | (Source::Items, Change::Items)
                | (Source::Users, Change::Users)
                | (
                    Source::Work,
                    Change::Results | Change::Draws | Change::Enterprises | Change::Inspectors
                )
        )
    }
}

/// A column of a listing: title and width in terminal cells (0 = take the rest).
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: u16,
}

/// One row: the record's id, its display cells (already sanitised) and its search key.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub cells: Vec<String>,
    pub key: SearchKey,
}

/// A whole table, shared read-only.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Per column, the display width of its widest value or title (at most `WIDEST`).
    pub natural: Vec<u16>,
}

/// No column is laid out wider than this many cells.
pub const WIDEST: usize = 48;

impl Listing {
    /// A listing, measuring once how wide each column's content is (CJK takes two cells).
    pub fn new(columns: Vec<Column>, rows: Vec<Row>) -> Listing {
        use unicode_width::UnicodeWidthStr;
        let mut natural: Vec<usize> = columns.iter().map(|c| c.title.width()).collect();
        for r in &rows {
            for (w, c) in natural.iter_mut().zip(&r.cells) {
                *w = (*w).max(c.width()).min(WIDEST);
            }
        }
        let natural = natural.into_iter().map(|w| w.min(WIDEST) as u16).collect();
        Listing {
            columns,
            rows,
            natural,
        }
    }
}

/// A cached listing: what, for which roles, in which language.
type ListingKey = (Source, BTreeSet<Role>, Lang);

/// Messages to a session from outside its own input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Changed(Change),
    /// Someone entered or left a draw room.
    Presence,
    /// The server is shutting down or the user was disabled.
    Close(String),
}

/// Delivers a notice to one session; false once the session is gone.
pub type Deliver = Box<dyn Fn(Notice) -> bool + Send>;

struct Member {
    user: String,
    deliver: Deliver,
}

/// Shared by all sessions of one server.
#[derive(Default)]
pub struct Hub {
    next: AtomicU64,
    members: Mutex<HashMap<u64, Member>>,
    /// Keyed by who sees them too: a cached listing reaches only sessions whose roles are
    /// those it was built for, so a hit can never show a row to a role that may not see it.
    listings: Mutex<HashMap<ListingKey, Arc<Listing>>>,
    /// Held while a listing is built, so that sessions asking at once build it once.
    building: Mutex<()>,
    rooms: Mutex<HashMap<i64, Arc<RoomState>>>,
    /// Who is in which room now: presence key → (draw, login, since).
    present: Mutex<HashMap<u64, (i64, String, String)>>,
}

/// Being in a draw room; leaving (also by the session ending) drops it.
pub struct Presence {
    hub: Arc<Hub>,
    key: u64,
}

impl Drop for Presence {
    fn drop(&mut self) {
        lock(&self.hub.present).remove(&self.key);
        self.hub.broadcast(&Notice::Presence);
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Hub {
    pub fn new() -> Arc<Hub> {
        Arc::new(Hub::default())
    }

    /// Registers a session; returns its id for [`Hub::leave`].
    pub fn join(&self, user: &str, deliver: Deliver) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        lock(&self.members).insert(
            id,
            Member {
                user: user.to_string(),
                deliver,
            },
        );
        id
    }

    /// Unregisters a session (whose screens are gone) and drops the listings and room views
    /// nobody holds any more, so that memory does not stay at its peak once users leave.
    pub fn leave(&self, id: u64) {
        lock(&self.members).remove(&id);
        lock(&self.listings).retain(|_, l| Arc::strong_count(l) > 1);
        lock(&self.rooms).retain(|_, r| Arc::strong_count(r) > 1);
    }

    /// Sessions open now.
    pub fn online(&self) -> usize {
        lock(&self.members).len()
    }

    /// Names of the users online, sorted, each once.
    pub fn online_users(&self) -> Vec<String> {
        let mut v: Vec<String> = lock(&self.members)
            .values()
            .map(|m| m.user.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Sends a notice to every session.
    pub fn broadcast(&self, n: &Notice) {
        lock(&self.members).retain(|_, m| (m.deliver)(n.clone()));
    }

    /// The notifier to give every session's service: drops stale listings, tells sessions.
    pub fn notifier(self: &Arc<Self>) -> Notifier {
        let hub = Arc::clone(self);
        Arc::new(move |c| {
            lock(&hub.listings).retain(|(s, _, _), _| !s.touched_by(c));
            // Rooms show the draw and the names of firms and people.
            if matches!(c, Change::Draws | Change::Enterprises | Change::Inspectors) {
                lock(&hub.rooms).clear();
            }
            hub.broadcast(&Notice::Changed(c));
        })
    }

    /// The cached listing for `actor`'s roles, or builds it with `build` (outside the lock).
    pub fn listing<E>(
        &self,
        source: Source,
        actor: &Actor,
        lang: Lang,
        build: impl FnOnce() -> Result<Listing, E>,
    ) -> Result<Arc<Listing>, E> {
        let key = (source, actor.roles.clone(), lang);
        if let Some(l) = lock(&self.listings).get(&key) {
            return Ok(Arc::clone(l));
        }
        let _building = lock(&self.building);
        if let Some(l) = lock(&self.listings).get(&key) {
            return Ok(Arc::clone(l));
        }
        let l = Arc::new(build()?);
        lock(&self.listings).insert(key, Arc::clone(&l));
        Ok(l)
    }

    /// The cached view of a draw room, or builds it with `build` (once for all sessions).
    /// The caller has checked that its user may see the room.
    pub fn room<E>(
        &self,
        id: i64,
        build: impl FnOnce() -> Result<RoomState, E>,
    ) -> Result<Arc<RoomState>, E> {
        if let Some(r) = lock(&self.rooms).get(&id) {
            return Ok(Arc::clone(r));
        }
        let _building = lock(&self.building);
        if let Some(r) = lock(&self.rooms).get(&id) {
            return Ok(Arc::clone(r));
        }
        let r = Arc::new(build()?);
        lock(&self.rooms).insert(id, Arc::clone(&r));
        Ok(r)
    }

    /// Enters a draw room until the returned presence is dropped.
    pub fn enter_room(self: &Arc<Self>, draw: i64, login: &str, since: &str) -> Presence {
        let key = self.next.fetch_add(1, Ordering::Relaxed);
        lock(&self.present).insert(key, (draw, login.to_string(), since.to_string()));
        self.broadcast(&Notice::Presence);
        Presence {
            hub: Arc::clone(self),
            key,
        }
    }

    /// Who is in a room now, with the time they came in (earliest session).
    pub fn present(&self, draw: i64) -> HashMap<String, String> {
        let mut out: HashMap<String, String> = HashMap::new();
        for (d, login, since) in lock(&self.present).values() {
            if *d == draw {
                let e = out.entry(login.clone()).or_insert_with(|| since.clone());
                if since < e {
                    *e = since.clone();
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_reach_sessions_and_drop_stale_listings() {
        let hub = Hub::new();
        let (tx, rx) = std::sync::mpsc::channel();
        let id = hub.join("wang", Box::new(move |n| tx.send(n).is_ok()));
        let built = |n: usize| move || Ok::<_, ()>(Listing::new(vec![], Vec::with_capacity(n)));
        let admin = Actor {
            user_id: None,
            name: "admin".into(),
            roles: [Role::Admin].into(),
        };
        let witness = Actor {
            roles: [Role::Witness].into(),
            ..admin.clone()
        };
        let a = hub
            .listing(Source::Items, &admin, Lang::Zh, built(1))
            .unwrap();
        let b = hub
            .listing(Source::Items, &admin, Lang::Zh, built(2))
            .unwrap();
        assert!(Arc::ptr_eq(&a, &b), "built once, shared");
        let w = hub
            .listing(Source::Items, &witness, Lang::Zh, built(2))
            .unwrap();
        assert!(!Arc::ptr_eq(&a, &w), "another role set gets its own");
        drop(w);
        (hub.notifier())(Change::Items);
        assert_eq!(rx.try_recv(), Ok(Notice::Changed(Change::Items)));
        let c = hub
            .listing(Source::Items, &admin, Lang::Zh, built(3))
            .unwrap();
        assert!(!Arc::ptr_eq(&a, &c), "rebuilt after a change");
        assert_eq!(hub.online(), 1);
        drop((a, b));
        hub.leave(id);
        assert_eq!(hub.online(), 0);
        assert_eq!(
            lock(&hub.listings).len(),
            1,
            "the listing a session holds is kept"
        );
        drop(c);
        let other = hub.join("li", Box::new(|_| true));
        hub.leave(other);
        assert!(
            lock(&hub.listings).is_empty(),
            "dropped once nobody holds it"
        );
    }
}

//! Figures derived from the whole registry — a quarter's statistics and plan, everyone's work
//! waiting — computed once
//! and shared by every session of a server, so that a login or the home screen does not
//! classify the registry again (at a city's 100,000 targets that is most of a login's cost).
//! Each value is kept with the point it was computed at: the newest change in the audit trail
//! (any writer's, another process's included) and the day. A later change or another day makes
//! the next ask compute it afresh, so a value is never stale. One computation at a time:
//! sessions asking together wait for the first and share its result. A server keeps the
//! current quarter's values warm ([`keep_warm`]): computed at start and again after each
//! change, so that logins find them ready.

use super::{PlanLine, Result, WorkCounts};
use crate::domain::quarter::Quarter;
use crate::domain::stats::QuarterStats;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// When a value was computed: the newest data change's audit id and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub change: i64,
    pub day: NaiveDate,
}

type Slot<K, T> = Mutex<HashMap<K, (Mark, Arc<T>)>>;

/// The shared values; one per server (each service has its own unless given one).
#[derive(Default)]
pub struct Derived {
    stats: Slot<Quarter, QuarterStats>,
    plans: Slot<Quarter, Vec<PlanLine>>,
    /// Everyone's work waiting (what reviewers see).
    work: Slot<(), WorkCounts>,
    /// Held while a value is computed.
    building: Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The value of `slot` for `key` at `mark`, or `compute`d and kept.
fn get_or<K: Eq + std::hash::Hash + Copy, T>(
    slot: &Slot<K, T>,
    building: &Mutex<()>,
    key: K,
    mark: Mark,
    compute: impl FnOnce() -> Result<T>,
) -> Result<Arc<T>> {
    let kept = |s: &Slot<K, T>| {
        lock(s)
            .get(&key)
            .filter(|(m, _)| *m == mark)
            .map(|(_, v)| Arc::clone(v))
    };
    if let Some(v) = kept(slot) {
        return Ok(v);
    }
    let _one = lock(building);
    if let Some(v) = kept(slot) {
        return Ok(v);
    }
    let v = Arc::new(compute()?);
    lock(slot).insert(key, (mark, Arc::clone(&v)));
    Ok(v)
}

impl Derived {
    pub fn new() -> Arc<Derived> {
        Arc::new(Derived::default())
    }

    pub fn stats(
        &self,
        quarter: Quarter,
        mark: Mark,
        compute: impl FnOnce() -> Result<QuarterStats>,
    ) -> Result<Arc<QuarterStats>> {
        get_or(&self.stats, &self.building, quarter, mark, compute)
    }

    pub fn plan(
        &self,
        quarter: Quarter,
        mark: Mark,
        compute: impl FnOnce() -> Result<Vec<PlanLine>>,
    ) -> Result<Arc<Vec<PlanLine>>> {
        get_or(&self.plans, &self.building, quarter, mark, compute)
    }

    pub fn work(
        &self,
        mark: Mark,
        compute: impl FnOnce() -> Result<WorkCounts>,
    ) -> Result<Arc<WorkCounts>> {
        get_or(&self.work, &self.building, (), mark, compute)
    }
}

/// Computes the current quarter's statistics and plan into `derived` now and again after each
/// `()` received (a change; several in a row are computed once), on a thread of its own with
/// its own connection, until the sender is dropped.
pub fn keep_warm(db: PathBuf, derived: Arc<Derived>) -> std::sync::mpsc::Sender<()> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let _ = std::thread::Builder::new()
        .name("derived-warm".into())
        .spawn(move || {
            let Ok(svc) = super::Service::open(&db) else {
                return;
            };
            let mut svc = svc.with_derived(derived);
            let me = super::Actor::console();
            loop {
                let q = Quarter::of(svc.today());
                // A failure only leaves the figures to be computed when asked.
                let _ = svc.quarter_stats(&me, q);
                let _ = svc.plan(&me, q);
                let _ = svc.work_counts(&me);
                if rx.recv().is_err() {
                    return;
                }
                // Let a burst of changes end, then compute once.
                std::thread::sleep(std::time::Duration::from_millis(200));
                while rx.try_recv().is_ok() {}
            }
        });
    tx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_once_per_mark_and_again_after_a_change_or_a_new_day() {
        let d = Derived::new();
        let q: Quarter = "2026Q4".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mark = Mark { change: 10, day };
        let mut runs = 0;
        let mut ask = |m: Mark| {
            d.plan(q, m, || {
                runs += 1;
                Ok(Vec::new())
            })
            .unwrap()
        };
        let a = ask(mark);
        let b = ask(mark);
        assert!(Arc::ptr_eq(&a, &b));
        ask(Mark { change: 11, day });
        ask(Mark {
            change: 11,
            day: day.succ_opt().unwrap(),
        });
        assert_eq!(runs, 3);
    }

    #[test]
    fn a_change_by_another_connection_is_seen_at_the_next_ask() {
        use crate::service::Service;
        use crate::service::tests::admin;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite3");
        let shared = Derived::new();
        let mut a = Service::open(&db)
            .unwrap()
            .with_derived(Arc::clone(&shared));
        let mut other = Service::open(&db).unwrap();
        crate::demo::fill(&mut other, &admin(), 30).unwrap();
        let q = Quarter::of(a.today());
        let population = |s: &mut Service| {
            s.plan(&admin(), q)
                .unwrap()
                .iter()
                .map(|l| l.population)
                .sum::<u64>()
        };
        let before = population(&mut a);
        // Shared: a second service gets the same value without computing.
        let mut b = Service::open(&db)
            .unwrap()
            .with_derived(Arc::clone(&shared));
        assert_eq!(population(&mut b), before);
        // Another process (no notifier, no shared cache) adds an enterprise.
        let row = crate::domain::enterprise::tests::sample("91130273MA0NEW001");
        other.create_enterprise(&admin(), &row).unwrap();
        assert_eq!(population(&mut a), before + 1);
    }
}

//! Rate limits on logins, per source address and per user name. An attempt takes a slot
//! *before* its credential is checked, in one step under the limiter's lock, so attempts that
//! arrive together cannot all pass a check made before any of them failed: at most `max`
//! credentials are ever checked per address and per user within `window`. A failed attempt
//! keeps its slot for the window; a successful one gives it back and clears the user's
//! failures (not the address's). Pure: the caller passes the time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Past this many distinct names or addresses, entries whose window has passed are dropped,
/// so that a flood of invented names keeps memory bounded.
const PRUNE_AT: usize = 10_000;

/// Attempts (being checked or failed) in a sliding window.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    by_addr: HashMap<IpAddr, Vec<Instant>>,
    by_user: HashMap<String, Vec<Instant>>,
}

/// The slot an attempt holds while its credential is checked; give it back with
/// [`Limiter::succeeded`] or keep it as a failure with [`Limiter::failed`].
#[derive(Debug)]
#[must_use]
pub struct Slot {
    addr: Option<IpAddr>,
    user: String,
    at: Instant,
}

impl Limiter {
    pub fn new(max: usize, window: Duration) -> Limiter {
        Limiter {
            max: max.max(1),
            window,
            by_addr: HashMap::new(),
            by_user: HashMap::new(),
        }
    }

    fn full(v: Option<&mut Vec<Instant>>, now: Instant, window: Duration, max: usize) -> bool {
        v.is_some_and(|v| {
            v.retain(|t| now.saturating_duration_since(*t) < window);
            v.len() >= max
        })
    }

    /// Takes a slot for an attempt from `addr` for `user`, or `None` when the address or the
    /// user already has `max` attempts in the window.
    pub fn reserve(&mut self, addr: Option<IpAddr>, user: &str, now: Instant) -> Option<Slot> {
        let (max, window) = (self.max, self.window);
        let addr_full = Self::full(
            addr.and_then(|a| self.by_addr.get_mut(&a)),
            now,
            window,
            max,
        );
        if addr_full || Self::full(self.by_user.get_mut(user), now, window, max) {
            return None;
        }
        if let Some(a) = addr {
            self.by_addr.entry(a).or_default().push(now);
        }
        self.by_user.entry(user.to_string()).or_default().push(now);
        self.bound(now);
        Some(Slot {
            addr,
            user: user.to_string(),
            at: now,
        })
    }

    fn bound(&mut self, now: Instant) {
        if self.by_user.len() > PRUNE_AT || self.by_addr.len() > PRUNE_AT {
            let window = self.window;
            let live = |v: &mut Vec<Instant>| {
                v.retain(|t| now.saturating_duration_since(*t) < window);
                !v.is_empty()
            };
            self.by_user.retain(|_, v| live(v));
            self.by_addr.retain(|_, v| live(v));
        }
    }

    /// The attempt failed: its slot stays taken until the window has passed.
    pub fn failed(&mut self, slot: Slot) {
        drop(slot);
    }

    /// The attempt succeeded: its slot is given back and the user's failures are forgotten.
    pub fn succeeded(&mut self, slot: Slot) {
        if let Some(v) = slot.addr.and_then(|a| self.by_addr.get_mut(&a))
            && let Some(i) = v.iter().position(|t| *t == slot.at)
        {
            v.swap_remove(i);
        }
        self.by_user.remove(&slot.user);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn blocks_after_max_failures_then_recovers() {
        let mut l = Limiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            let s = l.reserve(ip("10.0.0.1"), "wang", t0).expect("slot");
            l.failed(s);
        }
        assert!(l.reserve(ip("10.0.0.1"), "wang", t0).is_none());
        assert!(
            l.reserve(ip("10.0.0.1"), "li", t0).is_none(),
            "same address, other user"
        );
        assert!(
            l.reserve(ip("10.0.0.2"), "wang", t0).is_none(),
            "same user, other address"
        );
        assert!(l.reserve(ip("10.0.0.2"), "li", t0).is_some());
        let later = t0 + Duration::from_secs(61);
        assert!(l.reserve(ip("10.0.0.1"), "wang", later).is_some());
    }

    #[test]
    fn attempts_in_flight_take_their_slots_before_any_fails() {
        // 100 attempts arrive together: each reserves before any check has finished.
        let mut l = Limiter::new(5, Duration::from_secs(300));
        let t0 = Instant::now();
        let slots: Vec<Slot> = (0..100)
            .filter_map(|_| l.reserve(ip("10.0.0.9"), "admin", t0))
            .collect();
        assert_eq!(slots.len(), 5, "only the limit is ever checked");
        for s in slots {
            l.failed(s);
        }
        assert!(l.reserve(ip("10.0.0.9"), "admin", t0).is_none());
    }

    #[test]
    fn a_success_gives_its_slot_back_and_clears_the_user() {
        let mut l = Limiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        let s = l.reserve(ip("10.0.0.1"), "wang", t0).unwrap();
        l.failed(s);
        let s = l.reserve(ip("10.0.0.1"), "wang", t0).unwrap();
        l.succeeded(s);
        // The address keeps its one failure; the user has none.
        let s = l.reserve(ip("10.0.0.1"), "wang", t0).unwrap();
        l.failed(s);
        assert!(l.reserve(ip("10.0.0.1"), "li", t0).is_none());
        assert!(l.reserve(ip("10.0.0.2"), "wang", t0).is_some());
    }

    #[test]
    fn invented_names_do_not_grow_memory_without_bound() {
        let mut l = Limiter::new(3, Duration::from_secs(1));
        let t0 = Instant::now();
        for i in 0..(PRUNE_AT + 5) {
            let _ = l.reserve(None, &format!("u{i}"), t0);
        }
        let later = t0 + Duration::from_secs(2);
        let _ = l.reserve(None, "last", later);
        assert!(l.by_user.len() <= 2);
    }
}

//! Rate limits on logins, per source address and per user name. An attempt takes a slot
//! *before* its credential is checked, in one step under the limiter's lock, so attempts that
//! arrive together cannot all pass a check made before any of them failed: at most `max`
//! credentials are ever checked per address and per user within `window`. A failed attempt
//! keeps its slot for the window; a successful one gives it back and clears the user's
//! failures (not the address's). When the slots are full but some are still being checked,
//! the newcomer is told to wait ([`Verdict::Busy`]) rather than refused: a burst of good logins
//! from one office address goes through a few at a time, while guesses are refused once the
//! checked ones have failed. Pure: the caller passes the time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Past this many distinct names or addresses, entries whose window has passed are dropped,
/// so that a flood of invented names keeps memory bounded.
const PRUNE_AT: usize = 10_000;

/// One attempt counted: when it took its slot, and whether its check is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Attempt {
    at: Instant,
    in_flight: bool,
}

/// Attempts (being checked or failed) in a sliding window.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    by_addr: HashMap<IpAddr, Vec<Attempt>>,
    by_user: HashMap<String, Vec<Attempt>>,
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

/// What [`Limiter::reserve`] decided.
#[derive(Debug)]
pub enum Verdict {
    /// Check the credential.
    Check(Slot),
    /// The slots are full but some attempts are still being checked: ask again when one ends.
    Busy,
    /// The slots are full of failures: refuse without checking.
    Limited,
}

/// The state of one list of attempts, after dropping those past the window.
enum Room {
    Free,
    Busy,
    Full,
}

fn room(v: Option<&mut Vec<Attempt>>, now: Instant, window: Duration, max: usize) -> Room {
    let Some(v) = v else {
        return Room::Free;
    };
    v.retain(|a| a.in_flight || now.saturating_duration_since(a.at) < window);
    if v.len() < max {
        Room::Free
    } else if v.iter().any(|a| a.in_flight) {
        Room::Busy
    } else {
        Room::Full
    }
}

fn settle(v: Option<&mut Vec<Attempt>>, at: Instant, keep: bool) {
    if let Some(v) = v
        && let Some(i) = v.iter().position(|a| a.in_flight && a.at == at)
    {
        if keep {
            v[i].in_flight = false;
        } else {
            v.swap_remove(i);
        }
    }
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

    /// Takes a slot for an attempt from `addr` for `user` when the address and the user each
    /// have fewer than `max` attempts in the window.
    pub fn reserve(&mut self, addr: Option<IpAddr>, user: &str, now: Instant) -> Verdict {
        let (max, window) = (self.max, self.window);
        let a = room(
            addr.and_then(|a| self.by_addr.get_mut(&a)),
            now,
            window,
            max,
        );
        let u = room(self.by_user.get_mut(user), now, window, max);
        match (a, u) {
            (Room::Full, _) | (_, Room::Full) => return Verdict::Limited,
            (Room::Busy, _) | (_, Room::Busy) => return Verdict::Busy,
            _ => {}
        }
        let attempt = Attempt {
            at: now,
            in_flight: true,
        };
        if let Some(a) = addr {
            self.by_addr.entry(a).or_default().push(attempt);
        }
        self.by_user
            .entry(user.to_string())
            .or_default()
            .push(attempt);
        self.bound(now);
        Verdict::Check(Slot {
            addr,
            user: user.to_string(),
            at: now,
        })
    }

    fn bound(&mut self, now: Instant) {
        if self.by_user.len() > PRUNE_AT || self.by_addr.len() > PRUNE_AT {
            let window = self.window;
            let live = |v: &mut Vec<Attempt>| {
                v.retain(|a| a.in_flight || now.saturating_duration_since(a.at) < window);
                !v.is_empty()
            };
            self.by_user.retain(|_, v| live(v));
            self.by_addr.retain(|_, v| live(v));
        }
    }

    /// The attempt failed: its slot stays taken until the window has passed.
    pub fn failed(&mut self, slot: Slot) {
        settle(
            slot.addr.and_then(|a| self.by_addr.get_mut(&a)),
            slot.at,
            true,
        );
        settle(self.by_user.get_mut(&slot.user), slot.at, true);
    }

    /// The attempt succeeded: its slot is given back and the user's failures are forgotten.
    pub fn succeeded(&mut self, slot: Slot) {
        settle(
            slot.addr.and_then(|a| self.by_addr.get_mut(&a)),
            slot.at,
            false,
        );
        self.by_user.remove(&slot.user);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    fn slot(v: Verdict) -> Slot {
        match v {
            Verdict::Check(s) => s,
            other => panic!("expected a slot, got {other:?}"),
        }
    }

    #[test]
    fn blocks_after_max_failures_then_recovers() {
        let mut l = Limiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            let s = slot(l.reserve(ip("10.0.0.1"), "wang", t0));
            l.failed(s);
        }
        assert!(matches!(
            l.reserve(ip("10.0.0.1"), "wang", t0),
            Verdict::Limited
        ));
        assert!(
            matches!(l.reserve(ip("10.0.0.1"), "li", t0), Verdict::Limited),
            "same address, other user"
        );
        assert!(
            matches!(l.reserve(ip("10.0.0.2"), "wang", t0), Verdict::Limited),
            "same user, other address"
        );
        assert!(matches!(
            l.reserve(ip("10.0.0.2"), "li", t0),
            Verdict::Check(_)
        ));
        let later = t0 + Duration::from_secs(61);
        assert!(matches!(
            l.reserve(ip("10.0.0.1"), "wang", later),
            Verdict::Check(_)
        ));
    }

    #[test]
    fn attempts_in_flight_take_their_slots_before_any_fails() {
        // 100 attempts arrive together: five are checked, the others wait; once the five
        // have failed, the others are refused without a check.
        let mut l = Limiter::new(5, Duration::from_secs(300));
        let t0 = Instant::now();
        let mut slots = Vec::new();
        let mut waiting = 0;
        for _ in 0..100 {
            match l.reserve(ip("10.0.0.9"), "admin", t0) {
                Verdict::Check(s) => slots.push(s),
                Verdict::Busy => waiting += 1,
                Verdict::Limited => panic!("nothing has failed yet"),
            }
        }
        assert_eq!(
            (slots.len(), waiting),
            (5, 95),
            "only the limit is ever checked"
        );
        for s in slots {
            l.failed(s);
        }
        for _ in 0..95 {
            assert!(matches!(
                l.reserve(ip("10.0.0.9"), "admin", t0),
                Verdict::Limited
            ));
        }
    }

    #[test]
    fn a_burst_of_good_logins_goes_through_a_few_at_a_time() {
        let mut l = Limiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        let mut done = 0;
        for i in 0..30 {
            let user = format!("u{i}");
            let s = slot(l.reserve(ip("10.0.0.5"), &user, t0));
            l.succeeded(s);
            done += 1;
        }
        assert_eq!(done, 30);
        let a = slot(l.reserve(ip("10.0.0.5"), "x", t0));
        let _b = slot(l.reserve(ip("10.0.0.5"), "y", t0));
        assert!(matches!(l.reserve(ip("10.0.0.5"), "z", t0), Verdict::Busy));
        l.succeeded(a);
        assert!(matches!(
            l.reserve(ip("10.0.0.5"), "z", t0),
            Verdict::Check(_)
        ));
    }

    #[test]
    fn a_success_gives_its_slot_back_and_clears_the_user() {
        let mut l = Limiter::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        let s = slot(l.reserve(ip("10.0.0.1"), "wang", t0));
        l.failed(s);
        let s = slot(l.reserve(ip("10.0.0.1"), "wang", t0));
        l.succeeded(s);
        // The address keeps its one failure; the user has none.
        let s = slot(l.reserve(ip("10.0.0.1"), "wang", t0));
        l.failed(s);
        assert!(matches!(
            l.reserve(ip("10.0.0.1"), "li", t0),
            Verdict::Limited
        ));
        assert!(matches!(
            l.reserve(ip("10.0.0.2"), "wang", t0),
            Verdict::Check(_)
        ));
    }

    #[test]
    fn invented_names_do_not_grow_memory_without_bound() {
        let mut l = Limiter::new(3, Duration::from_secs(1));
        let t0 = Instant::now();
        for i in 0..(PRUNE_AT + 5) {
            if let Verdict::Check(s) = l.reserve(None, &format!("u{i}"), t0) {
                l.failed(s);
            }
        }
        let later = t0 + Duration::from_secs(2);
        let _ = l.reserve(None, "last", later);
        assert!(l.by_user.len() <= 2);
    }
}

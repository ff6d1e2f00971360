//! Rate limits on failed logins, per source address and per user name: after `max` failures
//! within `window`, further attempts are refused without checking until the window has passed.
//! Pure: the caller passes the time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Failure counts in a sliding window.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    by_addr: HashMap<IpAddr, Vec<Instant>>,
    by_user: HashMap<String, Vec<Instant>>,
}

impl Limiter {
    pub fn new(max: usize, window: Duration) -> Limiter {
        Limiter {
            max,
            window,
            by_addr: HashMap::new(),
            by_user: HashMap::new(),
        }
    }

    fn prune(v: &mut Vec<Instant>, now: Instant, window: Duration) {
        v.retain(|t| now.saturating_duration_since(*t) < window);
    }

    /// Whether an attempt from `addr` for `user` may be checked now.
    pub fn allowed(&mut self, addr: Option<IpAddr>, user: &str, now: Instant) -> bool {
        let (max, window) = (self.max, self.window);
        let mut ok = true;
        if let Some(v) = addr.and_then(|a| self.by_addr.get_mut(&a)) {
            Self::prune(v, now, window);
            ok &= v.len() < max;
        }
        if let Some(v) = self.by_user.get_mut(user) {
            Self::prune(v, now, window);
            ok &= v.len() < max;
        }
        ok
    }

    /// Records a failed attempt.
    pub fn failed(&mut self, addr: Option<IpAddr>, user: &str, now: Instant) {
        if let Some(a) = addr {
            self.by_addr.entry(a).or_default().push(now);
        }
        self.by_user.entry(user.to_string()).or_default().push(now);
        // Keep memory bounded under a flood of distinct names or addresses.
        if self.by_user.len() > 10_000 || self.by_addr.len() > 10_000 {
            let window = self.window;
            self.by_user
                .retain(|_, v| v.iter().any(|t| now.saturating_duration_since(*t) < window));
            self.by_addr
                .retain(|_, v| v.iter().any(|t| now.saturating_duration_since(*t) < window));
        }
    }

    /// A success clears the user's failures (not the address's).
    pub fn succeeded(&mut self, user: &str) {
        self.by_user.remove(user);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_then_recovers() {
        let mut l = Limiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..3 {
            assert!(l.allowed(Some(ip), "wang", t0));
            l.failed(Some(ip), "wang", t0);
        }
        assert!(!l.allowed(Some(ip), "wang", t0));
        assert!(!l.allowed(Some(ip), "li", t0), "same address, other user");
        assert!(
            !l.allowed(Some("10.0.0.2".parse().unwrap()), "wang", t0),
            "same user, other address"
        );
        assert!(l.allowed(Some("10.0.0.2".parse().unwrap()), "li", t0));
        assert!(l.allowed(Some(ip), "wang", t0 + Duration::from_secs(61)));
    }
}

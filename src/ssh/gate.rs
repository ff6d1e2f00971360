//! Connections that have not authenticated yet, counted in total and per source address (like
//! OpenSSH's MaxStartups and PerSourceMaxStartups). A connection stops counting when it
//! authenticates or closes, whichever comes first. Past either cap a new connection waits a
//! moment ([`QUEUE_WAIT`]) for a place and is refused if none frees: a burst of real logins (an
//! office behind one NAT address, thirty people at nine o'clock) gets through, since each
//! holds its place only for the milliseconds of its handshake, while connections that sit idle
//! keep every place and the surplus is refused within that moment. At most as many wait as the
//! total cap; beyond that a new connection is refused at once.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Notify;

/// How long a connection past a cap waits for a place before it is refused.
pub const QUEUE_WAIT: Duration = Duration::from_secs(1);

/// The door's limits on connections that have not logged in (`[limits]` of the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoorLimits {
    /// A connection not authenticated by then is closed (OpenSSH's LoginGraceTime).
    pub login_grace: Duration,
    /// Unauthenticated connections at once, in total.
    pub max_unauthenticated: usize,
    /// Unauthenticated connections at once from one address.
    pub max_unauthenticated_per_address: usize,
}

impl Default for DoorLimits {
    fn default() -> DoorLimits {
        DoorLimits {
            login_grace: Duration::from_secs(60),
            max_unauthenticated: 64,
            max_unauthenticated_per_address: 10,
        }
    }
}

/// Why a connection was refused at the door.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Total,
    Address,
}

impl Refused {
    /// The setting that refused it, as the log names it.
    pub fn setting(self) -> &'static str {
        match self {
            Refused::Total => "max_unauthenticated",
            Refused::Address => "max_unauthenticated_per_address",
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    by_addr: HashMap<IpAddr, usize>,
}

/// The counts of unauthenticated connections.
#[derive(Debug)]
pub struct Gate {
    limits: DoorLimits,
    counts: Mutex<Counts>,
    /// Told whenever a place frees.
    freed: Notify,
    /// Connections waiting for a place now.
    waiting: AtomicUsize,
}

/// One counted connection; stops counting on [`Pending::release`] or when dropped.
#[derive(Debug)]
pub struct Pending {
    gate: Arc<Gate>,
    addr: IpAddr,
    released: std::sync::atomic::AtomicBool,
}

impl Gate {
    pub fn new(limits: DoorLimits) -> Arc<Gate> {
        Arc::new(Gate {
            limits,
            counts: Mutex::new(Counts::default()),
            freed: Notify::new(),
            waiting: AtomicUsize::new(0),
        })
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a new connection from `addr`, or says which cap refuses it.
    pub fn admit(self: &Arc<Self>, addr: IpAddr) -> Result<Pending, Refused> {
        let mut c = self.counts();
        if c.total >= self.limits.max_unauthenticated {
            return Err(Refused::Total);
        }
        let here = c.by_addr.entry(addr).or_insert(0);
        if *here >= self.limits.max_unauthenticated_per_address {
            return Err(Refused::Address);
        }
        *here += 1;
        c.total += 1;
        Ok(Pending {
            gate: Arc::clone(self),
            addr,
            released: false.into(),
        })
    }

    /// As [`Gate::admit`], waiting up to `wait` for a place when a cap is reached.
    pub async fn admit_within(
        self: &Arc<Self>,
        addr: IpAddr,
        wait: Duration,
    ) -> Result<Pending, Refused> {
        let first = match self.admit(addr) {
            Ok(p) => return Ok(p),
            Err(why) => why,
        };
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.limits.max_unauthenticated {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(first);
        }
        let deadline = tokio::time::Instant::now() + wait;
        let out = loop {
            let freed = self.freed.notified();
            match self.admit(addr) {
                Ok(p) => break Ok(p),
                Err(why) => {
                    if tokio::time::timeout_at(deadline, freed).await.is_err() {
                        break Err(why);
                    }
                }
            }
        };
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        out
    }

    /// Unauthenticated connections now, in total.
    pub fn waiting(&self) -> usize {
        self.counts().total
    }
}

impl Pending {
    /// The connection authenticated (or closed): it no longer counts. Idempotent.
    pub fn release(&self) {
        use std::sync::atomic::Ordering;
        if self.released.swap(true, Ordering::AcqRel) {
            return;
        }
        let mut c = self.gate.counts();
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.by_addr.get_mut(&self.addr) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                c.by_addr.remove(&self.addr);
            }
        }
        drop(c);
        self.gate.freed.notify_waiters();
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(total: usize, per: usize) -> DoorLimits {
        DoorLimits {
            max_unauthenticated: total,
            max_unauthenticated_per_address: per,
            ..DoorLimits::default()
        }
    }

    #[test]
    fn caps_per_address_and_in_total_and_frees_on_release_or_drop() {
        let g = Gate::new(limits(4, 2));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let c: IpAddr = "10.0.0.3".parse().unwrap();
        let a1 = g.admit(a).unwrap();
        let _a2 = g.admit(a).unwrap();
        assert_eq!(g.admit(a).unwrap_err(), Refused::Address);
        let _b1 = g.admit(b).unwrap();
        let _b2 = g.admit(b).unwrap();
        assert_eq!(g.admit(c).unwrap_err(), Refused::Total);
        a1.release();
        a1.release();
        assert_eq!(g.waiting(), 3, "a second release changes nothing");
        let c1 = g.admit(c).unwrap();
        drop(c1);
        drop(a1);
        assert_eq!(g.waiting(), 3);
        assert!(g.admit(a).is_ok());
    }

    #[tokio::test]
    async fn past_a_cap_a_connection_waits_a_moment_for_a_place() {
        let g = Gate::new(limits(4, 1));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let first = g.admit(a).unwrap();
        // Nobody leaves: refused after the wait.
        let t = tokio::time::Instant::now();
        let r = g.admit_within(a, Duration::from_millis(100)).await;
        assert_eq!(r.unwrap_err(), Refused::Address);
        assert!(t.elapsed() >= Duration::from_millis(100));
        // The first authenticates meanwhile: the waiting one gets its place.
        let g2 = Arc::clone(&g);
        let waiter = tokio::spawn(async move { g2.admit_within(a, Duration::from_secs(5)).await });
        tokio::time::sleep(Duration::from_millis(50)).await;
        first.release();
        let got = waiter.await.unwrap();
        assert!(got.is_ok());
    }
}

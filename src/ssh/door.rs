//! The door's log: one greppable line per event at the front door (target `door`), so that an
//! administrator — or fail2ban — can follow logins, failures, refusals by a limit, pre-auth
//! timeouts, disconnects and server start/stop in the daily log. The address comes first and
//! the user name, which a client chooses, last and quoted (escaped), so a crafted name can
//! neither forge a line nor move the address. A fail2ban filter:
//! `failregex = door: (login_failed|login_refused|refused|grace_expired) addr=<HOST> `.

use super::gate::Refused;
use std::net::IpAddr;

/// How a client tried to log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Password,
    PublicKey,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::PublicKey => "publickey",
        }
    }
}

fn addr_text(addr: Option<IpAddr>) -> String {
    addr.map(|a| a.to_string()).unwrap_or_else(|| "-".into())
}

pub fn started(listen: &str, host_keys: &str) {
    tracing::info!(target: "door", listen = %listen, host_keys = %host_keys, "server_start");
}

pub fn stopped(reason: &str) {
    tracing::info!(target: "door", reason = ?reason, "server_stop");
}

pub fn login(addr: Option<IpAddr>, method: Method, user: &str) {
    tracing::info!(target: "door", addr = %addr_text(addr), method = %method.code(), user = ?user, "login");
}

pub fn login_failed(addr: Option<IpAddr>, method: Method, user: &str) {
    tracing::warn!(target: "door", addr = %addr_text(addr), method = %method.code(), user = ?user, "login_failed");
}

/// Refused without checking: too many attempts for this address or user in the window.
pub fn login_refused(addr: Option<IpAddr>, method: Method, user: &str) {
    tracing::warn!(target: "door", addr = %addr_text(addr), method = %method.code(), user = ?user, limit = %"failed_logins", "login_refused");
}

/// A new connection refused at once by a cap on unauthenticated connections.
pub fn refused(addr: IpAddr, why: Refused) {
    tracing::warn!(target: "door", addr = %addr, limit = %why.setting(), "refused");
}

/// A connection closed for not authenticating within the grace time.
pub fn grace_expired(addr: IpAddr, seconds: u64) {
    tracing::warn!(target: "door", addr = %addr, limit = %"login_grace_seconds", seconds, "grace_expired");
}

/// A connection ended; `user` is empty when it never authenticated.
pub fn disconnect(addr: IpAddr, user: &str) {
    if user.is_empty() {
        tracing::info!(target: "door", addr = %addr, authenticated = false, "disconnect");
    } else {
        tracing::info!(target: "door", addr = %addr, authenticated = true, user = ?user, "disconnect");
    }
}

/// The listening socket could not accept (e.g. out of file descriptors); the server goes on.
pub fn accept_failed(error: &std::io::Error) {
    tracing::error!(target: "door", error = %error, "accept_failed");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn logged(f: impl FnOnce()) -> String {
        let buf = Buf::default();
        let out = buf.clone();
        let sub = tracing_subscriber::fmt()
            .with_writer(move || out.clone())
            .with_ansi(false)
            .without_time()
            .finish();
        tracing::subscriber::with_default(sub, f);
        String::from_utf8(buf.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn one_greppable_line_per_event_with_the_address_first() {
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let text = logged(|| {
            login_failed(Some(ip), Method::Password, "wang");
            login_refused(Some(ip), Method::PublicKey, "li");
            refused(ip, Refused::Address);
            grace_expired(ip, 60);
            login(Some(ip), Method::PublicKey, "admin");
            disconnect(ip, "");
        });
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        for (line, event) in lines.iter().zip([
            "login_failed",
            "login_refused",
            "refused",
            "grace_expired",
            "login",
            "disconnect",
        ]) {
            assert!(
                line.contains(&format!("door: {event} addr=192.0.2.7 ")),
                "{line}"
            );
        }
        assert!(
            lines[0].ends_with("method=password user=\"wang\""),
            "{}",
            lines[0]
        );
        assert!(lines[2].contains("limit=max_unauthenticated_per_address"));
    }

    #[test]
    fn a_crafted_user_name_cannot_forge_a_line() {
        let ip: IpAddr = "192.0.2.8".parse().unwrap();
        let text = logged(|| {
            login_failed(
                Some(ip),
                Method::Password,
                "x\n WARN door: login addr=10.0.0.1 \"",
            )
        });
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("addr=192.0.2.8 method=password user=\"x\\n"));
    }
}

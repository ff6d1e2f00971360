//! The SSH server (russh): host key, authentication against the users table, rate limits,
//! pty and window changes, and one thread per session that owns its terminal and app. This
//! is the only module that names `russh`.

pub mod keys;
pub mod limit;
pub mod server;
pub mod session;
pub mod terminal;

pub use server::{Running, ServeError, Settings, fingerprint, host_key, start};

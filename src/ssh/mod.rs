//! The SSH server (russh): host keys and algorithms, the door (grace time, caps on
//! unauthenticated connections, its log), authentication against the users table, rate limits,
//! pty and window changes, and one thread per session that owns its terminal and app. This
//! is the only module that names `russh`.

pub mod door;
pub mod gate;
pub mod heap;
pub mod hostkeys;
pub mod keys;
pub mod limit;
pub mod listen;
pub mod run;
pub mod server;
pub mod session;
pub mod terminal;

pub use gate::DoorLimits;
pub use hostkeys::{fingerprint, host_key, host_keys};
pub use run::{Running, ServeError, Settings, start};

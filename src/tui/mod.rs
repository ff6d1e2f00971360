//! The terminal UI (ratatui), independent of how it is reached: the SSH server feeds it key
//! events and notices and sends out what it draws; `shuangsui tui` runs it on a local terminal.
//! It talks to the data only through `service`, which checks every permission again.

pub mod app;
pub mod cases;
pub mod detail;
pub mod form;
pub mod home;
pub mod input;
pub mod keymap;
pub mod list;
pub mod modal;
pub mod office;
pub mod pane;
pub mod prepare;
pub mod registry;
pub mod reports;
pub mod room;
pub mod screen;
pub mod theme;
pub mod wizard;
pub mod work;
pub mod worklist;

pub use app::{App, Event, Outcome, Session};

#[cfg(test)]
mod cases_tests;
#[cfg(test)]
mod files_tests;
#[cfg(test)]
mod snapshots;
#[cfg(test)]
mod walk_tests;

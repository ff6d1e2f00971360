//! shuangsui (双随): registries, classification, verifiable random draws and results for the
//! “双随机、一公开” supervision of an environmental bureau. Layers: `domain` (pure rules) ←
//! `store` (SQLite) ← `service` (use cases, permissions, audit) ← `exchange` (CSV/XLSX files)
//! and the binary's command line.

pub mod demo;
pub mod domain;
pub mod exchange;
pub mod service;
pub mod sftp;
pub mod ssh;
pub mod store;
pub mod strings;
pub mod tui;

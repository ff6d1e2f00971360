//! Shared helpers of the end-to-end tests: a temporary database and running the real binary;
//! `ssh` holds the SSH client helpers.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// A temporary folder with a database path in it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("t.sqlite3")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the folder and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write test file");
        p
    }

    /// Runs `shuangsui --db … ARGS` with optional standard input.
    pub fn run_with(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shuangsui"));
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("SHUANGSUI_DB")
            .env_remove("SHUANGSUI_LANG");
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start shuangsui");
        if let Some(s) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(s.as_bytes())
                // A command that does not read its input may exit before it is written.
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .expect("write stdin");
        }
        Run(child.wait_with_output().expect("run shuangsui"))
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, None)
    }

    /// Runs and insists on success.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert!(
            r.success(),
            "{args:?} failed:\n{}\n{}",
            r.stdout(),
            r.stderr()
        );
        r.stdout()
    }

    /// The enterprises as classify's JSON for a quarter.
    pub fn classify(&self, quarter: &str) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["classify", "--quarter", quarter, "--format", "json"]))
            .expect("classify prints JSON")
    }
}

/// A finished run.
pub struct Run(pub Output);

impl Run {
    pub fn success(&self) -> bool {
        self.0.status.success()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
}

/// A valid credit code from 17 characters (appends the check character).
pub fn code(first17: &str) -> String {
    shuangsui::domain::credit_code::CreditCode::complete(first17)
        .expect("17 valid characters")
        .to_string()
}

/// Encodes text as GB18030, as Chinese Excel saves CSV.
pub fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}
pub mod results;
pub mod sftp;
pub mod ssh;
pub mod tmux;

//! A real terminal client (OpenSSH's `ssh`, PuTTY's `plink`) run inside a detached tmux
//! session of its own server socket: type with `keys`/`literal`, read with `screen`.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    name: String,
}

impl Tmux {
    /// Starts `command` in a new `cols`×`rows` session named `name`.
    pub fn start(name: &str, command: &str, cols: u16, rows: u16) -> Tmux {
        let t = Tmux {
            socket: format!("shuangsui-{name}-{}", std::process::id()),
            name: name.to_string(),
        };
        let (x, y) = (cols.to_string(), rows.to_string());
        t.cmd(&[
            "-u",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &x,
            "-y",
            &y,
            command,
        ]);
        t
    }

    pub fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs (install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", &self.name])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.name];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    pub fn literal(&self, text: &str) {
        self.cmd(&["send-keys", "-t", &self.name, "-l", text]);
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        let (x, y) = (cols.to_string(), rows.to_string());
        self.cmd(&["resize-window", "-t", &self.name, "-x", &x, "-y", &y]);
    }

    pub fn cursor_visible(&self) -> bool {
        let flag = self.cmd(&["display-message", "-p", "-t", &self.name, "#{cursor_flag}"]);
        flag.trim() == "1"
    }

    pub fn wait_for(&self, text: &str) -> bool {
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            if self.screen().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

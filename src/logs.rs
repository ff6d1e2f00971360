//! The server's log: structured lines (`time level target: message key=value …`) in Beijing time,
//! one file a day (`logs/shuangsui-YYYY-MM-DD.log`), files older than the kept days removed. Never
//! written to a user's terminal.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Beijing time (UTC+8, no daylight saving).
fn beijing(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(8 * 3600) {
        Some(tz) => t.with_timezone(&tz),
        None => t.fixed_offset(),
    }
}

/// The file name of a day's log.
pub fn file_name(day: NaiveDate) -> String {
    format!("shuangsui-{day}.log")
}

/// Removes the day files in `dir` older than `keep_days` before `today`; returns how many.
pub fn prune(dir: &Path, today: NaiveDate, keep_days: u32) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let oldest = today - chrono::Days::new(u64::from(keep_days));
    let mut n = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let day = name
            .strip_prefix("shuangsui-")
            .and_then(|r| r.strip_suffix(".log"))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if let Some(d) = day
            && d < oldest
            && std::fs::remove_file(e.path()).is_ok()
        {
            n += 1;
        }
    }
    n
}

struct Open {
    day: NaiveDate,
    file: File,
}

/// Writes to the file of the current Beijing day, switching at midnight.
pub struct DailyLog {
    dir: PathBuf,
    keep_days: u32,
    open: Mutex<Option<Open>>,
}

impl DailyLog {
    pub fn new(dir: &Path, keep_days: u32) -> std::io::Result<DailyLog> {
        std::fs::create_dir_all(dir)?;
        Ok(DailyLog {
            dir: dir.to_path_buf(),
            keep_days,
            open: Mutex::new(None),
        })
    }

    fn write_line(&self, buf: &[u8]) -> std::io::Result<usize> {
        let day = beijing(Utc::now()).date_naive();
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if open.as_ref().is_none_or(|o| o.day != day) {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.dir.join(file_name(day)))?;
            prune(&self.dir, day, self.keep_days);
            *open = Some(Open { day, file });
        }
        match open.as_mut() {
            Some(o) => o.file.write(buf),
            None => Ok(buf.len()),
        }
    }
}

/// One write of the subscriber.
pub struct Line<'a>(&'a DailyLog);

impl Write for Line<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write_line(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for DailyLog {
    type Writer = Line<'a>;
    fn make_writer(&'a self) -> Line<'a> {
        Line(self)
    }
}

/// Timestamps in Beijing time.
pub struct BeijingTime;

impl tracing_subscriber::fmt::time::FormatTime for BeijingTime {
    fn format_time(&self, w: &mut tracing_subscriber::fmt::format::Writer<'_>) -> std::fmt::Result {
        write!(
            w,
            "{}",
            beijing(Utc::now()).format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        )
    }
}

/// Sends the server's log to daily files in `dir`.
pub fn init(dir: &Path, keep_days: u32) -> std::io::Result<()> {
    let log = DailyLog::new(dir, keep_days)?;
    let _ = tracing_subscriber::fmt()
        .with_writer(log)
        .with_timer(BeijingTime)
        .with_ansi(false)
        .try_init();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_day_files_are_pruned_and_others_kept() {
        let d = tempfile::tempdir().unwrap();
        let day = |m, n| NaiveDate::from_ymd_opt(2026, m, n).unwrap();
        for f in [
            file_name(day(10, 1)),
            file_name(day(11, 27)),
            file_name(day(11, 28)),
            "notes.txt".to_string(),
            "shuangsui-garbage.log".to_string(),
        ] {
            std::fs::write(d.path().join(f), "x").unwrap();
        }
        assert_eq!(prune(d.path(), day(11, 28), 30), 1);
        let mut left: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "notes.txt",
                "shuangsui-2026-11-27.log",
                "shuangsui-2026-11-28.log",
                "shuangsui-garbage.log"
            ]
        );
    }

    #[test]
    fn lines_go_to_todays_file() {
        let d = tempfile::tempdir().unwrap();
        let log = DailyLog::new(d.path(), 30).unwrap();
        let mut w = tracing_subscriber::fmt::MakeWriter::make_writer(&log);
        w.write_all(b"hello\n").unwrap();
        let today = beijing(Utc::now()).date_naive();
        let text = std::fs::read_to_string(d.path().join(file_name(today))).unwrap();
        assert_eq!(text, "hello\n");
    }
}

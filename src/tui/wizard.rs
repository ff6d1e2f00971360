//! The import wizard of the registry screens: choose what the file holds (on the enterprises
//! screen, which also takes penalties, complaints and past inspections), choose a file from
//! the user's inbox, read the preview (format, encoding, column mapping, first rows, and either
//! what the import would do or every problem explained), then import with `y`, all or nothing.
//! The bytes imported are the bytes previewed (a file replaced in the inbox meanwhile is not
//! taken unseen), so the hash in the audit trail is that of the file the user looked at. The
//! service checks the role again and validates everything again at the import.

use super::keymap::{self, Action, Binding};
use super::theme::Theme;
use crate::exchange::import::{Kind, Mapping};
use crate::exchange::inbox::{self, Entry};
use crate::exchange::table::Format;
use crate::service::{Actor, ImportPreview, Service, ServiceError};
use crate::strings::{self, Lang, cli, display, wizard as ws};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The largest file the wizard reads: the largest an upload may be.
pub const MAX_BYTES: u64 = crate::exchange::inbox::FileLimits::MAX_FILE_MB as u64 * 1024 * 1024;

/// The wizard of one screen.
pub struct Wizard {
    /// What the screen imports (the first is the default).
    kinds: Vec<Kind>,
    step: Step,
}

enum Step {
    Kind {
        cursor: usize,
    },
    Files {
        kind: Kind,
        /// The inbox, or why it cannot be read.
        files: Result<Vec<Entry>, String>,
        cursor: usize,
        /// Why the chosen file could not be read.
        error: Option<String>,
    },
    Preview {
        kind: Kind,
        bytes: Vec<u8>,
        preview: Box<ImportPreview>,
        scroll: usize,
    },
    Done {
        kind: Kind,
        lines: Vec<(String, bool)>,
        scroll: usize,
    },
}

/// What the app should do after a key.
pub enum Reply {
    Nothing,
    Close,
    /// Something was imported: the message for the status line.
    Imported(String),
    Say(String),
    Error(ServiceError),
}

impl Wizard {
    /// A wizard for `kinds`; with one kind it starts at the inbox.
    pub fn open(kinds: &[Kind], svc: &Service, actor: &Actor) -> Wizard {
        let mut w = Wizard {
            kinds: kinds.to_vec(),
            step: Step::Kind { cursor: 0 },
        };
        if let [kind] = kinds {
            w.show_files(*kind, None, svc, actor);
        }
        w
    }

    fn show_files(&mut self, kind: Kind, select: Option<&str>, svc: &Service, actor: &Actor) {
        let files = inbox::list(svc.db_path(), &actor.name).map_err(|e| display(&e.to_string()));
        let cursor = match (&files, select) {
            (Ok(list), Some(name)) => list.iter().position(|e| e.name == name).unwrap_or(0),
            _ => 0,
        };
        self.step = Step::Files {
            kind,
            files,
            cursor,
            error: None,
        };
    }

    /// The keys in force.
    pub fn bindings(&self) -> Vec<&'static [Binding]> {
        match &self.step {
            Step::Kind { .. } => vec![keymap::WIZARD_PICK],
            Step::Files { .. } => vec![keymap::WIZARD_FILES, keymap::WIZARD_PICK],
            Step::Preview { preview, .. } if preview.importable() => vec![
                keymap::SCROLL,
                keymap::WIZARD_IMPORT,
                keymap::WIZARD_PREVIEW,
            ],
            Step::Preview { .. } => vec![
                keymap::SCROLL,
                keymap::WIZARD_REFUSED,
                keymap::WIZARD_PREVIEW,
            ],
            Step::Done { .. } => vec![keymap::SCROLL, keymap::WIZARD_DONE],
        }
    }

    /// Acts on a key's action.
    pub fn act(&mut self, a: Action, svc: &mut Service, actor: &Actor, lang: Lang) -> Reply {
        match &mut self.step {
            Step::Kind { cursor } => match a {
                Action::Up => *cursor = cursor.saturating_sub(1),
                Action::Down => *cursor = (*cursor + 1).min(self.kinds.len().saturating_sub(1)),
                Action::Open => {
                    if let Some(k) = self.kinds.get(*cursor).copied() {
                        self.show_files(k, None, svc, actor);
                    }
                }
                Action::Back => return Reply::Close,
                _ => {}
            },
            Step::Files {
                kind,
                files,
                cursor,
                error,
            } => {
                let kind = *kind;
                let n = files.as_ref().map_or(0, |f| f.len());
                match a {
                    Action::Up => *cursor = cursor.saturating_sub(1),
                    Action::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
                    Action::Reload => {
                        let keep = files
                            .as_ref()
                            .ok()
                            .and_then(|f| f.get(*cursor))
                            .map(|e| e.name.clone());
                        self.show_files(kind, keep.as_deref(), svc, actor)
                    }
                    Action::Back if self.kinds.len() > 1 => {
                        let cursor = self.kinds.iter().position(|k| *k == kind).unwrap_or(0);
                        self.step = Step::Kind { cursor };
                    }
                    Action::Back => return Reply::Close,
                    Action::Open => {
                        let Some((name, size)) = files
                            .as_ref()
                            .ok()
                            .and_then(|f| f.get(*cursor))
                            .map(|e| (e.name.clone(), e.size))
                        else {
                            return Reply::Nothing;
                        };
                        if size > MAX_BYTES {
                            *error = Some(ws::too_big(&name, &ws::size(size), lang));
                            return Reply::Nothing;
                        }
                        let bytes = match inbox::read(svc.db_path(), &actor.name, &name) {
                            Ok(b) => b,
                            Err(e) => {
                                *error = Some(ws::cannot_read(&name, &e.to_string(), lang));
                                return Reply::Nothing;
                            }
                        };
                        match svc.import_preview(actor, kind, &name, &bytes) {
                            Ok(p) => {
                                self.step = Step::Preview {
                                    kind,
                                    bytes,
                                    preview: Box::new(p),
                                    scroll: 0,
                                }
                            }
                            Err(e) => return Reply::Error(e),
                        }
                    }
                    _ => {}
                }
            }
            Step::Preview {
                kind,
                bytes,
                preview,
                scroll,
            } => match a {
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    scroll_by(scroll, a)
                }
                Action::Back => {
                    let (kind, name) = (*kind, preview.name.clone());
                    self.show_files(kind, Some(&name), svc, actor);
                }
                Action::Yes if !preview.importable() => {
                    return Reply::Say(ws::refused(lang).to_string());
                }
                Action::Yes => {
                    let kind = *kind;
                    let name = preview.name.clone();
                    let head = vec![
                        (
                            ws::file_line(&display(&name), &ws::size(bytes.len() as u64), lang),
                            false,
                        ),
                        (ws::hash_line(&preview.sha256), false),
                        (String::new(), false),
                    ];
                    match svc.import_bytes(actor, kind, &name, bytes, false) {
                        Ok(o) => {
                            let said = cli::imported(&o, kind, lang);
                            let mut lines = head;
                            lines.push((format!("✓ {said}"), false));
                            if !o.warnings.is_empty() {
                                lines.push((ws::warnings_heading(lang).to_string(), false));
                                lines.extend(o.warnings.iter().map(|w| {
                                    (format!("  {}", strings::row_issue(w, lang)), false)
                                }));
                            }
                            lines.push((String::new(), false));
                            lines.push((ws::audited(lang).to_string(), false));
                            self.step = Step::Done {
                                kind,
                                lines,
                                scroll: 0,
                            };
                            return Reply::Imported(said);
                        }
                        Err(e) => {
                            let mut lines = head;
                            lines.push((format!("✗ {}", ws::failed(lang)), true));
                            lines.extend(
                                e.say(Some(kind), lang)
                                    .lines()
                                    .map(|l| (format!("  {}", l.trim_start()), true)),
                            );
                            self.step = Step::Done {
                                kind,
                                lines,
                                scroll: 0,
                            };
                        }
                    }
                }
                _ => {}
            },
            Step::Done { scroll, .. } => match a {
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    scroll_by(scroll, a)
                }
                Action::Back => return Reply::Close,
                _ => {}
            },
        }
        Reply::Nothing
    }

    /// Draws the current step in `area` (the body of the screen).
    pub fn render(&mut self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang, login: &str) {
        let (kind, step) = match &self.step {
            Step::Kind { .. } => (None, 0),
            Step::Files { kind, .. } => (Some(*kind), 1),
            Step::Preview { kind, .. } => (Some(*kind), 2),
            Step::Done { kind, .. } => (Some(*kind), 3),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(ws::title(kind, step, lang), theme.header()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let width = inner.width as usize;
        let height = inner.height as usize;
        let lines: Vec<Line<'static>> = match &mut self.step {
            Step::Kind { cursor } => {
                let mut lines = vec![Line::from(ws::choose_kind(lang)), Line::from("")];
                for (i, k) in self.kinds.iter().enumerate() {
                    let mark = if i == *cursor { theme.mark() } else { " " };
                    let text = format!(
                        "{mark} {}{}",
                        fit(strings::kind(*k, lang), 14),
                        ws::kind_key(*k, lang)
                    );
                    let line = Line::from(cut(&text, width));
                    lines.push(if i == *cursor {
                        line.style(theme.selected())
                    } else {
                        line
                    });
                }
                lines
            }
            Step::Files {
                files,
                cursor,
                error,
                ..
            } => files_lines(
                files,
                *cursor,
                error.as_deref(),
                width,
                height,
                theme,
                lang,
                login,
            ),
            Step::Preview {
                preview, scroll, ..
            } => {
                let all = preview_lines(preview, width, theme, lang);
                window(all, scroll, height)
            }
            Step::Done { lines, scroll, .. } => {
                let mut all = Vec::new();
                for (text, bad) in lines.iter() {
                    let style = if *bad { theme.warn() } else { Style::default() };
                    all.extend(
                        wrap(text, width, 4)
                            .into_iter()
                            .map(|l| Line::styled(l, style)),
                    );
                }
                window(all, scroll, height)
            }
        };
        f.render_widget(Paragraph::new(lines), inner);
    }
}

fn scroll_by(scroll: &mut usize, a: Action) {
    *scroll = match a {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(10),
        _ => scroll.saturating_add(10),
    };
}

/// The lines from `scroll` that fit in `height`; the scroll is kept within the text.
fn window(all: Vec<Line<'static>>, scroll: &mut usize, height: usize) -> Vec<Line<'static>> {
    *scroll = (*scroll).min(all.len().saturating_sub(height));
    all.into_iter().skip(*scroll).take(height).collect()
}

#[allow(clippy::too_many_arguments)]
fn files_lines(
    files: &Result<Vec<Entry>, String>,
    cursor: usize,
    error: Option<&str>,
    width: usize,
    height: usize,
    theme: Theme,
    lang: Lang,
    login: &str,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let list = match files {
        Err(e) => {
            lines.push(Line::styled(ws::inbox_error(e, lang), theme.warn()));
            return lines;
        }
        Ok(l) if l.is_empty() => {
            for l in ws::inbox_empty(login, lang) {
                lines.extend(wrap(&l, width, 2).into_iter().map(Line::from));
            }
            return lines;
        }
        Ok(l) => l,
    };
    lines.push(Line::from(ws::inbox_heading(lang)));
    let [c_name, c_size, c_time] = ws::inbox_columns(lang);
    let name_w = width.saturating_sub(2 + 10 + 1 + 16).max(10);
    lines.push(Line::styled(
        cut(
            &format!(
                "  {}{} {c_time}",
                fit(c_name, name_w),
                fit_right(c_size, 10)
            ),
            width,
        ),
        theme.header(),
    ));
    if let Some(e) = error {
        lines.extend(
            wrap(e, width, 2)
                .into_iter()
                .map(|l| Line::styled(l, theme.warn())),
        );
    }
    let room = height.saturating_sub(lines.len()).max(1);
    let top = cursor.saturating_sub(room - 1);
    for (i, e) in list.iter().enumerate().skip(top).take(room) {
        let mark = if i == cursor { theme.mark() } else { " " };
        let time = chrono::DateTime::<chrono::Utc>::from(e.modified)
            .with_timezone(&crate::service::beijing())
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let text = format!(
            "{mark} {}{} {time}",
            fit(&display(&e.name), name_w),
            fit_right(&ws::size(e.size), 10)
        );
        let line = Line::from(cut(&text, width));
        lines.push(if i == cursor {
            line.style(theme.selected())
        } else {
            line
        });
    }
    lines
}

/// Every line of a preview, wrapped to `width`.
fn preview_lines(p: &ImportPreview, width: usize, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let mut t = Text {
        out: Vec::new(),
        width,
    };
    let plain = Style::default();
    let head = theme.header();
    let warn = theme.warn();
    t.add(
        &ws::file_line(&display(&p.name), &ws::size(p.size as u64), lang),
        plain,
        0,
    );
    t.add(&ws::hash_line(&p.sha256), plain, 0);
    match &p.check {
        Ok(o) => t.add(&ws::verdict_ok(o, lang), theme.key(), 2),
        Err(e) => t.add(&ws::verdict_bad(e.refusal(), lang), warn, 2),
    }
    if let Some(tp) = &p.table {
        let (format, encoding) = match tp.format {
            Format::Csv => ("CSV", Some(tp.encoding)),
            Format::Xlsx => ("XLSX", None),
        };
        let sheet = tp.sheet.as_deref().map(display);
        t.add(
            &ws::read_as(
                format,
                encoding,
                sheet.as_deref(),
                tp.header_row,
                tp.rows,
                lang,
            ),
            plain,
            0,
        );
        t.add("", plain, 0);
        t.add(&format!("【{}】", ws::mapping_heading(lang)), head, 0);
        let header_w = tp
            .columns
            .iter()
            .map(|(h, _)| display(h.trim()).width())
            .max()
            .unwrap_or(0)
            .min(24);
        for (i, (h, m)) in tp.columns.iter().enumerate() {
            let (target, bad) = match m {
                Mapping::Field(spec) => (format!("→ {}", strings::field(spec, lang)), false),
                Mapping::Ignored => (format!("  {}", ws::ignored(lang)), false),
                Mapping::Blank => (format!("  {}", ws::blank(lang)), false),
                Mapping::Unknown { suggestion } => (ws::unknown(*suggestion, lang), true),
                Mapping::Repeated { first, .. } => (ws::repeated(*first, lang), true),
            };
            let text = format!(
                "  {} {} {target}",
                fit(&ws::column(i + 1, lang), 8),
                fit(&display(h.trim()), header_w)
            );
            t.add(&text, if bad { warn } else { plain }, 6);
        }
        for spec in &tp.missing {
            let issue = crate::exchange::import::HeaderIssue::Missing { field: spec };
            t.add(
                &format!("  ✗ {}", strings::header_issue(&issue, lang)),
                warn,
                4,
            );
        }
        if !tp.sample.is_empty() {
            t.add("", plain, 0);
            t.add(
                &format!("【{}】", ws::sample_heading(tp.sample.len(), lang)),
                head,
                0,
            );
            let cols = tp.columns.len();
            let mut widths: Vec<usize> = tp
                .columns
                .iter()
                .map(|(h, _)| display(h.trim()).width())
                .collect();
            for (_, cells) in &tp.sample {
                for (c, v) in cells.iter().enumerate().take(cols) {
                    widths[c] = widths[c].max(display(v).width());
                }
            }
            let widths: Vec<usize> = widths.into_iter().map(|w| w.clamp(2, 18)).collect();
            let row_w = tp
                .sample
                .iter()
                .map(|(n, _)| n.to_string().len())
                .max()
                .unwrap_or(1)
                .max(ws::row_column(lang).width());
            let line = |first: String, cells: Vec<String>| -> String {
                let mut s = format!("  {}", fit_right(&first, row_w));
                for (c, v) in cells.iter().enumerate().take(cols) {
                    s.push_str(" │ ");
                    s.push_str(&fit(&display(v), widths[c]));
                }
                cut(&s, width)
            };
            t.out.push(Line::styled(
                line(
                    ws::row_column(lang).to_string(),
                    tp.columns
                        .iter()
                        .map(|(h, _)| h.trim().to_string())
                        .collect(),
                ),
                head,
            ));
            for (n, cells) in &tp.sample {
                t.out.push(Line::from(line(n.to_string(), cells.clone())));
            }
        }
    }
    t.add("", plain, 0);
    t.add(&format!("【{}】", ws::check_heading(lang)), head, 0);
    match &p.check {
        Ok(o) => {
            t.add(&format!("✓ {}", cli::imported(o, p.kind, lang)), plain, 2);
            if !o.warnings.is_empty() {
                t.add(ws::warnings_heading(lang), plain, 0);
                for w in &o.warnings {
                    t.add(&format!("  {}", strings::row_issue(w, lang)), plain, 4);
                }
            }
            t.add(&ws::press_y(o.rows, lang), theme.key(), 0);
        }
        Err(e) => {
            let text = e.say(lang);
            for (i, l) in text.lines().enumerate() {
                if i == 0 {
                    t.add(&format!("✗ {l}"), warn, 2);
                } else {
                    t.add(&format!("  {}", l.trim_start()), warn, 4);
                }
            }
            t.add(ws::fix_and_upload(lang), plain, 0);
        }
    }
    t.out
}

/// Lines being built, wrapped to a width.
struct Text {
    out: Vec<Line<'static>>,
    width: usize,
}

impl Text {
    /// Adds `text`, wrapped, continuation lines indented by `indent`.
    fn add(&mut self, text: &str, style: Style, indent: usize) {
        self.out.extend(
            wrap(text, self.width, indent)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
}

/// `s` padded or cut (with `…`) to exactly `w` cells.
fn fit(s: &str, w: usize) -> String {
    let mut out = cut_to(s, w);
    let pad = w.saturating_sub(out.width());
    out.push_str(&" ".repeat(pad));
    out
}

fn fit_right(s: &str, w: usize) -> String {
    let out = cut_to(s, w);
    format!("{}{out}", " ".repeat(w.saturating_sub(out.width())))
}

/// `s` cut to at most `w` cells, ending in `…` when cut.
fn cut_to(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// A line cut to the width of the screen (no mark: tables are read by column).
fn cut(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out
}

/// `text` broken into lines of at most `width` cells (by character: Chinese has no spaces);
/// continuation lines start with `indent` spaces.
fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let width = width.max(indent + 4);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width {
            out.push(std::mem::take(&mut line));
            line.push_str(&" ".repeat(indent));
            used = indent;
        }
        line.push(c);
        used += cw;
    }
    out.push(line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_fitted_cut_and_wrapped_by_display_width() {
        assert_eq!(fit("唐山", 6), "唐山  ");
        assert_eq!(fit("唐山钢铁有限公司", 7), "唐山钢…");
        assert_eq!(fit_right("12 B", 6), "  12 B");
        assert_eq!(cut("唐山钢铁", 5), "唐山");
        assert_eq!(
            wrap("第一行很长的说明", 8, 2),
            vec!["第一行很", "  长的说", "  明"]
        );
        assert_eq!(wrap("", 8, 2), vec![""]);
    }
}

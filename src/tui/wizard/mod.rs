//! The import wizard of the registry screens: choose what the file holds (on the enterprises
//! screen, which also takes penalties, complaints and past inspections), choose a file from
//! the user's inbox, read the preview (format, encoding, column mapping, first rows, and either
//! what the import would do or every problem explained), then import with `y`, all or nothing.
//! The bytes imported are the bytes previewed (a file replaced in the inbox meanwhile is not
//! taken unseen), so the hash in the audit trail is that of the file the user looked at. The
//! service checks the role again and validates everything again at the import.

use super::keymap::{self, Action, Binding};
use super::theme::Theme;
use crate::exchange::import::Kind;
use crate::exchange::inbox::{self, Entry};
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

mod modal;
mod preview;

use preview::preview_lines;

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
    /// An action the wizard does not know (a bug the key walk test catches).
    Ignored,
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
                _ => return Reply::Ignored,
            },
            Step::Files { .. } => return self.files_act(a, svc, actor, lang),
            Step::Preview { .. } => return self.preview_act(a, svc, actor, lang),
            Step::Done { scroll, .. } => match a {
                Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                    scroll_by(scroll, a)
                }
                Action::Back => return Reply::Close,
                _ => return Reply::Ignored,
            },
        }
        Reply::Nothing
    }

    /// The inbox: move, read again, back, preview the file chosen.
    fn files_act(&mut self, a: Action, svc: &mut Service, actor: &Actor, lang: Lang) -> Reply {
        let Step::Files {
            kind,
            files,
            cursor,
            error,
        } = &mut self.step
        else {
            return Reply::Nothing;
        };
        let kind = *kind;
        let chosen = files.as_ref().ok().and_then(|f| f.get(*cursor));
        let chosen = chosen.map(|e| (e.name.clone(), e.size));
        let n = files.as_ref().map_or(0, |f| f.len());
        match a {
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(n.saturating_sub(1)),
            Action::Reload => {
                let keep = chosen.map(|(name, _)| name);
                self.show_files(kind, keep.as_deref(), svc, actor)
            }
            Action::Back if self.kinds.len() > 1 => {
                let cursor = self.kinds.iter().position(|k| *k == kind).unwrap_or(0);
                self.step = Step::Kind { cursor };
            }
            Action::Back => return Reply::Close,
            Action::Open => {
                let Some((name, size)) = chosen else {
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
                        let preview = Box::new(p);
                        self.step = Step::Preview {
                            kind,
                            bytes,
                            preview,
                            scroll: 0,
                        }
                    }
                    Err(e) => return Reply::Error(e),
                }
            }
            _ => return Reply::Ignored,
        }
        Reply::Nothing
    }

    /// The preview: scroll, back to the inbox, import (when nothing is refused).
    fn preview_act(&mut self, a: Action, svc: &mut Service, actor: &Actor, lang: Lang) -> Reply {
        let Step::Preview {
            kind,
            preview,
            scroll,
            ..
        } = &mut self.step
        else {
            return Reply::Nothing;
        };
        let (kind, name) = (*kind, preview.name.clone());
        match a {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => scroll_by(scroll, a),
            Action::Back => self.show_files(kind, Some(&name), svc, actor),
            Action::Yes if !preview.importable() => {
                return Reply::Say(ws::refused(lang).to_string());
            }
            Action::Yes => return self.import(svc, actor, lang),
            _ => return Reply::Ignored,
        }
        Reply::Nothing
    }

    /// Imports exactly the bytes previewed, all or nothing, and shows what happened.
    fn import(&mut self, svc: &mut Service, actor: &Actor, lang: Lang) -> Reply {
        let Step::Preview {
            kind,
            bytes,
            preview,
            ..
        } = &self.step
        else {
            return Reply::Nothing;
        };
        let (kind, name) = (*kind, preview.name.clone());
        let size = ws::size(bytes.len() as u64);
        let mut lines = vec![
            (ws::file_line(&display(&name), &size, lang), false),
            (ws::hash_line(&preview.sha256), false),
            (String::new(), false),
        ];
        let (reply, more) = match svc.import_bytes(actor, kind, &name, bytes, false) {
            Ok(o) => {
                let said = cli::imported(&o, kind, lang);
                let mut more = vec![(format!("✓ {said}"), false)];
                if !o.warnings.is_empty() {
                    more.push((ws::warnings_heading(lang).to_string(), false));
                    let warnings = o.warnings.iter();
                    more.extend(
                        warnings.map(|w| (format!("  {}", strings::row_issue(w, lang)), false)),
                    );
                }
                more.push((String::new(), false));
                more.push((ws::audited(lang).to_string(), false));
                (Reply::Imported(said), more)
            }
            Err(e) => {
                let mut more = vec![(format!("✗ {}", ws::failed(lang)), true)];
                let text = e.say(Some(kind), lang);
                more.extend(
                    text.lines()
                        .map(|l| (format!("  {}", l.trim_start()), true)),
                );
                (Reply::Nothing, more)
            }
        };
        lines.extend(more);
        self.step = Step::Done {
            kind,
            lines,
            scroll: 0,
        };
        reply
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

/// Lines being built, wrapped to a width.
pub(super) struct Text {
    pub(super) out: Vec<Line<'static>>,
    pub(super) width: usize,
}

impl Text {
    /// Adds `text`, wrapped, continuation lines indented by `indent`.
    pub(super) fn add(&mut self, text: &str, style: Style, indent: usize) {
        self.out.extend(
            wrap(text, self.width, indent)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
}

/// `s` padded or cut (with `…`) to exactly `w` cells.
pub(super) fn fit(s: &str, w: usize) -> String {
    let mut out = crate::tui::list::clip(s, w);
    let pad = w.saturating_sub(out.width());
    out.push_str(&" ".repeat(pad));
    out
}

pub(super) fn fit_right(s: &str, w: usize) -> String {
    let out = crate::tui::list::clip(s, w);
    format!("{}{out}", " ".repeat(w.saturating_sub(out.width())))
}

/// A line cut to the width of the screen (no mark: tables are read by column).
pub(super) fn cut(s: &str, w: usize) -> String {
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

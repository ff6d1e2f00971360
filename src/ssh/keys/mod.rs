//! Terminal input decoding for SSH sessions: owns the translation of the raw bytes an SSH client
//! types (xterm-likes, Xshell, PuTTY, Windows OpenSSH, macOS/Linux `ssh`, the Linux console)
//! into ratatui/crossterm [`KeyEvent`]s and bracketed pastes.
//!
//! The [`Parser`] is pure and stateful: no I/O, no clock, no russh. Bytes are fed packet by
//! packet; an escape sequence or a UTF-8 character split across packets is kept until the rest
//! arrives. Whether a lone ESC is the Esc key or the start of a sequence is decided by the
//! caller's timer: while [`Parser::pending`] is true and no byte came for [`ESC_TIMEOUT`], call
//! [`Parser::timeout`].
//!
//! Decisions worth knowing:
//! - every key event is a `Press`; an ASCII upper-case letter carries `SHIFT`, as crossterm does;
//! - `\r`, `\n` and `\r\n` are each one Enter; 0x08 and 0x7f are Backspace;
//! - invalid UTF-8 becomes U+FFFD (visible, e.g. a client left on GBK), C1 controls are dropped;
//! - ESC + key is that key with `ALT`; ESC ESC + sequence is the sequence with `ALT` (PuTTY);
//! - unknown or malformed sequences are swallowed, never typed as text; one that runs past
//!   [`MAX_SEQUENCE`] bytes is skipped up to its final byte without being stored;
//! - a bracketed paste becomes one [`Input::Paste`], as typed (the app removes controls and
//!   says so), at most [`PASTE_LIMIT`] bytes kept. A paste only
//!   ends at `ESC[201~`: the timeout does not end it, and [`Parser::pending`] is false meanwhile.

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// How long the caller waits after the last byte before calling [`Parser::timeout`].
pub const ESC_TIMEOUT: Duration = Duration::from_millis(50);

/// Bytes of pasted text kept per paste (before normalisation); the rest is dropped.
pub const PASTE_LIMIT: usize = 64 * 1024;

/// Longest escape sequence kept in the buffer; a longer one is skipped, not stored.
pub const MAX_SEQUENCE: usize = 64;

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// One decoded piece of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key press.
    Key(KeyEvent),
    /// A bracketed paste, decoded (see the module docs).
    Paste(String),
}

/// Stateful decoder from terminal input bytes to [`Input`]s.
#[derive(Debug, Default)]
pub struct Parser {
    /// Unparsed bytes: in normal mode only an incomplete sequence or character.
    buf: Vec<u8>,
    mode: Mode,
    /// The last event was an Enter from `\r`: a directly following `\n` is its other half.
    after_cr: bool,
    /// Raw pasted bytes so far (at most `PASTE_LIMIT`).
    paste: Vec<u8>,
    paste_truncated: bool,
    /// How many bytes of `PASTE_END` the paste stream currently ends with.
    paste_matched: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    #[default]
    Normal,
    /// Inside an over-long CSI/SS3 sequence: drop bytes up to its final byte.
    Skip,
    /// Inside a bracketed paste.
    Paste,
}

impl Parser {
    /// Feeds bytes from one packet; returns the complete events. Partial escape sequences and
    /// partial UTF-8 are kept for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        let mut out = Vec::new();
        self.buf.extend_from_slice(bytes);
        self.run(&mut out, false);
        out
    }

    /// True while a lone ESC, an incomplete sequence or an incomplete character waits; the
    /// caller calls [`Parser::timeout`] when no more bytes arrived for [`ESC_TIMEOUT`]. False
    /// during a bracketed paste, which waits for its end marker however long it takes.
    pub fn pending(&self) -> bool {
        match self.mode {
            Mode::Normal => !self.buf.is_empty(),
            Mode::Skip => true,
            Mode::Paste => false,
        }
    }

    /// Resolves what is pending after the wait: a lone ESC becomes the Esc key, `ESC [` and
    /// `ESC O` become Alt-`[` and Alt-`O`, ESC + key becomes Alt + key, an incomplete character
    /// becomes U+FFFD, and any other incomplete sequence is dropped. Does nothing to a paste.
    pub fn timeout(&mut self) -> Vec<Input> {
        let mut out = Vec::new();
        if self.mode == Mode::Skip {
            self.mode = Mode::Normal;
        }
        if self.mode == Mode::Normal {
            self.run(&mut out, true);
            self.buf.clear();
            if self.mode == Mode::Skip {
                self.mode = Mode::Normal;
            }
        }
        out
    }

    /// Consumes `self.buf` as far as it can; with `eof` nothing more is coming, so nothing is
    /// left incomplete.
    fn run(&mut self, out: &mut Vec<Input>, eof: bool) {
        let buf = std::mem::take(&mut self.buf);
        let mut i = 0;
        while let Some(&byte) = buf.get(i) {
            match self.mode {
                Mode::Paste => {
                    self.paste_byte(byte, out);
                    i += 1;
                }
                Mode::Skip => match byte {
                    0x20..=0x3f => i += 1,
                    0x40..=0x7e => {
                        i += 1;
                        self.mode = Mode::Normal;
                    }
                    // Not part of a sequence: it is input again.
                    _ => self.mode = Mode::Normal,
                },
                Mode::Normal => match parse(&buf[i..], eof) {
                    Step::Incomplete => break,
                    Step::Done { len, action, .. } => {
                        i += len.max(1);
                        self.apply(action, out);
                    }
                },
            }
        }
        self.buf = buf;
        self.buf.drain(..i.min(self.buf.len()));
    }

    fn apply(&mut self, action: Action, out: &mut Vec<Input>) {
        let after_cr = std::mem::take(&mut self.after_cr);
        match action {
            Action::Key(key) => out.push(Input::Key(key)),
            Action::Cr(mods) => {
                out.push(Input::Key(KeyEvent::new(KeyCode::Enter, mods)));
                self.after_cr = true;
            }
            Action::Lf(mods) => {
                if !(after_cr && mods.is_empty()) {
                    out.push(Input::Key(KeyEvent::new(KeyCode::Enter, mods)));
                }
            }
            Action::Ignore => {}
            Action::PasteStart => {
                self.mode = Mode::Paste;
                self.paste.clear();
                self.paste_truncated = false;
                self.paste_matched = 0;
            }
            Action::Skip => self.mode = Mode::Skip,
        }
    }

    fn paste_byte(&mut self, byte: u8, out: &mut Vec<Input>) {
        if PASTE_END.get(self.paste_matched) == Some(&byte) {
            self.paste_matched += 1;
            if self.paste_matched == PASTE_END.len() {
                self.paste_matched = 0;
                self.mode = Mode::Normal;
                let raw = std::mem::take(&mut self.paste);
                let text = decode_paste(&raw, self.paste_truncated);
                if !text.is_empty() {
                    out.push(Input::Paste(text));
                }
            }
            return;
        }
        // Mismatch: the matched prefix was text after all. ESC occurs in `PASTE_END` only at
        // its start, so the current byte can only begin a new match if it is ESC.
        let matched = std::mem::take(&mut self.paste_matched);
        for &b in &PASTE_END[..matched] {
            self.paste_push(b);
        }
        if byte == ESC {
            self.paste_matched = 1;
        } else {
            self.paste_push(byte);
        }
    }

    fn paste_push(&mut self, byte: u8) {
        if self.paste.len() < PASTE_LIMIT {
            self.paste.push(byte);
        } else {
            self.paste_truncated = true;
        }
    }
}

/// What one parsed unit of input does.
#[derive(Debug, Clone, Copy)]
enum Action {
    Key(KeyEvent),
    /// Enter from `\r` (a `\n` right after it is swallowed).
    Cr(KeyModifiers),
    /// Enter from `\n`, unless it completes a `\r\n`.
    Lf(KeyModifiers),
    /// A recognised or malformed sequence without a key (focus, mouse, unknown).
    Ignore,
    PasteStart,
    /// An over-long sequence: skip to its final byte.
    Skip,
}

impl Action {
    fn with_alt(self) -> Self {
        match self {
            Action::Key(mut key) => {
                key.modifiers |= KeyModifiers::ALT;
                Action::Key(key)
            }
            Action::Cr(mods) => Action::Cr(mods | KeyModifiers::ALT),
            Action::Lf(mods) => Action::Lf(mods | KeyModifiers::ALT),
            other => other,
        }
    }
}

enum Step {
    /// More bytes are needed to decide.
    Incomplete,
    /// `len` bytes (at least one) are consumed; `sequence` is false when an `ESC [` / `ESC O`
    /// turned out to be Alt + that key rather than a sequence.
    Done {
        len: usize,
        action: Action,
        sequence: bool,
    },
}

fn done(len: usize, action: Action) -> Step {
    Step::Done {
        len,
        action,
        sequence: true,
    }
}

fn plain(len: usize, action: Action) -> Step {
    Step::Done {
        len,
        action,
        sequence: false,
    }
}

fn key(code: KeyCode, mods: KeyModifiers) -> Action {
    Action::Key(KeyEvent::new(code, mods))
}

/// A character key; an upper-case letter carries SHIFT, as crossterm reports it.
fn char_key(c: char, mods: KeyModifiers) -> Action {
    let mods = if c.is_uppercase() {
        mods | KeyModifiers::SHIFT
    } else {
        mods
    };
    key(KeyCode::Char(c), mods)
}

/// Parses one unit at the start of `b` (non-empty in practice).
fn parse(b: &[u8], eof: bool) -> Step {
    match b.first() {
        None => Step::Incomplete,
        Some(&ESC) => parse_escape(b, eof),
        Some(&byte) if byte < 0x80 => done(1, byte_action(byte)),
        Some(_) => match decode_utf8(b, eof) {
            None => Step::Incomplete,
            Some((c, len)) if c.is_control() => done(len, Action::Ignore),
            Some((c, len)) => done(len, char_key(c, KeyModifiers::NONE)),
        },
    }
}

/// The key of one ASCII byte other than ESC.
fn byte_action(byte: u8) -> Action {
    let none = KeyModifiers::NONE;
    match byte {
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        0x08 | 0x7f => key(KeyCode::Backspace, none),
        b'\t' => key(KeyCode::Tab, none),
        b'\r' => Action::Cr(none),
        b'\n' => Action::Lf(none),
        0x01..=0x1a => key(
            KeyCode::Char(char::from(byte - 1 + b'a')),
            KeyModifiers::CONTROL,
        ),
        ESC => key(KeyCode::Esc, none),
        0x1c..=0x1f => key(
            KeyCode::Char(char::from(byte - 0x1c + b'4')),
            KeyModifiers::CONTROL,
        ),
        _ => char_key(char::from(byte), none),
    }
}

/// `b` starts with ESC.
fn parse_escape(b: &[u8], eof: bool) -> Step {
    let Some(&next) = b.get(1) else {
        return if eof {
            done(1, key(KeyCode::Esc, KeyModifiers::NONE))
        } else {
            Step::Incomplete
        };
    };
    match next {
        b'[' => parse_csi(b, eof),
        b'O' => parse_ss3(b, eof),
        ESC => {
            // ESC ESC: Alt + the sequence that follows (PuTTY, macOS), else Esc for the first.
            let esc = done(1, key(KeyCode::Esc, KeyModifiers::NONE));
            let inner = match b.get(2) {
                None if eof => return esc,
                None => return Step::Incomplete,
                Some(b'[') => parse_csi(&b[1..], eof),
                Some(b'O') => parse_ss3(&b[1..], eof),
                Some(_) => return esc,
            };
            match inner {
                Step::Incomplete => Step::Incomplete,
                Step::Done {
                    len,
                    action,
                    sequence: true,
                } => done(len + 1, action.with_alt()),
                Step::Done { .. } => esc,
            }
        }
        0x00..=0x7f => done(2, byte_action(next).with_alt()),
        _ => match decode_utf8(&b[1..], eof) {
            None => Step::Incomplete,
            Some((c, len)) if c.is_control() => done(len + 1, Action::Ignore),
            Some((c, len)) => done(len + 1, char_key(c, KeyModifiers::ALT)),
        },
    }
}

/// `b` starts with `ESC [`.
fn parse_csi(b: &[u8], eof: bool) -> Step {
    let alt_bracket = || plain(2, char_key('[', KeyModifiers::ALT));
    match b.get(2) {
        None if eof => return alt_bracket(),
        None => return Step::Incomplete,
        // Linux console F1–F5: ESC [ [ A..E.
        Some(b'[') => {
            return match b.get(3) {
                None if eof => done(b.len(), Action::Ignore),
                None => Step::Incomplete,
                Some(&c @ b'A'..=b'E') => {
                    done(4, key(KeyCode::F(c - b'A' + 1), KeyModifiers::NONE))
                }
                Some(0x40..=0x7e) => done(4, Action::Ignore),
                Some(_) => done(3, Action::Ignore),
            };
        }
        // X10 mouse report: ESC [ M and three raw bytes.
        Some(b'M') => {
            return if b.len() >= 6 {
                done(6, Action::Ignore)
            } else if eof {
                done(b.len(), Action::Ignore)
            } else {
                Step::Incomplete
            };
        }
        Some(_) => {}
    }
    let mut i = 2;
    loop {
        if i >= MAX_SEQUENCE {
            return done(i, Action::Skip);
        }
        match b.get(i) {
            None if eof => return done(i, Action::Ignore),
            None => return Step::Incomplete,
            Some(0x20..=0x3f) => i += 1,
            Some(&fin @ 0x40..=0x7e) => return done(i + 1, csi_action(&b[2..i], fin)),
            // Malformed: drop what came so far; the byte is input again.
            Some(_) if i == 2 => return alt_bracket(),
            Some(_) => return done(i, Action::Ignore),
        }
    }
}

/// `b` starts with `ESC O`.
fn parse_ss3(b: &[u8], eof: bool) -> Step {
    let alt_o = || plain(2, char_key('O', KeyModifiers::ALT));
    let mut i = 2;
    loop {
        if i >= MAX_SEQUENCE {
            return done(i, Action::Skip);
        }
        match b.get(i) {
            None if eof && i == 2 => return alt_o(),
            None if eof => return done(i, Action::Ignore),
            None => return Step::Incomplete,
            Some(0x30..=0x3f) => i += 1,
            Some(&fin @ 0x40..=0x7e) => return done(i + 1, ss3_action(&b[2..i], fin)),
            Some(_) if i == 2 => return alt_o(),
            Some(_) => return done(i, Action::Ignore),
        }
    }
}

/// Numeric parameters (`;`-separated, `:` sub-parameters ignored, empty = default). `None` for
/// private (`<`, `=`, `>`, `?`) or otherwise non-numeric parameters and intermediates.
fn parse_params(raw: &[u8]) -> Option<Vec<Option<u16>>> {
    if raw.is_empty() {
        return Some(Vec::new());
    }
    raw.split(|&c| c == b';')
        .map(|field| {
            let main = field.split(|&c| c == b':').next().unwrap_or_default();
            if main.is_empty() {
                return Some(None);
            }
            let mut value: u16 = 0;
            for &d in main {
                if !d.is_ascii_digit() {
                    return None;
                }
                value = value.saturating_mul(10).saturating_add(u16::from(d - b'0'));
            }
            Some(Some(value))
        })
        .collect()
}

/// The xterm modifier parameter: 1 + bitmask (shift 1, alt 2, ctrl 4, super 8, hyper 16,
/// meta 32; kitty's caps/num-lock bits and absurd values are ignored).
fn modifiers(param: Option<u16>) -> KeyModifiers {
    let bits = match param {
        Some(p @ 1..=256) => p - 1,
        _ => 0,
    };
    let mut mods = KeyModifiers::NONE;
    for (bit, m) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            mods |= m;
        }
    }
    mods
}

fn cursor_code(fin: u8) -> Option<KeyCode> {
    Some(match fin {
        b'A' | b'a' => KeyCode::Up,
        b'B' | b'b' => KeyCode::Down,
        b'C' | b'c' => KeyCode::Right,
        b'D' | b'd' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'E' => KeyCode::KeypadBegin,
        b'P'..=b'S' => KeyCode::F(fin - b'P' + 1),
        _ => return None,
    })
}

/// The key of `ESC [ n ~` (also rxvt's `^` and `@` forms).
fn tilde_code(n: u16) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F((n - 10) as u8),
        17..=21 => KeyCode::F((n - 11) as u8),
        23..=26 => KeyCode::F((n - 12) as u8),
        28 | 29 => KeyCode::F((n - 13) as u8),
        31..=34 => KeyCode::F((n - 14) as u8),
        _ => return None,
    })
}

/// What a complete CSI sequence means; `params` lies between `ESC [` and the final byte.
fn csi_action(params: &[u8], fin: u8) -> Action {
    let Some(p) = parse_params(params) else {
        return Action::Ignore; // mouse (SGR), private replies, intermediates
    };
    let arg = |i: usize| p.get(i).copied().flatten();
    match fin {
        b'A'..=b'F' | b'H' => {
            let Some(code) = cursor_code(fin) else {
                return Action::Ignore;
            };
            // `ESC[1;5C`, and the older `ESC[5C`.
            let mods = match p.len() {
                0 => KeyModifiers::NONE,
                1 => modifiers(arg(0)),
                _ => modifiers(arg(1)),
            };
            key(code, mods)
        }
        b'P'..=b'S' if p.len() <= 2 && matches!(arg(0), None | Some(1)) => match cursor_code(fin) {
            Some(code) => key(code, modifiers(arg(1))),
            None => Action::Ignore,
        },
        b'Z' => key(KeyCode::BackTab, KeyModifiers::SHIFT | modifiers(arg(1))),
        // rxvt Shift-arrows.
        b'a'..=b'd' if p.is_empty() => match cursor_code(fin) {
            Some(code) => key(code, KeyModifiers::SHIFT),
            None => Action::Ignore,
        },
        b'~' | b'^' | b'@' => {
            let Some(n) = arg(0) else {
                return Action::Ignore;
            };
            if fin == b'~' && n == 200 {
                return Action::PasteStart;
            }
            let Some(code) = tilde_code(n) else {
                return Action::Ignore; // 201~ outside a paste, unknown keys
            };
            let extra = match fin {
                b'^' => KeyModifiers::CONTROL,
                b'@' => KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                _ => KeyModifiers::NONE,
            };
            key(code, modifiers(arg(1)) | extra)
        }
        // Focus in/out (I, O), mouse (M, m) and everything else.
        _ => Action::Ignore,
    }
}

/// What a complete SS3 sequence (`ESC O`, optional modifier, final byte) means.
fn ss3_action(params: &[u8], fin: u8) -> Action {
    let Some(p) = parse_params(params) else {
        return Action::Ignore;
    };
    let mods = modifiers(p.last().copied().flatten());
    match fin {
        b'A'..=b'F' | b'H' | b'P'..=b'S' => match cursor_code(fin) {
            Some(code) => key(code, mods),
            None => Action::Ignore,
        },
        // rxvt Ctrl-arrows.
        b'a'..=b'd' => match cursor_code(fin) {
            Some(code) => key(code, mods | KeyModifiers::CONTROL),
            None => Action::Ignore,
        },
        // Application keypad.
        b'M' => key(KeyCode::Enter, mods),
        b'X' => key(KeyCode::Char('='), mods),
        b'j'..=b'y' => {
            let c = b"*+,-./0123456789"[usize::from(fin - b'j')];
            key(KeyCode::Char(char::from(c)), mods)
        }
        _ => Action::Ignore,
    }
}

/// Decodes the UTF-8 character at the start of `b` (whose first byte is ≥ 0x80). `None` when
/// more bytes are needed; an invalid or (with `eof`) truncated sequence is U+FFFD and consumes
/// its maximal invalid prefix, as `String::from_utf8_lossy` does.
fn decode_utf8(b: &[u8], eof: bool) -> Option<(char, usize)> {
    const BAD: char = char::REPLACEMENT_CHARACTER;
    let first = *b.first()?;
    let (len, lo, hi) = match first {
        0xc2..=0xdf => (2, 0x80, 0xbf),
        0xe0 => (3, 0xa0, 0xbf),
        0xe1..=0xec | 0xee..=0xef => (3, 0x80, 0xbf),
        0xed => (3, 0x80, 0x9f),
        0xf0 => (4, 0x90, 0xbf),
        0xf1..=0xf3 => (4, 0x80, 0xbf),
        0xf4 => (4, 0x80, 0x8f),
        _ => return Some((BAD, 1)),
    };
    for i in 1..len {
        let Some(&c) = b.get(i) else {
            return if eof { Some((BAD, i)) } else { None };
        };
        let (lo, hi) = if i == 1 { (lo, hi) } else { (0x80, 0xbf) };
        if !(lo..=hi).contains(&c) {
            return Some((BAD, i));
        }
    }
    let c = std::str::from_utf8(&b[..len])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or(BAD);
    Some((c, len))
}

/// Turns raw pasted bytes into text: lossy UTF-8, a character cut by the size limit dropped.
/// Controls are left for the app, which removes them and says so
/// ([`crate::domain::text::clean_paste`]).
fn decode_paste(raw: &[u8], truncated: bool) -> String {
    let raw = if truncated {
        without_partial_tail(raw)
    } else {
        raw
    };
    String::from_utf8_lossy(raw).into_owned()
}

/// `raw` without a trailing UTF-8 character that lacks continuation bytes.
fn without_partial_tail(raw: &[u8]) -> &[u8] {
    for back in 1..=raw.len().min(4) {
        let at = raw.len() - back;
        let byte = raw[at];
        if byte & 0xc0 == 0x80 {
            continue; // continuation byte: look further back for the lead byte
        }
        let need = match byte {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 1,
        };
        return if need > back { &raw[..at] } else { raw };
    }
    raw
}

#[cfg(test)]
mod tests;

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
//! - a bracketed paste becomes one [`Input::Paste`]: `\r\n`/`\r` → `\n`, Tab → space, other
//!   control characters (ESC included) removed, at most [`PASTE_LIMIT`] bytes kept. A paste only
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
    /// A bracketed paste, normalised (see the module docs).
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
                let text = clean_paste(&raw, self.paste_truncated);
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

/// Turns raw pasted bytes into text: lossy UTF-8 (a character cut by the size limit is
/// dropped), `\r\n` and `\r` → `\n`, Tab → space, other control characters removed.
fn clean_paste(raw: &[u8], truncated: bool) -> String {
    let raw = if truncated {
        without_partial_tail(raw)
    } else {
        raw
    };
    let decoded = String::from_utf8_lossy(raw);
    let mut text = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                text.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\n' => text.push('\n'),
            '\t' => text.push(' '),
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    text
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
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    fn k(code: KeyCode, mods: KeyModifiers) -> Input {
        Input::Key(KeyEvent::new(code, mods))
    }

    fn c(ch: char) -> Input {
        k(KeyCode::Char(ch), NONE)
    }

    fn ctrl(ch: char) -> Input {
        k(KeyCode::Char(ch), CTRL)
    }

    fn alt(ch: char) -> Input {
        k(KeyCode::Char(ch), ALT)
    }

    fn paste(s: &str) -> Input {
        Input::Paste(s.to_owned())
    }

    fn text(s: &str) -> Vec<Input> {
        s.chars()
            .map(|ch| {
                let mods = if ch.is_uppercase() { SHIFT } else { NONE };
                k(KeyCode::Char(ch), mods)
            })
            .collect()
    }

    /// Strict comparison: KeyEvent's own `==` ignores SHIFT on letters.
    fn show(events: &[Input]) -> String {
        format!("{events:?}")
    }

    /// Checks the parser's own invariants after a call.
    fn check_state(p: &Parser) {
        assert!(
            p.buf.len() <= MAX_SEQUENCE + 1,
            "buffer grew to {}",
            p.buf.len()
        );
        assert!(p.paste.len() <= PASTE_LIMIT);
        assert!(p.paste_matched < PASTE_END.len());
    }

    /// Feeds the chunks in order, then resolves what is pending as the caller's timer would.
    fn feed_chunks(chunks: &[&[u8]]) -> Vec<Input> {
        let mut p = Parser::default();
        let mut out = Vec::new();
        for chunk in chunks {
            out.extend(p.feed(chunk));
            check_state(&p);
        }
        out.extend(p.timeout());
        check_state(&p);
        assert!(!p.pending(), "still pending after timeout");
        for event in &out {
            if let Input::Key(key) = event {
                assert_eq!(key.kind, KeyEventKind::Press);
                assert_eq!(key.state, KeyEventState::NONE);
            }
        }
        out
    }

    /// Parses `input` whole, split once at every position, byte by byte, and (when short)
    /// split twice at every pair of positions; all must agree. Returns the events.
    fn parse_all_splits(input: &[u8]) -> Vec<Input> {
        let whole = feed_chunks(&[input]);
        let expect = show(&whole);
        for cut in 0..=input.len() {
            let (a, b) = input.split_at(cut);
            assert_eq!(
                show(&feed_chunks(&[a, b])),
                expect,
                "{input:?} cut at {cut}"
            );
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(show(&feed_chunks(&bytes)), expect, "{input:?} byte by byte");
        if input.len() <= 40 {
            for i in 0..=input.len() {
                for j in i..=input.len() {
                    let parts = [&input[..i], &input[i..j], &input[j..]];
                    assert_eq!(show(&feed_chunks(&parts)), expect, "{input:?} cut {i},{j}");
                }
            }
        }
        whole
    }

    fn check_table(table: &[(&[u8], Vec<Input>)]) {
        for (input, want) in table {
            let got = parse_all_splits(input);
            assert_eq!(show(&got), show(want), "input {input:?}");
        }
    }

    #[test]
    fn printable_ascii() {
        let all: Vec<u8> = (0x20..=0x7e).collect();
        let want: Vec<Input> = all
            .iter()
            .map(|&b| {
                let ch = char::from(b);
                let mods = if ch.is_ascii_uppercase() { SHIFT } else { NONE };
                k(KeyCode::Char(ch), mods)
            })
            .collect();
        assert_eq!(show(&parse_all_splits(&all)), show(&want));
    }

    #[test]
    fn uppercase_carries_shift() {
        let got = parse_all_splits(b"aA");
        let Input::Key(upper) = got[1] else {
            panic!("not a key: {got:?}")
        };
        assert_eq!(upper.code, KeyCode::Char('A'));
        assert_eq!(upper.modifiers, SHIFT);
    }

    #[test]
    fn utf8_chinese_and_emoji() {
        check_table(&[
            ("中文".as_bytes(), text("中文")),
            ("双随机、一公开".as_bytes(), text("双随机、一公开")),
            ("😀👍🏽".as_bytes(), text("😀👍🏽")),
            ("aé中😀z".as_bytes(), text("aé中😀z")),
        ]);
    }

    #[test]
    fn chinese_split_inside_characters() {
        let bytes = "环境局".as_bytes();
        let mut p = Parser::default();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert!(p.pending());
        assert_eq!(show(&p.feed(&bytes[1..4])), show(&text("环")));
        assert_eq!(show(&p.feed(&bytes[4..8])), show(&text("境")));
        assert_eq!(show(&p.feed(&bytes[8..])), show(&text("局")));
        assert!(!p.pending());
        assert_eq!(show(&parse_all_splits(bytes)), show(&text("环境局")));
    }

    #[test]
    fn invalid_utf8_becomes_replacement() {
        let r = char::REPLACEMENT_CHARACTER;
        check_table(&[
            (b"\xff", vec![c(r)]),
            (b"a\x80b", vec![c('a'), c(r), c('b')]),
            // GBK 中文 from a client not set to UTF-8.
            (b"\xd6\xd0\xce\xc4", vec![c(r), c(r), c(r), c(r)]),
            // Truncated 3-byte character followed by ASCII: one replacement.
            (b"\xe4\xb8x", vec![c(r), c('x')]),
            // Surrogate encoding and overlong forms are invalid.
            (b"\xed\xa0\x80", vec![c(r), c(r), c(r)]),
            (b"\xc0\xaf", vec![c(r), c(r)]),
            // Truncated character at the end: U+FFFD after the timeout.
            (b"\xe4\xb8", vec![c(r)]),
            // A C1 control encoded in UTF-8 is dropped.
            (b"\xc2\x9bA", text("A")),
        ]);
    }

    #[test]
    fn enter_variants() {
        let enter = k(KeyCode::Enter, NONE);
        check_table(&[
            (b"\r", vec![enter.clone()]),
            (b"\n", vec![enter.clone()]),
            (b"\r\n", vec![enter.clone()]),
            (b"\r\n\r\n", vec![enter.clone(), enter.clone()]),
            (b"\r\r", vec![enter.clone(), enter.clone()]),
            (b"\n\n", vec![enter.clone(), enter.clone()]),
            (b"\n\r", vec![enter.clone(), enter.clone()]),
            (b"a\r\nb", vec![c('a'), enter.clone(), c('b')]),
            (
                b"\r\x1b[A\n",
                vec![enter.clone(), k(KeyCode::Up, NONE), enter],
            ),
        ]);
    }

    #[test]
    fn crlf_split_across_packets_is_one_enter() {
        let mut p = Parser::default();
        assert_eq!(show(&p.feed(b"\r")), show(&[k(KeyCode::Enter, NONE)]));
        assert!(!p.pending());
        assert!(p.feed(b"\n").is_empty());
        assert_eq!(show(&p.feed(b"\n")), show(&[k(KeyCode::Enter, NONE)]));
    }

    #[test]
    fn control_bytes() {
        check_table(&[
            (b"\t", vec![k(KeyCode::Tab, NONE)]),
            (b"\x7f", vec![k(KeyCode::Backspace, NONE)]),
            (b"\x08", vec![k(KeyCode::Backspace, NONE)]),
            (b"\x00", vec![ctrl(' ')]),
            (b"\x01", vec![ctrl('a')]),
            (b"\x03", vec![ctrl('c')]),
            (b"\x1a", vec![ctrl('z')]),
            (b"\x1c", vec![ctrl('4')]),
            (b"\x1f", vec![ctrl('7')]),
        ]);
    }

    #[test]
    fn every_ctrl_letter() {
        for byte in 0x01u8..=0x1a {
            let got = parse_all_splits(&[byte]);
            let want = match byte {
                0x08 => k(KeyCode::Backspace, NONE),
                0x09 => k(KeyCode::Tab, NONE),
                0x0a | 0x0d => k(KeyCode::Enter, NONE),
                _ => ctrl(char::from(b'a' + byte - 1)),
            };
            assert_eq!(show(&got), show(&[want]), "byte {byte:#04x}");
        }
    }

    #[test]
    fn lone_esc_only_after_timeout() {
        let mut p = Parser::default();
        assert!(!p.pending());
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.pending());
        assert_eq!(show(&p.timeout()), show(&[k(KeyCode::Esc, NONE)]));
        assert!(!p.pending());
        assert!(p.timeout().is_empty());
        // The next byte after the timeout is plain input again.
        assert_eq!(show(&p.feed(b"[A")), show(&text("[A")));
    }

    #[test]
    fn esc_then_sequence_in_next_packet_is_arrow() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.pending());
        assert!(p.feed(b"[").is_empty());
        assert!(p.pending());
        assert_eq!(show(&p.feed(b"A")), show(&[k(KeyCode::Up, NONE)]));
        assert!(!p.pending());

        let mut p = Parser::default();
        assert!(p.feed(b"x\x1b").len() == 1);
        assert_eq!(show(&p.feed(b"OP")), show(&[k(KeyCode::F(1), NONE)]));
    }

    #[test]
    fn esc_timeout_resolutions() {
        let mut p = Parser::default();
        let cases: &[(&[u8], Vec<Input>)] = &[
            (b"\x1b", vec![k(KeyCode::Esc, NONE)]),
            (b"\x1b[", vec![alt('[')]),
            (b"\x1bO", vec![k(KeyCode::Char('O'), ALT | SHIFT)]),
            (b"\x1b[1;", vec![]),
            (b"\x1b[[", vec![]),
            (b"\x1b[M!", vec![]),
            (b"\x1bO5", vec![]),
            (
                b"\x1b\x1b",
                vec![k(KeyCode::Esc, NONE), k(KeyCode::Esc, NONE)],
            ),
            (b"\x1b\x1b[", vec![k(KeyCode::Esc, NONE), alt('[')]),
            (b"\x1b\x1b[1", vec![]),
            (b"\x1b\xe4\xb8", vec![alt(char::REPLACEMENT_CHARACTER)]),
        ];
        for (input, want) in cases {
            assert!(p.feed(input).is_empty(), "{input:?}");
            assert!(p.pending(), "{input:?}");
            assert_eq!(show(&p.timeout()), show(want), "{input:?}");
            assert!(!p.pending());
        }
    }

    #[test]
    fn alt_keys() {
        check_table(&[
            (b"\x1ba", vec![alt('a')]),
            (b"\x1bA", vec![k(KeyCode::Char('A'), ALT | SHIFT)]),
            (b"\x1b ", vec![alt(' ')]),
            (b"\x1b1", vec![alt('1')]),
            (b"\x1b\x7f", vec![k(KeyCode::Backspace, ALT)]),
            (b"\x1b\r", vec![k(KeyCode::Enter, ALT)]),
            (b"\x1b\r\n", vec![k(KeyCode::Enter, ALT)]),
            (b"\x1b\n", vec![k(KeyCode::Enter, ALT)]),
            (b"\x1b\t", vec![k(KeyCode::Tab, ALT)]),
            (b"\x1b\x01", vec![k(KeyCode::Char('a'), CTRL | ALT)]),
            ("\x1b中".as_bytes(), vec![alt('中')]),
            (b"\x1bab", vec![alt('a'), c('b')]),
        ]);
    }

    #[test]
    fn esc_esc() {
        let esc = k(KeyCode::Esc, NONE);
        check_table(&[
            (b"\x1b\x1b", vec![esc.clone(), esc.clone()]),
            (b"\x1b\x1b\x1b", vec![esc.clone(), esc.clone(), esc.clone()]),
            (b"\x1b\x1ba", vec![esc.clone(), alt('a')]),
            // PuTTY's Alt-arrows and Alt-function keys.
            (b"\x1b\x1b[A", vec![k(KeyCode::Up, ALT)]),
            (b"\x1b\x1bOD", vec![k(KeyCode::Left, ALT)]),
            (b"\x1b\x1b[3~", vec![k(KeyCode::Delete, ALT)]),
            (b"\x1b\x1b\x1b[B", vec![esc.clone(), k(KeyCode::Down, ALT)]),
            (b"\x1b\x1b[I", vec![]),
            (b"\x1b\x1b[", vec![esc, alt('[')]),
        ]);
    }

    #[test]
    fn csi_cursor_keys() {
        check_table(&[
            (b"\x1b[A", vec![k(KeyCode::Up, NONE)]),
            (b"\x1b[B", vec![k(KeyCode::Down, NONE)]),
            (b"\x1b[C", vec![k(KeyCode::Right, NONE)]),
            (b"\x1b[D", vec![k(KeyCode::Left, NONE)]),
            (b"\x1b[H", vec![k(KeyCode::Home, NONE)]),
            (b"\x1b[F", vec![k(KeyCode::End, NONE)]),
            (b"\x1b[E", vec![k(KeyCode::KeypadBegin, NONE)]),
            (b"\x1b[Z", vec![k(KeyCode::BackTab, SHIFT)]),
            (
                b"\x1b[A\x1b[B\x1b[C\x1b[D",
                vec![
                    k(KeyCode::Up, NONE),
                    k(KeyCode::Down, NONE),
                    k(KeyCode::Right, NONE),
                    k(KeyCode::Left, NONE),
                ],
            ),
            // rxvt Shift-arrows.
            (b"\x1b[a", vec![k(KeyCode::Up, SHIFT)]),
            (b"\x1b[d", vec![k(KeyCode::Left, SHIFT)]),
        ]);
    }

    #[test]
    fn csi_tilde_keys() {
        check_table(&[
            (b"\x1b[1~", vec![k(KeyCode::Home, NONE)]),
            (b"\x1b[2~", vec![k(KeyCode::Insert, NONE)]),
            (b"\x1b[3~", vec![k(KeyCode::Delete, NONE)]),
            (b"\x1b[4~", vec![k(KeyCode::End, NONE)]),
            (b"\x1b[5~", vec![k(KeyCode::PageUp, NONE)]),
            (b"\x1b[6~", vec![k(KeyCode::PageDown, NONE)]),
            (b"\x1b[7~", vec![k(KeyCode::Home, NONE)]),
            (b"\x1b[8~", vec![k(KeyCode::End, NONE)]),
            // rxvt Ctrl- and Ctrl-Shift- forms.
            (b"\x1b[3^", vec![k(KeyCode::Delete, CTRL)]),
            (b"\x1b[5@", vec![k(KeyCode::PageUp, CTRL | SHIFT)]),
            // Unknown numbers and a stray paste end are swallowed.
            (b"\x1b[9~", vec![]),
            (b"\x1b[99~x", text("x")),
            (b"\x1b[201~", vec![]),
            (b"\x1b[~", vec![]),
        ]);
    }

    #[test]
    fn function_keys() {
        let f = |n: u8| k(KeyCode::F(n), NONE);
        check_table(&[
            (b"\x1b[11~", vec![f(1)]),
            (b"\x1b[12~", vec![f(2)]),
            (b"\x1b[13~", vec![f(3)]),
            (b"\x1b[14~", vec![f(4)]),
            (b"\x1b[15~", vec![f(5)]),
            (b"\x1b[17~", vec![f(6)]),
            (b"\x1b[18~", vec![f(7)]),
            (b"\x1b[19~", vec![f(8)]),
            (b"\x1b[20~", vec![f(9)]),
            (b"\x1b[21~", vec![f(10)]),
            (b"\x1b[23~", vec![f(11)]),
            (b"\x1b[24~", vec![f(12)]),
            (b"\x1b[25~", vec![f(13)]),
            (b"\x1b[34~", vec![f(20)]),
            (b"\x1b[16~", vec![]),
            (b"\x1b[22~", vec![]),
            (b"\x1bOP", vec![f(1)]),
            (b"\x1bOQ", vec![f(2)]),
            (b"\x1bOR", vec![f(3)]),
            (b"\x1bOS", vec![f(4)]),
            (b"\x1b[[A", vec![f(1)]),
            (b"\x1b[[B", vec![f(2)]),
            (b"\x1b[[C", vec![f(3)]),
            (b"\x1b[[D", vec![f(4)]),
            (b"\x1b[[E", vec![f(5)]),
            (b"\x1b[[Z", vec![]),
            // Modified F1–F4 the xterm way.
            (b"\x1b[1;2P", vec![k(KeyCode::F(1), SHIFT)]),
            (b"\x1b[1;5S", vec![k(KeyCode::F(4), CTRL)]),
            (b"\x1b[15;5~", vec![k(KeyCode::F(5), CTRL)]),
            // A cursor position report is not F3.
            (b"\x1b[12;40R", vec![]),
        ]);
    }

    #[test]
    fn xterm_modifiers() {
        check_table(&[
            (b"\x1b[1;5C", vec![k(KeyCode::Right, CTRL)]),
            (b"\x1b[1;2A", vec![k(KeyCode::Up, SHIFT)]),
            (b"\x1b[1;3D", vec![k(KeyCode::Left, ALT)]),
            (b"\x1b[1;4B", vec![k(KeyCode::Down, SHIFT | ALT)]),
            (b"\x1b[1;6H", vec![k(KeyCode::Home, SHIFT | CTRL)]),
            (b"\x1b[1;7F", vec![k(KeyCode::End, ALT | CTRL)]),
            (b"\x1b[1;8A", vec![k(KeyCode::Up, SHIFT | ALT | CTRL)]),
            (b"\x1b[1;1A", vec![k(KeyCode::Up, NONE)]),
            (b"\x1b[3;5~", vec![k(KeyCode::Delete, CTRL)]),
            (b"\x1b[3;2~", vec![k(KeyCode::Delete, SHIFT)]),
            (b"\x1b[5;3~", vec![k(KeyCode::PageUp, ALT)]),
            (b"\x1b[2;5~", vec![k(KeyCode::Insert, CTRL)]),
            (b"\x1b[1;2Z", vec![k(KeyCode::BackTab, SHIFT)]),
            (b"\x1b[1;5Z", vec![k(KeyCode::BackTab, SHIFT | CTRL)]),
            // Old style without the leading 1, and a kitty-style sub-parameter.
            (b"\x1b[5C", vec![k(KeyCode::Right, CTRL)]),
            (b"\x1b[1;5:1C", vec![k(KeyCode::Right, CTRL)]),
            (b"\x1b[1;9A", vec![k(KeyCode::Up, KeyModifiers::SUPER)]),
        ]);
        for m in 1u8..=8 {
            let input = format!("\x1b[1;{m}A");
            let bits = m - 1;
            let mut mods = NONE;
            if bits & 1 != 0 {
                mods |= SHIFT;
            }
            if bits & 2 != 0 {
                mods |= ALT;
            }
            if bits & 4 != 0 {
                mods |= CTRL;
            }
            let got = parse_all_splits(input.as_bytes());
            assert_eq!(show(&got), show(&[k(KeyCode::Up, mods)]), "modifier {m}");
        }
    }

    #[test]
    fn ss3_keys() {
        check_table(&[
            (b"\x1bOA", vec![k(KeyCode::Up, NONE)]),
            (b"\x1bOB", vec![k(KeyCode::Down, NONE)]),
            (b"\x1bOC", vec![k(KeyCode::Right, NONE)]),
            (b"\x1bOD", vec![k(KeyCode::Left, NONE)]),
            (b"\x1bOH", vec![k(KeyCode::Home, NONE)]),
            (b"\x1bOF", vec![k(KeyCode::End, NONE)]),
            (b"\x1bO5C", vec![k(KeyCode::Right, CTRL)]),
            (b"\x1bO1;2P", vec![k(KeyCode::F(1), SHIFT)]),
            (b"\x1bOa", vec![k(KeyCode::Up, CTRL)]),
            (b"\x1bOM", vec![k(KeyCode::Enter, NONE)]),
            (b"\x1bOp", vec![c('0')]),
            (b"\x1bOy", vec![c('9')]),
            (b"\x1bOk", vec![c('+')]),
            (b"\x1bOX", vec![c('=')]),
            (b"\x1bOz", vec![]),
            // ESC O + something that cannot end a sequence: Alt-O, then that key.
            (
                b"\x1bO\r",
                vec![k(KeyCode::Char('O'), ALT | SHIFT), k(KeyCode::Enter, NONE)],
            ),
        ]);
    }

    #[test]
    fn focus_and_mouse_ignored() {
        check_table(&[
            (b"\x1b[I", vec![]),
            (b"\x1b[O", vec![]),
            (b"\x1b[Ia\x1b[O", text("a")),
            // X10 mouse: three raw bytes, even ones that look like keys or are not ASCII.
            (b"\x1b[M !!", vec![]),
            (b"\x1b[M\x20\xff\xffx", text("x")),
            (b"\x1b[M#\x1b[b", text("b")),
            // SGR and urxvt mouse.
            (b"\x1b[<0;12;7M", vec![]),
            (b"\x1b[<0;12;7m", vec![]),
            (b"\x1b[<64;200;50Mz", text("z")),
            (b"\x1b[32;10;20M", vec![]),
        ]);
    }

    #[test]
    fn unknown_csi_swallowed() {
        check_table(&[
            (b"\x1b[?1;2c", vec![]),
            (b"\x1b[>0;276;0c", vec![]),
            (b"\x1b[12;40R", vec![]),
            (b"\x1b[0n", vec![]),
            (b"\x1b[97;5u", vec![]),
            (b"\x1b[1 q", vec![]),
            (b"\x1b[?2004;1$y", vec![]),
            (b"\x1b[38;5;1mhi", text("hi")),
            (
                b"\x1b[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0~ok",
                text("ok"),
            ),
            (b"\x1b[99999999999999999999A", vec![k(KeyCode::Up, NONE)]),
        ]);
    }

    #[test]
    fn malformed_sequences() {
        check_table(&[
            // A control byte cuts a CSI short; the byte is then a key.
            (b"\x1b[12\x03", vec![ctrl('c')]),
            (b"\x1b[1;\x1b[B", vec![k(KeyCode::Down, NONE)]),
            (b"\x1b[\x7f", vec![alt('['), k(KeyCode::Backspace, NONE)]),
            ("\x1b[中".as_bytes(), vec![alt('['), c('中')]),
            (b"\x1b[1\xe4\xb8\xad", vec![c('中')]),
            (b"\x1bO1\r", vec![k(KeyCode::Enter, NONE)]),
        ]);
    }

    #[test]
    fn overlong_sequence_is_skipped_and_bounded() {
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'9', 1000));
        long.extend(b"~ok");
        assert_eq!(show(&parse_all_splits(&long)), show(&text("ok")));

        // A garbage stream of parameter bytes never ends: memory stays bounded.
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[").is_empty());
        for _ in 0..10_000 {
            assert!(p.feed(b"1;2;3;4;5;6;7;8;9;0").is_empty());
            check_state(&p);
        }
        assert!(p.pending());
        assert!(p.timeout().is_empty());
        assert!(!p.pending());
        assert_eq!(show(&p.feed(b"a")), show(&text("a")));

        // An over-long sequence cut short by a control byte.
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b';', 100));
        long.push(b'\r');
        assert_eq!(
            show(&parse_all_splits(&long)),
            show(&[k(KeyCode::Enter, NONE)])
        );
    }

    #[test]
    fn bracketed_paste() {
        check_table(&[
            (b"\x1b[200~hello\x1b[201~", vec![paste("hello")]),
            (
                "\x1b[200~第一行\n第二行 😀\x1b[201~".as_bytes(),
                vec![paste("第一行\n第二行 😀")],
            ),
            (
                b"\x1b[200~a\r\nb\rc\nd\r\r\n\x1b[201~",
                vec![paste("a\nb\nc\nd\n\n")],
            ),
            (
                b"\x1b[200~a\tb\x00c\x07d\x1b\x7fe\x1b[201~",
                vec![paste("a bcde")],
            ),
            (
                b"\x1b[200~x\x1b[31my\x1b[0m\x1b[201~",
                vec![paste("x[31my[0m")],
            ),
            // Near-misses of the end marker are text.
            (
                b"\x1b[200~\x1b[20\x1b[201\x1b\x1b[201~",
                vec![paste("[20[201")],
            ),
            (b"\x1b[200~\x1b[202~\x1b[201~", vec![paste("[202~")]),
            // Keys around a paste; Enter inside is text, not a key.
            (
                b"a\x1b[200~b\rc\x1b[201~\rd",
                vec![c('a'), paste("b\nc"), k(KeyCode::Enter, NONE), c('d')],
            ),
            // Empty (or all-control) pastes produce nothing.
            (b"\x1b[200~\x1b[201~", vec![]),
            (b"\x1b[200~\x1b\x01\x1b[201~", vec![]),
            // Invalid UTF-8 inside a paste.
            (b"\x1b[200~\xffa\x1b[201~", vec![paste("\u{fffd}a")]),
            // Alt-prefixed paste start.
            (b"\x1b\x1b[200~z\x1b[201~", vec![paste("z")]),
        ]);
    }

    #[test]
    fn paste_split_across_packets() {
        let whole = "\x1b[200~环境监测\r\n双随机 一公开\x1b[201~\x1b[A".as_bytes();
        let want = vec![paste("环境监测\n双随机 一公开"), k(KeyCode::Up, NONE)];
        assert_eq!(show(&parse_all_splits(whole)), show(&want));

        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[20").is_empty());
        assert!(p.feed("0~环境\r".as_bytes()).is_empty());
        assert!(p.feed(&"\n监测".as_bytes()[..3]).is_empty());
        assert!(p.feed(&"\n监测".as_bytes()[3..]).is_empty());
        assert!(p.feed(b"\x1b[2").is_empty());
        assert_eq!(show(&p.feed(b"01~")), show(&[paste("环境\n监测")]));
        assert!(!p.pending());
    }

    #[test]
    fn paste_survives_timeout() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[200~abc\x1b[2").is_empty());
        assert!(!p.pending());
        assert!(p.timeout().is_empty());
        assert!(p.feed(b"0").is_empty());
        assert_eq!(show(&p.feed(b"1~x")), show(&[paste("abc"), c('x')]));
    }

    #[test]
    fn paste_is_capped() {
        let mut input = b"\x1b[200~".to_vec();
        input.extend(std::iter::repeat_n(b'x', PASTE_LIMIT + 1000));
        input.extend(b"\x1b[201~y");
        let got = feed_chunks(&input.chunks(1000).collect::<Vec<_>>());
        let Some(Input::Paste(s)) = got.first() else {
            panic!("no paste: {:?}", &got[..got.len().min(3)])
        };
        assert_eq!(s.len(), PASTE_LIMIT);
        assert_eq!(show(&got[1..]), show(&text("y")));
        for size in [1, 7, 4096] {
            let again = feed_chunks(&input.chunks(size).collect::<Vec<_>>());
            assert_eq!(show(&again), show(&got), "chunks of {size}");
        }

        // A character cut by the limit is dropped, not turned into U+FFFD.
        let mut input = b"\x1b[200~".to_vec();
        input.extend(std::iter::repeat_n(b'x', PASTE_LIMIT - 1));
        input.extend("中文".as_bytes());
        input.extend(b"\x1b[201~");
        let got = feed_chunks(&[&input]);
        let Some(Input::Paste(s)) = got.first() else {
            panic!("no paste")
        };
        assert_eq!(s.len(), PASTE_LIMIT - 1);
        assert!(s.bytes().all(|b| b == b'x'));
    }

    #[test]
    fn without_partial_tail_cases() {
        assert_eq!(without_partial_tail(b""), b"");
        assert_eq!(without_partial_tail(b"ab"), b"ab");
        assert_eq!(without_partial_tail("a中".as_bytes()), "a中".as_bytes());
        assert_eq!(without_partial_tail(&"a中".as_bytes()[..3]), b"a");
        assert_eq!(without_partial_tail(&"a😀".as_bytes()[..4]), b"a");
        assert_eq!(
            without_partial_tail(b"\x80\x80\x80\x80\x80"),
            b"\x80\x80\x80\x80\x80"
        );
    }

    #[test]
    fn esc_timeout_constant() {
        assert_eq!(ESC_TIMEOUT, Duration::from_millis(50));
    }

    /// Tiny deterministic PRNG for the fuzz tests.
    struct XorShift(u64);

    impl XorShift {
        fn next_u64(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// Random input: uniform bytes, or pieces biased towards sequences and pastes.
    fn random_input(rng: &mut XorShift, len: usize) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"\x1b",
            b"[",
            b"O",
            b"1",
            b";",
            b"5",
            b"~",
            b"A",
            b"M",
            b"<",
            b"\r",
            b"\n",
            b"\x1b[200~",
            b"\x1b[201~",
            b"\x1b[",
            b"\x1bO",
            "中".as_bytes(),
            b"\xe4",
            b"\x80",
            b"\xff",
            b"a",
            b"\x7f",
            b"\x00",
            b"200",
            b"[",
        ];
        let biased = rng.below(2) == 0;
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            if biased {
                out.extend(PIECES[rng.below(PIECES.len())]);
            } else {
                out.push(rng.next_u64() as u8);
            }
        }
        out
    }

    #[test]
    fn fuzz_random_bytes_split_anywhere() {
        for seed in 1..=400u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
            let len = rng.below(300);
            let input = random_input(&mut rng, len);
            let whole = feed_chunks(&[&input]);
            let mut chunks = Vec::new();
            let mut rest: &[u8] = &input;
            while !rest.is_empty() {
                let n = 1 + rng.below(rest.len().min(20));
                let (a, b) = rest.split_at(n);
                chunks.push(a);
                rest = b;
            }
            assert_eq!(
                show(&feed_chunks(&chunks)),
                show(&whole),
                "seed {seed}: {input:?}"
            );
        }
    }

    #[test]
    fn fuzz_with_timeouts_never_panics() {
        for seed in 1..=200u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
            let mut p = Parser::default();
            for _ in 0..50 {
                let len = rng.below(64);
                let input = random_input(&mut rng, len);
                for event in p.feed(&input) {
                    if let Input::Key(key) = event {
                        assert_eq!(key.kind, KeyEventKind::Press);
                    }
                }
                check_state(&p);
                if rng.below(3) == 0 {
                    p.timeout();
                    check_state(&p);
                }
            }
        }
    }
}

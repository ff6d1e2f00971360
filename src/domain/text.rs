//! Validation of free text entered by people or read from files: trimmed, bounded in length,
//! and free of control characters, escape sequences and bidirectional overrides, so that no
//! stored text can ever drive a terminal.

use thiserror::Error;

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("required field is empty")]
    Empty,
    #[error("text is {len} characters long, at most {max} allowed")]
    TooLong { len: usize, max: usize },
    #[error("text contains control character U+{0:04X}")]
    ControlChar(u32),
}

/// True for characters that must never be stored: C0/C1 controls (incl. ESC, DEL) and the
/// Unicode bidirectional embedding/override/isolate marks.
pub fn is_forbidden(c: char, allow_newline: bool) -> bool {
    if allow_newline && c == '\n' {
        return false;
    }
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Trims and checks one line of text. An empty result is allowed (optional fields).
pub fn clean_line(s: &str, max: usize) -> Result<String, TextError> {
    check(s.trim(), max, false)
}

/// Like [`clean_line`] but refuses empty text.
pub fn required_line(s: &str, max: usize) -> Result<String, TextError> {
    let t = clean_line(s, max)?;
    if t.is_empty() {
        Err(TextError::Empty)
    } else {
        Ok(t)
    }
}

/// Multi-line text: `\r\n` becomes `\n`; other controls are refused.
pub fn clean_multiline(s: &str, max: usize) -> Result<String, TextError> {
    let s = s.replace("\r\n", "\n");
    check(s.trim(), max, true)
}

fn check(s: &str, max: usize, allow_newline: bool) -> Result<String, TextError> {
    validate(s, max, allow_newline)?;
    Ok(s.to_string())
}

/// Checks one line as [`clean_line`] does, without trimming or copying it.
pub fn check_line(s: &str, max: usize) -> Result<(), TextError> {
    validate(s, max, false)
}

fn validate(s: &str, max: usize, allow_newline: bool) -> Result<(), TextError> {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c, allow_newline)) {
        return Err(TextError::ControlChar(c as u32));
    }
    let len = s.chars().count();
    if len > max {
        return Err(TextError::TooLong { len, max });
    }
    Ok(())
}

/// Replaces every forbidden character by U+FFFD, for drawing text of unknown origin.
pub fn sanitize_for_display(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_forbidden(c, false) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Why a file name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadName {
    Empty,
    /// `.` or `..`, or a name starting with a dot (hidden; also our partial uploads).
    Dot,
    /// `/`, `\`, a control or invisible formatting character (which can disguise a name),
    /// or one of `: * ? " < > |`.
    Character,
    /// A name Windows keeps for devices (`CON`, `NUL`, `COM1`, …), with any extension.
    Reserved,
    TooLong,
    /// Ends with a space or a dot (Windows drops them).
    Trailing,
}

/// Pasted text made fit to type: `\r\n` and `\r` become `\n`, Tab a space; escape sequences
/// (CSI `ESC [ … final`, OSC `ESC ] … BEL` or `ESC \\`), other controls and bidirectional marks
/// are removed. Returns the text and how many pieces were removed (a sequence counts once), so
/// the user can be told.
pub fn clean_paste(raw: &str) -> (String, usize) {
    let mut text = String::with_capacity(raw.len());
    let mut removed = 0;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                text.push('\n');
                chars.next_if_eq(&'\n');
            }
            '\n' => text.push('\n'),
            '\t' => text.push(' '),
            '\u{1b}' => {
                skip_sequence(&mut chars);
                removed += 1;
            }
            c if is_forbidden(c, false) => removed += 1,
            c => text.push(c),
        }
    }
    (text, removed)
}

/// Skips what follows an ESC: a CSI up to its final byte, an OSC up to its terminator, or
/// nothing (a lone ESC). A sequence cut short ends where it stops being one.
fn skip_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            while chars
                .next_if(|c| matches!(c, '\u{20}'..='\u{3f}'))
                .is_some()
            {}
            chars.next_if(|c| matches!(c, '\u{40}'..='\u{7e}'));
        }
        Some(']') => {
            chars.next();
            while let Some(c) = chars.next_if(|&c| c != '\u{1b}') {
                if c == '\u{7}' {
                    return;
                }
            }
            if chars.next_if_eq(&'\u{1b}').is_some() {
                chars.next_if_eq(&'\\');
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_chinese() {
        assert_eq!(clean_line("  唐山钢铁 ", 10).unwrap(), "唐山钢铁");
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(clean_line("一二三四五", 5).is_ok());
        assert_eq!(
            clean_line("一二三四五六", 5),
            Err(TextError::TooLong { len: 6, max: 5 })
        );
    }

    #[test]
    fn refuses_escape_sequences_and_controls() {
        assert_eq!(
            clean_line("a\x1b[2Jb", 50),
            Err(TextError::ControlChar(0x1b))
        );
        assert_eq!(
            clean_line("a\u{9b}b", 50),
            Err(TextError::ControlChar(0x9b))
        );
        assert_eq!(
            clean_line("a\u{202E}b", 50),
            Err(TextError::ControlChar(0x202e))
        );
        assert_eq!(clean_line("a\nb", 50), Err(TextError::ControlChar(0x0a)));
        assert_eq!(clean_multiline("a\r\nb", 50).unwrap(), "a\nb");
        assert_eq!(required_line("  ", 5), Err(TextError::Empty));
    }

    #[test]
    fn sanitizes_for_display() {
        assert_eq!(
            sanitize_for_display("x\x1b]0;t\x07"),
            "x\u{FFFD}]0;t\u{FFFD}"
        );
    }

    #[test]
    fn pasted_text_loses_its_controls_and_says_how_many() {
        let cases: &[(&str, &str, usize)] = &[
            ("hello", "hello", 0),
            ("a\r\nb\rc\nd\r\r\n", "a\nb\nc\nd\n\n", 0),
            ("a\tb\u{0}c\u{7}d\u{1b}\u{7f}e", "a bcde", 4),
            ("x\u{1b}[31my\u{1b}[0m", "xy", 2),
            // Issue 21 item 15: a screen clear and a title change in a pasted remark.
            ("现场\u{1b}[2J\u{1b}]0;pwn\u{7}OK", "现场OK", 2),
            ("\u{1b}]0;t\u{1b}\\z", "z", 1),
            ("\u{1b}[20\u{1b}[201\u{1b}", "", 3),
            ("\u{202e}abc", "abc", 1),
        ];
        for (raw, text, n) in cases {
            assert_eq!(clean_paste(raw), (text.to_string(), *n), "{raw:?}");
        }
    }
}

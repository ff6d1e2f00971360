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
}

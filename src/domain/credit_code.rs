//! 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet, the last one a
//! check character computed from the first 17 with fixed weights.

use std::fmt;
use thiserror::Error;

/// The code alphabet; a character's value is its index (0–30). No I, O, S, V, Z.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a string is not a valid credit code.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("empty")]
    Empty,
    #[error("looks like a number Excel converted ({0})")]
    ExcelNumber(String),
    #[error("{0} characters instead of 18")]
    Length(usize),
    #[error("character {ch:?} at position {pos} is not allowed")]
    BadChar { pos: usize, ch: char },
    #[error("check character should be {expected}, found {found}")]
    Check { expected: char, found: char },
}

/// A credit code whose form is valid. `check_ok` is false only for an early pilot code whose
/// check character fails and that an administrator accepted explicitly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

/// A character's value in [`ALPHABET`] (a match, not a search: this runs for every stored code).
pub(crate) fn value(c: char) -> Option<u32> {
    let n = c as u32;
    match c {
        '0'..='9' => Some(n - '0' as u32),
        'A'..='H' => Some(n - 'A' as u32 + 10),
        'J'..='N' => Some(n - 'J' as u32 + 18),
        'P'..='R' => Some(n - 'P' as u32 + 23),
        'T' => Some(26),
        'U' => Some(27),
        'W' => Some(28),
        'X' => Some(29),
        'Y' => Some(30),
        _ => None,
    }
}

/// The check character for the first 17 characters (which must be in the alphabet).
pub fn check_char(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let v = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(v as usize)
}

/// True when the text has the shape of a number written by Excel (`9.1130E+17`, `911302…0.0`).
pub fn looks_like_excel_number(s: &str) -> bool {
    let s = s.trim();
    let has_exp = s.contains(['e', 'E']) && s.contains('.');
    (has_exp || s.ends_with(".0")) && s.parse::<f64>().is_ok()
}

impl CreditCode {
    /// Parses and fully validates a code (upper-casing it first).
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let c = Self::parse_form(s)?;
        let expected = check_char(&c.0[..17]).unwrap_or('?');
        let found = c.0.chars().nth(17).unwrap_or('?');
        if expected != found {
            return Err(CodeError::Check { expected, found });
        }
        Ok(c)
    }

    /// Checks length and alphabet only: for pilot codes an administrator accepts although their
    /// check character fails. Never use it without recording that the check was waived.
    pub fn parse_form(s: &str) -> Result<Self, CodeError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        if looks_like_excel_number(s) {
            return Err(CodeError::ExcelNumber(s.to_string()));
        }
        let up = s.to_ascii_uppercase();
        let n = up.chars().count();
        if n != 18 {
            return Err(CodeError::Length(n));
        }
        if let Some((i, ch)) = up.chars().enumerate().find(|(_, c)| value(*c).is_none()) {
            return Err(CodeError::BadChar { pos: i + 1, ch });
        }
        Ok(CreditCode(up))
    }

    /// Whether the check character is right.
    pub fn check_ok(&self) -> bool {
        check_char(&self.0[..17]) == self.0.chars().nth(17)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Builds a valid code from 17 characters by appending the check character.
    pub fn complete(first17: &str) -> Option<Self> {
        if first17.chars().count() != 17 {
            return None;
        }
        let c = check_char(first17)?;
        Some(CreditCode(format!("{first17}{c}")))
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_example_is_valid() {
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert!(CreditCode::parse(" 91350100m000100y43 ").is_ok());
    }

    #[test]
    fn wrong_check_character() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CodeError::Check {
                expected: '3',
                found: '4'
            })
        );
        let pilot = CreditCode::parse_form("91350100M000100Y44").unwrap();
        assert!(!pilot.check_ok());
    }

    #[test]
    fn values_follow_the_alphabet() {
        for (i, c) in ALPHABET.chars().enumerate() {
            assert_eq!(value(c), Some(i as u32), "{c}");
        }
        for c in ['I', 'O', 'S', 'V', 'Z', 'a', ' ', '中'] {
            assert_eq!(value(c), None, "{c}");
        }
    }

    #[test]
    fn check_31_maps_to_zero() {
        // Find a prefix whose weighted sum is 0 mod 31: all zeros.
        assert_eq!(check_char("00000000000000000"), Some('0'));
    }

    #[test]
    fn bad_shapes() {
        assert_eq!(CreditCode::parse(""), Err(CodeError::Empty));
        assert_eq!(CreditCode::parse("9135010"), Err(CodeError::Length(7)));
        assert_eq!(
            CreditCode::parse("91350100I000100Y43"),
            Err(CodeError::BadChar { pos: 9, ch: 'I' })
        );
        assert!(matches!(
            CreditCode::parse("9.11302007825743E+17"),
            Err(CodeError::ExcelNumber(_))
        ));
        assert!(matches!(
            CreditCode::parse("911302007825743215.0"),
            Err(CodeError::ExcelNumber(_))
        ));
    }

    #[test]
    fn complete_makes_valid_codes() {
        let c = CreditCode::complete("91130273MA0A1B2C3").unwrap();
        assert!(CreditCode::parse(c.as_str()).is_ok());
    }
}

//! 排污许可证编号 (HJ 608-2017): 22 characters — an 18-character unit code (the credit code, or
//! an `H…` code for units without one), a 3-digit site sequence and one capital letter.

use super::credit_code::CreditCode;
use std::fmt;
use thiserror::Error;

/// Why a string is not a permit number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PermitError {
    #[error("{0} characters instead of 22")]
    Length(usize),
    #[error("the first 18 characters are not a unit code")]
    UnitCode,
    #[error("characters 19-21 must be digits")]
    Sequence,
    #[error("the last character must be a capital letter")]
    Suffix,
    #[error("the first 18 characters differ from the credit code")]
    CodeMismatch,
}

/// A permit number of valid form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PermitNo(String);

impl PermitNo {
    /// Parses a permit number (upper-casing it first).
    pub fn parse(s: &str) -> Result<Self, PermitError> {
        let up = s.trim().to_ascii_uppercase();
        let n = up.chars().count();
        if n != 22 {
            return Err(PermitError::Length(n));
        }
        if !up.is_ascii() {
            return Err(PermitError::UnitCode);
        }
        let b = up.as_bytes();
        let in_alphabet = |x: &u8| super::credit_code::value(char::from(*x)).is_some();
        let unit_ok = if b[0] == b'H' {
            b[1..18].iter().all(in_alphabet)
        } else {
            b[..18].iter().all(in_alphabet)
        };
        if !unit_ok {
            return Err(PermitError::UnitCode);
        }
        if !b[18..21].iter().all(u8::is_ascii_digit) {
            return Err(PermitError::Sequence);
        }
        if !b[21].is_ascii_uppercase() {
            return Err(PermitError::Suffix);
        }
        Ok(PermitNo(up))
    }

    /// The 18-character unit code.
    pub fn unit_code(&self) -> &str {
        &self.0[..18]
    }

    /// A credit-code based permit must belong to that code; `H…` permits belong to anyone.
    pub fn check_belongs_to(&self, code: &CreditCode) -> Result<(), PermitError> {
        if self.unit_code().starts_with('H') || self.unit_code() == code.as_str() {
            Ok(())
        } else {
            Err(PermitError::CodeMismatch)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PermitNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_domain_example() {
        let p = PermitNo::parse("91130200699229617X001P").unwrap();
        assert_eq!(p.unit_code(), "91130200699229617X");
        assert!(PermitNo::parse("H9130273A00000001X001V").is_ok());
    }

    #[test]
    fn refuses_bad_forms() {
        assert_eq!(
            PermitNo::parse("91130200699229617X01P"),
            Err(PermitError::Length(21))
        );
        assert_eq!(
            PermitNo::parse("91130200699229617XA01P"),
            Err(PermitError::Sequence)
        );
        assert_eq!(
            PermitNo::parse("91130200699229617X0011"),
            Err(PermitError::Suffix)
        );
        assert_eq!(
            PermitNo::parse("9113020069922961IX001P"),
            Err(PermitError::UnitCode)
        );
    }

    #[test]
    fn must_match_credit_code() {
        let p = PermitNo::parse("91350100M000100Y43001P").unwrap();
        let code = CreditCode::parse("91350100M000100Y43").unwrap();
        assert!(p.check_belongs_to(&code).is_ok());
        let other = CreditCode::complete("91130273MA0A1B2C3").unwrap();
        assert_eq!(p.check_belongs_to(&other), Err(PermitError::CodeMismatch));
    }
}

//! Calendar quarters (`2024Q2`) in Beijing time: their first and last days and neighbours.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    year: i32,
    q: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("not a quarter (expected e.g. 2024Q2): {0}")]
pub struct QuarterError(pub String);

impl Quarter {
    pub fn new(year: i32, q: u8) -> Option<Self> {
        ((1..=4).contains(&q) && (1900..=9999).contains(&year)).then_some(Quarter { year, q })
    }

    /// The quarter containing a date.
    pub fn of(d: NaiveDate) -> Self {
        Quarter {
            year: d.year(),
            q: ((d.month() - 1) / 3 + 1) as u8,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u8 {
        self.q
    }

    /// First day of the quarter.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.q) * 3 - 2, 1).expect("valid quarter")
    }

    /// Last day of the quarter.
    pub fn end(self) -> NaiveDate {
        self.next().start().pred_opt().expect("valid quarter")
    }

    pub fn prev(self) -> Self {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                q: self.q - 1,
                ..self
            }
        }
    }

    pub fn next(self) -> Self {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                q: self.q + 1,
                ..self
            }
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        Quarter::of(d) == self
    }
}

impl FromStr for Quarter {
    type Err = QuarterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        let err = || QuarterError(s.to_string());
        let (y, q) = t.split_once('Q').ok_or_else(err)?;
        if y.len() != 4 || q.len() != 1 {
            return Err(err());
        }
        let year: i32 = y.parse().map_err(|_| err())?;
        let q: u8 = q.parse().map_err(|_| err())?;
        Quarter::new(year, q).ok_or_else(err)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl serde::Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_and_bounds() {
        let q: Quarter = "2024Q2".parse().unwrap();
        assert_eq!(q.start(), d(2024, 4, 1));
        assert_eq!(q.end(), d(2024, 6, 30));
        assert_eq!(q.prev().to_string(), "2024Q1");
        assert_eq!(
            "2024q1".parse::<Quarter>().unwrap().prev().to_string(),
            "2023Q4"
        );
        assert_eq!("2024Q4".parse::<Quarter>().unwrap().end(), d(2024, 12, 31));
        assert_eq!(Quarter::of(d(2024, 9, 30)).to_string(), "2024Q3");
    }

    #[test]
    fn refuses_nonsense() {
        for s in ["2024Q5", "2024Q0", "24Q1", "2024-Q1", "", "Q1", "2024Q12"] {
            assert!(s.parse::<Quarter>().is_err(), "{s}");
        }
    }
}

//! Closed vocabularies (permit categories, pollutant types, ratings, …) declared once with
//! their stable storage code, their Chinese and English names and the synonyms accepted on
//! import. The Chinese names double as the values of import files, so they live with the type;
//! every other user-facing string is in `crate::strings`.

use std::collections::BTreeSet;

/// Declares a closed vocabulary enum with `code()`, `zh()`, `en()`, `parse()` and `ALL`.
#[macro_export]
macro_rules! vocab {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($var:ident = $code:literal, $zh:literal, $en:literal $(, [$($syn:literal),*])? ;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $var),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// Stable code used in the database and JSON.
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            /// Chinese name, as shown and as written in import files.
            pub fn zh(self) -> &'static str { match self { $($name::$var => $zh),+ } }
            /// English name.
            pub fn en(self) -> &'static str { match self { $($name::$var => $en),+ } }
            /// Other spellings accepted on import.
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $($name::$var => &[$($($syn),*)?]),+ }
            }
            /// Parses a stored code.
            pub fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$var),)+ _ => None }
            }
            /// Parses user input: the code, the Chinese or English name or a synonym, ignoring
            /// surrounding white space and ASCII case.
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(s)
                        || v.zh() == s
                        || v.en().eq_ignore_ascii_case(s)
                        || v.synonyms().iter().any(|y| y.eq_ignore_ascii_case(s))
                })
            }
        }
    };
}

/// A set of vocabulary values, stored as comma-separated codes in a stable order.
pub trait Vocab: Copy + Ord + 'static {
    fn code(self) -> &'static str;
    fn from_code(s: &str) -> Option<Self>;
}

/// Joins a set as stored codes (`air,water`).
pub fn join_codes<T: Vocab>(set: &BTreeSet<T>) -> String {
    set.iter().map(|v| v.code()).collect::<Vec<_>>().join(",")
}

/// Reads stored codes back; unknown codes are skipped (a newer version may know more).
pub fn split_codes<T: Vocab>(s: &str) -> BTreeSet<T> {
    s.split(',')
        .filter_map(|c| T::from_code(c.trim()))
        .collect()
}

/// Implements [`Vocab`] for vocabulary enums.
#[macro_export]
macro_rules! impl_vocab {
    ($($t:ty),+) => {$(
        impl $crate::domain::vocab::Vocab for $t {
            fn code(self) -> &'static str { <$t>::code(self) }
            fn from_code(s: &str) -> Option<Self> { <$t>::from_code(s) }
        }
    )+};
}

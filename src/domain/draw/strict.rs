//! Strict reading of a certificate's JSON (docs/draw-algorithm.md §8): one form for every
//! value, so that the program, the verification page and any other verifier accept exactly the
//! same certificates. serde alone is more lenient than the specification: it reads a struct
//! from an array, an enum from a one-key object, a set with a repeated code, a missing
//! optional field as `null` and chrono's relaxed times. These helpers close each of those.

use chrono::{DateTime, FixedOffset};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeSet;

/// A set written as a JSON array in which no code repeats.
pub fn unique_set<'de, D, T>(d: D) -> Result<BTreeSet<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Ord,
{
    let v: Vec<T> = Vec::deserialize(d)?;
    let n = v.len();
    let set: BTreeSet<T> = v.into_iter().collect();
    if set.len() != n {
        return Err(D::Error::custom("a code is repeated in a set"));
    }
    Ok(set)
}

/// An optional value that must be written (as `null` when absent): used with
/// `deserialize_with`, which makes serde refuse a missing field.
pub fn required<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d)
}

/// Whether `s` has the form `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)` with seconds below 60
/// and an offset below 24 hours (the calendar itself is checked by chrono).
pub fn is_time_form(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let fixed = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && num(17..19).is_some_and(|sec| sec < 60);
    if !fixed {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        let n = b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
        if !(1..=9).contains(&n) {
            return false;
        }
        i += 1 + n;
    }
    match &b[i..] {
        [b'Z'] => true,
        [sign, ..] if (*sign == b'+' || *sign == b'-') && b.len() == i + 6 => {
            digits(i + 1..i + 3)
                && b[i + 3] == b':'
                && digits(i + 4..i + 6)
                && num(i + 1..i + 3).is_some_and(|h| h < 24)
                && num(i + 4..i + 6).is_some_and(|m| m < 60)
        }
        _ => false,
    }
}

/// An RFC 3339 time of the strict form of [`is_time_form`], on a real calendar day.
pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let s = String::deserialize(d)?;
    if !is_time_form(&s) {
        return Err(D::Error::custom(format!("{s:?} is not an RFC 3339 time")));
    }
    DateTime::parse_from_rfc3339(&s).map_err(D::Error::custom)
}

/// Keys whose value is a JSON array (of objects for the first group, of strings otherwise).
const LISTS_OF_OBJECTS: &[&str] = &[
    "candidates",
    "inspectors",
    "conflicts",
    "entropy",
    "witnessed",
    "confirmed",
    "selections",
    "targets",
    "teams",
];
const LISTS_OF_CODES: &[&str] = &[
    "items",
    "item_expertise",
    "pollutants",
    "expertise",
    "officers",
    "auxiliaries",
];
/// Keys whose value is a JSON object (or `null`, for `public_value`).
const OBJECTS: &[&str] = &[
    "params",
    "quota",
    "snapshot",
    "hashes",
    "public_value",
    "outcome",
    "prepared",
];

/// Checks that arrays and objects appear only where the certificate has lists and records:
/// the root is an object, an array only under a list's key, an object only under a record's
/// key or as an element of a list of records. Types and fields are then serde's to check.
pub fn plain_shape(v: &Value) -> Result<(), String> {
    fn walk(v: &Value, key: &str, in_list_of_objects: bool) -> Result<(), String> {
        match v {
            Value::Array(items) => {
                if in_list_of_objects
                    || !(LISTS_OF_OBJECTS.contains(&key) || LISTS_OF_CODES.contains(&key))
                {
                    return Err(format!("{key}: an array is not expected here"));
                }
                let objects = LISTS_OF_OBJECTS.contains(&key);
                items.iter().try_for_each(|x| walk(x, key, objects))
            }
            Value::Object(map) => {
                if !(in_list_of_objects || OBJECTS.contains(&key)) {
                    return Err(format!("{key}: an object is not expected here"));
                }
                map.iter().try_for_each(|(k, x)| walk(x, k, false))
            }
            _ => Ok(()),
        }
    }
    match v {
        Value::Object(map) => map.iter().try_for_each(|(k, x)| walk(x, k, false)),
        _ => Err("the certificate is not a JSON object".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_forms() {
        for ok in [
            "2024-04-08T09:31:05+08:00",
            "2024-04-08T09:31:05Z",
            "2024-04-08T09:31:05.123456789-23:59",
        ] {
            assert!(is_time_form(ok), "{ok}");
        }
        for bad in [
            "2024-04-08 09:31:05+08:00",
            "2024-04-08t09:31:05+08:00",
            "2024-04-08T09:31:05z",
            "2024-04-08T09:31:60+08:00",
            "2024-04-08T09:31:05+24:00",
            "2024-04-08T09:31:05+0800",
            "2024-04-08T09:31:05.+08:00",
            "2024-04-08T09:31:05.1234567890Z",
            "2024-04-08T09:31:05",
            "2024-4-08T09:31:05Z",
        ] {
            assert!(!is_time_form(bad), "{bad}");
        }
    }

    #[test]
    fn shapes() {
        let ok = serde_json::json!({"params": {"quota": {"mode": "x"}, "items": ["a"]},
            "entropy": [{"witness": "w"}], "public_value": null});
        assert_eq!(plain_shape(&ok), Ok(()));
        for bad in [
            serde_json::json!([]),
            serde_json::json!({"prepared": ["by", "at"]}),
            serde_json::json!({"params": {"quota": ["classified", 1, 2, 3]}}),
            serde_json::json!({"snapshot": {"inspectors": [{"kind": {"officer": null}}]}}),
            serde_json::json!({"entropy": [["w", "t", "at"]]}),
            serde_json::json!({"outcome": {"teams": [{"officers": [{"id": "x"}]}]}}),
        ] {
            assert!(plain_shape(&bad).is_err(), "{bad}");
        }
    }
}

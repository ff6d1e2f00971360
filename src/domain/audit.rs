//! The audit trail's hash chain (issue 8): the canonical bytes of a row, the link hash, and the
//! check of a whole trail. Specified for outsiders in `docs/audit.md`.
//!
//! Every row of the `audit` table stores `prev`, the `hash` of the row before it (64 zeros for
//! the first row), and its own
//!
//! ```text
//! hash = SHA-256( prev ‖ C(id) ‖ C(at) ‖ C(actor) ‖ C(action) ‖ C(entity) ‖ C(entity_id)
//!                 ‖ C(summary) ‖ C(before) ‖ C(after) )
//! ```
//!
//! where `prev` enters as its 32 raw bytes (both columns are stored as 64 lowercase hex
//! digits) and `C(v)` encodes one stored value with its SQLite type, so that NULL, the empty
//! text and a number are all different:
//!
//! | value   | bytes                                                          |
//! |---------|----------------------------------------------------------------|
//! | NULL    | `00`                                                           |
//! | INTEGER | `01` ‖ the value as 8 bytes, two's complement, big-endian      |
//! | REAL    | `02` ‖ the IEEE 754 binary64 bits, 8 bytes big-endian          |
//! | TEXT    | `03` ‖ byte length as 4 bytes big-endian ‖ the UTF-8 bytes     |
//! | BLOB    | `04` ‖ byte length as 4 bytes big-endian ‖ the bytes           |
//!
//! The program only writes INTEGER (`id`, `entity_id`), TEXT and NULL (`entity_id`, `before`,
//! `after`); the other two exist so that any value someone stores by hand has an encoding (and
//! so a hash that no longer matches). Every field has a fixed position and a self-delimiting
//! encoding, so two different rows never share canonical bytes.
//!
//! [`Checker`] walks the rows in id order and reports every [`ChainProblem`] with the ids it
//! concerns. What the table alone cannot show: rows removed from the end (the trail simply looks
//! shorter), and a trail rewritten and re-hashed from some row on by someone who can write the
//! file. Both are caught by comparing with an [`Anchor`] (an id and its hash noted elsewhere,
//! e.g. in the backup log, from an earlier `audit verify`).

mod event;

pub use event::{Action, Entity, Event};

use super::draw::hash::{H256, Sink, field};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev` of the first row: 32 zero bytes (64 zeros in hex).
pub const GENESIS: H256 = H256([0; 32]);

/// The chained columns, in the order they are encoded.
pub const COLUMNS: [&str; 9] = [
    "id",
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "summary",
    "before",
    "after",
];

/// A value as SQLite stores it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl<'a> Value<'a> {
    pub fn text(s: &'a str) -> Value<'a> {
        Value::Text(s.as_bytes())
    }

    pub fn opt_text(s: Option<&'a str>) -> Value<'a> {
        s.map_or(Value::Null, Value::text)
    }

    pub fn opt_int(i: Option<i64>) -> Value<'a> {
        i.map_or(Value::Null, Value::Integer)
    }

    /// Writes `C(v)`.
    fn encode(&self, out: &mut impl Sink) {
        match *self {
            Value::Null => out.put(&[0]),
            Value::Integer(i) => {
                out.put(&[1]);
                out.put(&i.to_be_bytes());
            }
            Value::Real(r) => {
                out.put(&[2]);
                out.put(&r.to_bits().to_be_bytes());
            }
            Value::Text(b) => {
                out.put(&[3]);
                field(out, b);
            }
            Value::Blob(b) => {
                out.put(&[4]);
                field(out, b);
            }
        }
    }
}

/// One row's chained columns, in [`COLUMNS`] order.
pub type Columns<'a> = [Value<'a>; 9];

/// The canonical bytes of a row: `C(id) ‖ C(at) ‖ … ‖ C(after)`.
pub fn canonical(cols: &Columns<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for v in cols {
        v.encode(&mut out);
    }
    out
}

/// `SHA-256(prev ‖ canonical(cols))`: the hash a row stores.
pub fn link(prev: &H256, cols: &Columns<'_>) -> H256 {
    let mut h = Sha256::new();
    h.update(prev.0);
    for v in cols {
        v.encode(&mut h);
    }
    H256(h.finalize().into())
}

/// A row's id and hash noted outside the database, checked on a later verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub id: i64,
    pub hash: H256,
}

impl Anchor {
    /// Parses `ID:HASH` (the hash in 64 hex digits).
    pub fn parse(s: &str) -> Option<Anchor> {
        let (id, hash) = s.trim().split_once(':')?;
        Some(Anchor {
            id: id.trim().parse().ok()?,
            hash: H256::from_hex(hash.trim())?,
        })
    }
}

/// What is wrong with the trail, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ChainProblem {
    /// The row carries no (readable) `prev` or `hash`: it was written around the program.
    Unchained { id: i64 },
    /// The row's content (or its `prev`) is not what was hashed: it was changed.
    Altered { id: i64 },
    /// The ids jump from `after` to `next`: the rows in between were removed (or the ids were
    /// rewritten). `after` is 0 when rows are missing before the first one.
    Missing { after: i64, next: i64 },
    /// The row's `prev` is not the hash of the row before it (`prev_id`, 0 for the start of
    /// the chain): one of them was replaced, or the row was moved or inserted here.
    Unlinked { id: i64, prev_id: i64 },
    /// An id below 1, which the program never writes.
    Misnumbered { id: i64 },
    /// The anchor's row now has another hash.
    AnchorMismatch { id: i64 },
    /// The anchor's row is gone (for example the end of the trail was cut off).
    AnchorMissing { id: i64 },
    /// A kept file's bytes no longer have the digest it is kept under: they were changed.
    FileAltered { sha256: String },
    /// Row `id` (an import) names a kept file that is gone.
    FileMissing { id: i64, sha256: String },
}

/// The name a file is kept under: the SHA-256 of its bytes, lowercase hex.
pub fn file_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The kept file an import's audit entry (its `after`) names, when the import kept one.
pub fn imported_file(after: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(after).ok()?;
    if v.get("stored")?.as_bool()? {
        Some(v.get("sha256")?.as_str()?.to_string())
    } else {
        None
    }
}

/// The outcome of checking the whole trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// Rows read.
    pub rows: u64,
    /// The last row with a hash, and that hash: note them to detect a later truncation.
    pub last: Option<(i64, H256)>,
    /// Every problem, in id order (a missing anchor last).
    pub problems: Vec<ChainProblem>,
}

impl ChainReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a trail fed row by row in increasing id order.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    rows: u64,
    /// The id of the last row seen (0 before the first).
    last_id: i64,
    /// The last row that carried a hash, and its stored hash.
    last_chained: Option<(i64, H256)>,
    anchor: Option<Anchor>,
    anchor_seen: bool,
    problems: Vec<ChainProblem>,
}

impl Checker {
    pub fn new(anchor: Option<Anchor>) -> Checker {
        Checker {
            anchor,
            ..Checker::default()
        }
    }

    /// Takes the next row: its id, chained columns (`cols[0]` is the id), and stored `prev` and
    /// `hash` (`None` when missing or not 64 hex digits).
    pub fn push(&mut self, id: i64, cols: &Columns<'_>, prev: Option<H256>, hash: Option<H256>) {
        self.rows += 1;
        if id <= self.last_id {
            // Only an id below 1 can come first in id order.
            self.problems.push(ChainProblem::Misnumbered { id });
            return;
        }
        let gap = id != self.last_id + 1;
        if gap {
            self.problems.push(ChainProblem::Missing {
                after: self.last_id,
                next: id,
            });
        }
        self.last_id = id;
        if let Some(a) = self.anchor.filter(|a| a.id == id) {
            self.anchor_seen = true;
            if hash != Some(a.hash) {
                self.problems.push(ChainProblem::AnchorMismatch { id });
            }
        }
        let (Some(prev), Some(hash)) = (prev, hash) else {
            self.problems.push(ChainProblem::Unchained { id });
            return;
        };
        if link(&prev, cols) != hash {
            self.problems.push(ChainProblem::Altered { id });
        }
        let (prev_id, expected) = self.last_chained.unwrap_or((0, GENESIS));
        // After a gap the broken link is already explained by the missing rows.
        if prev != expected && !gap {
            self.problems.push(ChainProblem::Unlinked { id, prev_id });
        }
        self.last_chained = Some((id, hash));
    }

    /// Adds a problem found outside the rows (the kept files).
    pub fn problem(&mut self, p: ChainProblem) {
        self.problems.push(p);
    }

    pub fn finish(mut self) -> ChainReport {
        if let Some(a) = self.anchor.filter(|_| !self.anchor_seen) {
            self.problems.push(ChainProblem::AnchorMissing { id: a.id });
        }
        ChainReport {
            rows: self.rows,
            last: self.last_chained,
            problems: self.problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stored row, owned, as a test trail holds it.
    #[derive(Clone)]
    struct Row {
        id: i64,
        at: String,
        summary: String,
        before: Option<String>,
        prev: Option<H256>,
        hash: Option<H256>,
    }

    impl Row {
        fn cols(&self) -> Columns<'_> {
            [
                Value::Integer(self.id),
                Value::text(&self.at),
                Value::text("admin"),
                Value::text("update"),
                Value::text("enterprise"),
                Value::Integer(7),
                Value::text(&self.summary),
                Value::opt_text(self.before.as_deref()),
                Value::Null,
            ]
        }
    }

    /// A correctly chained trail of `n` rows.
    fn trail(n: i64) -> Vec<Row> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|id| {
                let mut r = Row {
                    id,
                    at: format!("2024-04-01T09:00:{id:02}+08:00"),
                    summary: format!("change {id}"),
                    before: (id % 2 == 0).then(|| "{}".to_string()),
                    prev: Some(prev),
                    hash: None,
                };
                let h = link(&prev, &r.cols());
                r.hash = Some(h);
                prev = h;
                r
            })
            .collect()
    }

    fn check_with(rows: &[Row], anchor: Option<Anchor>) -> ChainReport {
        let mut c = Checker::new(anchor);
        for r in rows {
            c.push(r.id, &r.cols(), r.prev, r.hash);
        }
        c.finish()
    }

    fn check(rows: &[Row]) -> Vec<ChainProblem> {
        check_with(rows, None).problems
    }

    #[test]
    fn encoding_is_pinned() {
        let cols: Columns<'_> = [
            Value::Integer(1),
            Value::text("t"),
            Value::text(""),
            Value::text("创"),
            Value::text("e"),
            Value::Null,
            Value::text(""),
            Value::Null,
            Value::text("{}"),
        ];
        let expect: Vec<u8> = [
            &[1, 0, 0, 0, 0, 0, 0, 0, 1][..],
            &[3, 0, 0, 0, 1, b't'],
            &[3, 0, 0, 0, 0],
            &[3, 0, 0, 0, 3, 0xe5, 0x88, 0x9b],
            &[3, 0, 0, 0, 1, b'e'],
            &[0],
            &[3, 0, 0, 0, 0],
            &[0],
            &[3, 0, 0, 0, 2, b'{', b'}'],
        ]
        .concat();
        assert_eq!(canonical(&cols), expect);
        let mut whole = GENESIS.0.to_vec();
        whole.extend_from_slice(&expect);
        assert_eq!(link(&GENESIS, &cols), H256::of(&whole));
    }

    #[test]
    fn documented_vectors() {
        // docs/audit.md, "Test vectors" (computed there by an independent script).
        let r1: Columns<'_> = [
            Value::Integer(1),
            Value::text("2024-04-01T09:00:00+08:00"),
            Value::text("admin"),
            Value::text("create"),
            Value::text("enterprise"),
            Value::Integer(1),
            Value::text("唐山钢铁"),
            Value::Null,
            Value::text(r#"{"name":"唐山钢铁"}"#),
        ];
        let r2: Columns<'_> = [
            Value::Integer(2),
            Value::text("2024-04-01T09:05:00+08:00"),
            Value::text("admin"),
            Value::text("update"),
            Value::text("settings"),
            Value::Null,
            Value::text("ratios"),
            Value::text("{}"),
            Value::text(""),
        ];
        assert_eq!(
            crate::domain::draw::hash::to_hex(&canonical(&r2)),
            "0100000000000000020300000019323032342d30342d30315430393a30353a30302b30383a3030\
             030000000561646d696e0300000006757064617465030000000873657474696e677300030000\
             0006726174696f7303000000027b7d0300000000"
        );
        let h1 = link(&GENESIS, &r1);
        assert_eq!(
            h1.to_hex(),
            "7c080aba6162a722a0b33e0ada36161ffabfe1c0c77c19aa9c7e5af7e70c6451"
        );
        assert_eq!(
            link(&h1, &r2).to_hex(),
            "a7992b59cd7427e2e0fe22d04eae5f8738ab6ec36b10903dfc15b09c35d9900d"
        );
    }

    #[test]
    fn encoding_distinguishes_null_empty_types_and_boundaries() {
        let base = |summary: Value<'static>, before: Value<'static>| -> Vec<u8> {
            canonical(&[
                Value::Integer(1),
                Value::text("a"),
                Value::text("b"),
                Value::text("c"),
                Value::text("d"),
                Value::Null,
                summary,
                before,
                Value::Null,
            ])
        };
        let all = [
            base(Value::text(""), Value::Null),
            base(Value::text(""), Value::text("")),
            base(Value::Null, Value::text("")),
            base(Value::Blob(b""), Value::Null),
            base(Value::text("1"), Value::Null),
            base(Value::Integer(1), Value::Null),
            base(Value::Real(1.0), Value::Null),
            base(Value::text("ab"), Value::Null),
            base(Value::text("a"), Value::text("b")),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Moving bytes between neighbouring fields changes the encoding.
        let split = |x: &'static str, y: &'static str| {
            canonical(&[
                Value::Integer(1),
                Value::text(x),
                Value::text(y),
                Value::text(""),
                Value::text(""),
                Value::Null,
                Value::text(""),
                Value::Null,
                Value::Null,
            ])
        };
        assert_ne!(split("ab", "c"), split("a", "bc"));
    }

    #[test]
    fn intact_trail_passes() {
        let rows = trail(6);
        let r = check_with(&rows, None);
        assert!(r.is_ok(), "{:?}", r.problems);
        assert_eq!(r.rows, 6);
        assert_eq!(r.last, Some((6, rows[5].hash.unwrap())));
        assert_eq!(check_with(&[], None).last, None);
    }

    #[test]
    fn changed_row_is_named() {
        let mut rows = trail(6);
        rows[4].summary = "x".into();
        assert_eq!(check(&rows), [ChainProblem::Altered { id: 5 }]);
        // NULL and empty differ.
        let mut rows = trail(6);
        rows[1].before = Some(String::new());
        assert_eq!(check(&rows), [ChainProblem::Altered { id: 2 }]);
    }

    #[test]
    fn changed_and_rehashed_row_breaks_the_next_link() {
        let mut rows = trail(6);
        rows[4].summary = "x".into();
        rows[4].hash = Some(link(&rows[4].prev.unwrap(), &rows[4].cols()));
        assert_eq!(check(&rows), [ChainProblem::Unlinked { id: 6, prev_id: 5 }]);
    }

    #[test]
    fn removed_rows_are_named() {
        let mut rows = trail(6);
        rows.remove(4);
        assert_eq!(check(&rows), [ChainProblem::Missing { after: 4, next: 6 }]);
        let mut rows = trail(6);
        rows.drain(0..2);
        assert_eq!(check(&rows), [ChainProblem::Missing { after: 0, next: 3 }]);
    }

    #[test]
    fn removal_hidden_by_rehashing_still_shows_the_gap() {
        let mut rows = trail(6);
        rows.remove(2);
        let mut prev = rows[1].hash.unwrap();
        for r in &mut rows[2..] {
            r.prev = Some(prev);
            let h = link(&prev, &r.cols());
            r.hash = Some(h);
            prev = h;
        }
        assert_eq!(check(&rows), [ChainProblem::Missing { after: 2, next: 4 }]);
    }

    #[test]
    fn forged_row_in_the_middle_is_named() {
        // Row 3 deleted and a forged row 3 inserted, correctly linked to row 2.
        let mut rows = trail(6);
        rows[2].summary = "forged".into();
        rows[2].hash = Some(link(&rows[2].prev.unwrap(), &rows[2].cols()));
        assert_eq!(check(&rows), [ChainProblem::Unlinked { id: 4, prev_id: 3 }]);
        // A row inserted by hand without the chain columns.
        let mut rows = trail(4);
        let mut forged = rows[3].clone();
        forged.id = 5;
        forged.prev = None;
        forged.hash = None;
        rows.push(forged);
        assert_eq!(check(&rows), [ChainProblem::Unchained { id: 5 }]);
        // A row with an id below 1.
        let mut rows = trail(3);
        let mut forged = rows[0].clone();
        forged.id = 0;
        rows.insert(0, forged);
        assert_eq!(check(&rows), [ChainProblem::Misnumbered { id: 0 }]);
    }

    #[test]
    fn reordered_rows_are_named() {
        // Two rows' contents swapped (ids stay in place, chain columns move with the content).
        let mut rows = trail(6);
        let (a, b) = (rows[2].clone(), rows[3].clone());
        rows[2] = Row { id: 3, ..b };
        rows[3] = Row { id: 4, ..a };
        let p = check(&rows);
        assert!(p.contains(&ChainProblem::Altered { id: 3 }), "{p:?}");
        assert!(p.contains(&ChainProblem::Altered { id: 4 }), "{p:?}");
        assert!(
            p.contains(&ChainProblem::Unlinked { id: 5, prev_id: 4 }),
            "{p:?}"
        );
        // Only the chain columns swapped.
        let mut rows = trail(6);
        let (pa, ha) = (rows[2].prev, rows[2].hash);
        rows[2].prev = rows[3].prev;
        rows[2].hash = rows[3].hash;
        rows[3].prev = pa;
        rows[3].hash = ha;
        let p = check(&rows);
        assert!(p.contains(&ChainProblem::Altered { id: 3 }), "{p:?}");
        assert!(p.contains(&ChainProblem::Altered { id: 4 }), "{p:?}");
    }

    #[test]
    fn anchors_catch_truncation_and_rewriting() {
        let rows = trail(6);
        let anchor = Anchor {
            id: 6,
            hash: rows[5].hash.unwrap(),
        };
        assert!(check_with(&rows, Some(anchor)).is_ok());
        assert_eq!(
            check_with(&rows[..5], Some(anchor)).problems,
            [ChainProblem::AnchorMissing { id: 6 }]
        );
        let other = Anchor {
            id: 6,
            hash: H256::of(b"x"),
        };
        assert_eq!(
            check_with(&rows, Some(other)).problems,
            [ChainProblem::AnchorMismatch { id: 6 }]
        );
        let text = format!("6:{}", rows[5].hash.unwrap().to_hex());
        assert_eq!(Anchor::parse(&text), Some(anchor));
        assert_eq!(Anchor::parse("6"), None);
        assert_eq!(Anchor::parse("x:00"), None);
    }
}

//! The one declaration of each stored record's columns ([`Table`]): the SELECT list, the
//! INSERT and UPDATE statements and their `:column` parameters are derived from it, and rows
//! are read and values bound by column name ([`col!`], [`param!`]), resolved against the
//! declaration when compiling, so a name that is not declared does not compile and no list is
//! kept in a second order by hand.

use super::{Db, Result};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{CachedStatement, OptionalExtension, Params, Row, ToSql};

/// One column a SELECT reads: a plain column, or an SQL expression known by `name`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub name: &'static str,
    expr: Option<&'static str>,
}

/// A plain column.
pub(super) const fn c(name: &'static str) -> Column {
    Column { name, expr: None }
}

/// An expression read as the column `name` (e.g. a count, a joined table's column).
pub(super) const fn expr(name: &'static str, sql: &'static str) -> Column {
    Column {
        name,
        expr: Some(sql),
    }
}

/// A stored record's columns.
#[derive(Debug)]
pub(super) struct Table {
    /// The table's name in SQL.
    pub name: &'static str,
    /// The alias its plain columns are prefixed with in a SELECT ("" for none).
    pub alias: &'static str,
    /// What every SELECT of the record reads, in this order.
    pub read: &'static [Column],
    /// What its INSERT and UPDATE write, each bound as the parameter `:column`, in this order.
    pub write: &'static [&'static str],
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Table {
    /// The position of column `name` in [`Table::read`]; a name not declared fails to compile
    /// when called in a constant (as [`col!`] does).
    pub const fn at(&self, name: &str) -> usize {
        let mut i = 0;
        while i < self.read.len() {
            if same(self.read[i].name, name) {
                return i;
            }
            i += 1;
        }
        panic!("column not declared")
    }

    /// The position of column `name` in [`Table::write`], as [`Table::at`].
    pub const fn slot(&self, name: &str) -> usize {
        let mut i = 0;
        while i < self.write.len() {
            if same(self.write[i], name) {
                return i;
            }
            i += 1;
        }
        panic!("column not written")
    }

    /// The SELECT list: every read column, in order.
    pub fn select(&self) -> String {
        let items: Vec<String> = self
            .read
            .iter()
            .map(|c| match (c.expr, self.alias) {
                (Some(e), _) => format!("{e} AS {}", c.name),
                (None, "") => c.name.to_string(),
                (None, a) => format!("{a}.{}", c.name),
            })
            .collect();
        items.join(", ")
    }

    /// `INSERT INTO table (written columns, extra…) VALUES (:column…, extra values…)`; `extra`
    /// pairs a column with its SQL value (e.g. `("created_at", ":now")`).
    pub fn insert(&self, extra: &[(&str, &str)]) -> String {
        let cols = self.write.iter().copied().chain(extra.iter().map(|e| e.0));
        let values = self
            .write
            .iter()
            .map(|c| format!(":{c}"))
            .chain(extra.iter().map(|e| e.1.to_string()));
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.name,
            cols.collect::<Vec<_>>().join(", "),
            values.collect::<Vec<_>>().join(", ")
        )
    }

    /// The INSERT of `rows` records in one statement: per record its written columns then
    /// `extra`, each value a numbered parameter in that order (`?1`, `?2`, …, the second
    /// record's from `?k+1` on, `k` the columns per record). `OR ROLLBACK`: a failing row
    /// rolls back the whole transaction, not only the statement, so SQLite keeps no statement
    /// journal (the pages a many-row statement changes, copied before each statement; with
    /// the rows of a unique index spread over the file it spilled to a temporary file).
    pub fn insert_rows(&self, extra: &[&str], rows: usize) -> String {
        let cols: Vec<&str> = self.write.iter().chain(extra).copied().collect();
        let k = cols.len();
        let tuples: Vec<String> = (0..rows)
            .map(|r| {
                let ps: Vec<String> = (1..=k).map(|i| format!("?{}", r * k + i)).collect();
                format!("({})", ps.join(", "))
            })
            .collect();
        format!(
            "INSERT OR ROLLBACK INTO {} ({}) VALUES {}",
            self.name,
            cols.join(", "),
            tuples.join(", ")
        )
    }

    /// `column = :column, …` over the written columns, for an UPDATE's SET.
    pub fn assignments(&self) -> String {
        let v: Vec<String> = self.write.iter().map(|c| format!("{c} = :{c}")).collect();
        v.join(", ")
    }

    /// The INSERT of a revised record, stamping `created_at` and `updated_at` with `:now`.
    pub fn insert_stamped(&self) -> String {
        self.insert(&[("created_at", ":now"), ("updated_at", ":now")])
    }

    /// The UPDATE of a revised record: its written columns, `updated_at` from `:now` and the
    /// next revision, where `:id` is still at `:revision`.
    pub fn update_revised(&self) -> String {
        format!(
            "UPDATE {} SET {}, updated_at = :now, revision = revision + 1
             WHERE id = :id AND revision = :revision",
            self.name,
            self.assignments()
        )
    }

    /// An empty set of values for the written columns.
    pub fn values<'a>(&'static self) -> Values<'a> {
        Values {
            table: self,
            slots: vec![None; self.write.len()],
        }
    }
}

/// The values of a record's written columns, set by name ([`param!`]): owned, or text
/// borrowed for `'a` (bound without a copy of ours; SQLite takes its own).
pub(super) struct Values<'a> {
    table: &'static Table,
    slots: Vec<Option<ToSqlOutput<'a>>>,
}

impl<'a> Values<'a> {
    /// Sets the column at `slot` (from [`param!`]).
    pub fn set(&mut self, slot: usize, v: impl Into<Value>) -> &mut Self {
        self.slots[slot] = Some(ToSqlOutput::Owned(v.into()));
        self
    }

    /// Sets the column at `slot` to text borrowed from the record, NULL for `None`.
    pub fn set_str(&mut self, slot: usize, s: Option<&'a str>) -> &mut Self {
        self.slots[slot] = Some(match s {
            Some(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            None => ToSqlOutput::Owned(Value::Null),
        });
        self
    }

    /// Binds the written columns, in declared order, to the parameters from number `first` on
    /// (as [`Table::insert_rows`] numbers them); a column left without a value is refused.
    fn bind_from(self, st: &mut CachedStatement<'_>, first: usize) -> Result<()> {
        for (i, (v, name)) in self.slots.into_iter().zip(self.table.write).enumerate() {
            let v = v.ok_or_else(|| unset(name, self.table))?;
            st.raw_bind_parameter(first + i, v)?;
        }
        Ok(())
    }

    /// Binds every written column to its `:column` parameter and `extra` by name, then runs
    /// the statement; a column left without a value is refused (nothing runs).
    pub fn execute(
        self,
        st: &mut CachedStatement<'_>,
        extra: &[(&str, &dyn ToSql)],
    ) -> Result<usize> {
        for (i, (v, name)) in self.slots.into_iter().zip(self.table.write).enumerate() {
            let v = v.ok_or_else(|| unset(name, self.table))?;
            // Derived statements name the written columns first, in declared order.
            debug_assert_eq!(
                st.parameter_name(i + 1).and_then(|p| p.strip_prefix(':')),
                Some(*name)
            );
            st.raw_bind_parameter(i + 1, v)?;
        }
        for (name, v) in extra {
            st.raw_bind_parameter(*name, v)?;
        }
        Ok(st.raw_execute()?)
    }
}

/// The refusal of a written column left without a value.
fn unset(name: &str, t: &Table) -> rusqlite::Error {
    rusqlite::Error::InvalidParameterName(format!(":{name} of {} was given no value", t.name))
}

/// Records one statement of [`Db::insert_stamped_rows`] inserts (64 enterprises bind 1,664
/// parameters; SQLite allows 32,766).
const ROWS_PER_INSERT: usize = 64;

impl Db<'_> {
    /// Inserts records of `t`, in order, as [`Db::insert_stamped`] would one by one, in
    /// statements of [`ROWS_PER_INSERT`] records, stamped `created_at` and `updated_at` with
    /// `now`; their ids. SQLite gives each the next id, one more than the largest, as one by
    /// one (checked: ids that are not consecutive are refused). A row that fails (a duplicate
    /// key, say) rolls back the whole transaction ([`Table::insert_rows`]): for writes that
    /// are all or nothing, as an import is.
    pub(super) fn insert_stamped_rows<'a>(
        &self,
        t: &'static Table,
        rows: impl ExactSizeIterator<Item = Values<'a>>,
        now: &str,
    ) -> Result<Vec<i64>> {
        const EXTRA: [&str; 2] = ["created_at", "updated_at"];
        let next = format!("SELECT coalesce(max(id), 0) + 1 FROM {}", t.name);
        let mut id: i64 = self.0.prepare_cached(&next)?.query_row([], |r| r.get(0))?;
        let (k, n) = (t.write.len(), t.write.len() + EXTRA.len());
        // The statement of a full chunk is kept from one chunk to the next, not handed back to
        // the statement cache after each (which clears its 1,664 bindings every time).
        let mut full = None;
        let mut ids = Vec::with_capacity(rows.len());
        let mut rows = rows.peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Values<'a>> = rows.by_ref().take(ROWS_PER_INSERT).collect();
            let mut tail;
            let st = match (chunk.len(), &mut full) {
                (ROWS_PER_INSERT, Some(st)) => st,
                (ROWS_PER_INSERT, full) => full.insert(
                    self.0
                        .prepare_cached(&t.insert_rows(&EXTRA, ROWS_PER_INSERT))?,
                ),
                (m, _) => {
                    tail = self.0.prepare_cached(&t.insert_rows(&EXTRA, m))?;
                    &mut tail
                }
            };
            let m = chunk.len() as i64;
            for (i, v) in chunk.into_iter().enumerate() {
                let first = i * n + 1;
                v.bind_from(st, first)?;
                st.raw_bind_parameter(first + k, now)?;
                st.raw_bind_parameter(first + k + 1, now)?;
            }
            st.raw_execute()?;
            if self.0.last_insert_rowid() != id + m - 1 {
                return Err(super::StoreError::Corrupt(format!(
                    "{}: the ids of new rows are not consecutive after {id}",
                    t.name
                )));
            }
            ids.extend(id..id + m);
            id += m;
        }
        Ok(ids)
    }

    /// The row `sql` finds, mapped by `row`, if any.
    pub(super) fn one<T>(
        &self,
        sql: &str,
        p: impl Params,
        row: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.0.prepare_cached(sql)?.query_row(p, row).optional()?)
    }

    /// Every row `sql` finds, mapped by `row`.
    pub(super) fn all<T>(
        &self,
        sql: &str,
        p: impl Params,
        row: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.0.prepare_cached(sql)?;
        let v = st.query_map(p, row)?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Runs `sql` (`?1` an id, `?2` the time `at`) once per id; how many rows it changed.
    pub(super) fn stamp_each(&self, sql: &str, ids: &[i64], at: &str) -> Result<usize> {
        let mut st = self.0.prepare_cached(sql)?;
        let mut n = 0;
        for id in ids {
            n += st.execute(rusqlite::params![id, at])?;
        }
        Ok(n)
    }

    /// Runs an [`Table::insert_stamped`] statement; the new row's id.
    pub(super) fn insert_stamped(&self, sql: &str, v: Values, now: &str) -> Result<i64> {
        v.execute(&mut self.0.prepare_cached(sql)?, &[(":now", &now)])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Runs an [`Table::update_revised`] statement; false when the record is no longer at
    /// `revision` (someone else saved first) and nothing changed.
    pub(super) fn update_revised(
        &self,
        sql: &str,
        v: Values,
        (id, revision): (i64, i64),
        now: &str,
    ) -> Result<bool> {
        let mut st = self.0.prepare_cached(sql)?;
        let n = v.execute(
            &mut st,
            &[(":now", &now), (":id", &id), (":revision", &revision)],
        )?;
        Ok(n == 1)
    }
}

/// Text, or NULL for `None`.
pub(super) fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

/// The read position of a declared column: `col!(TABLE, name)`, checked when compiling.
macro_rules! col {
    ($t:expr, $name:ident) => {
        const { $t.at(stringify!($name)) }
    };
}

/// The write slot of a declared column: `param!(TABLE, name)`, checked when compiling.
macro_rules! param {
    ($t:expr, $name:ident) => {
        const { $t.slot(stringify!($name)) }
    };
}

/// A statement derived from declarations, built once: `sql!(TABLE.insert(&[]))`.
macro_rules! sql {
    ($e:expr) => {{
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| $e);
        SQL.as_str()
    }};
}

pub(super) use {col, param, sql};

/// Asserts that a form's field keys (as `column` names them) are the table's written columns
/// but `skip` (those the service stamps), and back.
#[cfg(test)]
pub(super) fn assert_form_writes(
    t: &Table,
    specs: &[crate::domain::forms::FieldSpec],
    column: fn(&'static str) -> &'static str,
    skip: &[&str],
) {
    use std::collections::BTreeSet;
    let fields: BTreeSet<&str> = specs.iter().map(|s| column(s.key)).collect();
    let written: BTreeSet<&str> = t
        .write
        .iter()
        .copied()
        .filter(|c| !skip.contains(c))
        .collect();
    assert_eq!(fields, written, "{}", t.name);
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Table = Table {
        name: "t",
        alias: "x",
        read: &[c("id"), c("a"), expr("n", "count(*)")],
        write: &["a", "b"],
    };

    #[test]
    fn statements_follow_the_declaration() {
        assert_eq!(T.select(), "x.id, x.a, count(*) AS n");
        assert_eq!(
            T.insert(&[("at", ":now")]),
            "INSERT INTO t (a, b, at) VALUES (:a, :b, :now)"
        );
        assert_eq!(T.assignments(), "a = :a, b = :b");
        assert_eq!((col!(T, n), param!(T, b)), (2, 1));
        assert_eq!(
            T.insert_rows(&["id"], 2),
            "INSERT OR ROLLBACK INTO t (a, b, id) VALUES (?1, ?2, ?3), (?4, ?5, ?6)"
        );
    }
}

//! Corrections and objections (`objections`) and the result versions a correction replaced
//! (`result_versions`): filed once, decided once, published once; never deleted.

use super::columns::{Table, c, col, param, sql};
use super::{Db, Result, code_at, corrupt, opt_code_at, str_at};
use crate::domain::correction::{Case, Changes, Decided, Decision, Filing, Kind};
use crate::domain::result::ResultData;
use rusqlite::{Row, params};

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: i64,
    pub result_id: i64,
    pub case: Case,
    pub filed_by: String,
    pub filed_at: String,
    pub decided_by: Option<String>,
    /// The result's version a correction made.
    pub version: Option<i64>,
    /// When a correction notice carried it.
    pub published_at: Option<String>,
}

/// A version of a result that a correction replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub result_id: i64,
    pub version: i64,
    pub data: ResultData,
    pub entered_by: String,
    pub entered_at: String,
    pub case_id: i64,
    pub superseded_at: String,
}

/// A case's columns (the decision and the publication are written by their own statements).
const OBJECTIONS: Table = Table {
    name: "objections",
    alias: "",
    read: &[
        c("id"),
        c("result_id"),
        c("kind"),
        c("received_on"),
        c("from_whom"),
        c("content"),
        c("proposal"),
        c("filed_by"),
        c("filed_at"),
        c("decision"),
        c("reason"),
        c("decided_on"),
        c("changes"),
        c("decided_by"),
        c("version"),
        c("published_at"),
    ],
    write: &[
        "result_id",
        "kind",
        "received_on",
        "from_whom",
        "content",
        "proposal",
        "filed_by",
        "filed_at",
    ],
};

const VERSIONS: Table = Table {
    name: "result_versions",
    alias: "",
    read: &[
        c("result_id"),
        c("version"),
        c("data"),
        c("entered_by"),
        c("entered_at"),
        c("objection_id"),
        c("superseded_at"),
    ],
    write: &[
        "result_id",
        "version",
        "data",
        "entered_by",
        "entered_at",
        "objection_id",
        "superseded_at",
    ],
};

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s).map_err(|e| corrupt(format!("stored JSON: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| super::StoreError::Corrupt(e.to_string()))
}

fn case_row(r: &Row<'_>) -> rusqlite::Result<CaseRow> {
    const T: Table = OBJECTIONS;
    let decision = opt_code_at(r, col!(T, decision), Decision::from_code)?;
    let decided = match decision {
        None => None,
        Some(decision) => Some(Decided {
            decision,
            reason: r
                .get::<_, Option<String>>(col!(T, reason))?
                .unwrap_or_default(),
            on: r.get(col!(T, decided_on))?,
            changes: match r.get::<_, Option<String>>(col!(T, changes))? {
                Some(s) => from_json(&s)?,
                None => Changes::default(),
            },
        }),
    };
    Ok(CaseRow {
        id: r.get(col!(T, id))?,
        result_id: r.get(col!(T, result_id))?,
        case: Case {
            filing: Filing {
                kind: code_at(r, col!(T, kind), Kind::from_code)?,
                received_on: r.get(col!(T, received_on))?,
                from: r.get(col!(T, from_whom))?,
                content: r.get(col!(T, content))?,
                proposal: from_json(str_at(r, col!(T, proposal))?)?,
            },
            decided,
        },
        filed_by: r.get(col!(T, filed_by))?,
        filed_at: r.get(col!(T, filed_at))?,
        decided_by: r.get(col!(T, decided_by))?,
        version: r.get(col!(T, version))?,
        published_at: r.get(col!(T, published_at))?,
    })
}

fn version_row(r: &Row<'_>) -> rusqlite::Result<VersionRow> {
    const T: Table = VERSIONS;
    Ok(VersionRow {
        result_id: r.get(col!(T, result_id))?,
        version: r.get(col!(T, version))?,
        data: from_json(str_at(r, col!(T, data))?)?,
        entered_by: r.get(col!(T, entered_by))?,
        entered_at: r.get(col!(T, entered_at))?,
        case_id: r.get(col!(T, objection_id))?,
        superseded_at: r.get(col!(T, superseded_at))?,
    })
}

impl Db<'_> {
    /// Files a case; None when the result already has one awaiting decision.
    pub fn insert_case(
        &self,
        result_id: i64,
        f: &Filing,
        by: &str,
        at: &str,
    ) -> Result<Option<i64>> {
        const T: Table = OBJECTIONS;
        let mut v = OBJECTIONS.values();
        v.set(param!(T, result_id), result_id)
            .set(param!(T, kind), f.kind.code().to_string())
            .set(param!(T, received_on), f.received_on.to_string())
            .set(param!(T, from_whom), f.from.clone())
            .set(param!(T, content), f.content.clone())
            .set(param!(T, proposal), to_json(&f.proposal)?)
            .set(param!(T, filed_by), by.to_string())
            .set(param!(T, filed_at), at.to_string());
        let sql = sql!(
            OBJECTIONS
                .insert(&[])
                .replacen("INSERT", "INSERT OR IGNORE", 1)
        );
        let n = v.execute(&mut self.0.prepare_cached(sql)?, &[])?;
        Ok((n == 1).then(|| self.0.last_insert_rowid()))
    }

    /// Records a case's decision (and the version a correction made); false when it was
    /// already decided.
    pub fn decide_case(
        &self,
        id: i64,
        d: &Decided,
        version: Option<i64>,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE objections SET decision = ?2, reason = ?3, decided_on = ?4,
                   changes = ?5, decided_by = ?6, decided_at = ?7, version = ?8
                 WHERE id = ?1 AND decision IS NULL",
            )?
            .execute(params![
                id,
                d.decision.code(),
                d.reason,
                d.on.to_string(),
                to_json(&d.changes)?,
                by,
                at,
                version
            ])?;
        Ok(n == 1)
    }

    /// Every case, oldest first.
    pub fn cases(&self) -> Result<Vec<CaseRow>> {
        let sql = sql!(format!(
            "SELECT {} FROM objections ORDER BY id",
            OBJECTIONS.select()
        ));
        self.all(sql, [], case_row)
    }

    /// One case.
    pub fn case(&self, id: i64) -> Result<Option<CaseRow>> {
        let sql = sql!(format!(
            "SELECT {} FROM objections WHERE id = ?1",
            OBJECTIONS.select()
        ));
        self.one(sql, [id], case_row)
    }

    /// Stamps corrections as carried by a correction notice (those not yet); how many.
    pub fn mark_cases_published(&self, ids: &[i64], at: &str) -> Result<usize> {
        self.stamp_each(
            "UPDATE objections SET published_at = ?2
             WHERE id = ?1 AND decision = 'correct' AND published_at IS NULL",
            ids,
            at,
        )
    }

    /// Keeps the version of a result a correction replaces.
    pub fn insert_version(&self, v: &VersionRow) -> Result<()> {
        const T: Table = VERSIONS;
        let mut vals = VERSIONS.values();
        vals.set(param!(T, result_id), v.result_id)
            .set(param!(T, version), v.version)
            .set(param!(T, data), to_json(&v.data)?)
            .set(param!(T, entered_by), v.entered_by.clone())
            .set(param!(T, entered_at), v.entered_at.clone())
            .set(param!(T, objection_id), v.case_id)
            .set(param!(T, superseded_at), v.superseded_at.clone());
        vals.execute(&mut self.0.prepare_cached(sql!(VERSIONS.insert(&[])))?, &[])?;
        Ok(())
    }

    /// Every replaced version, by result and version.
    pub fn versions(&self) -> Result<Vec<VersionRow>> {
        let sql = sql!(format!(
            "SELECT {} FROM result_versions ORDER BY result_id, version",
            VERSIONS.select()
        ));
        self.all(sql, [], version_row)
    }
}

#[cfg(test)]
mod tests;

//! An enterprise's dated events: penalties (行政处罚) and complaints (信访举报), kept (migration
//! 0013): a row is never changed nor deleted; a correction inserts a new row naming the one it
//! `supersedes` and stamps the old one `superseded_at` (the only update the triggers allow).
//! Lookups by key and the class's reads see current rows only; an enterprise's lists show all.

use super::columns::{Table, c, col, param, sql};
use super::{Db, Result};
use crate::domain::enterprise::{Complaint, Kept, Penalty};
use chrono::NaiveDate;
use rusqlite::{Row, params};

impl Db<'_> {
    /// Every penalty of an enterprise, superseded ones too, by date.
    pub fn penalties_of(&self, enterprise: i64) -> Result<Vec<Kept<Penalty>>> {
        let sql = sql!(format!(
            "SELECT {} FROM penalties WHERE enterprise_id = ?1 ORDER BY date, id",
            PENALTIES.select()
        ));
        self.all(sql, [enterprise], kept_penalty)
    }

    /// Every complaint of an enterprise, superseded ones too, by date received.
    pub fn complaints_of(&self, enterprise: i64) -> Result<Vec<Kept<Complaint>>> {
        let sql = sql!(format!(
            "SELECT {} FROM complaints WHERE enterprise_id = ?1 ORDER BY received, id",
            COMPLAINTS.select()
        ));
        self.all(sql, [enterprise], kept_complaint)
    }

    /// Current penalties dated within `[from, to]`, with their enterprise id.
    pub fn penalties_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, Penalty)>> {
        let sql = sql!(format!(
            "SELECT {} FROM penalties WHERE date BETWEEN ?1 AND ?2 AND superseded_at IS NULL
             ORDER BY enterprise_id, date",
            PENALTIES.select()
        ));
        self.all(sql, [from, to], |r| {
            Ok((r.get(col!(PENALTIES, enterprise_id))?, penalty(r)?))
        })
    }

    /// Current complaints verified within `[from, to]`, with their enterprise id.
    pub fn complaints_verified_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(i64, Complaint)>> {
        let sql = sql!(format!(
            "SELECT {} FROM complaints
             WHERE verified = 1 AND verified_on BETWEEN ?1 AND ?2 AND superseded_at IS NULL
             ORDER BY enterprise_id, verified_on",
            COMPLAINTS.select()
        ));
        self.all(sql, [from, to], |r| {
            Ok((r.get(col!(COMPLAINTS, enterprise_id))?, complaint(r)?))
        })
    }

    /// The current penalty with this document number for this enterprise, if any.
    pub fn penalty_by_doc(&self, enterprise: i64, doc_no: &str) -> Result<Option<(i64, Penalty)>> {
        let sql = sql!(format!(
            "SELECT {} FROM penalties
             WHERE enterprise_id = ?1 AND doc_no = ?2 AND superseded_at IS NULL",
            PENALTIES.select()
        ));
        self.one(sql, params![enterprise, doc_no], |r| {
            Ok((r.get(col!(PENALTIES, id))?, penalty(r)?))
        })
    }

    /// The current complaint received on that day under that reference, if any.
    pub fn complaint_by_key(
        &self,
        enterprise: i64,
        received: NaiveDate,
        ref_no: &str,
    ) -> Result<Option<(i64, Complaint)>> {
        let sql = sql!(format!(
            "SELECT {} FROM complaints WHERE enterprise_id = ?1 AND received = ?2 AND ref_no = ?3
             AND superseded_at IS NULL",
            COMPLAINTS.select()
        ));
        self.one(sql, params![enterprise, received, ref_no], |r| {
            Ok((r.get(col!(COMPLAINTS, id))?, complaint(r)?))
        })
    }

    /// The penalty with this id (current or not) and its enterprise's id.
    pub fn penalty_by_id(&self, id: i64) -> Result<Option<(i64, Kept<Penalty>)>> {
        let sql = sql!(format!(
            "SELECT {} FROM penalties WHERE id = ?1",
            PENALTIES.select()
        ));
        self.one(sql, [id], |r| {
            Ok((r.get(col!(PENALTIES, enterprise_id))?, kept_penalty(r)?))
        })
    }

    /// The complaint with this id (current or not) and its enterprise's id.
    pub fn complaint_by_id(&self, id: i64) -> Result<Option<(i64, Kept<Complaint>)>> {
        let sql = sql!(format!(
            "SELECT {} FROM complaints WHERE id = ?1",
            COMPLAINTS.select()
        ));
        self.one(sql, [id], |r| {
            Ok((r.get(col!(COMPLAINTS, enterprise_id))?, kept_complaint(r)?))
        })
    }

    /// Adds a penalty; with `supersedes` `(id, at)`, as the correction of that current record,
    /// which is stamped superseded at `at` first. The new row's id.
    pub fn insert_penalty(
        &self,
        enterprise: i64,
        p: &Penalty,
        supersedes: Option<(i64, &str)>,
    ) -> Result<i64> {
        const T: Table = PENALTIES;
        self.supersede(
            "UPDATE penalties SET superseded_at = ?2 WHERE id = ?1",
            supersedes,
        )?;
        let mut v = T.values();
        v.set(param!(T, enterprise_id), enterprise)
            .set(param!(T, date), p.date.to_string())
            .set(param!(T, doc_no), p.doc_no.clone())
            .set(param!(T, summary), p.summary.clone())
            .set(param!(T, supersedes), supersedes.map(|s| s.0));
        v.execute(&mut self.0.prepare_cached(sql!(T.insert(&[])))?, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Adds a complaint; with `supersedes`, as the correction of that current record (see
    /// [`Db::insert_penalty`]). The new row's id.
    pub fn insert_complaint(
        &self,
        enterprise: i64,
        c: &Complaint,
        supersedes: Option<(i64, &str)>,
    ) -> Result<i64> {
        const T: Table = COMPLAINTS;
        self.supersede(
            "UPDATE complaints SET superseded_at = ?2 WHERE id = ?1",
            supersedes,
        )?;
        let mut v = T.values();
        v.set(param!(T, enterprise_id), enterprise)
            .set(param!(T, received), c.received.to_string())
            .set(param!(T, ref_no), c.ref_no.clone())
            .set(param!(T, verified), c.verified)
            .set(param!(T, verified_on), c.verified_on.map(|d| d.to_string()))
            .set(param!(T, summary), c.summary.clone())
            .set(param!(T, supersedes), supersedes.map(|s| s.0));
        v.execute(&mut self.0.prepare_cached(sql!(T.insert(&[])))?, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Stamps the record a correction replaces (`sql`: `?1` its id, `?2` the time); a
    /// trigger refuses a second stamp.
    fn supersede(&self, sql: &str, supersedes: Option<(i64, &str)>) -> Result<()> {
        if let Some((id, at)) = supersedes {
            self.0.prepare_cached(sql)?.execute(params![id, at])?;
        }
        Ok(())
    }
}

/// A penalty's columns.
const PENALTIES: Table = Table {
    name: "penalties",
    alias: "",
    read: &[
        c("id"),
        c("enterprise_id"),
        c("date"),
        c("doc_no"),
        c("summary"),
        c("supersedes"),
        c("superseded_at"),
    ],
    write: &["enterprise_id", "date", "doc_no", "summary", "supersedes"],
};

fn penalty(r: &Row<'_>) -> rusqlite::Result<Penalty> {
    const T: Table = PENALTIES;
    Ok(Penalty {
        date: r.get(col!(T, date))?,
        doc_no: r.get(col!(T, doc_no))?,
        summary: r.get(col!(T, summary))?,
    })
}

fn kept_penalty(r: &Row<'_>) -> rusqlite::Result<Kept<Penalty>> {
    const T: Table = PENALTIES;
    Ok(Kept {
        id: r.get(col!(T, id))?,
        record: penalty(r)?,
        supersedes: r.get(col!(T, supersedes))?,
        superseded_at: r.get(col!(T, superseded_at))?,
    })
}

/// A complaint's columns.
const COMPLAINTS: Table = Table {
    name: "complaints",
    alias: "",
    read: &[
        c("id"),
        c("enterprise_id"),
        c("received"),
        c("ref_no"),
        c("verified"),
        c("verified_on"),
        c("summary"),
        c("supersedes"),
        c("superseded_at"),
    ],
    write: &[
        "enterprise_id",
        "received",
        "ref_no",
        "verified",
        "verified_on",
        "summary",
        "supersedes",
    ],
};

fn complaint(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    const T: Table = COMPLAINTS;
    Ok(Complaint {
        received: r.get(col!(T, received))?,
        ref_no: r.get(col!(T, ref_no))?,
        verified: r.get(col!(T, verified))?,
        verified_on: r.get(col!(T, verified_on))?,
        summary: r.get(col!(T, summary))?,
    })
}

fn kept_complaint(r: &Row<'_>) -> rusqlite::Result<Kept<Complaint>> {
    const T: Table = COMPLAINTS;
    Ok(Kept {
        id: r.get(col!(T, id))?,
        record: complaint(r)?,
        supersedes: r.get(col!(T, supersedes))?,
        superseded_at: r.get(col!(T, superseded_at))?,
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::enterprise::tests::sample;
    use crate::domain::enterprise::*;
    use crate::store::Store;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn a_correction_keeps_the_old_penalty_and_only_the_new_one_counts() {
        let mut s = Store::open_in_memory().unwrap();
        let e = sample("91130273MA0A1B2C3");
        let at = "2024-06-01T08:00:00+08:00";
        let p = Penalty {
            date: d(3, 5),
            doc_no: "唐环罚〔2024〕7号".into(),
            summary: "超标排放".into(),
        };
        let fixed = Penalty {
            doc_no: "唐环罚〔2024〕8号".into(),
            ..p.clone()
        };
        let (ent, old, new) = s
            .write(|db| {
                let ent = db.insert_enterprise(&e, at)?;
                let old = db.insert_penalty(ent, &p, None)?;
                let new = db.insert_penalty(ent, &fixed, Some((old, at)))?;
                Ok::<_, crate::store::StoreError>((ent, old, new))
            })
            .unwrap();
        s.read(|db| {
            let all = db.penalties_of(ent)?;
            assert_eq!(all.len(), 2);
            assert_eq!(all[0].superseded_at.as_deref(), Some(at));
            assert_eq!((all[1].id, all[1].supersedes), (new, Some(old)));
            assert_eq!(current(&all), vec![fixed.clone()]);
            assert!(db.penalty_by_doc(ent, &p.doc_no)?.is_none());
            let counted = db.penalties_between(d(1, 1), d(12, 31))?;
            assert_eq!(counted, vec![(ent, fixed.clone())]);
            Ok::<_, crate::store::StoreError>(())
        })
        .unwrap();
        let again = s.write(|db| db.insert_penalty(ent, &p, Some((old, at))));
        assert!(again.is_err(), "a superseded record is superseded once");
    }

    #[test]
    fn the_triggers_refuse_changing_or_deleting_a_kept_record() {
        let mut s = Store::open_in_memory().unwrap();
        let e = sample("91130273MA0A1B2C3");
        let c = Complaint {
            received: d(2, 1),
            ref_no: "JB-1".into(),
            verified: true,
            verified_on: Some(d(2, 9)),
            summary: String::new(),
        };
        let id = s
            .write(|db| {
                let ent = db.insert_enterprise(&e, "2024-06-01")?;
                db.insert_complaint(ent, &c, None)
            })
            .unwrap();
        for sql in [
            "UPDATE complaints SET summary = 'x' WHERE id = ?1",
            "DELETE FROM complaints WHERE id = ?1",
            "UPDATE complaints SET verified = 0 WHERE id = ?1",
        ] {
            let r = s.write(|db| {
                db.0.execute(sql, [id])
                    .map_err(crate::store::StoreError::from)
            });
            assert!(r.is_err(), "{sql} must be refused");
        }
        let stamp = "UPDATE complaints SET superseded_at = 'now' WHERE id = ?1";
        s.write(|db| {
            db.0.execute(stamp, [id])
                .map_err(crate::store::StoreError::from)
        })
        .unwrap();
        let twice = s.write(|db| {
            db.0.execute(stamp, [id])
                .map_err(crate::store::StoreError::from)
        });
        assert!(twice.is_err(), "stamped once");
    }
}

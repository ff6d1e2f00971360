//! Users, their roles and credentials.

use super::columns::{Table, c, col, expr, opt_text, param, sql};
use super::{Db, Result, corrupt};
use crate::domain::user::{PublicKey, Role, User};
use rusqlite::{Row, params};
use std::collections::BTreeSet;

/// The user record's columns (read with the password's presence and the key count; the
/// credentials are written by their own statements).
const USERS: Table = Table {
    name: "users",
    alias: "u",
    read: &[
        c("id"),
        c("name"),
        c("display_name"),
        c("roles"),
        c("inspector_id"),
        c("disabled"),
        c("must_change_password"),
        expr("has_password", "u.password_hash IS NOT NULL"),
        expr(
            "key_count",
            "(SELECT count(*) FROM user_keys k WHERE k.user_id = u.id)",
        ),
        c("lang"),
        c("ascii"),
    ],
    write: &[
        "name",
        "display_name",
        "roles",
        "inspector_id",
        "password_hash",
        "must_change_password",
        "created_at",
    ],
};

fn roles_from(s: &str) -> rusqlite::Result<BTreeSet<Role>> {
    s.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| Role::from_code(c).ok_or_else(|| corrupt(format!("role {c:?}"))))
        .collect()
}

pub(super) fn roles_to(r: &BTreeSet<Role>) -> String {
    r.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

fn row(r: &Row<'_>) -> rusqlite::Result<User> {
    const T: Table = USERS;
    Ok(User {
        id: r.get(col!(T, id))?,
        name: r.get(col!(T, name))?,
        display_name: r.get(col!(T, display_name))?,
        roles: roles_from(&r.get::<_, String>(col!(T, roles))?)?,
        inspector_id: r.get(col!(T, inspector_id))?,
        disabled: r.get(col!(T, disabled))?,
        must_change_password: r.get(col!(T, must_change_password))?,
        has_password: r.get(col!(T, has_password))?,
        key_count: r.get::<_, i64>(col!(T, key_count))? as usize,
        lang: r.get(col!(T, lang))?,
        ascii: r.get(col!(T, ascii))?,
    })
}

impl Db<'_> {
    pub fn user_by_name(&self, name: &str) -> Result<Option<User>> {
        let sql = sql!(format!(
            "SELECT {} FROM users u WHERE u.name = ?1",
            USERS.select()
        ));
        self.one(sql, [name], row)
    }

    /// The user with this id.
    pub fn user(&self, id: i64) -> Result<Option<User>> {
        let sql = sql!(format!(
            "SELECT {} FROM users u WHERE u.id = ?1",
            USERS.select()
        ));
        self.one(sql, [id], row)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        let sql = sql!(format!(
            "SELECT {} FROM users u ORDER BY u.name",
            USERS.select()
        ));
        self.all(sql, [], row)
    }

    pub fn count_users(&self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert_user(
        &self,
        name: &str,
        display_name: &str,
        roles: &BTreeSet<Role>,
        inspector_id: Option<i64>,
        password_hash: Option<&str>,
        must_change_password: bool,
        now: &str,
    ) -> Result<i64> {
        const T: Table = USERS;
        let mut st = self.0.prepare_cached(sql!(USERS.insert(&[])))?;
        let mut v = USERS.values();
        v.set(param!(T, name), name.to_string())
            .set(param!(T, display_name), display_name.to_string())
            .set(param!(T, roles), roles_to(roles))
            .set(param!(T, inspector_id), inspector_id)
            .set(param!(T, password_hash), opt_text(password_hash))
            .set(param!(T, must_change_password), must_change_password)
            .set(param!(T, created_at), now.to_string());
        v.execute(&mut st, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn update_user(
        &self,
        id: i64,
        display_name: &str,
        roles: &BTreeSet<Role>,
        inspector_id: Option<i64>,
    ) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE users SET display_name = ?2, roles = ?3, inspector_id = ?4 WHERE id = ?1",
            )?
            .execute(params![id, display_name, roles_to(roles), inspector_id])?;
        Ok(())
    }

    pub fn set_user_preferences(&self, id: i64, lang: Option<&str>, ascii: bool) -> Result<()> {
        self.0
            .prepare_cached("UPDATE users SET lang = ?2, ascii = ?3 WHERE id = ?1")?
            .execute(params![id, lang, ascii])?;
        Ok(())
    }

    pub fn set_user_disabled(&self, id: i64, disabled: bool) -> Result<()> {
        self.0
            .prepare_cached("UPDATE users SET disabled = ?2 WHERE id = ?1")?
            .execute(params![id, disabled])?;
        Ok(())
    }

    pub fn set_password_hash(&self, id: i64, hash: &str, must_change: bool) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1",
            )?
            .execute(params![id, hash, must_change])?;
        Ok(())
    }

    pub fn password_hash(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT password_hash FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }

    pub fn add_user_key(&self, user: i64, key: &PublicKey) -> Result<()> {
        self.0
            .prepare_cached("INSERT OR IGNORE INTO user_keys (user_id, algorithm, blob, comment) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![user, key.algorithm, key.blob, key.comment])?;
        Ok(())
    }

    pub fn user_keys(&self, user: i64) -> Result<Vec<PublicKey>> {
        let mut st = self.0.prepare_cached(
            "SELECT algorithm, blob, comment FROM user_keys WHERE user_id = ?1 ORDER BY id",
        )?;
        let v = st
            .query_map([user], |r| {
                Ok(PublicKey {
                    algorithm: r.get(0)?,
                    blob: r.get(1)?,
                    comment: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}

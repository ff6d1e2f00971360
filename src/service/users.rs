//! Users: creation with roles and credentials, listing, disabling, password changes and the
//! credential checks the SSH server will use. Passwords are stored as argon2id hashes only.

use super::{Actor, Change, Result, Service, ServiceError, audit};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::inspector::InspectorKind;
use crate::domain::missing::Missing;
use crate::domain::text;
use crate::domain::user::{self, PublicKey, Role, User};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::collections::BTreeSet;

/// What is needed to create a user.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub name: String,
    pub display_name: String,
    pub roles: BTreeSet<Role>,
    pub keys: Vec<PublicKey>,
    pub password: Option<String>,
    /// Certificate number of the officer this account belongs to.
    pub inspector_cert: Option<String>,
    pub must_change_password: bool,
}

fn invalid(field: &'static str, value: &str, problem: impl Into<Problem>) -> ServiceError {
    ServiceError::Invalid(vec![FieldIssue {
        field,
        value: value.to_string(),
        problem: problem.into(),
    }])
}

/// An argon2id hash in PHC format.
pub fn hash_password(p: &str) -> String {
    let mut salt = [0u8; 16];
    rand::fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(p.as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
}

fn verify_password(p: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|h| Argon2::default().verify_password(p.as_bytes(), &h).is_ok())
}

impl Service {
    /// Creates a user (administrators).
    pub fn add_user(&mut self, actor: &Actor, u: &NewUser) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        let name = user::check_name(&u.name)
            .map_err(|_| invalid("user", &u.name, Problem::BadUserName))?;
        let display = text::clean_line(&u.display_name, 50)
            .map_err(|e| invalid("display_name", &u.display_name, e))?;
        if u.roles.is_empty() {
            return Err(invalid("role", "", Problem::NoRole));
        }
        if let Some(p) = &u.password {
            user::check_password(p)
                .map_err(|_| invalid("password", "", Problem::ShortPassword(user::PASSWORD_MIN)))?;
        }
        let hash = u.password.as_deref().map(hash_password);
        let at = self.stamp();
        self.write(Change::Users, |db| {
            if db.user_by_name(&name)?.is_some() {
                return Err(ServiceError::Exists(name.clone()));
            }
            let inspector_id = match &u.inspector_cert {
                Some(cert) => Some(
                    db.inspector_by_cert(InspectorKind::Officer, cert)?
                        .ok_or_else(|| ServiceError::NotFound(Missing::Typed(cert.clone())))?
                        .id,
                ),
                None => None,
            };
            let id = db.insert_user(
                &name,
                &display,
                &u.roles,
                inspector_id,
                hash.as_deref(),
                u.must_change_password,
                &at,
            )?;
            for k in &u.keys {
                db.add_user_key(id, k)?;
            }
            let after = serde_json::json!({
                "name": name, "display_name": display,
                "roles": u.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
                "inspector_id": inspector_id, "password": hash.is_some(),
                "keys": u.keys.iter().map(|k| k.fingerprint()).collect::<Vec<_>>(),
            });
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::User)
                    .id(id)
                    .summary(&name)
                    .after(Some(&after.to_string())),
            )?;
            Ok(id)
        })
    }

    pub fn users(&mut self, actor: &Actor) -> Result<Vec<User>> {
        actor.require(&[Role::Admin, Role::Auditor])?;
        Ok(self.store.read(|db| db.users())?)
    }

    /// One user, by id (as [`Service::users`] allows).
    pub fn user_by_id(&mut self, actor: &Actor, id: i64) -> Result<User> {
        actor.require(&[Role::Admin, Role::Auditor])?;
        self.store
            .read(|db| db.user(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::User, id)))
    }

    /// Changes a user's name shown, roles and linked officer (administrators).
    pub fn update_user(
        &mut self,
        actor: &Actor,
        name: &str,
        display_name: &str,
        roles: &BTreeSet<Role>,
        inspector_cert: Option<&str>,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let display = text::clean_line(display_name, 50)
            .map_err(|e| invalid("display_name", display_name, e))?;
        if roles.is_empty() {
            return Err(invalid("roles", "", Problem::NoRole));
        }
        let at = self.stamp();
        self.write(Change::Users, |db| {
            let u = db.user_by_name(name)?.ok_or_else(|| ServiceError::NotFound(Missing::Typed(name.to_string())))?;
            let inspector_id = match inspector_cert.filter(|c| !c.trim().is_empty()) {
                Some(cert) => Some(db.inspector_by_cert(InspectorKind::Officer, cert.trim())?.ok_or_else(|| ServiceError::NotFound(Missing::Typed(cert.to_string())))?.id),
                None => None,
            };
            db.update_user(u.id, &display, roles, inspector_id)?;
            let before = serde_json::json!({"display_name": u.display_name, "roles": u.roles.iter().map(|r| r.code()).collect::<Vec<_>>(), "inspector_id": u.inspector_id});
            let after = serde_json::json!({"display_name": display, "roles": roles.iter().map(|r| r.code()).collect::<Vec<_>>(), "inspector_id": inspector_id});
            audit(db, &at, actor, Event::new(Action::Update, Entity::User).id(u.id).summary(name).before(Some(&before.to_string())).after(Some(&after.to_string())))
        })
    }

    /// Disables (or re-enables) a user; nothing is deleted.
    pub fn set_user_disabled(&mut self, actor: &Actor, name: &str, disabled: bool) -> Result<()> {
        self.set_disabled(actor, name, disabled, name)
    }

    /// Disables a user, recording why.
    pub fn disable_user(&mut self, actor: &Actor, name: &str, reason: &str) -> Result<()> {
        let reason = text::required_line(reason, 200).map_err(|e| invalid("reason", reason, e))?;
        self.set_disabled(actor, name, true, &format!("{name}: {reason}"))
    }

    fn set_disabled(
        &mut self,
        actor: &Actor,
        name: &str,
        disabled: bool,
        summary: &str,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Users, |db| {
            let u = db
                .user_by_name(name)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Typed(name.to_string())))?;
            if u.disabled == disabled {
                return Ok(());
            }
            db.set_user_disabled(u.id, disabled)?;
            let action = if disabled {
                Action::Disable
            } else {
                Action::Enable
            };
            audit(
                db,
                &at,
                actor,
                Event::new(action, Entity::User)
                    .id(u.id)
                    .summary(summary)
                    .before(Some(&(!disabled).to_string()))
                    .after(Some(&disabled.to_string())),
            )
        })
    }

    /// Sets a user's interface preferences: administrators for anyone, a user for themself.
    pub fn set_preferences(
        &mut self,
        actor: &Actor,
        name: &str,
        lang: Option<&str>,
        ascii: bool,
    ) -> Result<()> {
        if let Some(l) = lang
            && !matches!(l, "zh" | "en")
        {
            return Err(invalid(
                "lang",
                l,
                Problem::UnknownValue {
                    allowed: vec!["zh", "en"],
                },
            ));
        }
        let at = self.stamp();
        self.write(Change::Users, |db| {
            let u = db
                .user_by_name(name)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Typed(name.to_string())))?;
            if actor.user_id != Some(u.id) {
                actor.require(&[Role::Admin])?;
            }
            db.set_user_preferences(u.id, lang, ascii)?;
            let after = serde_json::json!({"lang": lang, "ascii": ascii}).to_string();
            audit(
                db,
                &at,
                actor,
                Event::new(Action::SetPreferences, Entity::User)
                    .id(u.id)
                    .summary(name)
                    .after(Some(&after)),
            )
        })
    }

    /// Sets a user's password: administrators for anyone, a user for themself.
    pub fn set_password(
        &mut self,
        actor: &Actor,
        name: &str,
        password: &str,
        must_change: bool,
    ) -> Result<()> {
        user::check_password(password)
            .map_err(|_| invalid("password", "", Problem::ShortPassword(user::PASSWORD_MIN)))?;
        let hash = hash_password(password);
        let at = self.stamp();
        self.write(Change::Users, |db| {
            let u = db
                .user_by_name(name)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Typed(name.to_string())))?;
            if actor.user_id != Some(u.id) {
                actor.require(&[Role::Admin])?;
            }
            db.set_password_hash(u.id, &hash, must_change)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::SetPassword, Entity::User)
                    .id(u.id)
                    .summary(name),
            )
        })
    }

    /// The user a password opens, if it does: unknown, disabled and wrong all give `None`
    /// (and take comparable time, so names cannot be probed).
    pub fn check_password(&mut self, name: &str, password: &str) -> Result<Option<User>> {
        Ok(self.password_record(name)?.opens(password))
    }

    /// What checking a password of `name` needs from the database. The check itself
    /// ([`PasswordRecord::opens`], deliberately slow) needs no connection, so a server can run
    /// several at once.
    pub fn password_record(&mut self, name: &str) -> Result<PasswordRecord> {
        let (user, hash) = self.store.read(|db| {
            let u = db.user_by_name(name)?;
            let h = match &u {
                Some(u) => db.password_hash(u.id)?,
                None => None,
            };
            Ok::<_, ServiceError>((u, h))
        })?;
        Ok(PasswordRecord { user, hash })
    }

    /// The enabled user a public key belongs to (compared by key data).
    pub fn check_key(&mut self, name: &str, key: &PublicKey) -> Result<Option<User>> {
        self.store.read(|db| {
            let Some(u) = db.user_by_name(name)?.filter(|u| !u.disabled) else {
                return Ok(None);
            };
            let keys = db.user_keys(u.id)?;
            Ok(keys.contains(key).then_some(u))
        })
    }
}

impl Service {
    /// Records a login, a logout or a refused attempt (`event`), with where it came from. No
    /// role is needed: the SSH server calls it for people not yet (or not) logged in.
    pub fn audit_session(&mut self, user: &str, event: Action, detail: &str) -> Result<()> {
        let at = self.stamp();
        let system = Actor {
            user_id: None,
            name: "ssh".into(),
            roles: BTreeSet::new(),
        };
        let id = self.store.read(|db| db.user_by_name(user))?.map(|u| u.id);
        // A login changes no data anyone is viewing: no change notification.
        self.store.write(|db| {
            audit(
                db,
                &at,
                &system,
                Event::new(event, Entity::Session)
                    .opt_id(id)
                    .summary(user)
                    .after(Some(detail)),
            )
        })
    }

    /// The user record of a logged-in user (for the session to learn roles and settings).
    pub fn user(&mut self, name: &str) -> Result<Option<User>> {
        Ok(self.store.read(|db| db.user_by_name(name))?)
    }
}

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2h1YW5nc3VpZHVtbXk$0gFm6SrqaXAkvtmaQlaWOHHbMtnsHxqQ0wW6TsQk4t0";

/// A user's stored password hash, read for one check.
pub struct PasswordRecord {
    user: Option<User>,
    hash: Option<String>,
}

impl PasswordRecord {
    /// The user `password` opens: unknown, disabled and wrong all give `None`, in comparable
    /// time.
    pub fn opens(self, password: &str) -> Option<User> {
        match (self.user, self.hash) {
            (Some(u), Some(h)) if verify_password(password, &h) && !u.disabled => Some(u),
            (_, Some(_)) => None,
            _ => {
                // Spend the time a real check takes.
                let _ = verify_password(password, DUMMY_HASH);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{admin, service};
    use super::*;

    #[test]
    fn users_with_passwords_and_keys() {
        let mut s = service();
        let key = PublicKey::parse(
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnK6R7dJl0Hl2mtBf8P7EPRO8jyT3HkDAqBxmI7S4NI a@b",
        )
        .unwrap();
        let nu = NewUser {
            name: "zhangsan".into(),
            roles: [Role::Witness, Role::Leader].into(),
            keys: vec![key.clone()],
            password: Some("correct horse".into()),
            ..Default::default()
        };
        s.add_user(&admin(), &nu).unwrap();
        assert!(matches!(
            s.add_user(&admin(), &nu),
            Err(ServiceError::Exists(_))
        ));
        assert!(
            s.check_password("zhangsan", "correct horse")
                .unwrap()
                .is_some()
        );
        assert!(
            s.check_password("zhangsan", "wrong horse")
                .unwrap()
                .is_none()
        );
        assert!(
            s.check_password("nobody", "correct horse")
                .unwrap()
                .is_none()
        );
        assert!(s.check_key("zhangsan", &key).unwrap().is_some());
        s.set_user_disabled(&admin(), "zhangsan", true).unwrap();
        assert!(
            s.check_password("zhangsan", "correct horse")
                .unwrap()
                .is_none()
        );
        assert!(s.check_key("zhangsan", &key).unwrap().is_none());
        let u = &s.users(&admin()).unwrap()[0];
        assert!(u.disabled && u.has_password && u.key_count == 1);
        assert_eq!(&s.user_by_id(&admin(), u.id).unwrap(), u);
        assert!(matches!(
            s.user_by_id(&admin(), u.id + 1),
            Err(ServiceError::NotFound(_))
        ));
        assert!(matches!(
            s.user_by_id(&super::super::tests::inspector(), u.id),
            Err(ServiceError::Forbidden(_))
        ));
    }

    #[test]
    fn refuses_bad_users() {
        let mut s = service();
        let base = NewUser {
            name: "lisi".into(),
            roles: [Role::Admin].into(),
            ..Default::default()
        };
        let bad = [
            NewUser {
                name: "Li Si".into(),
                ..base.clone()
            },
            NewUser {
                roles: BTreeSet::new(),
                ..base.clone()
            },
            NewUser {
                password: Some("short".into()),
                ..base.clone()
            },
            NewUser {
                inspector_cert: Some("nope".into()),
                ..base.clone()
            },
        ];
        for u in bad {
            assert!(s.add_user(&admin(), &u).is_err(), "{u:?}");
        }
        assert!(s.users(&admin()).unwrap().is_empty());
    }

    #[test]
    fn dummy_hash_is_well_formed() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}

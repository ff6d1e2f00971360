//! Users, roles and credentials. A person may hold several roles; credentials are OpenSSH public
//! keys (compared by key data, never by comment) and/or an argon2 password hash.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use thiserror::Error;

crate::vocab! {
    /// The five roles of `domain.md`.
    pub enum Role {
        Admin = "admin", "管理员", "admin", [];
        Leader = "leader", "领导小组", "leader", ["领导"];
        Witness = "witness", "监督员", "witness", ["监督"];
        Inspector = "inspector", "检查人员", "inspector", [];
        Auditor = "auditor", "审计", "auditor", [];
    }
}

/// A user as stored (without secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub roles: BTreeSet<Role>,
    pub inspector_id: Option<i64>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub has_password: bool,
    pub key_count: usize,
    /// Preferred interface language (`zh`, `en`), if set.
    pub lang: Option<String>,
    /// Prefers plain ASCII borders.
    pub ascii: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UserError {
    #[error(
        "user name must be 1-32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter"
    )]
    BadName,
    #[error("a user needs at least one role")]
    NoRole,
    #[error("not an OpenSSH public key line")]
    BadKey,
    #[error("password must be at least {0} characters")]
    ShortPassword(usize),
}

pub const PASSWORD_MIN: usize = 8;

/// Checks a login name: what OpenSSH clients send, safe in logs.
pub fn check_name(s: &str) -> Result<String, UserError> {
    let ok = !s.is_empty()
        && s.len() <= 32
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(UserError::BadName)
    }
}

pub fn check_password(p: &str) -> Result<(), UserError> {
    if p.chars().count() < PASSWORD_MIN {
        Err(UserError::ShortPassword(PASSWORD_MIN))
    } else {
        Ok(())
    }
}

/// An OpenSSH public key: algorithm name and key blob. Equality is by blob only.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub algorithm: String,
    pub blob: Vec<u8>,
    pub comment: String,
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.blob == other.blob
    }
}

impl PublicKey {
    /// Parses one `authorized_keys`-style line (`ssh-ed25519 AAAA… comment`). The algorithm
    /// named inside the blob must agree with the one in front.
    pub fn parse(line: &str) -> Result<Self, UserError> {
        let mut parts = line.split_whitespace();
        let algorithm = parts.next().ok_or(UserError::BadKey)?.to_string();
        let blob = STANDARD
            .decode(parts.next().ok_or(UserError::BadKey)?)
            .map_err(|_| UserError::BadKey)?;
        let comment = parts.collect::<Vec<_>>().join(" ");
        let inner = blob
            .get(..4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or(UserError::BadKey)?;
        if blob.get(4..4 + inner) != Some(algorithm.as_bytes())
            || !algorithm.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Err(UserError::BadKey);
        }
        Ok(PublicKey {
            algorithm,
            blob,
            comment,
        })
    }

    /// `SHA256:…` as `ssh-keygen -l` prints it.
    pub fn fingerprint(&self) -> String {
        format!(
            "SHA256:{}",
            STANDARD_NO_PAD.encode(Sha256::digest(&self.blob))
        )
    }

    /// The line without comment, as stored.
    pub fn to_openssh(&self) -> String {
        format!("{} {}", self.algorithm, STANDARD.encode(&self.blob))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnK6R7dJl0Hl2mtBf8P7EPRO8jyT3HkDAqBxmI7S4NI alice@pc";

    #[test]
    fn names() {
        assert!(check_name("zhangsan").is_ok());
        assert!(check_name("li.si-2").is_ok());
        for bad in ["", "Zhang", "1abc", "a b", "张三", "a;rm", &"a".repeat(33)] {
            assert_eq!(check_name(bad), Err(UserError::BadName), "{bad}");
        }
    }

    #[test]
    fn keys_compare_by_blob() {
        let a = PublicKey::parse(KEY).unwrap();
        let b = PublicKey::parse(&KEY.replace("alice@pc", "other")).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.algorithm, "ssh-ed25519");
        assert!(a.fingerprint().starts_with("SHA256:"));
        assert_eq!(PublicKey::parse(&a.to_openssh()).unwrap(), a);
    }

    #[test]
    fn bad_keys() {
        assert!(PublicKey::parse("").is_err());
        assert!(PublicKey::parse("ssh-ed25519").is_err());
        assert!(PublicKey::parse("ssh-ed25519 !!!").is_err());
        assert!(PublicKey::parse(&KEY.replace("ssh-ed25519", "ssh-rsa")).is_err());
    }
}

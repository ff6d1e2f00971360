//! The server's host keys and the algorithms it offers. By default: one Ed25519 key and
//! russh's modern set (curve25519/ML-KEM and finite-field DH exchanges, ChaCha20-Poly1305 and
//! AES-GCM/CTR, SHA-2 MACs). With `[ssh] legacy_algorithms = true`, for office PCs whose Xshell
//! or PuTTY predates Ed25519 and curve25519: an RSA (3072-bit) and an ECDSA P-256 key beside the
//! Ed25519 one, the NIST ECDH exchanges and AES-128-GCM. Every key is made on first need, kept
//! in OpenSSH format with mode 0600, and reused, so clients never see it change.

use russh::Preferred;
use russh::keys::ssh_key::private::{EcdsaKeypair, RsaKeypair};
use russh::keys::{Algorithm, EcdsaCurve, HashAlg, PrivateKey};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Size of the RSA host key in bits.
const RSA_BITS: usize = 3072;

#[derive(Debug, Error)]
#[error("host key {path}: {why}")]
pub struct HostKeyError {
    pub path: PathBuf,
    pub why: String,
}

/// The kinds of host key the server may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ed25519,
    Rsa,
    EcdsaP256,
}

impl Kind {
    fn file_tag(self) -> &'static str {
        match self {
            Kind::Ed25519 => "ed25519",
            Kind::Rsa => "rsa",
            Kind::EcdsaP256 => "ecdsa",
        }
    }

    fn generate(self) -> Result<PrivateKey, String> {
        let mut rng = rand::rng();
        let key = match self {
            Kind::Ed25519 => PrivateKey::random(&mut rng, Algorithm::Ed25519),
            Kind::Rsa => RsaKeypair::random(&mut rng, RSA_BITS).map(PrivateKey::from),
            Kind::EcdsaP256 => {
                EcdsaKeypair::random(&mut rng, EcdsaCurve::NistP256).map(PrivateKey::from)
            }
        };
        key.map_err(|e| e.to_string())
    }
}

/// Where a key of `kind` lives, beside the Ed25519 key at `ed25519`: the same name with the
/// algorithm's tag in place of `ed25519` (`ssh_host_rsa_key`), or with `_rsa` appended.
fn sibling(ed25519: &Path, kind: Kind) -> PathBuf {
    if kind == Kind::Ed25519 {
        return ed25519.to_path_buf();
    }
    let name = ed25519
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let new = if name.contains("ed25519") {
        name.replace("ed25519", kind.file_tag())
    } else {
        format!("{name}_{}", kind.file_tag())
    };
    ed25519.with_file_name(new)
}

/// Loads the key at `path`, creating it (OpenSSH format, mode 0600) on first start.
fn load_or_create(path: &Path, kind: Kind) -> Result<PrivateKey, HostKeyError> {
    let err = |why: String| HostKeyError {
        path: path.to_path_buf(),
        why,
    };
    if path.exists() {
        return PrivateKey::read_openssh_file(path).map_err(|e| err(e.to_string()));
    }
    let key = kind.generate().map_err(err)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| err(e.to_string()))?;
    }
    key.write_openssh_file(path, russh::keys::ssh_key::LineEnding::LF)
        .map_err(|e| err(e.to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| err(e.to_string()))?;
    }
    Ok(key)
}

/// Loads the Ed25519 host key, creating it on first start.
pub fn host_key(path: &Path) -> Result<PrivateKey, HostKeyError> {
    load_or_create(path, Kind::Ed25519)
}

/// Every host key the server offers: the Ed25519 key at `ed25519`, and with `legacy` the RSA
/// and ECDSA keys beside it.
pub fn host_keys(ed25519: &Path, legacy: bool) -> Result<Vec<PrivateKey>, HostKeyError> {
    let kinds: &[Kind] = if legacy {
        &[Kind::Ed25519, Kind::EcdsaP256, Kind::Rsa]
    } else {
        &[Kind::Ed25519]
    };
    kinds
        .iter()
        .map(|k| load_or_create(&sibling(ed25519, *k), *k))
        .collect()
}

/// `SHA256:…` of a host key, as clients show it.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// `SHA256:… (algorithm)` of each key, for the operator to compare with what clients show.
pub fn fingerprints(keys: &[PrivateKey]) -> Vec<String> {
    keys.iter()
        .map(|k| format!("{} ({})", fingerprint(k), k.algorithm().as_str()))
        .collect()
}

/// The algorithm names of the keys, as `ssh -Q key` names them.
pub fn names(keys: &[PrivateKey]) -> String {
    keys.iter()
        .map(|k| k.algorithm().as_str().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The algorithms offered: russh's modern default, or with `legacy` also the NIST ECDH
/// exchanges and AES-128-GCM.
pub fn preferred(legacy: bool) -> Preferred {
    let base = Preferred::default();
    if !legacy {
        return base;
    }
    let mut kex = base.kex.to_vec();
    // Before the pseudo-algorithms that announce extensions (their place does not matter to
    // negotiation, but keeps the list readable in `ssh -vv`).
    let at = kex
        .iter()
        .position(|k| *k == russh::kex::EXTENSION_SUPPORT_AS_CLIENT)
        .unwrap_or(kex.len());
    for (i, k) in [
        russh::kex::ECDH_SHA2_NISTP256,
        russh::kex::ECDH_SHA2_NISTP384,
        russh::kex::ECDH_SHA2_NISTP521,
    ]
    .into_iter()
    .enumerate()
    {
        kex.insert(at + i, k);
    }
    let mut cipher = base.cipher.to_vec();
    cipher.push(russh::cipher::AES_128_GCM);
    Preferred {
        kex: Cow::Owned(kex),
        cipher: Cow::Owned(cipher),
        ..base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_once_kept_private_and_reused() {
        let d = tempfile::tempdir().unwrap();
        let ed = d.path().join("ssh_host_ed25519_key");
        let one = host_keys(&ed, true).unwrap();
        assert_eq!(names(&one), "ssh-ed25519,ecdsa-sha2-nistp256,ssh-rsa");
        for f in [
            "ssh_host_ed25519_key",
            "ssh_host_ecdsa_key",
            "ssh_host_rsa_key",
        ] {
            let p = d.path().join(f);
            assert!(p.exists(), "{f}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&p).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{f}");
            }
        }
        let two = host_keys(&ed, true).unwrap();
        let fps = |k: &[PrivateKey]| k.iter().map(fingerprint).collect::<Vec<_>>();
        assert_eq!(fps(&one), fps(&two));
        let rsa = d.path().join("ssh_host_rsa_key");
        let key = PrivateKey::read_openssh_file(&rsa).unwrap();
        let bits = key.public_key().key_data().rsa().map(|r| r.key_size());
        assert_eq!(bits, Some(RSA_BITS as u32));
        assert_eq!(host_keys(&ed, false).unwrap().len(), 1);
    }

    #[test]
    fn other_file_names_get_a_suffix() {
        let p = Path::new("/x/host_key");
        assert_eq!(sibling(p, Kind::Rsa), Path::new("/x/host_key_rsa"));
        assert_eq!(sibling(p, Kind::Ed25519), p);
    }

    #[test]
    fn legacy_adds_nist_exchanges_and_aes128_gcm_only_when_asked() {
        let modern = preferred(false);
        let legacy = preferred(true);
        let has = |p: &Preferred, n: &str| {
            p.kex.iter().any(|k| k.as_ref() == n) || p.cipher.iter().any(|c| c.as_ref() == n)
        };
        for n in [
            "ecdh-sha2-nistp256",
            "ecdh-sha2-nistp384",
            "aes128-gcm@openssh.com",
        ] {
            assert!(!has(&modern, n), "{n} off by default");
            assert!(has(&legacy, n), "{n} with legacy");
        }
        assert!(has(&legacy, "curve25519-sha256"));
    }
}

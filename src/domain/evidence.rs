//! Evidence files (佐证材料) attached to a result: which kinds of file are accepted (by the
//! name's extension AND the first bytes, so a renamed file is refused), the size and type limits
//! (a setting), and the check of one file against them. Pure: the bytes are passed in.

use serde::{Deserialize, Serialize};

/// A kind of evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Pdf,
    Jpg,
    Png,
    Xlsx,
    Docx,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Pdf,
        FileKind::Jpg,
        FileKind::Png,
        FileKind::Xlsx,
        FileKind::Docx,
    ];

    /// The code stored and used in settings.
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpg => "jpg",
            FileKind::Png => "png",
            FileKind::Xlsx => "xlsx",
            FileKind::Docx => "docx",
        }
    }

    pub fn from_code(s: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The kind a file name's extension claims (`jpeg` is `jpg`), case-insensitive.
    pub fn of_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpeg" => Some(FileKind::Jpg),
            e => FileKind::from_code(e),
        }
    }

    /// Whether `bytes` begin as a file of this kind does. XLSX and DOCX are ZIP packages; the
    /// part names distinguish them.
    pub fn matches(self, bytes: &[u8]) -> bool {
        match self {
            FileKind::Pdf => bytes.starts_with(b"%PDF-"),
            FileKind::Jpg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            FileKind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            FileKind::Xlsx => zip_holding(bytes, b"xl/"),
            FileKind::Docx => zip_holding(bytes, b"word/"),
        }
    }
}

/// A ZIP file (local header signature) naming a part under `prefix` somewhere.
fn zip_holding(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(prefix.len()).any(|w| w == prefix)
}

/// The evidence settings: the largest file and the kinds accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceLimits {
    /// The largest file accepted, in MiB.
    pub max_mb: u32,
    pub kinds: Vec<FileKind>,
}

impl Default for EvidenceLimits {
    fn default() -> Self {
        EvidenceLimits {
            max_mb: 20,
            kinds: FileKind::ALL.to_vec(),
        }
    }
}

impl EvidenceLimits {
    /// The upper bound an administrator may set (a file is held whole in memory).
    pub const MAX_MB: u32 = 64;

    pub fn max_bytes(&self) -> u64 {
        u64::from(self.max_mb) * 1024 * 1024
    }
}

/// Why a file is refused as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    /// Over the limit (bytes, limit in MiB).
    TooLarge {
        size: u64,
        max_mb: u32,
    },
    /// The extension is not one of the kinds accepted.
    Kind {
        accepted: Vec<FileKind>,
    },
    /// The bytes are not what the extension says.
    Content {
        kind: FileKind,
    },
}

/// Checks a file against the limits; its kind when accepted.
pub fn check(name: &str, bytes: &[u8], limits: &EvidenceLimits) -> Result<FileKind, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    let size = bytes.len() as u64;
    if size > limits.max_bytes() {
        return Err(FileProblem::TooLarge {
            size,
            max_mb: limits.max_mb,
        });
    }
    let kind = FileKind::of_name(name)
        .filter(|k| limits.kinds.contains(k))
        .ok_or_else(|| FileProblem::Kind {
            accepted: limits.kinds.clone(),
        })?;
    if !kind.matches(bytes) {
        return Err(FileProblem::Content { kind });
    }
    Ok(kind)
}

/// Why an evidence action is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceProblem {
    /// No result with this id.
    UnknownResult(i64),
    /// No evidence file with this id.
    UnknownEvidence(i64),
    /// The file is refused (size, kind, content).
    File(FileProblem),
    /// A file name the inbox cannot hold, or a file not there.
    NotInInbox(String),
    AlreadyWithdrawn(i64),
    ReasonRequired,
}

/// One evidence file attached to a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub id: i64,
    pub result_id: i64,
    pub sha256: String,
    pub name: String,
    pub size: i64,
    /// A `FileKind` code.
    pub kind: String,
    pub added_by: String,
    pub added_at: String,
    /// When, by whom and why it was withdrawn.
    pub withdrawn: Option<(String, String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n...";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\nrest";

    #[test]
    fn extension_and_content_must_agree() {
        let l = EvidenceLimits::default();
        assert_eq!(check("记录.pdf", PDF, &l), Ok(FileKind::Pdf));
        assert_eq!(check("照片.PNG", PNG, &l), Ok(FileKind::Png));
        assert_eq!(
            check("scan.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0], &l),
            Ok(FileKind::Jpg)
        );
        assert_eq!(
            check("renamed.pdf", PNG, &l),
            Err(FileProblem::Content {
                kind: FileKind::Pdf
            })
        );
        assert!(matches!(
            check("run.exe", PDF, &l),
            Err(FileProblem::Kind { .. })
        ));
        assert!(matches!(
            check("noext", PDF, &l),
            Err(FileProblem::Kind { .. })
        ));
        assert_eq!(check("e.pdf", b"", &l), Err(FileProblem::Empty));
    }

    #[test]
    fn office_files_are_told_apart() {
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml";
        let docx = b"PK\x03\x04....word/document.xml";
        let l = EvidenceLimits::default();
        assert_eq!(check("t.xlsx", xlsx, &l), Ok(FileKind::Xlsx));
        assert_eq!(check("t.docx", docx, &l), Ok(FileKind::Docx));
        assert!(check("t.docx", xlsx, &l).is_err());
        assert!(check("t.xlsx", b"not a zip xl/", &l).is_err());
    }

    #[test]
    fn limits_are_settings() {
        let l = EvidenceLimits {
            max_mb: 1,
            kinds: vec![FileKind::Pdf],
        };
        let big = [PDF, &vec![0u8; 1024 * 1024][..]].concat();
        assert_eq!(
            check("big.pdf", &big, &l),
            Err(FileProblem::TooLarge {
                size: big.len() as u64,
                max_mb: 1
            })
        );
        assert_eq!(
            check("p.png", PNG, &l),
            Err(FileProblem::Kind {
                accepted: vec![FileKind::Pdf]
            })
        );
    }
}

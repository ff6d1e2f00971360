//! The virtual tree a user sees over SFTP: `/` holding `inbox/` and `outbox/`, each holding
//! plain files and nothing else. Paths are resolved lexically, never by the file system:
//! `..` that would climb above `/`, any other top-level name, deeper paths and names that
//! fail [`inbox::check_name`] are refused, so nothing outside the user's two folders can be
//! named at all.

use crate::exchange::inbox::{self, BadName};
use std::path::{Path, PathBuf};

/// One of the user's two folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Inbox,
    Outbox,
}

impl Folder {
    pub fn name(self) -> &'static str {
        match self {
            Folder::Inbox => "inbox",
            Folder::Outbox => "outbox",
        }
    }

    pub const ALL: [Folder; 2] = [Folder::Inbox, Folder::Outbox];
}

/// What a path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Root,
    Folder(Folder),
    File(Folder, String),
}

impl Node {
    /// The canonical virtual path (`/`, `/inbox`, `/outbox/x.xlsx`).
    pub fn path(&self) -> String {
        match self {
            Node::Root => "/".into(),
            Node::Folder(f) => format!("/{}", f.name()),
            Node::File(f, n) => format!("/{}/{n}", f.name()),
        }
    }
}

/// Why a path is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// `..` above `/`.
    Escape,
    /// A top-level name other than the two folders.
    Outside(String),
    /// Folders inside the folders.
    TooDeep,
    /// A file name that fails the rule.
    Name(String, BadName),
}

/// Resolves `path` (absolute, or relative to `/`, as clients send it).
pub fn resolve(path: &str) -> Result<Node, PathError> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(PathError::Escape);
                }
            }
            p => parts.push(p),
        }
    }
    match parts.as_slice() {
        [] => Ok(Node::Root),
        [top, rest @ ..] => {
            let folder = match *top {
                "inbox" => Folder::Inbox,
                "outbox" => Folder::Outbox,
                other => return Err(PathError::Outside(other.to_string())),
            };
            match rest {
                [] => Ok(Node::Folder(folder)),
                [name] => inbox::check_name(name)
                    .map(|()| Node::File(folder, name.to_string()))
                    .map_err(|b| PathError::Name(name.to_string(), b)),
                _ => Err(PathError::TooDeep),
            }
        }
    }
}

/// Where the two folders of one user are on disk.
#[derive(Debug, Clone)]
pub struct Tree {
    pub inbox: PathBuf,
    pub outbox: PathBuf,
}

impl Tree {
    /// The tree of `login` beside the database `db`.
    pub fn of(db: &Path, login: &str) -> Tree {
        Tree {
            inbox: inbox::dir(db, login),
            outbox: crate::exchange::outbox::dir(db, login),
        }
    }

    pub fn dir(&self, f: Folder) -> &Path {
        match f {
            Folder::Inbox => &self.inbox,
            Folder::Outbox => &self.outbox,
        }
    }

    /// The file on disk a node names (`None` for folders).
    pub fn file(&self, n: &Node) -> Option<PathBuf> {
        match n {
            Node::File(f, name) => Some(self.dir(*f).join(name)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(f: Folder, n: &str) -> Result<Node, PathError> {
        Ok(Node::File(f, n.into()))
    }

    #[test]
    fn paths_inside_the_tree() {
        assert_eq!(resolve(""), Ok(Node::Root));
        assert_eq!(resolve("."), Ok(Node::Root));
        assert_eq!(resolve("/"), Ok(Node::Root));
        assert_eq!(resolve("/inbox/"), Ok(Node::Folder(Folder::Inbox)));
        assert_eq!(resolve("outbox"), Ok(Node::Folder(Folder::Outbox)));
        assert_eq!(
            resolve("/inbox/企业.xlsx"),
            file(Folder::Inbox, "企业.xlsx")
        );
        assert_eq!(resolve("inbox//./a.csv"), file(Folder::Inbox, "a.csv"));
        assert_eq!(
            resolve("/inbox/../outbox/r.html"),
            file(Folder::Outbox, "r.html")
        );
        assert_eq!(resolve("/inbox/.."), Ok(Node::Root));
        assert_eq!(resolve("/outbox/r.html").unwrap().path(), "/outbox/r.html");
    }

    #[test]
    fn nothing_outside_can_be_named() {
        assert_eq!(resolve(".."), Err(PathError::Escape));
        assert_eq!(resolve("/.."), Err(PathError::Escape));
        assert_eq!(resolve("/inbox/../../etc/passwd"), Err(PathError::Escape));
        assert_eq!(resolve("../../../../etc/shadow"), Err(PathError::Escape));
        assert_eq!(
            resolve("/etc/passwd"),
            Err(PathError::Outside("etc".into()))
        );
        assert_eq!(
            resolve("/home/admin/shuangsui.sqlite3"),
            Err(PathError::Outside("home".into()))
        );
        assert_eq!(resolve("/inbox/sub/x"), Err(PathError::TooDeep));
        assert_eq!(
            resolve("/inbox/.x.part"),
            Err(PathError::Name(".x.part".into(), BadName::Dot))
        );
        assert_eq!(
            resolve("/inbox/..\\..\\x"),
            Err(PathError::Name("..\\..\\x".into(), BadName::Dot))
        );
        assert_eq!(
            resolve("/inbox/C:\\windows"),
            Err(PathError::Name("C:\\windows".into(), BadName::Character))
        );
        assert_eq!(resolve("C:/x"), Err(PathError::Outside("C:".into())));
    }
}

//! One SFTP session: answers requests against a user's virtual tree. Uploads go to a hidden
//! file beside their target and take its name only when closed complete, so a half-sent file
//! is never seen (nor imported); limits on size and count are checked as bytes arrive.
//! Links are never followed and never made.

use super::tree::{Folder, Node, PathError, Tree, resolve};
use super::wire::{Attrs, Code, Reader, WireError, Writer, fxp, pflags, status};
use crate::exchange::inbox::{self, FileLimits};
use crate::strings::{Lang, sftp as s};
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Most handles open at once in one session (clients use one or two per transfer).
const MAX_HANDLES: usize = 16;
/// Most bytes returned by one read.
const MAX_READ: u32 = 64 * 1024;
/// Names per READDIR reply.
const DIR_CHUNK: usize = 100;

/// A refusal: status code and message.
type Refusal = (Code, String);
type Answer = Result<Vec<u8>, Refusal>;

struct Upload {
    file: File,
    tmp: PathBuf,
    target: PathBuf,
    name: String,
    size: u64,
    append: bool,
    /// Over the size limit: kept open until the client closes it, then discarded.
    failed: bool,
    times: Option<(u32, u32)>,
}

enum Open {
    Dir(Vec<(String, Attrs)>),
    Read(File),
    Upload(Upload),
}

/// An SFTP session of one user.
pub struct Engine {
    tree: Tree,
    limits: FileLimits,
    lang: Lang,
    user: String,
    handles: HashMap<u32, Open>,
    next: u32,
}

/// Unique names for partial uploads across sessions.
static UPLOADS: AtomicU64 = AtomicU64::new(0);
const UPLOAD_PREFIX: &str = ".upload-";
const UPLOAD_SUFFIX: &str = ".part";

/// Whether `name` is one of the hidden files uploads are written to.
pub(super) fn is_partial_upload(name: &str) -> bool {
    name.starts_with(UPLOAD_PREFIX) && name.ends_with(UPLOAD_SUFFIX)
}

fn io_refusal(e: &std::io::Error, lang: Lang) -> Refusal {
    match e.kind() {
        std::io::ErrorKind::NotFound => (Code::NoSuchFile, s::not_found(lang).into()),
        _ => {
            tracing::warn!("sftp: {e}");
            (Code::Failure, s::failed(lang).into())
        }
    }
}

fn secs(t: SystemTime) -> u32 {
    let s = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    u32::try_from(s).unwrap_or(u32::MAX)
}

fn folder_attrs(perm: u32, modified: Option<SystemTime>) -> Attrs {
    Attrs {
        size: Some(0),
        permissions: Some(0o040000 | perm),
        times: modified.map(|t| (secs(t), secs(t))),
    }
}

fn file_attrs(size: u64, modified: SystemTime, writable: bool) -> Attrs {
    let t = secs(modified);
    Attrs {
        size: Some(size),
        permissions: Some(0o100000 | if writable { 0o644 } else { 0o444 }),
        times: Some((t, t)),
    }
}

/// An `ls -l` line, which clients show as is.
fn long_name(name: &str, a: &Attrs, user: &str) -> String {
    let perm = a.permissions.unwrap_or(0);
    let mut mode = String::with_capacity(10);
    mode.push(if perm & 0o040000 != 0 { 'd' } else { '-' });
    for shift in [6, 3, 0] {
        let bits = (perm >> shift) & 7;
        mode.push(if bits & 4 != 0 { 'r' } else { '-' });
        mode.push(if bits & 2 != 0 { 'w' } else { '-' });
        mode.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    let when = a.times.map_or(0, |t| t.1);
    // As `ls -l`: the time for the last six months, the year for anything older.
    let recent = secs(SystemTime::now()).saturating_sub(when) < 183 * 24 * 3600;
    let date = chrono::DateTime::from_timestamp(i64::from(when), 0)
        .map(|d| {
            d.with_timezone(&crate::service::beijing())
                .format(if recent { "%b %e %H:%M" } else { "%b %e  %Y" })
                .to_string()
        })
        .unwrap_or_default();
    let user: String = user.chars().filter(|c| !c.is_whitespace()).collect();
    format!(
        "{mode} 1 {user} {user} {:>8} {date} {name}",
        a.size.unwrap_or(0)
    )
}

/// A plain file's metadata, not following links; `None` when it is missing or not a plain
/// file.
fn plain_file(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_file())
}

impl Engine {
    pub fn new(tree: Tree, limits: FileLimits, lang: Lang, user: &str) -> Engine {
        Engine {
            tree,
            limits,
            lang,
            user: user.to_string(),
            handles: HashMap::new(),
            next: 0,
        }
    }

    /// Answers one packet (without its length prefix).
    pub fn handle(&mut self, packet: &[u8]) -> Vec<u8> {
        let mut r = Reader::new(packet);
        let Ok(kind) = r.u8() else {
            return status(0, Code::BadMessage, "");
        };
        if kind == fxp::INIT {
            // Version 3, no extensions.
            return Writer::new(fxp::VERSION).u32(3).finish();
        }
        let Ok(id) = r.u32() else {
            return status(0, Code::BadMessage, "");
        };
        match self.request(kind, id, &mut r) {
            Ok(reply) => reply,
            Err((code, message)) => status(id, code, &message),
        }
    }

    fn ok(&self, id: u32) -> Answer {
        Ok(status(id, Code::Ok, ""))
    }

    fn refuse(&self, code: Code, message: &str) -> Answer {
        Err((code, message.to_string()))
    }

    fn request(&mut self, kind: u8, id: u32, r: &mut Reader<'_>) -> Answer {
        let lang = self.lang;
        let bad = |e: WireError| match e {
            WireError::NotUtf8 => (Code::Failure, s::not_utf8(lang).to_string()),
            _ => (Code::BadMessage, String::new()),
        };
        match kind {
            fxp::REALPATH => {
                let node = self.resolve(r.text().map_err(bad)?)?;
                Ok(realpath(id, &node))
            }
            fxp::STAT | fxp::LSTAT => {
                let node = self.resolve(r.text().map_err(bad)?)?;
                let a = self.attrs(&node)?;
                Ok(Writer::new(fxp::ATTRS).u32(id).attrs(&a).finish())
            }
            fxp::FSTAT => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                self.fstat(id, h)
            }
            fxp::OPENDIR => {
                let node = self.resolve(r.text().map_err(bad)?)?;
                self.opendir(id, &node)
            }
            fxp::READDIR => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                self.readdir(id, h)
            }
            fxp::OPEN => {
                let path = r.text().map_err(bad)?;
                let flags = r.u32().map_err(bad)?;
                let announced = r.attrs().map_err(bad)?.size;
                let node = self.resolve(path)?;
                self.open_handle(id, &node, flags, announced)
            }
            fxp::CLOSE => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                self.close(id, h)
            }
            fxp::READ => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                let offset = r.u64().map_err(bad)?;
                let len = r.u32().map_err(bad)?.min(MAX_READ);
                self.read(id, h, offset, len)
            }
            fxp::WRITE => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                let offset = r.u64().map_err(bad)?;
                let data = r.bytes().map_err(bad)?;
                self.write(h, offset, data)?;
                self.ok(id)
            }
            fxp::SETSTAT => {
                let node = self.resolve(r.text().map_err(bad)?)?;
                let a = r.attrs().map_err(bad)?;
                self.setstat(&node, &a)?;
                self.ok(id)
            }
            fxp::FSETSTAT => {
                let h = self.handle_id(r.bytes().map_err(bad)?)?;
                let a = r.attrs().map_err(bad)?;
                self.fsetstat(id, h, &a)
            }
            fxp::REMOVE => {
                let node = self.resolve(r.text().map_err(bad)?)?;
                self.remove(id, &node)
            }
            fxp::RENAME => {
                let from = self.resolve(r.text().map_err(bad)?)?;
                let to = self.resolve(r.text().map_err(bad)?)?;
                self.rename(&from, &to)?;
                self.ok(id)
            }
            fxp::MKDIR | fxp::RMDIR => self.refuse(Code::PermissionDenied, s::no_folders(lang)),
            fxp::SYMLINK | fxp::READLINK => self.refuse(Code::PermissionDenied, s::no_links(lang)),
            _ => self.refuse(Code::OpUnsupported, s::unsupported(lang)),
        }
    }

    /// The attributes of an open handle.
    fn fstat(&mut self, id: u32, h: u32) -> Answer {
        let lang = self.lang;
        let a = match self.handles.get(&h) {
            Some(Open::Dir(_)) => folder_attrs(0o755, None),
            Some(Open::Read(f)) => {
                let m = f.metadata().map_err(|e| io_refusal(&e, lang))?;
                file_attrs(m.len(), m.modified().unwrap_or(UNIX_EPOCH), false)
            }
            Some(Open::Upload(u)) => file_attrs(u.size, SystemTime::now(), true),
            None => return self.refuse(Code::Failure, ""),
        };
        Ok(Writer::new(fxp::ATTRS).u32(id).attrs(&a).finish())
    }

    /// The next chunk of an open folder's listing; end of file once it is drained.
    fn readdir(&mut self, id: u32, h: u32) -> Answer {
        let lang = self.lang;
        let Some(Open::Dir(list)) = self.handles.get_mut(&h) else {
            return self.refuse(Code::Failure, s::not_folder(lang));
        };
        if list.is_empty() {
            return self.refuse(Code::Eof, "");
        }
        let chunk: Vec<_> = list.drain(..list.len().min(DIR_CHUNK)).collect();
        let mut w = Writer::new(fxp::NAME)
            .u32(id)
            .u32(u32::try_from(chunk.len()).unwrap_or(0));
        for (name, a) in &chunk {
            w = w.text(name).text(&long_name(name, a, &self.user)).attrs(a);
        }
        Ok(w.finish())
    }

    /// Up to `len` bytes of an open file from `offset`.
    fn read(&mut self, id: u32, h: u32, offset: u64, len: u32) -> Answer {
        let lang = self.lang;
        let Some(Open::Read(f)) = self.handles.get_mut(&h) else {
            return self.refuse(Code::Failure, s::unsupported(lang));
        };
        let mut buf = vec![0; len as usize];
        let n = read_at(f, offset, &mut buf).map_err(|e| io_refusal(&e, lang))?;
        if n == 0 && len > 0 {
            return self.refuse(Code::Eof, "");
        }
        Ok(Writer::new(fxp::DATA).u32(id).bytes(&buf[..n]).finish())
    }

    /// Times of an upload are kept for its end; a size change is refused.
    fn fsetstat(&mut self, id: u32, h: u32, a: &Attrs) -> Answer {
        let lang = self.lang;
        if a.size.is_some() {
            return self.refuse(Code::OpUnsupported, s::unsupported(lang));
        }
        match self.handles.get_mut(&h) {
            Some(Open::Upload(u)) => u.times = a.times.or(u.times),
            Some(_) => {}
            None => return self.refuse(Code::Failure, ""),
        }
        self.ok(id)
    }

    /// Removes a plain file of a folder the user may write.
    fn remove(&mut self, id: u32, node: &Node) -> Answer {
        let lang = self.lang;
        let Some(path) = self.tree.file(node) else {
            return self.refuse(Code::PermissionDenied, s::no_folders(lang));
        };
        if plain_file(&path).is_none() {
            return self.refuse(Code::NoSuchFile, s::not_found(lang));
        }
        std::fs::remove_file(&path).map_err(|e| io_refusal(&e, lang))?;
        tracing::info!(user = %self.user, file = %node.path(), "sftp: removed");
        self.ok(id)
    }

    /// A handle on a folder's listing, while the user has room for one more.
    fn opendir(&mut self, id: u32, node: &Node) -> Answer {
        self.room_for_a_handle()?;
        let list = self.listing(node)?;
        self.add(id, Open::Dir(list))
    }

    /// A handle on a file opened as `flags` asks, while the user has room for one more.
    fn open_handle(&mut self, id: u32, node: &Node, flags: u32, announced: Option<u64>) -> Answer {
        self.room_for_a_handle()?;
        let open = self.open(node, flags, announced)?;
        self.add(id, open)
    }

    /// Closes a handle; closing an upload finishes it.
    fn close(&mut self, id: u32, h: u32) -> Answer {
        match self.handles.remove(&h) {
            Some(Open::Upload(u)) => self.finish(u).map(|()| status(id, Code::Ok, "")),
            Some(_) => self.ok(id),
            None => self.refuse(Code::Failure, ""),
        }
    }

    fn resolve(&self, path: &str) -> Result<Node, Refusal> {
        let lang = self.lang;
        resolve(path).map_err(|e| match e {
            PathError::Escape => (Code::PermissionDenied, s::escape(lang).into()),
            PathError::Outside(_) => (Code::PermissionDenied, s::outside(lang).into()),
            PathError::TooDeep => (Code::PermissionDenied, s::too_deep(lang).into()),
            PathError::Name(n, b) => (Code::PermissionDenied, s::bad_name(&n, b, lang)),
        })
    }

    fn handle_id(&self, h: &[u8]) -> Result<u32, Refusal> {
        std::str::from_utf8(h)
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or((Code::Failure, String::new()))
    }

    /// Refuses before any work when the session holds as many handles as it may.
    fn room_for_a_handle(&self) -> Result<(), Refusal> {
        if self.handles.len() >= MAX_HANDLES {
            return Err((Code::Failure, s::too_many_open(self.lang).into()));
        }
        Ok(())
    }

    fn add(&mut self, id: u32, open: Open) -> Answer {
        self.next = self.next.wrapping_add(1);
        while self.handles.contains_key(&self.next) {
            self.next = self.next.wrapping_add(1);
        }
        self.handles.insert(self.next, open);
        Ok(Writer::new(fxp::HANDLE)
            .u32(id)
            .text(&self.next.to_string())
            .finish())
    }

    fn attrs(&self, node: &Node) -> Result<Attrs, Refusal> {
        Ok(match node {
            Node::Root => folder_attrs(0o555, None),
            Node::Folder(f) => {
                let perm = if *f == Folder::Inbox { 0o755 } else { 0o555 };
                // A folder not made yet (nothing uploaded or written) is shown as new.
                let modified = std::fs::metadata(self.tree.dir(*f))
                    .and_then(|m| m.modified())
                    .unwrap_or_else(|_| SystemTime::now());
                folder_attrs(perm, Some(modified))
            }
            Node::File(f, _) => {
                let path = self.tree.file(node).unwrap_or_default();
                let m = plain_file(&path)
                    .ok_or((Code::NoSuchFile, s::not_found(self.lang).to_string()))?;
                file_attrs(
                    m.len(),
                    m.modified().unwrap_or(UNIX_EPOCH),
                    *f == Folder::Inbox,
                )
            }
        })
    }

    fn listing(&self, node: &Node) -> Result<Vec<(String, Attrs)>, Refusal> {
        match node {
            Node::Root => Ok(Folder::ALL
                .iter()
                .map(|f| {
                    let n = Node::Folder(*f);
                    (f.name().to_string(), self.attrs(&n).unwrap_or_default())
                })
                .collect()),
            Node::Folder(f) => {
                let entries =
                    inbox::entries(self.tree.dir(*f)).map_err(|e| io_refusal(&e, self.lang))?;
                Ok(entries
                    .into_iter()
                    .map(|e| {
                        let a = file_attrs(e.size, e.modified, *f == Folder::Inbox);
                        (e.name, a)
                    })
                    .collect())
            }
            Node::File(..) => Err((Code::Failure, s::not_folder(self.lang).into())),
        }
    }

    /// Opens a file; `announced` is the size a client may say an upload will have (WinSCP
    /// does), refused at once when over the limit.
    fn open(&self, node: &Node, flags: u32, announced: Option<u64>) -> Result<Open, Refusal> {
        let lang = self.lang;
        let Node::File(folder, name) = node else {
            return Err((Code::Failure, s::is_folder(lang).into()));
        };
        let path = self.tree.file(node).unwrap_or_default();
        let existing = std::fs::symlink_metadata(&path).ok();
        if existing.as_ref().is_some_and(|m| !m.file_type().is_file()) {
            // A link or a folder someone made on the server: not ours to follow.
            return Err((Code::PermissionDenied, s::no_links(lang).into()));
        }
        let writing = flags & (pflags::WRITE | pflags::CREAT | pflags::TRUNC | pflags::APPEND) != 0;
        if !writing {
            let f = File::open(&path).map_err(|e| io_refusal(&e, lang))?;
            // The file opened is the plain file looked at (not a link swapped in since).
            if !same_file(&f, existing.as_ref()) {
                return Err((Code::PermissionDenied, s::no_links(lang).into()));
            }
            return Ok(Open::Read(f));
        }
        if *folder != Folder::Inbox {
            return Err((Code::PermissionDenied, s::read_only(lang).into()));
        }
        if announced.is_some_and(|n| n > self.limits.max_file_bytes()) {
            return Err((Code::Failure, s::too_large(self.limits.max_file_mb, lang)));
        }
        if existing.is_some() && flags & pflags::EXCL != 0 {
            return Err((Code::Failure, s::exists(name, lang)));
        }
        if existing.is_none() && flags & pflags::CREAT == 0 {
            return Err((Code::NoSuchFile, s::not_found(lang).into()));
        }
        if existing.is_none() {
            let count = inbox::entries(&self.tree.inbox)
                .map_err(|e| io_refusal(&e, lang))?
                .len();
            if count >= self.limits.max_files as usize {
                return Err((Code::Failure, s::inbox_full(self.limits.max_files, lang)));
            }
        }
        std::fs::create_dir_all(&self.tree.inbox).map_err(|e| io_refusal(&e, lang))?;
        let n = UPLOADS.fetch_add(1, Ordering::Relaxed);
        let tmp = self.tree.inbox.join(format!(
            "{UPLOAD_PREFIX}{}-{n}{UPLOAD_SUFFIX}",
            std::process::id()
        ));
        let keep = existing.is_some() && flags & pflags::TRUNC == 0;
        if keep {
            std::fs::copy(&path, &tmp).map_err(|e| io_refusal(&e, lang))?;
        }
        let file = File::options()
            .write(true)
            .create(true)
            .truncate(!keep)
            .open(&tmp)
            .map_err(|e| io_refusal(&e, lang))?;
        let size = if keep {
            existing.map_or(0, |m| m.len())
        } else {
            0
        };
        Ok(Open::Upload(Upload {
            file,
            tmp,
            target: path,
            name: name.clone(),
            size,
            append: flags & pflags::APPEND != 0,
            failed: false,
            times: None,
        }))
    }

    fn write(&mut self, h: u32, offset: u64, data: &[u8]) -> Result<(), Refusal> {
        let lang = self.lang;
        let max = self.limits.max_file_bytes();
        let max_mb = self.limits.max_file_mb;
        let u = match self.handles.get_mut(&h) {
            Some(Open::Upload(u)) => u,
            Some(_) => return Err((Code::PermissionDenied, s::read_only(lang).into())),
            None => return Err((Code::Failure, String::new())),
        };
        if u.failed {
            return Err((Code::Failure, s::too_large(max_mb, lang)));
        }
        let at = if u.append { u.size } else { offset };
        let end = at.saturating_add(data.len() as u64);
        if end > max {
            u.failed = true;
            // Give the disk back at once; the name is released when the client closes.
            let _ = u.file.set_len(0);
            return Err((Code::Failure, s::too_large(max_mb, lang)));
        }
        u.file
            .seek(SeekFrom::Start(at))
            .and_then(|_| u.file.write_all(data))
            .map_err(|e| io_refusal(&e, lang))?;
        u.size = u.size.max(end);
        Ok(())
    }

    /// Closes an upload: discarded when it failed, otherwise made durable and given its name.
    fn finish(&self, u: Upload) -> Result<(), Refusal> {
        let lang = self.lang;
        if u.failed {
            drop(u.file);
            let _ = std::fs::remove_file(&u.tmp);
            return Err((Code::Failure, s::upload_discarded(lang).into()));
        }
        // A new name must still fit: other uploads may have filled the inbox meanwhile.
        if std::fs::symlink_metadata(&u.target).is_err() {
            let count = inbox::entries(&self.tree.inbox).map_or(0, |e| e.len());
            if count >= self.limits.max_files as usize {
                drop(u.file);
                let _ = std::fs::remove_file(&u.tmp);
                return Err((Code::Failure, s::inbox_full(self.limits.max_files, lang)));
            }
        }
        let done = u.file.sync_all().and_then(|()| {
            if let Some((_, mtime)) = u.times {
                u.file
                    .set_modified(UNIX_EPOCH + Duration::from_secs(u64::from(mtime)))?;
            }
            std::fs::rename(&u.tmp, &u.target)?;
            // The new name is durable too once the close is answered.
            File::open(&self.tree.inbox)?.sync_all()
        });
        if let Err(e) = done {
            let _ = std::fs::remove_file(&u.tmp);
            return Err(io_refusal(&e, lang));
        }
        tracing::info!(user = %self.user, file = %u.name, bytes = u.size, "sftp: uploaded");
        Ok(())
    }

    fn setstat(&self, node: &Node, a: &Attrs) -> Result<(), Refusal> {
        let lang = self.lang;
        if a.size.is_some() {
            return Err((Code::OpUnsupported, s::unsupported(lang).into()));
        }
        // Permissions are ours to keep; times of an inbox file may be set.
        let Some(path) = self.tree.file(node) else {
            return Ok(());
        };
        if plain_file(&path).is_none() {
            return Err((Code::NoSuchFile, s::not_found(lang).into()));
        }
        if let (Some((_, mtime)), Node::File(Folder::Inbox, _)) = (a.times, node) {
            File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(UNIX_EPOCH + Duration::from_secs(u64::from(mtime))))
                .map_err(|e| io_refusal(&e, lang))?;
        }
        Ok(())
    }

    fn rename(&self, from: &Node, to: &Node) -> Result<(), Refusal> {
        let lang = self.lang;
        let (Node::File(f1, _), Node::File(f2, name)) = (from, to) else {
            return Err((Code::PermissionDenied, s::no_folders(lang).into()));
        };
        if f1 != f2 {
            return Err((Code::PermissionDenied, s::other_folder(lang).into()));
        }
        let (Some(a), Some(b)) = (self.tree.file(from), self.tree.file(to)) else {
            return Err((Code::Failure, String::new()));
        };
        if plain_file(&a).is_none() {
            return Err((Code::NoSuchFile, s::not_found(lang).into()));
        }
        // A hard link fails when the new name exists, even if it appeared a moment ago.
        match std::fs::hard_link(&a, &b) {
            Ok(()) => std::fs::remove_file(&a).map_err(|e| io_refusal(&e, lang)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err((Code::Failure, s::exists(name, lang)))
            }
            Err(e) => Err(io_refusal(&e, lang)),
        }
    }
}

impl Drop for Engine {
    /// A session that ends mid-upload leaves nothing behind.
    fn drop(&mut self) {
        for (_, open) in self.handles.drain() {
            if let Open::Upload(u) = open {
                drop(u.file);
                let _ = std::fs::remove_file(&u.tmp);
            }
        }
    }
}

fn read_at(f: &mut File, offset: u64, buf: &mut [u8]) -> std::io::Result<usize> {
    f.seek(SeekFrom::Start(offset))?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Whether the opened file is the plain file seen before opening.
fn same_file(f: &File, seen: Option<&std::fs::Metadata>) -> bool {
    let (Ok(now), Some(seen)) = (f.metadata(), seen) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        now.dev() == seen.dev() && now.ino() == seen.ino()
    }
    #[cfg(not(unix))]
    {
        now.file_type().is_file() && seen.file_type().is_file()
    }
}

/// The canonical path of a resolved node, as its one name.
fn realpath(id: u32, node: &Node) -> Vec<u8> {
    let p = node.path();
    Writer::new(fxp::NAME)
        .u32(id)
        .u32(1)
        .text(&p)
        .text(&p)
        .attrs(&Attrs::default())
        .finish()
}

#[cfg(test)]
mod tests;

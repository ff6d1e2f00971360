use super::*;

/// A test client speaking to an engine over a temporary tree.
struct T {
    e: Engine,
    dir: tempfile::TempDir,
    id: u32,
}

/// A decoded reply.
#[derive(Debug, PartialEq)]
enum R {
    Status(Code, String),
    Handle(String),
    Data(Vec<u8>),
    Names(Vec<String>),
    Attrs(Attrs),
}

fn code(n: u32) -> Code {
    match n {
        0 => Code::Ok,
        1 => Code::Eof,
        2 => Code::NoSuchFile,
        3 => Code::PermissionDenied,
        4 => Code::Failure,
        5 => Code::BadMessage,
        _ => Code::OpUnsupported,
    }
}

impl T {
    fn new(limits: FileLimits) -> T {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::of(&dir.path().join("db.sqlite3"), "wang");
        std::fs::create_dir_all(&tree.outbox).unwrap();
        let mut e = Engine::new(tree, limits, Lang::En, "wang");
        let v = e.handle(&Writer::new(fxp::INIT).u32(3).finish()[4..]);
        assert_eq!(v[4], fxp::VERSION);
        T { e, dir, id: 0 }
    }

    fn inbox(&self) -> PathBuf {
        self.dir.path().join("inbox/wang")
    }

    fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox/wang")
    }

    fn send(&mut self, w: Writer) -> R {
        let p = w.finish();
        let reply = self.e.handle(&p[4..]);
        let mut r = Reader::new(&reply[4..]);
        let kind = r.u8().unwrap();
        assert_eq!(r.u32().unwrap(), self.id, "reply id");
        match kind {
            fxp::STATUS => R::Status(code(r.u32().unwrap()), r.text().unwrap().to_string()),
            fxp::HANDLE => R::Handle(r.text().unwrap().to_string()),
            fxp::DATA => R::Data(r.bytes().unwrap().to_vec()),
            fxp::NAME => {
                let n = r.u32().unwrap();
                let mut v = Vec::new();
                for _ in 0..n {
                    v.push(r.text().unwrap().to_string());
                    r.text().unwrap();
                    r.attrs().unwrap();
                }
                R::Names(v)
            }
            fxp::ATTRS => R::Attrs(r.attrs().unwrap()),
            k => panic!("reply type {k}"),
        }
    }

    fn req(&mut self, kind: u8) -> Writer {
        self.id += 1;
        Writer::new(kind).u32(self.id)
    }

    fn path(&mut self, kind: u8, p: &str) -> R {
        let w = self.req(kind).text(p);
        self.send(w)
    }

    fn open(&mut self, p: &str, flags: u32) -> R {
        let w = self
            .req(fxp::OPEN)
            .text(p)
            .u32(flags)
            .attrs(&Attrs::default());
        self.send(w)
    }

    fn handle(&mut self, kind: u8, h: &str) -> R {
        let w = self.req(kind).text(h);
        self.send(w)
    }

    fn write(&mut self, h: &str, offset: u64, data: &[u8]) -> R {
        let w = self.req(fxp::WRITE).text(h).u64(offset).bytes(data);
        self.send(w)
    }

    fn read(&mut self, h: &str, offset: u64, len: u32) -> R {
        let w = self.req(fxp::READ).text(h).u64(offset).u32(len);
        self.send(w)
    }

    /// Uploads `data` as `p` the way OpenSSH's `put` does.
    fn put(&mut self, p: &str, data: &[u8]) -> R {
        let R::Handle(h) = self.open(p, pflags::WRITE | pflags::CREAT | pflags::TRUNC) else {
            return self.open(p, pflags::WRITE | pflags::CREAT | pflags::TRUNC);
        };
        for (i, c) in data.chunks(5).enumerate() {
            let r = self.write(&h, (i * 5) as u64, c);
            if r != R::Status(Code::Ok, String::new()) {
                self.handle(fxp::CLOSE, &h);
                return r;
            }
        }
        self.handle(fxp::CLOSE, &h)
    }

    fn get(&mut self, p: &str) -> Result<Vec<u8>, R> {
        let h = match self.open(p, pflags::READ) {
            R::Handle(h) => h,
            other => return Err(other),
        };
        let mut out = Vec::new();
        loop {
            match self.read(&h, out.len() as u64, 4) {
                R::Data(d) => out.extend(d),
                R::Status(Code::Eof, _) => break,
                other => return Err(other),
            }
        }
        self.handle(fxp::CLOSE, &h);
        Ok(out)
    }

    fn ls(&mut self, p: &str) -> Vec<String> {
        let R::Handle(h) = self.path(fxp::OPENDIR, p) else {
            panic!("opendir {p}")
        };
        let mut names = Vec::new();
        while let R::Names(n) = self.handle(fxp::READDIR, &h) {
            names.extend(n);
        }
        self.handle(fxp::CLOSE, &h);
        names
    }
}

fn ok() -> R {
    R::Status(Code::Ok, String::new())
}

fn denied(r: &R) -> bool {
    matches!(r, R::Status(Code::PermissionDenied, m) if !m.is_empty())
}

#[test]
fn upload_list_download_rename_remove() {
    let mut t = T::new(FileLimits::default());
    assert_eq!(t.path(fxp::REALPATH, "."), R::Names(vec!["/".into()]));
    assert_eq!(t.ls("/"), vec!["inbox", "outbox"]);
    assert_eq!(t.ls("/inbox"), Vec::<String>::new());
    let data = "单位名称,统一社会信用代码\r\n甲,9113\r\n".as_bytes();
    assert_eq!(t.put("/inbox/企业.csv", data), ok());
    assert_eq!(std::fs::read(t.inbox().join("企业.csv")).unwrap(), data);
    assert_eq!(t.ls("inbox"), vec!["企业.csv"]);
    assert_eq!(t.get("/inbox/企业.csv").unwrap(), data);
    let R::Attrs(a) = t.path(fxp::STAT, "/inbox/企业.csv") else {
        panic!()
    };
    assert_eq!(a.size, Some(data.len() as u64));
    // WinSCP's way: a temporary name, then renamed.
    assert_eq!(t.put("/inbox/b.xlsx.filepart", b"PK"), ok());
    let w = t
        .req(fxp::RENAME)
        .text("/inbox/b.xlsx.filepart")
        .text("/inbox/b.xlsx");
    assert_eq!(t.send(w), ok());
    let mut names = t.ls("/inbox");
    names.sort();
    assert_eq!(names, vec!["b.xlsx", "企业.csv"]);
    assert_eq!(t.path(fxp::REMOVE, "/inbox/b.xlsx"), ok());
    assert!(matches!(
        t.path(fxp::REMOVE, "/inbox/b.xlsx"),
        R::Status(Code::NoSuchFile, _)
    ));
    // Outbox: download and delete, never upload.
    std::fs::write(t.outbox().join("通报.html"), "<p>").unwrap();
    assert_eq!(t.get("/outbox/通报.html").unwrap(), b"<p>");
    assert!(denied(&t.put("/outbox/x.html", b"x")));
    assert!(denied(&t.put("/x.html", b"x")));
    assert_eq!(t.path(fxp::REMOVE, "/outbox/通报.html"), ok());
}

#[test]
fn nothing_outside_the_tree_is_reachable() {
    let mut t = T::new(FileLimits::default());
    let secret = t.dir.path().join("db.sqlite3");
    std::fs::write(&secret, "secret").unwrap();
    for p in [
        "..",
        "/..",
        "../db.sqlite3",
        "/inbox/../../db.sqlite3",
        "/inbox/../../../../etc/passwd",
        "/etc/passwd",
        "db.sqlite3",
        "/inbox/sub/x",
        "/inbox/.hidden",
        "/inbox/..\\..\\db.sqlite3",
    ] {
        assert!(denied(&t.path(fxp::STAT, p)), "stat {p}");
        assert!(denied(&t.open(p, pflags::READ)), "open {p}");
        assert!(
            denied(&t.open(p, pflags::WRITE | pflags::CREAT)),
            "create {p}"
        );
        assert!(denied(&t.path(fxp::REMOVE, p)), "remove {p}");
        assert!(denied(&t.path(fxp::REALPATH, p)), "realpath {p}");
    }
    assert!(denied(&t.path(fxp::OPENDIR, "/..")));
    assert!(denied(&t.path(fxp::MKDIR, "/inbox/sub")));
    assert!(denied(&t.path(fxp::RMDIR, "/inbox")));
    let w = t.req(fxp::SYMLINK).text("/inbox/l").text("/etc/passwd");
    assert!(denied(&t.send(w)));
    let w = t
        .req(fxp::RENAME)
        .text("/inbox/../../db.sqlite3")
        .text("/inbox/x");
    assert!(denied(&t.send(w)));
    assert_eq!(std::fs::read(&secret).unwrap(), b"secret");
}

#[cfg(unix)]
#[test]
fn links_placed_on_the_server_are_not_followed() {
    let mut t = T::new(FileLimits::default());
    std::fs::create_dir_all(t.inbox()).unwrap();
    let secret = t.dir.path().join("db.sqlite3");
    std::fs::write(&secret, "secret").unwrap();
    std::os::unix::fs::symlink(&secret, t.inbox().join("link.csv")).unwrap();
    assert!(denied(&t.open("/inbox/link.csv", pflags::READ)));
    assert!(denied(&t.put("/inbox/link.csv", b"overwrite")));
    assert!(matches!(
        t.path(fxp::STAT, "/inbox/link.csv"),
        R::Status(Code::NoSuchFile, _)
    ));
    assert_eq!(t.ls("/inbox"), Vec::<String>::new());
    assert_eq!(std::fs::read(&secret).unwrap(), b"secret");
}

#[test]
fn size_and_count_limits() {
    let mut t = T::new(FileLimits {
        max_file_mb: 1,
        max_files: 2,
    });
    let big = vec![b'x'; 1024 * 1024 + 1];
    let R::Status(Code::Failure, m) = t.put("/inbox/big.csv", &big) else {
        panic!("a file over the limit is refused")
    };
    assert!(m.contains("1 MB"), "{m}");
    // Nothing kept, not even the partial file.
    assert_eq!(std::fs::read_dir(t.inbox()).unwrap().count(), 0);
    // A client that says the size up front is refused before sending anything.
    let w = t
        .req(fxp::OPEN)
        .text("/inbox/big.csv")
        .u32(pflags::WRITE | pflags::CREAT)
        .attrs(&Attrs {
            size: Some(1024 * 1024 + 1),
            ..Attrs::default()
        });
    assert!(matches!(t.send(w), R::Status(Code::Failure, m) if m.contains("1 MB")));
    assert_eq!(t.put("/inbox/a.csv", b"a"), ok());
    assert_eq!(t.put("/inbox/b.csv", b"b"), ok());
    let R::Status(Code::Failure, m) = t.put("/inbox/c.csv", b"c") else {
        panic!("a third file is refused")
    };
    assert!(m.contains("2 files"), "{m}");
    // Replacing a file is not a new one.
    assert_eq!(t.put("/inbox/b.csv", b"bb"), ok());
    assert_eq!(std::fs::read(t.inbox().join("b.csv")).unwrap(), b"bb");
}

#[test]
fn a_half_sent_file_is_never_seen() {
    let mut t = T::new(FileLimits::default());
    assert_eq!(t.put("/inbox/old.csv", b"old"), ok());
    let R::Handle(h) = t.open(
        "/inbox/old.csv",
        pflags::WRITE | pflags::CREAT | pflags::TRUNC,
    ) else {
        panic!()
    };
    assert_eq!(t.write(&h, 0, b"new but unfin"), ok());
    assert_eq!(t.ls("/inbox"), vec!["old.csv"]);
    assert_eq!(std::fs::read(t.inbox().join("old.csv")).unwrap(), b"old");
    // The session ends without closing: the partial upload goes.
    let inbox = t.inbox();
    drop(t.e);
    let left: Vec<_> = std::fs::read_dir(&inbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(left, vec!["old.csv"]);
}

#[test]
fn bad_names_get_clear_answers() {
    let mut t = T::new(FileLimits::default());
    let R::Status(Code::PermissionDenied, m) = t.put("/inbox/a:b.csv", b"x") else {
        panic!()
    };
    assert!(m.contains("a:b.csv"), "{m}");
    let R::Status(Code::Failure, m) = t.open("/inbox", pflags::READ) else {
        panic!()
    };
    assert!(m.contains("folder"), "{m}");
}

#[test]
fn names_not_in_utf8_are_refused_with_advice() {
    let mut t = T::new(FileLimits::default());
    t.id += 1;
    let p = Writer::new(fxp::STAT)
        .u32(t.id)
        .bytes(b"/inbox/\xc6\xf3\xd2\xb5.csv")
        .finish();
    let reply = t.e.handle(&p[4..]);
    let mut r = Reader::new(&reply[4..]);
    assert_eq!(r.u8().unwrap(), fxp::STATUS);
    r.u32().unwrap();
    assert_eq!(r.u32().unwrap(), Code::Failure as u32);
    assert!(r.text().unwrap().contains("UTF-8"));
}

#[test]
fn garbage_never_panics() {
    let mut t = T::new(FileLimits::default());
    for p in [
        &[][..],
        &[fxp::OPEN],
        &[fxp::OPEN, 0, 0, 0, 1],
        &[fxp::OPEN, 0, 0, 0, 1, 255, 255, 255, 255],
        &[fxp::READ, 0, 0, 0, 1, 0, 0, 0, 1, b'x'],
        &[fxp::WRITE, 0, 0, 0, 1, 0, 0, 0, 2, b'9', b'9'],
        &[fxp::CLOSE, 0, 0, 0, 1, 0, 0, 0, 1, b'7'],
        &[99, 0, 0, 0, 1],
    ] {
        let reply = t.e.handle(p);
        assert_eq!(reply[4], fxp::STATUS, "{p:?}");
    }
}

#[test]
fn an_interrupted_upload_resumes_where_it_stopped() {
    let mut t = T::new(FileLimits::default());
    // WinSCP's resume: the partial file is there under its temporary name ...
    assert_eq!(t.put("/inbox/a.xlsx.filepart", b"first half, "), ok());
    // ... reopened without truncation, written from where it ended, then renamed.
    let R::Handle(h) = t.open("/inbox/a.xlsx.filepart", pflags::WRITE) else {
        panic!()
    };
    assert_eq!(t.write(&h, 12, b"second half"), ok());
    assert_eq!(t.handle(fxp::CLOSE, &h), ok());
    assert_eq!(
        std::fs::read(t.inbox().join("a.xlsx.filepart")).unwrap(),
        b"first half, second half"
    );
    // Append ignores offsets.
    let R::Handle(h) = t.open("/inbox/a.xlsx.filepart", pflags::WRITE | pflags::APPEND) else {
        panic!()
    };
    assert_eq!(t.write(&h, 0, b"!"), ok());
    assert_eq!(t.handle(fxp::CLOSE, &h), ok());
    assert_eq!(
        std::fs::read(t.inbox().join("a.xlsx.filepart")).unwrap(),
        b"first half, second half!"
    );
    // Opening a missing file without CREAT finds nothing; EXCL refuses an existing one.
    assert!(matches!(
        t.open("/inbox/none.csv", pflags::WRITE),
        R::Status(Code::NoSuchFile, _)
    ));
    assert!(matches!(
        t.open(
            "/inbox/a.xlsx.filepart",
            pflags::WRITE | pflags::CREAT | pflags::EXCL
        ),
        R::Status(Code::Failure, _)
    ));
}

#[test]
fn handles_are_limited_and_unknown_ones_refused() {
    let mut t = T::new(FileLimits::default());
    std::fs::write(t.outbox().join("r.html"), "<p>").unwrap();
    let mut open = Vec::new();
    for _ in 0..MAX_HANDLES {
        let R::Handle(h) = t.open("/outbox/r.html", pflags::READ) else {
            panic!()
        };
        open.push(h);
    }
    let R::Status(Code::Failure, m) = t.path(fxp::OPENDIR, "/outbox") else {
        panic!()
    };
    assert!(m.contains("too many"), "{m}");
    assert!(matches!(
        t.open("/inbox/new.csv", pflags::WRITE | pflags::CREAT),
        R::Status(Code::Failure, _)
    ));
    // Nothing was started for the refused upload.
    assert!(!t.inbox().exists() || std::fs::read_dir(t.inbox()).unwrap().count() == 0);
    assert_eq!(t.handle(fxp::CLOSE, &open[0]), ok());
    assert!(matches!(t.path(fxp::OPENDIR, "/outbox"), R::Handle(_)));
    let w = t.req(fxp::FSETSTAT).text("999").attrs(&Attrs::default());
    assert!(matches!(t.send(w), R::Status(Code::Failure, _)));
}

#[test]
fn a_rename_never_replaces_a_file() {
    let mut t = T::new(FileLimits::default());
    assert_eq!(t.put("/inbox/a.csv", b"a"), ok());
    assert_eq!(t.put("/inbox/b.csv", b"b"), ok());
    let w = t.req(fxp::RENAME).text("/inbox/a.csv").text("/inbox/b.csv");
    let R::Status(Code::Failure, m) = t.send(w) else {
        panic!()
    };
    assert!(m.contains("b.csv"), "{m}");
    assert_eq!(std::fs::read(t.inbox().join("a.csv")).unwrap(), b"a");
    assert_eq!(std::fs::read(t.inbox().join("b.csv")).unwrap(), b"b");
}

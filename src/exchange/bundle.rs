//! The quarterly evidence bundle (issue 18): named files packed into one ZIP (stored, not
//! compressed: scans and office files are compressed already) with a `SHA256SUMS` manifest in
//! the format `sha256sum -c` checks (`<hex>  <path>` per line, paths relative to the ZIP's root).

use std::io::Write;

/// The manifest's name inside the bundle.
pub const MANIFEST: &str = "SHA256SUMS";

/// `SHA256SUMS` of `files`, in their order.
pub fn manifest(files: &[(String, Vec<u8>)]) -> String {
    files
        .iter()
        .map(|(name, bytes)| format!("{}  {name}\n", crate::domain::audit::file_digest(bytes)))
        .collect()
}

/// A ZIP of `files` (paths with `/`) and their manifest. Duplicate names are refused by the
/// ZIP writer; callers make names unique.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o644);
    for (name, bytes) in files {
        w.start_file(name.as_str(), opts)?;
        w.write_all(bytes)?;
    }
    w.start_file(MANIFEST, opts)?;
    w.write_all(manifest(files).as_bytes())?;
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_every_file_and_the_zip_holds_them() {
        let files = vec![
            ("a.txt".to_string(), b"abc".to_vec()),
            ("典型案例/1-scan.pdf".to_string(), b"%PDF-1.4".to_vec()),
        ];
        let m = manifest(&files);
        assert_eq!(
            m.lines().next().unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt"
        );
        let z = zip(&files).unwrap();
        let mut r = zip::ZipArchive::new(std::io::Cursor::new(z)).unwrap();
        let mut names: Vec<String> = r.file_names().map(|n| n.unwrap().to_string()).collect();
        names.sort();
        assert_eq!(names, ["SHA256SUMS", "a.txt", "典型案例/1-scan.pdf"]);
        let mut s = String::new();
        std::io::Read::read_to_string(&mut r.by_name("SHA256SUMS").unwrap(), &mut s).unwrap();
        assert_eq!(s, m);
    }
}

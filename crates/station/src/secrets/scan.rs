//! The secrecy scan: proof that a token reached no file of a data directory.

use std::path::{Path, PathBuf};

use shippo::Token;

/// Secret parts shorter than this are not searched on their own (too many chance matches).
const MIN_PART: usize = 16;

/// Every file under `dir` (recursively: database, WAL and journal files, logs, label cache, virtual
/// printer output…) that contains `token` in any of these forms: as it is, lowercase, uppercase, the
/// secret part after `shippo_test_`/`shippo_live_` alone (same three cases), and UTF-16LE.
///
/// A file that cannot be read is reported too: absence of the token cannot be proven for it.
/// Symbolic links are not followed. An empty result means the directory is clean.
pub fn secrecy_scan(dir: &Path, token: &Token) -> Vec<PathBuf> {
    let needles = needles(token);
    let mut hits = Vec::new();
    if needles.is_empty() {
        return hits;
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            hits.push(path);
            continue;
        };
        if meta.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => pending.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
                Err(_) => hits.push(path),
            }
        } else if meta.is_file() {
            match std::fs::read(&path) {
                Ok(bytes) if needles.iter().any(|n| contains(&bytes, n)) => hits.push(path),
                Ok(_) => {}
                Err(_) => hits.push(path),
            }
        }
    }
    if !hits.is_empty() {
        tracing::warn!(count = hits.len(), dir = %dir.display(), "secrecy scan found the token");
    }
    hits.sort();
    hits
}

/// The byte strings that give the token away.
fn needles(token: &Token) -> Vec<Vec<u8>> {
    let raw = token.expose();
    if raw.is_empty() {
        return Vec::new();
    }
    let part = raw
        .strip_prefix("shippo_test_")
        .or_else(|| raw.strip_prefix("shippo_live_"))
        .unwrap_or(raw);
    let mut texts = vec![raw.to_owned(), raw.to_lowercase(), raw.to_uppercase()];
    if part.len() >= MIN_PART {
        texts.extend([part.to_owned(), part.to_lowercase(), part.to_uppercase()]);
    }
    texts.sort();
    texts.dedup();
    let mut needles: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
    needles.push(raw.encode_utf16().flat_map(u16::to_le_bytes).collect());
    needles
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "shippo_test_0123456789abcdef0123456789ABCDEF0123a1b2";

    #[test]
    fn finds_every_form_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let token = Token::new(T);
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("clean.log"), "token shippo_test_…a1b2 saved").unwrap();
        std::fs::write(dir.path().join("raw.db"), format!("xx{T}yy")).unwrap();
        std::fs::write(dir.path().join("a/lower.txt"), T.to_lowercase()).unwrap();
        std::fs::write(dir.path().join("a/b/part.wal"), &T[12..]).unwrap();
        let utf16: Vec<u8> = T.encode_utf16().flat_map(u16::to_le_bytes).collect();
        std::fs::write(dir.path().join("a/b/utf16.bin"), utf16).unwrap();
        let hits = secrecy_scan(dir.path(), &token);
        let names: Vec<_> = hits
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["part.wal", "utf16.bin", "lower.txt", "raw.db"]);
    }
}

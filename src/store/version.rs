//! Which version of a store a reader sees, for keeping answers: a
//! fingerprint of the files that hold the store's data, which changes when a
//! writer commits and is the same for the same files across processes; and
//! whether a query gives the same answer on the same version each time.
//! Used by the result caches of `serve` and of `newsgraph query`.

use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// Names, sizes and modification times of the files that hold the data
/// (write-ahead logs, tables, manifests), hashed: it changes when a writer
/// commits. Reading the store (a read-only open, a query) changes none of them.
pub fn fingerprint(dir: &Path) -> u64 {
    let mut entries: Vec<(String, u64, u128)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let data = name.ends_with(".log")
                || name.ends_with(".sst")
                || name.starts_with("MANIFEST")
                || name == "CURRENT";
            let meta = e.metadata().ok().filter(|_| data)?;
            let modified = meta
                .modified()
                .unwrap_or(SystemTime::UNIX_EPOCH)
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            Some((name, meta.len(), modified))
        })
        .collect();
    entries.sort();
    // SHA-256 rather than the standard hasher: the value is kept on disk
    // (answers of `newsgraph query`), so it must not change between builds.
    let mut h = Sha256::new();
    for (name, len, modified) in &entries {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(len.to_le_bytes());
        h.update(modified.to_le_bytes());
    }
    let digest = h.finalize();
    u64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
}

/// Whether a query gives the same answer on the same store each time: not
/// so with `NOW()`, `RAND()`, `UUID()` or `STRUUID()` (case and spaces
/// ignored, so the query as written or as parsed and written back).
pub fn deterministic(query: &str) -> bool {
    let compact: String = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    !["NOW(", "RAND(", "UUID(", "STRUUID("]
        .iter()
        .any(|f| compact.contains(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_with_now_rand_or_uuid_are_not_deterministic() {
        assert!(deterministic("SELECT ?s WHERE { ?s ?p ?o }"));
        assert!(!deterministic("SELECT (NOW() AS ?t) WHERE {}"));
        assert!(!deterministic("SELECT (rand () AS ?t) WHERE {}"));
        assert!(!deterministic("SELECT (STRUUID() AS ?t) WHERE {}"));
        assert!(!deterministic("SELECT (UUID() AS ?t) WHERE {}"));
    }

    #[test]
    fn the_fingerprint_follows_the_data_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let empty = fingerprint(dir.path());
        assert_eq!(empty, fingerprint(dir.path()), "same files, same value");
        std::fs::write(dir.path().join("LOG"), "info").unwrap();
        assert_eq!(empty, fingerprint(dir.path()), "the info log is no data");
        std::fs::write(dir.path().join("000012.log"), "a").unwrap();
        let one = fingerprint(dir.path());
        assert_ne!(empty, one);
        std::fs::write(dir.path().join("000012.log"), "ab").unwrap();
        assert_ne!(
            one,
            fingerprint(dir.path()),
            "a longer log is a new version"
        );
    }
}

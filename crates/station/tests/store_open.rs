//! Opening the order database: several processes at once on a new data dir, durability settings,
//! and file permissions, on real SQLite files.

use std::sync::{Arc, Barrier};

use station::Store;

/// Opens one new database file from `openers` threads at the same instant, each with its own
/// connection (as two processes would). Returns the errors.
fn open_at_once(openers: usize) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("data/profile/shipbench.db");
    let barrier = Arc::new(Barrier::new(openers));
    let handles: Vec<_> = (0..openers)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
            })
        })
        .collect();
    let errors: Vec<String> = handles.into_iter().filter_map(|h| h.join().expect("thread").err()).collect();
    if errors.is_empty() {
        let store = Store::open(&path).expect("reopen");
        let tables: i64 = store
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'orders'", [], |r| r.get(0))?))
            .expect("schema");
        assert_eq!(tables, 1);
    }
    errors
}

#[test]
fn a_new_data_dir_opened_by_several_at_once_is_migrated_once_without_errors() {
    let trials = 40;
    let mut failed = Vec::new();
    for _ in 0..trials {
        let errors = open_at_once(4);
        if !errors.is_empty() {
            failed.push(errors);
        }
    }
    println!("migration race: {} of {trials} trials (4 openers each) failed", failed.len());
    assert!(failed.is_empty(), "{} of {trials} trials failed, first: {:?}", failed.len(), failed[0]);
}

#[test]
fn the_store_syncs_every_commit_to_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");
    let (mode, sync): (String, i64) = store
        .read(|c| {
            Ok((
                c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
                c.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
            ))
        })
        .expect("pragmas");
    assert_eq!(mode, "wal");
    assert_eq!(sync, 2, "synchronous=FULL: a commit (the purchase journal's PENDING row) survives a power cut");
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use station::Store;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
    }

    fn write_something(store: &Store) {
        store
            .write(|tx| Ok(tx.execute_batch("CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)")?))
            .expect("write");
    }

    /// The database's folder and the folders above it up to `top` are 0700; the database and its
    /// -wal and -shm files 0600.
    fn assert_private(top: &Path, db: &Path) {
        for dir in db.ancestors().skip(1).take_while(|d| d.starts_with(top)) {
            assert_eq!(mode(dir), 0o700, "{} must be readable by its owner only", dir.display());
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = Path::new(&format!("{}{suffix}", db.display())).to_path_buf();
            assert_eq!(mode(&file), 0o600, "{} must be readable by its owner only", file.display());
        }
    }

    #[test]
    fn a_new_data_dir_and_its_database_files_are_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let db = data.join("test-profile/shipbench.db");
        let store = Store::open(&db).expect("open");
        write_something(&store);
        assert_private(&data, &db);
    }

    #[test]
    fn files_an_older_shipbench_left_readable_are_made_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let db = data.join("test-profile/shipbench.db");
        let store = Store::open(&db).expect("open");
        write_something(&store);
        drop(store);
        // As an older Shipbench left them: 0755 folders, 0644 files (wal and shm too).
        let conn = rusqlite::Connection::open(&db).expect("keep the wal");
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).expect("wal");
        conn.execute_batch("CREATE TABLE IF NOT EXISTS probe2 (x)").expect("write");
        for p in [&data, &db.parent().expect("profile").to_path_buf()] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).expect("chmod dir");
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", db.display());
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod file");
        }
        let store = Store::open(&db).expect("reopen");
        write_something(&store);
        // The folder the store lives in is made private again (the data dir above it is the
        // caller's: see `station::store::private_dir`).
        assert_private(db.parent().expect("profile"), &db);
        drop(conn);
    }
}

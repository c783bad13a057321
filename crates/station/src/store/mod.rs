//! # The order cache: one SQLite file per account and mode
//!
//! The store keeps what a packing bench needs with the network down: orders with their addresses and
//! line items, shipments, rates, transactions and label files, print jobs, the purchase journal and
//! per-order locks, tracking, an address-validation cache, sync progress and settings.
//!
//! Shape of the API: every table group has a module of free functions taking a `&Connection`
//! (a [`rusqlite::Transaction`] derefs to one), so callers compose several writes in one
//! transaction through [`Store::write`]. Async callers use [`Store::read_async`] /
//! [`Store::write_async`], which run the closure on the blocking pool so SQLite never stalls the
//! runtime (and never blocks the UI).
//!
//! Label bytes are kept **once per content** as BLOBs in `label_blobs`, keyed by their sha256; the
//! `labels` table points at them. BLOBs (not loose files) keep a label and the rows that name it in
//! one atomic transaction and one file to back up; a 4x6 label is a few kB (ZPL) to ~100 kB (PDF).
//!
//! The connection runs in WAL mode with `synchronous=FULL` (a commit is on disk when it returns),
//! foreign keys on and a busy timeout, so a second process (the CLI beside the app) waits instead of
//! failing. On Unix the database's folder is 0700 and its files 0600: they hold customers'
//! addresses.

pub mod address_cache;
pub mod batches;
pub mod history;
pub mod labels;
pub mod manifests;
pub mod migrations;
pub mod order_edits;
pub mod orders;
pub mod print_jobs;
pub mod purchases;
pub mod search;
pub mod search_index;
pub mod settings;
pub mod shipments;
pub mod sync_state;
pub mod time;
pub mod tracking;
pub mod transactions;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StationError};

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A handle on the order cache. Cheap to clone; clones share one connection.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and migrates it to the current schema.
    ///
    /// The caller chooses the path (one file per account and mode, see `station::account`). The
    /// parent folder is created if missing; on Unix it is made 0700 and the database files 0600.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            private_dir(parent)?;
        }
        private_files(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let open_err = |source| StationError::StoreOpen {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open_with_flags(&path, flags).map_err(open_err)?;
        configure(&conn, true).map_err(open_err)?;
        migrations::migrate(&mut conn)?;
        rebuild_search(&mut conn)?;
        tracing::debug!(path = %path.display(), "order cache opened");
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: Some(path),
        })
    }

    /// Opens a fresh database in memory. For unit tests only: nothing survives the handle.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn: Arc::new(Mutex::new(conn)),
            path: None,
        })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        // A panic while holding the lock leaves SQLite itself consistent (the transaction rolls
        // back on drop), so a poisoned mutex is safe to reuse.
        Ok(self.conn.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs read-only work on the connection (blocking the calling thread).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&conn)
    }

    /// Runs `f` inside one immediate transaction: all its writes commit together or not at all.
    pub fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Store::read`] on the blocking pool, for async callers.
    pub async fn read_async<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.read(f))
            .await
            .map_err(|e| StationError::Worker(e.to_string()))?
    }

    /// [`Store::write`] on the blocking pool, for async callers.
    pub async fn write_async<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.write(f))
            .await
            .map_err(|e| StationError::Worker(e.to_string()))?
    }
}

/// Creates `dir` (and any missing folders above it) readable by its owner only (0700 on Unix), and
/// makes an existing `dir` so: it holds customers' addresses. Callers use it for the data dir too.
pub fn private_dir(dir: &Path) -> Result<()> {
    let io_err = |source| StationError::Io { path: dir.to_path_buf(), source };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(io_err)?;
        let mode = std::fs::metadata(dir).map_err(io_err)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io_err)?;
            tracing::info!(dir = %dir.display(), from = format!("{mode:o}"), "folder made private (0700)");
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).map_err(io_err)?;
    Ok(())
}

/// Creates the database file readable by its owner only (0600 on Unix) before SQLite opens it, and
/// makes it and its `-wal`/`-shm` files so if an older version left them readable. SQLite creates
/// the `-wal` and `-shm` files with the database file's permissions.
fn private_files(db: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .append(true)
            .mode(0o600)
            .open(db)
            .map_err(|source| StationError::Io { path: db.to_path_buf(), source })?;
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            let file = PathBuf::from(name);
            let Ok(meta) = std::fs::metadata(&file) else { continue };
            if meta.permissions().mode() & 0o077 != 0 {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(|source| StationError::Io { path: file.clone(), source })?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = db;
    Ok(())
}

fn rebuild_search(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let n = search_index::rebuild_missing(&tx)?;
    tx.commit()?;
    if n > 0 {
        tracing::info!(orders = n, "search index rebuilt");
    }
    Ok(())
}

/// Runs `f` again while SQLite answers busy or locked, for up to [`BUSY_TIMEOUT`].
fn wait_while_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match f() {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

fn configure(conn: &Connection, file: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        // journal_mode returns a row; query it rather than execute it.
        // Switching a new file to WAL needs a lock SQLite does not wait for (no busy handler), so a
        // second process opening the same new file at that instant is told "database is locked".
        let mode: String = wait_while_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "SQLite refused WAL mode; continuing with the default journal");
        }
        // FULL: every commit (above all the purchase journal's PENDING row, the proof that money
        // may have been spent) is on disk before the commit returns, even through a power cut.
        // NORMAL under WAL may lose the last commits.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_runs_wal_with_foreign_keys_and_busy_timeout() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path().join("a/b/shipbench.db")).expect("open");
        store
            .read(|c| {
                let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
                let busy: i64 = c.query_row("PRAGMA busy_timeout", [], |r| r.get(0))?;
                assert_eq!(mode, "wal");
                assert_eq!(fk, 1);
                assert_eq!(busy, 5000);
                Ok(())
            })
            .expect("pragmas");
        drop(store);
        // Re-opening an up-to-date file is a no-op migration.
        Store::open(dir.path().join("a/b/shipbench.db")).expect("reopen");
    }
}

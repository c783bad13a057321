//! Ordered schema migrations. Append new steps; never edit a released one.
//!
//! The schema version is SQLite's `user_version`. Two processes may open a new data dir at the
//! same instant (the window and the CLI), so the version is read **inside** a `BEGIN IMMEDIATE`
//! transaction, which holds the database's write lock from its first statement: the second process
//! waits for the first to commit, then reads the new version and has nothing left to do. (A
//! library runner that reads the version before it begins its transaction lets both processes see
//! version 0, and the second fails with "table orders already exists".)

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StationError};

/// The steps, oldest first. Step `i` brings the schema from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    include_str!("sql/001_initial.sql"),
    include_str!("sql/002_order_number_nocase.sql"),
    include_str!("sql/003_print_job_spooler_id.sql"),
    include_str!("sql/004_bench_edits.sql"),
    include_str!("sql/005_manifests.sql"),
    include_str!("sql/006_batches.sql"),
    include_str!("sql/007_warehouse.sql"),
];

/// The schema version this build writes.
pub const LATEST: usize = STEPS.len();

/// Brings the database to the newest schema, all steps in one transaction. Safe to call on every
/// open, from several processes at once.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // Up to date (every open but the first): nothing to lock. The answer may be stale only towards
    // "behind", which the locked re-read below settles.
    if version(conn)? == LATEST {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = version(&tx)?;
    if current > LATEST {
        return Err(StationError::Migration(format!(
            "the file has schema version {current}, this Shipbench knows versions up to {LATEST}"
        )));
    }
    if current == LATEST {
        return Ok(()); // the transaction rolls back: nothing was written
    }
    for (i, sql) in STEPS.iter().enumerate().skip(current) {
        tx.execute_batch(sql)
            .map_err(|e| StationError::Migration(format!("step {} failed: {e}", i + 1)))?;
    }
    tx.pragma_update(None, "user_version", LATEST as i64)?;
    tx.commit()?;
    tracing::info!(from = current, to = LATEST, "order database migrated");
    Ok(())
}

/// The schema version of the database (0 for a new file).
pub fn version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    usize::try_from(v).map_err(|_| StationError::Migration(format!("the file has schema version {v}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_to_a_new_database_and_again_as_a_no_op() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn).expect("migrate");
        assert_eq!(version(&conn).expect("version"), LATEST);
        migrate(&mut conn).expect("again");
        assert_eq!(version(&conn).expect("version"), LATEST);
    }

    #[test]
    fn a_database_from_a_newer_shipbench_is_refused() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", LATEST as i64 + 1).expect("set");
        let err = migrate(&mut conn).expect_err("too new");
        assert!(err.to_string().contains("newer Shipbench"), "{err}");
    }
}

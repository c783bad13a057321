//! Ordered schema migrations. Append new steps; never edit a released one.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("sql/001_initial.sql")),
        M::up(include_str!("sql/002_order_number_nocase.sql")),
        M::up(include_str!("sql/004_print_job_spooler_id.sql")),
    ])
}

/// Brings the database to the newest schema. Safe to call on every open.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("valid migrations");
    }
}

//! Ordered schema migrations. Append new steps; never edit a released one.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

/// Brings the database to the newest schema. Safe to call on every open.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = Migrations::new(vec![M::up(include_str!("sql/001_initial.sql"))]);
    migrations.to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        let migrations = Migrations::new(vec![M::up(include_str!("sql/001_initial.sql"))]);
        migrations.validate().expect("valid migrations");
    }
}

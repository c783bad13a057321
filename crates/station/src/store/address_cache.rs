//! Cache of address validations, so the same address is not validated twice.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::orders::Address;
use super::time;
use crate::error::Result;

/// A cached validation outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressValidation {
    /// The address as entered.
    pub input: Address,
    /// Shippo's answer (the validated address with `validation_results`), as JSON.
    pub result: serde_json::Value,
    /// Whether Shippo called it valid.
    pub is_valid: bool,
    /// When validated.
    pub validated_at: String,
}

/// The cache key of an address: sha256 of its fields, trimmed and upper-cased.
pub fn key(a: &Address) -> String {
    let norm = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_uppercase();
    let joined = [
        norm(&a.name),
        norm(&a.company),
        norm(&a.street1),
        norm(&a.street2),
        norm(&a.street3),
        norm(&a.city),
        norm(&a.state),
        norm(&a.zip),
        a.country.trim().to_uppercase(),
    ]
    .join("\u{1f}");
    super::labels::content_hash(joined.as_bytes())
}

/// Stores a validation outcome.
pub fn put(conn: &Connection, input: &Address, result: &serde_json::Value, is_valid: bool) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO address_validations (input_hash, input, result, is_valid, validated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        key(input),
        serde_json::to_string(input)?,
        serde_json::to_string(result)?,
        is_valid,
        time::now()
    ])?;
    Ok(())
}

/// The cached outcome for an address, if any.
pub fn get(conn: &Connection, input: &Address) -> Result<Option<AddressValidation>> {
    let row: Option<(String, String, bool, String)> = conn
        .prepare_cached(
            "SELECT input, result, is_valid, validated_at FROM address_validations WHERE input_hash = ?1",
        )?
        .query_row([key(input)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    match row {
        Some((input, result, is_valid, validated_at)) => Ok(Some(AddressValidation {
            input: serde_json::from_str(&input)?,
            result: serde_json::from_str(&result)?,
            is_valid,
            validated_at,
        })),
        None => Ok(None),
    }
}

//! The bench's per-order edits: the weight the operator typed (or took from the scale) and the
//! parcel chosen, kept for the order so the card opens with them again; and the weight each
//! purchase declared, kept on its journal row.

use rusqlite::{params, Connection, OptionalExtension};

use super::settings::ParcelTemplate;
use super::time;
use crate::error::Result;

/// What the operator changed on an order's card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderEdits {
    /// The weight, exact decimal and unit.
    pub weight: Option<scales::Weight>,
    /// The parcel chosen.
    pub parcel: Option<ParcelTemplate>,
}

/// The edits of an order (empty when none).
pub fn get(conn: &Connection, order_id: &str) -> Result<OrderEdits> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT weight, weight_unit, parcel FROM order_edits WHERE order_id = ?1")?
        .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((value, unit, parcel)) = row else { return Ok(OrderEdits::default()) };
    let weight = match (value, unit) {
        (Some(v), Some(u)) => format!("{v}{u}").parse::<scales::Weight>().ok(),
        _ => None,
    };
    let parcel = parcel.and_then(|p| serde_json::from_str(&p).ok());
    Ok(OrderEdits { weight, parcel })
}

/// Keeps the weight of an order (`None` forgets it).
pub fn set_weight(conn: &Connection, order_id: &str, weight: Option<scales::Weight>) -> Result<()> {
    let (v, u) = match weight {
        Some(w) => (Some(w.value.normalize().to_string()), Some(w.unit.as_str().to_owned())),
        None => (None, None),
    };
    conn.prepare_cached(
        "INSERT INTO order_edits (order_id, weight, weight_unit, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(order_id) DO UPDATE SET weight = excluded.weight, weight_unit = excluded.weight_unit,
         updated_at = excluded.updated_at",
    )?
    .execute(params![order_id, v, u, time::now()])?;
    Ok(())
}

/// Keeps the parcel of an order (`None` goes back to the default).
pub fn set_parcel(conn: &Connection, order_id: &str, parcel: Option<&ParcelTemplate>) -> Result<()> {
    let json = parcel.map(serde_json::to_string).transpose()?;
    conn.prepare_cached(
        "INSERT INTO order_edits (order_id, parcel, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(order_id) DO UPDATE SET parcel = excluded.parcel, updated_at = excluded.updated_at",
    )?
    .execute(params![order_id, json, time::now()])?;
    Ok(())
}

/// Records the weight a purchase declared on its journal row ("2.5 lb").
pub fn set_purchase_weight(conn: &Connection, key: &str, weight: &scales::Weight) -> Result<()> {
    conn.prepare_cached("UPDATE purchases SET weight = ?2 WHERE key = ?1")?
        .execute(params![key, weight.to_string()])?;
    Ok(())
}

/// The weight a purchase declared, if recorded.
pub fn purchase_weight(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT weight FROM purchases WHERE key = ?1")?
        .query_row([key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

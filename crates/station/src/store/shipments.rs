//! Shipments and their rates, as rated for an order.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;

/// A shipment: from/to addresses and parcels, rated by Shippo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentRecord {
    /// Shippo object id.
    pub object_id: String,
    /// The order it ships, when it ships one.
    pub order_id: Option<String>,
    /// WAITING, QUEUED, SUCCESS or ERROR.
    pub status: String,
    /// Sender address as JSON.
    pub address_from: Option<String>,
    /// Recipient address as JSON.
    pub address_to: Option<String>,
    /// Parcels as JSON.
    pub parcels: Option<String>,
    /// When Shippo created it.
    pub created_at: String,
}

/// One rate of a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRecord {
    /// Shippo object id.
    pub object_id: String,
    /// The shipment rated.
    pub shipment_id: String,
    /// Carrier name, e.g. "USPS".
    pub provider: String,
    /// Service level token, e.g. `usps_priority`.
    pub servicelevel_token: String,
    /// Service level name, e.g. "Priority Mail".
    pub servicelevel_name: Option<String>,
    /// Price (decimal string).
    pub amount: String,
    /// Currency of `amount`.
    pub currency: String,
    /// Days in transit Shippo estimates.
    pub estimated_days: Option<i64>,
    /// CHEAPEST / FASTEST / BESTVALUE.
    pub attributes: Vec<String>,
    /// Carrier account the rate is for.
    pub carrier_account: Option<String>,
    /// When Shippo created it (rates expire after 7 days).
    pub created_at: String,
}

/// Inserts or updates a shipment.
pub fn upsert_shipment(conn: &Connection, s: &ShipmentRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO shipments (object_id, order_id, status, address_from, address_to, parcels,
            created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)
         ON CONFLICT(object_id) DO UPDATE SET order_id = COALESCE(excluded.order_id, shipments.order_id),
            status = excluded.status, address_from = excluded.address_from,
            address_to = excluded.address_to, parcels = excluded.parcels,
            updated_at = excluded.updated_at",
    )?
    .execute(params![
        s.object_id,
        s.order_id,
        s.status,
        s.address_from,
        s.address_to,
        s.parcels,
        time::normalize(&s.created_at),
        time::now()
    ])?;
    Ok(())
}

/// The shipment with this id.
pub fn get_shipment(conn: &Connection, object_id: &str) -> Result<Option<ShipmentRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT object_id, order_id, status, address_from, address_to, parcels, created_at
             FROM shipments WHERE object_id = ?1",
        )?
        .query_row([object_id], |r| {
            Ok(ShipmentRecord {
                object_id: r.get(0)?,
                order_id: r.get(1)?,
                status: r.get(2)?,
                address_from: r.get(3)?,
                address_to: r.get(4)?,
                parcels: r.get(5)?,
                created_at: r.get(6)?,
            })
        })
        .optional()?)
}

/// Inserts or replaces rates (the shipment must be cached first).
pub fn upsert_rates(conn: &Connection, rates: &[RateRecord]) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT OR REPLACE INTO rates (object_id, shipment_id, provider, servicelevel_token,
            servicelevel_name, amount, currency, estimated_days, attributes, carrier_account, created_at)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    )?;
    for r in rates {
        st.execute(params![
            r.object_id,
            r.shipment_id,
            r.provider,
            r.servicelevel_token,
            r.servicelevel_name,
            r.amount,
            r.currency,
            r.estimated_days,
            serde_json::to_string(&r.attributes)?,
            r.carrier_account,
            time::normalize(&r.created_at)
        ])?;
    }
    Ok(())
}

fn read_rate(r: &Row<'_>) -> rusqlite::Result<RateRecord> {
    let attrs: String = r.get(8)?;
    Ok(RateRecord {
        object_id: r.get(0)?,
        shipment_id: r.get(1)?,
        provider: r.get(2)?,
        servicelevel_token: r.get(3)?,
        servicelevel_name: r.get(4)?,
        amount: r.get(5)?,
        currency: r.get(6)?,
        estimated_days: r.get(7)?,
        attributes: serde_json::from_str(&attrs).unwrap_or_default(),
        carrier_account: r.get(9)?,
        created_at: r.get(10)?,
    })
}

const RATE_COLUMNS: &str = "object_id, shipment_id, provider, servicelevel_token, servicelevel_name,
    amount, currency, estimated_days, attributes, carrier_account, created_at";

/// The rate with this id.
pub fn get_rate(conn: &Connection, object_id: &str) -> Result<Option<RateRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {RATE_COLUMNS} FROM rates WHERE object_id = ?1"))?
        .query_row([object_id], read_rate)
        .optional()?)
}

/// A shipment's rates, cheapest first.
pub fn list_rates(conn: &Connection, shipment_id: &str) -> Result<Vec<RateRecord>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {RATE_COLUMNS} FROM rates WHERE shipment_id = ?1 ORDER BY CAST(amount AS REAL)"
    ))?;
    let rows = st.query_map([shipment_id], read_rate)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! Purchases made without the warehouse check (the server was down and the operator chose to buy
//! anyway): kept here, reported to the warehouse when it is back, marked as unchecked there.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::store::{time, Store};

use super::{SharedLabel, Warehouse};
use warehouse::{PurchaseState, SharedPurchase};

/// One purchase waiting to be reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreported {
    /// The attempt's id.
    pub attempt: String,
    /// The order.
    pub order_id: String,
    /// The order number.
    pub order_number: Option<String>,
    /// The transaction bought (none: nothing was bought).
    pub transaction_id: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Carrier and service.
    pub service: Option<String>,
    /// Price.
    pub price: Option<String>,
    /// Shippo's status of the label.
    pub status: String,
    /// When (RFC 3339).
    pub bought_at: String,
}

/// Keeps one purchase for reporting.
pub fn add(tx: &rusqlite::Transaction<'_>, u: &Unreported) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO warehouse_outbox (attempt, order_id, order_number, transaction_id, tracking_number, service, price, status, bought_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![u.attempt, u.order_id, u.order_number, u.transaction_id, u.tracking_number, u.service, u.price, u.status, u.bought_at],
    )?;
    Ok(())
}

/// How many purchases wait.
pub fn count(c: &Connection) -> Result<u32> {
    Ok(c.query_row("SELECT COUNT(*) FROM warehouse_outbox", [], |r| r.get(0))?)
}

fn all(c: &Connection) -> Result<Vec<Unreported>> {
    let mut st = c.prepare(
        "SELECT attempt, order_id, order_number, transaction_id, tracking_number, service, price, status, bought_at
         FROM warehouse_outbox ORDER BY bought_at",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Unreported {
            attempt: r.get(0)?,
            order_id: r.get(1)?,
            order_number: r.get(2)?,
            transaction_id: r.get(3)?,
            tracking_number: r.get(4)?,
            service: r.get(5)?,
            price: r.get(6)?,
            status: r.get(7)?,
            bought_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Reports every waiting purchase to the warehouse (journal row and label, both marked
/// unchecked). Returns how many were reported; stops at the first failure (the rest wait).
pub async fn report(store: &Store, w: &Warehouse) -> Result<u32> {
    let waiting = store.read_async(all).await?;
    let mut done = 0;
    for u in waiting {
        let at = time::parse(&u.bought_at).unwrap_or_else(chrono::Utc::now);
        let bought = u.transaction_id.is_some();
        w.report_unchecked_purchase(&SharedPurchase {
            attempt: u.attempt.clone(),
            order_id: u.order_id.clone(),
            order_number: u.order_number.clone(),
            bench: w.bench().to_owned(),
            state: if bought { PurchaseState::Succeeded } else { PurchaseState::Failed },
            transaction_id: u.transaction_id.clone(),
            detail: Some("bought without the warehouse check (the warehouse was down)".into()),
            unchecked: true,
            started_at: at,
        })
        .await?;
        if let Some(tid) = &u.transaction_id {
            w.record_label(&SharedLabel {
                transaction_id: tid.clone(),
                order_id: u.order_id.clone(),
                order_number: u.order_number.clone(),
                bench: w.bench().to_owned(),
                tracking_number: u.tracking_number.clone(),
                service: u.service.clone(),
                price: u.price.clone(),
                status: u.status.clone(),
                unchecked: true,
                bought_at: at,
            })
            .await?;
            let others = w.labels_for_order(&u.order_id).await?;
            if let Some(o) = others.iter().find(|l| l.is_live() && &l.transaction_id != tid) {
                tracing::warn!(
                    order = %u.order_id, other_bench = %o.bench,
                    "an order bought here without the warehouse check also has a label from another bench"
                );
            }
        }
        let attempt = u.attempt.clone();
        store
            .write_async(move |tx| Ok(tx.execute("DELETE FROM warehouse_outbox WHERE attempt = ?1", [attempt])?))
            .await?;
        done += 1;
        tracing::info!(order = %u.order_id, "purchase made without the warehouse check reported to it");
    }
    Ok(done)
}

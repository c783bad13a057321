//! Every label bought by any bench of the warehouse: who bought what, and when.

use chrono::{DateTime, Utc};
use tokio_postgres::Row;

use crate::error::Result;
use crate::pool::Warehouse;

/// One label in the shared history.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedLabel {
    /// Shippo's transaction id.
    pub transaction_id: String,
    /// The order.
    pub order_id: String,
    /// The order number, e.g. "#1001".
    pub order_number: Option<String>,
    /// The bench that bought it.
    pub bench: String,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Carrier and service.
    pub service: Option<String>,
    /// Price, e.g. "7.58 USD".
    pub price: Option<String>,
    /// Shippo's status (SUCCESS, REFUNDED…).
    pub status: String,
    /// Bought without the warehouse check (the server was down), reported afterwards.
    pub unchecked: bool,
    /// When it was bought.
    pub bought_at: DateTime<Utc>,
}

impl SharedLabel {
    /// True for a label that still counts (not refunded or voided).
    pub fn is_live(&self) -> bool {
        matches!(self.status.as_str(), "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED")
    }
}

const COLUMNS: &str =
    "transaction_id, order_id, order_number, bench, tracking_number, service, price, status, unchecked, bought_at";

fn label(r: &Row) -> SharedLabel {
    SharedLabel {
        transaction_id: r.get(0),
        order_id: r.get(1),
        order_number: r.get(2),
        bench: r.get(3),
        tracking_number: r.get(4),
        service: r.get(5),
        price: r.get(6),
        status: r.get(7),
        unchecked: r.get(8),
        bought_at: r.get(9),
    }
}

impl Warehouse {
    /// Records a label (or updates its status when it is known already; the buyer stays).
    pub async fn record_label(&self, l: &SharedLabel) -> Result<()> {
        let c = self.client().await?;
        c.execute(
            "INSERT INTO labels (transaction_id, order_id, order_number, bench, tracking_number, service, price, status, unchecked, bought_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (transaction_id) DO UPDATE SET status = EXCLUDED.status,
               tracking_number = COALESCE(EXCLUDED.tracking_number, labels.tracking_number)",
            &[&l.transaction_id, &l.order_id, &l.order_number, &l.bench, &l.tracking_number, &l.service, &l.price, &l.status, &l.unchecked, &l.bought_at],
        )
        .await?;
        Ok(())
    }

    /// The labels of one order, oldest first.
    pub async fn labels_for_order(&self, order_id: &str) -> Result<Vec<SharedLabel>> {
        let c = self.client().await?;
        let rows = c
            .query(&format!("SELECT {COLUMNS} FROM labels WHERE order_id = $1 ORDER BY bought_at, transaction_id"), &[&order_id])
            .await?;
        Ok(rows.iter().map(label).collect())
    }

    /// The latest `limit` labels of every bench, newest first.
    pub async fn labels(&self, limit: i64) -> Result<Vec<SharedLabel>> {
        let c = self.client().await?;
        let rows = c
            .query(&format!("SELECT {COLUMNS} FROM labels ORDER BY bought_at DESC, transaction_id LIMIT $1"), &[&limit])
            .await?;
        Ok(rows.iter().map(label).collect())
    }
}

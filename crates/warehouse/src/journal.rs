//! The shared purchase journal: which bench started buying which order, and how it ended.
//!
//! A bench writes a PENDING row (keyed by its claim's attempt) right before it spends money, and
//! marks it SUCCEEDED (with the transaction) or FAILED afterwards. A PENDING row that outlives
//! its claim belongs to a bench that crashed mid-purchase: whichever bench claims the order next
//! reconciles it from Shippo ([`Warehouse::settle_purchase`]).

use chrono::{DateTime, Utc};
use tokio_postgres::Row;

use crate::claims::Claim;
use crate::error::Result;
use crate::pool::Warehouse;

/// Where a shared purchase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PurchaseState {
    /// Money may be being spent right now (or the bench crashed while it was).
    Pending,
    /// A label was bought.
    Succeeded,
    /// Nothing was bought.
    Failed,
}

impl PurchaseState {
    fn as_str(self) -> &'static str {
        match self {
            PurchaseState::Pending => "PENDING",
            PurchaseState::Succeeded => "SUCCEEDED",
            PurchaseState::Failed => "FAILED",
        }
    }

    fn parse(s: &str) -> PurchaseState {
        match s {
            "SUCCEEDED" => PurchaseState::Succeeded,
            "FAILED" => PurchaseState::Failed,
            _ => PurchaseState::Pending,
        }
    }
}

/// One row of the shared journal.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedPurchase {
    /// The attempt (claim) that started it.
    pub attempt: String,
    /// The order.
    pub order_id: String,
    /// The order number, e.g. "#1001".
    pub order_number: Option<String>,
    /// The bench that started it.
    pub bench: String,
    /// Where it stands.
    pub state: PurchaseState,
    /// The transaction bought, once known.
    pub transaction_id: Option<String>,
    /// Why it failed, or who reconciled it.
    pub detail: Option<String>,
    /// Bought without the warehouse check (the server was down), reported afterwards.
    pub unchecked: bool,
    /// When it started.
    pub started_at: DateTime<Utc>,
}

const COLUMNS: &str = "attempt, order_id, order_number, bench, state, transaction_id, detail, unchecked, started_at";

fn purchase(r: &Row) -> SharedPurchase {
    SharedPurchase {
        attempt: r.get(0),
        order_id: r.get(1),
        order_number: r.get(2),
        bench: r.get(3),
        state: PurchaseState::parse(r.get(4)),
        transaction_id: r.get(5),
        detail: r.get(6),
        unchecked: r.get(7),
        started_at: r.get(8),
    }
}

impl Warehouse {
    /// Records that `claim`'s attempt is about to spend money on its order (PENDING).
    pub async fn begin_purchase(&self, claim: &Claim, order_number: Option<&str>) -> Result<()> {
        let c = self.client().await?;
        c.execute(
            "INSERT INTO purchases (attempt, order_id, order_number, bench, state) VALUES ($1, $2, $3, $4, 'PENDING')
             ON CONFLICT (attempt) DO NOTHING",
            &[&claim.attempt(), &claim.order_id(), &order_number, &self.bench()],
        )
        .await?;
        Ok(())
    }

    /// Settles a journal row: SUCCEEDED with its transaction, or FAILED with why.
    pub async fn finish_purchase(
        &self,
        attempt: &str,
        state: PurchaseState,
        transaction_id: Option<&str>,
        detail: Option<&str>,
    ) -> Result<()> {
        let c = self.client().await?;
        c.execute(
            "UPDATE purchases SET state = $2, transaction_id = COALESCE($3, transaction_id), detail = $4, finished_at = now()
             WHERE attempt = $1",
            &[&attempt, &state.as_str(), &transaction_id, &detail],
        )
        .await?;
        Ok(())
    }

    /// Records a purchase made while the warehouse was down (already settled), for everyone to see.
    pub async fn report_unchecked_purchase(&self, p: &SharedPurchase) -> Result<()> {
        let c = self.client().await?;
        c.execute(
            "INSERT INTO purchases (attempt, order_id, order_number, bench, state, transaction_id, detail, unchecked, started_at, finished_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, now()) ON CONFLICT (attempt) DO NOTHING",
            &[&p.attempt, &p.order_id, &p.order_number, &p.bench, &p.state.as_str(), &p.transaction_id, &p.detail, &p.started_at],
        )
        .await?;
        Ok(())
    }

    /// The journal rows of one order, oldest first.
    pub async fn purchases_for_order(&self, order_id: &str) -> Result<Vec<SharedPurchase>> {
        let c = self.client().await?;
        let rows = c
            .query(&format!("SELECT {COLUMNS} FROM purchases WHERE order_id = $1 ORDER BY started_at, attempt"), &[&order_id])
            .await?;
        Ok(rows.iter().map(purchase).collect())
    }

    /// PENDING rows of other attempts on `claim`'s order: since the claim is ours, each one is a
    /// purchase whose bench crashed or lost its claim mid-purchase, to be reconciled before buying.
    pub async fn orphaned_purchases(&self, claim: &Claim) -> Result<Vec<SharedPurchase>> {
        Ok(self
            .purchases_for_order(claim.order_id())
            .await?
            .into_iter()
            .filter(|p| p.state == PurchaseState::Pending && p.attempt != claim.attempt())
            .collect())
    }

    /// Every PENDING row (for the status view).
    pub async fn pending_purchases(&self) -> Result<Vec<SharedPurchase>> {
        let c = self.client().await?;
        let rows = c
            .query(&format!("SELECT {COLUMNS} FROM purchases WHERE state = 'PENDING' ORDER BY started_at"), &[])
            .await?;
        Ok(rows.iter().map(purchase).collect())
    }
}

//! Order claims: one bench at a time rates and buys an order.
//!
//! A claim is a row of `claims` (the order id is its primary key). Taking it inserts the row, or
//! takes over a row whose lease ran out; the lease is renewed in the background while the claim
//! is held and checked once more right before money is spent ([`Claim::confirm`]). It is released
//! by [`Claim::release`], and when dropped (in the background) as a fallback. Lease times are the
//! server's clock, so benches with skewed clocks agree.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::error::{Result, WarehouseError};
use crate::pool::Warehouse;

/// One purchase attempt's claim on an order.
#[derive(Debug)]
pub struct Claim {
    warehouse: Warehouse,
    order_id: String,
    attempt: String,
    ttl: Duration,
    lost: Arc<AtomicBool>,
    renewal: Option<tokio::task::JoinHandle<()>>,
    released: bool,
}

fn secs(ttl: Duration) -> f64 {
    ttl.as_secs_f64()
}

impl Warehouse {
    /// Claims `order_id` for this bench for `ttl` (renewed while held). Fails with
    /// [`WarehouseError::Claimed`] when another attempt holds a live claim, and with
    /// [`WarehouseError::Down`] when the server cannot be reached.
    pub async fn claim(&self, order_id: &str, ttl: Duration) -> Result<Claim> {
        let attempt = uuid::Uuid::now_v7().to_string();
        let c = self.client().await?;
        let row = c
            .query_opt(
                "INSERT INTO claims (order_id, bench, attempt, expires_at)
                 VALUES ($1, $2, $3, now() + make_interval(secs => $4::float8))
                 ON CONFLICT (order_id) DO UPDATE
                   SET bench = EXCLUDED.bench, attempt = EXCLUDED.attempt, claimed_at = now(),
                       expires_at = EXCLUDED.expires_at
                   WHERE claims.expires_at < now()
                 RETURNING attempt",
                &[&order_id, &self.bench(), &attempt, &secs(ttl)],
            )
            .await?;
        if row.is_none() {
            let holder = c
                .query_opt("SELECT bench, expires_at FROM claims WHERE order_id = $1", &[&order_id])
                .await?;
            let (bench, until) = holder
                .map(|r| (r.get::<_, String>(0), r.get::<_, DateTime<Utc>>(1).to_rfc3339()))
                .unwrap_or_default();
            return Err(WarehouseError::Claimed { order_id: order_id.to_owned(), bench, until });
        }
        tracing::debug!(order = %order_id, %attempt, "order claimed");
        let mut claim = Claim {
            warehouse: self.clone(),
            order_id: order_id.to_owned(),
            attempt,
            ttl,
            lost: Arc::new(AtomicBool::new(false)),
            renewal: None,
            released: false,
        };
        claim.renewal = Some(claim.spawn_renewal());
        Ok(claim)
    }

    /// Who holds the claim on an order now: `(bench, expires_at)`, if anybody (expired or not).
    pub async fn claim_holder(&self, order_id: &str) -> Result<Option<(String, DateTime<Utc>)>> {
        let c = self.client().await?;
        Ok(c.query_opt("SELECT bench, expires_at FROM claims WHERE order_id = $1", &[&order_id])
            .await?
            .map(|r| (r.get(0), r.get(1))))
    }

    async fn renew(&self, order_id: &str, attempt: &str, ttl: Duration) -> Result<bool> {
        let c = self.client().await?;
        let n = c
            .execute(
                "UPDATE claims SET expires_at = now() + make_interval(secs => $3::float8)
                 WHERE order_id = $1 AND attempt = $2",
                &[&order_id, &attempt, &secs(ttl)],
            )
            .await?;
        Ok(n == 1)
    }

    async fn unclaim(&self, order_id: &str, attempt: &str) -> Result<()> {
        let c = self.client().await?;
        c.execute("DELETE FROM claims WHERE order_id = $1 AND attempt = $2", &[&order_id, &attempt]).await?;
        Ok(())
    }
}

impl Claim {
    /// The order claimed.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// This attempt's id (also the key of its row in the shared journal).
    pub fn attempt(&self) -> &str {
        &self.attempt
    }

    /// The warehouse the claim is held in.
    pub fn warehouse(&self) -> &Warehouse {
        &self.warehouse
    }

    fn spawn_renewal(&self) -> tokio::task::JoinHandle<()> {
        let (w, id, attempt, ttl, lost) =
            (self.warehouse.clone(), self.order_id.clone(), self.attempt.clone(), self.ttl, self.lost.clone());
        let every = (ttl / 3).max(Duration::from_millis(50));
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                match w.renew(&id, &attempt, ttl).await {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(order = %id, "the warehouse claim was lost (expired and taken)");
                        lost.store(true, Ordering::SeqCst);
                        return;
                    }
                    Err(e) => tracing::warn!(order = %id, "could not renew the warehouse claim: {e}"),
                }
            }
        })
    }

    /// Checks, right before money is spent, that this attempt still holds the order (and renews
    /// the lease). [`WarehouseError::ClaimLost`] when it does not, [`WarehouseError::Down`] when
    /// the server cannot say.
    pub async fn confirm(&self) -> Result<()> {
        if !self.lost.load(Ordering::SeqCst) && self.warehouse.renew(&self.order_id, &self.attempt, self.ttl).await? {
            return Ok(());
        }
        Err(WarehouseError::ClaimLost(self.order_id.clone()))
    }

    /// Stops renewing and forgets the claim without releasing it, as a crashed bench would
    /// (tests only).
    #[cfg(feature = "testing")]
    pub fn crash(mut self) {
        if let Some(r) = self.renewal.take() {
            r.abort();
        }
        self.released = true;
    }

    /// Releases the claim now.
    pub async fn release(mut self) -> Result<()> {
        if let Some(r) = self.renewal.take() {
            r.abort();
        }
        self.released = true;
        self.warehouse.unclaim(&self.order_id, &self.attempt).await
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Some(r) = self.renewal.take() {
            r.abort();
        }
        if self.released {
            return;
        }
        let (w, id, attempt) = (self.warehouse.clone(), self.order_id.clone(), self.attempt.clone());
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                if let Err(e) = w.unclaim(&id, &attempt).await {
                    tracing::warn!(order = %id, "could not release the warehouse claim (it runs out by itself): {e}");
                }
            });
        }
    }
}

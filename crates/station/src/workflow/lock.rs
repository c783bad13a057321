//! The per-order lock: one owner per purchase attempt, renewed while the purchase runs, checked
//! right before the POST, released on every path (dropped or not).
//!
//! The lock lives in SQLite (`order_locks`), so two processes on one data dir exclude each other,
//! and so do two attempts inside one process: each attempt has its own owner name
//! ("pid 1234 on bench-2 (attempt uuid)"). A lock whose holder is a process of this computer that
//! is gone (killed, crashed) is taken over at once; the check uses `sysinfo`, which works on
//! Linux, macOS and Windows.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::error::{Result, StationError};
use crate::store::purchases;
use crate::store::Store;

fn hostname() -> &'static str {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        sysinfo::System::host_name()
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "this computer".into())
    })
}

/// A fresh owner name for one purchase attempt: "pid 1234 on bench-2 (uuid)".
fn new_owner() -> String {
    format!("pid {} on {} ({})", std::process::id(), hostname(), uuid::Uuid::now_v7())
}

/// True when `owner` names a process of this computer that no longer runs (or is a zombie).
fn holder_is_gone(owner: &str) -> bool {
    let Some(rest) = owner.strip_prefix("pid ") else { return false };
    let Some((pid, rest)) = rest.split_once(" on ") else { return false };
    let Some((host, _)) = rest.rsplit_once(" (") else { return false };
    if host != hostname() {
        return false;
    }
    let Ok(pid) = pid.parse::<u32>() else { return false };
    if pid == std::process::id() {
        // Another attempt of this very process: alive as long as it holds the lock.
        return false;
    }
    process_is_gone(pid)
}

fn process_is_gone(pid: u32) -> bool {
    use sysinfo::{Pid, ProcessRefreshKind, ProcessStatus, ProcessesToUpdate, System};
    let pid = Pid::from_u32(pid);
    let mut sys = System::new();
    sys.refresh_processes_specifics(ProcessesToUpdate::Some(&[pid]), true, ProcessRefreshKind::nothing());
    match sys.process(pid) {
        None => true,
        Some(p) => matches!(p.status(), ProcessStatus::Zombie | ProcessStatus::Dead),
    }
}

/// One purchase attempt's hold on an order. Renewed in the background every third of the lock
/// time while held; released when dropped.
#[derive(Debug)]
pub struct OrderLock {
    store: Store,
    order_id: String,
    owner: String,
    ttl: Duration,
    lost: Arc<AtomicBool>,
    renewal: Option<tokio::task::JoinHandle<()>>,
}

impl OrderLock {
    /// Takes the order's lock for `ttl` (or fails with [`StationError::OrderLocked`], whose
    /// sentence says the order is already being bought). A lock left by a process of this
    /// computer that is gone is taken over.
    pub async fn take(store: &Store, order_id: &str, ttl: Duration) -> Result<OrderLock> {
        let owner = new_owner();
        let chrono_ttl = chrono_ttl(ttl);
        let (id, me) = (order_id.to_owned(), owner.clone());
        store
            .write_async(move |tx| match purchases::lock_order(tx, &id, &me, chrono_ttl) {
                Err(StationError::OrderLocked { owner, .. }) if holder_is_gone(&owner) => {
                    tracing::info!(order = %id, %owner, "taking over the lock of a process that is gone");
                    purchases::unlock_order(tx, &id, &owner)?;
                    purchases::lock_order(tx, &id, &me, chrono_ttl)
                }
                other => other,
            })
            .await?;
        let mut lock = OrderLock {
            store: store.clone(),
            order_id: order_id.to_owned(),
            owner,
            ttl,
            lost: Arc::new(AtomicBool::new(false)),
            renewal: None,
        };
        lock.renewal = Some(lock.spawn_renewal());
        Ok(lock)
    }

    fn spawn_renewal(&self) -> tokio::task::JoinHandle<()> {
        let (store, id, owner, ttl, lost) =
            (self.store.clone(), self.order_id.clone(), self.owner.clone(), self.ttl, self.lost.clone());
        let every = (ttl / 3).max(Duration::from_millis(20));
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                let (i, o) = (id.clone(), owner.clone());
                let renewed = store
                    .write_async(move |tx| purchases::renew_lock(tx, &i, &o, chrono_ttl(ttl)))
                    .await;
                match renewed {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(order = %id, "the order lock was lost (expired and taken)");
                        lost.store(true, Ordering::SeqCst);
                        return;
                    }
                    Err(e) => tracing::warn!(order = %id, "could not renew the order lock: {e}"),
                }
            }
        })
    }

    /// Checks, right before a purchase is sent, that this attempt still holds the order (and
    /// renews it). Fails with [`StationError::OrderLocked`] when it does not.
    pub async fn confirm(&self) -> Result<()> {
        let (id, me, ttl) = (self.order_id.clone(), self.owner.clone(), chrono_ttl(self.ttl));
        let held = !self.lost.load(Ordering::SeqCst)
            && self.store.write_async(move |tx| purchases::renew_lock(tx, &id, &me, ttl)).await?;
        if held {
            return Ok(());
        }
        let id = self.order_id.clone();
        let owner = self.store.read_async(move |c| purchases::lock_holder(c, &id)).await?.unwrap_or_default();
        Err(StationError::OrderLocked { order_id: self.order_id.clone(), owner })
    }
}

fn chrono_ttl(ttl: Duration) -> chrono::Duration {
    chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::minutes(2))
}

impl Drop for OrderLock {
    fn drop(&mut self) {
        if let Some(r) = self.renewal.take() {
            r.abort();
        }
        let (id, me) = (self.order_id.clone(), self.owner.clone());
        if let Err(e) = self.store.write(move |tx| purchases::unlock_order(tx, &id, &me)) {
            tracing::warn!(order = %self.order_id, "could not release the order lock: {e}");
        }
    }
}

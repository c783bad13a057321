//! The local record of the warehouse link: URL (without password), bench name.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Result, StationError};
use crate::secrets::{Keyring, WarehousePassword};
use crate::store::{time, Store};

use super::{claim_ttl, ProfileInfo, Warehouse, WarehouseConfig, WarehouseLink};

/// What is stored about the warehouse.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// The PostgreSQL URL, without password.
    pub url: String,
    /// This bench's name in the warehouse.
    pub bench: String,
    /// True when a password is kept in the OS keyring.
    pub has_password: bool,
    /// When the link was made.
    pub connected_at: String,
}

/// The stored link, if any.
pub fn load(c: &Connection) -> Result<Option<Link>> {
    Ok(c.query_row("SELECT url, bench, has_password, connected_at FROM warehouse_link WHERE id = 1", [], |r| {
        Ok(Link { url: r.get(0)?, bench: r.get(1)?, has_password: r.get::<_, i64>(2)? != 0, connected_at: r.get(3)? })
    })
    .optional()?)
}

/// Stores the link (replacing any earlier one).
pub fn save(tx: &rusqlite::Transaction<'_>, link: &Link) -> Result<()> {
    tx.execute(
        "INSERT INTO warehouse_link (id, url, bench, has_password, connected_at) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, bench = excluded.bench,
           has_password = excluded.has_password, connected_at = excluded.connected_at",
        params![link.url, link.bench, link.has_password as i64, link.connected_at],
    )?;
    Ok(())
}

/// Forgets the link. Returns false when there was none.
pub fn remove(tx: &rusqlite::Transaction<'_>) -> Result<bool> {
    Ok(tx.execute("DELETE FROM warehouse_link", [])? > 0)
}

fn password_entry() -> Result<WarehousePassword> {
    let profile = std::env::var(crate::secrets::PROFILE_ENV).unwrap_or_default();
    Ok(WarehousePassword::new(Keyring::detect()?, &profile))
}

/// Connects to the warehouse at `url` as bench `bench` (migrating the shared schema if this is
/// the first bench), then stores the link: the URL without password here, the password (from the
/// URL or `password`) in the OS keyring. Nothing is stored when the server cannot be reached.
pub async fn connect(store: &Store, url: &str, password: Option<String>, bench: &str) -> Result<Link> {
    let config = WarehouseConfig::new(url, password, bench)?;
    let w = Warehouse::connect(config.clone()).await?;
    w.ping().await?;
    let pw = password_entry();
    match (config.password(), &pw) {
        (Some(p), Ok(entry)) => entry.save(p)?,
        (Some(_), Err(e)) => {
            return Err(StationError::Workflow(format!(
                "The warehouse password cannot be kept: {e}. Nothing was stored; open a keyring session and connect again."
            )))
        }
        // No password: the keyring is not touched (`has_password` false: it is not read).
        (None, _) => {}
    }
    let link = Link {
        url: config.url().to_owned(),
        bench: config.bench().to_owned(),
        has_password: config.password().is_some(),
        connected_at: time::now(),
    };
    let l = link.clone();
    store.write_async(move |tx| save(tx, &l)).await?;
    tracing::info!(url = %link.url, bench = %link.bench, "connected to the warehouse");
    Ok(link)
}

/// Forgets the warehouse: the link, the password, and the followed profile (the bench's own
/// senders, rate rule and parcel are in force again). Returns false when there was none.
pub async fn disconnect(store: &Store) -> Result<bool> {
    let had = store
        .write_async(|tx| {
            crate::store::settings::profile::forget(tx)?;
            remove(tx)
        })
        .await?;
    if let Ok(entry) = password_entry() {
        let _ = entry.remove();
    }
    Ok(had)
}

/// The warehouse handle for the stored link (not connected yet: the pool connects on first use).
pub async fn open(store: &Store) -> Result<Option<WarehouseLink>> {
    let Some(link) = store.read_async(load).await? else { return Ok(None) };
    let password = if link.has_password {
        match password_entry().and_then(|e| e.load().map_err(StationError::from)) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!("the warehouse password could not be read from the keyring: {e}");
                None
            }
        }
    } else {
        None
    };
    let warehouse = Warehouse::new(WarehouseConfig::new(&link.url, password, &link.bench)?)?;
    Ok(Some(WarehouseLink { warehouse, claim_ttl: claim_ttl() }))
}

/// How the warehouse is, for `warehouse status` and the window's banner.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LinkStatus {
    /// False when no warehouse is set up (single bench).
    pub configured: bool,
    /// The URL without password.
    pub url: Option<String>,
    /// This bench's name.
    pub bench: Option<String>,
    /// True when the server answered just now.
    pub reachable: bool,
    /// Why it did not answer, in one sentence.
    pub problem: Option<String>,
    /// Benches known to the warehouse.
    pub benches: Vec<String>,
    /// Purchases of other benches still PENDING in the shared journal.
    pub pending_elsewhere: u32,
    /// Purchases made here without the warehouse check, not reported yet.
    pub unreported: u32,
    /// Purchases reported to the warehouse just now.
    pub reported_now: u32,
    /// The warehouse settings profile this bench follows (its local copy, checked just now
    /// when the server answered).
    pub profile: Option<ProfileInfo>,
}

/// Asks the warehouse how it is (and reports what waits in the outbox when it answers).
pub async fn status(store: &Store, link: Option<&WarehouseLink>) -> Result<LinkStatus> {
    let stored = store.read_async(load).await?;
    let mut s = LinkStatus {
        configured: stored.is_some(),
        url: stored.as_ref().map(|l| l.url.clone()),
        bench: stored.as_ref().map(|l| l.bench.clone()),
        reachable: false,
        problem: None,
        benches: Vec::new(),
        pending_elsewhere: 0,
        unreported: 0,
        reported_now: 0,
        profile: None,
    };
    let Some(link) = link else { return Ok(s) };
    let w = &link.warehouse;
    match w.ping().await {
        Ok(()) => {
            s.reachable = true;
            s.reported_now = super::outbox::report(store, w).await.unwrap_or(0);
            super::profile::refresh_quietly(store, w).await;
            s.benches = w.benches().await?.into_iter().map(|(n, _)| n).collect();
            s.pending_elsewhere =
                w.pending_purchases().await?.iter().filter(|p| p.bench != w.bench()).count() as u32;
        }
        Err(e) => s.problem = Some(e.to_string()),
    }
    s.unreported = store.read_async(super::outbox::count).await?;
    s.profile = store.read_async(crate::store::settings::profile::followed).await?.map(|f| f.info());
    Ok(s)
}

//! The connection: a small pool, TLS as the URL says (see [`crate::tls`]), the schema migrated once.

use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod, Runtime};
use tokio::sync::OnceCell;

use crate::config::WarehouseConfig;
use crate::error::{Result, WarehouseError};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Any fixed number: the advisory lock that lets one bench at a time migrate the schema.
const MIGRATION_LOCK: i64 = 0x5368_6970_6265_6e63; // "Shipbenc"

/// The warehouse database, as one bench sees it. Cheap to clone (the pool is shared).
#[derive(Clone)]
pub struct Warehouse {
    pool: Pool,
    config: Arc<WarehouseConfig>,
    migrated: Arc<OnceCell<()>>,
}

impl std::fmt::Debug for Warehouse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Warehouse").field("config", &self.config).finish()
    }
}

impl Warehouse {
    /// A warehouse handle: nothing is connected yet (the pool connects on first use, and the first
    /// use migrates the schema). Use [`Warehouse::connect`] to connect at once.
    pub fn new(config: WarehouseConfig) -> Result<Warehouse> {
        let pg = config.pg()?;
        let manager = Manager::from_config(pg, config.tls().connector()?, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(4)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(Duration::from_secs(5)))
            .create_timeout(Some(Duration::from_secs(4)))
            .recycle_timeout(Some(Duration::from_secs(2)))
            .build()
            .map_err(|e| WarehouseError::BadUrl(e.to_string()))?;
        Ok(Warehouse { pool, config: Arc::new(config), migrated: Arc::new(OnceCell::new()) })
    }

    /// Connects now: migrates the shared schema if needed and registers the bench.
    pub async fn connect(config: WarehouseConfig) -> Result<Warehouse> {
        let w = Warehouse::new(config)?;
        drop(w.client().await?);
        Ok(w)
    }

    /// The configuration (the URL without password, the bench name).
    pub fn config(&self) -> &WarehouseConfig {
        &self.config
    }

    /// This bench's name.
    pub fn bench(&self) -> &str {
        self.config.bench()
    }

    /// A pooled connection, the schema migrated and the bench registered on first use.
    pub(crate) async fn client(&self) -> Result<Object> {
        let mut c = self.pool.get().await?;
        self.migrated
            .get_or_try_init(|| async {
                migrate(&mut c).await?;
                c.execute(
                    "INSERT INTO benches (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET last_seen = now()",
                    &[&self.config.bench()],
                )
                .await?;
                Ok::<(), WarehouseError>(())
            })
            .await?;
        Ok(c)
    }

    /// Asks the server something trivial: Ok when it answers.
    pub async fn ping(&self) -> Result<()> {
        let c = self.client().await?;
        c.execute("UPDATE benches SET last_seen = now() WHERE name = $1", &[&self.config.bench()]).await?;
        Ok(())
    }

    /// Whether the server sees this bench's connection as TLS (`pg_stat_ssl`).
    pub async fn connection_uses_tls(&self) -> Result<bool> {
        let c = self.client().await?;
        Ok(c.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).await?.get(0))
    }

    /// The benches that ever connected, with when they were last heard of (RFC 3339).
    pub async fn benches(&self) -> Result<Vec<(String, String)>> {
        let c = self.client().await?;
        let rows = c.query("SELECT name, last_seen FROM benches ORDER BY name", &[]).await?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, chrono::DateTime<chrono::Utc>>(1).to_rfc3339()))
            .collect())
    }
}

/// Runs the embedded migrations under an advisory lock (two benches connecting at once migrate
/// one after the other; the second finds nothing to do).
async fn migrate(c: &mut Object) -> Result<()> {
    c.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await?;
    let client: &mut tokio_postgres::Client = &mut *c;
    let done = embedded::migrations::runner().run_async(client).await;
    let unlocked = c.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await;
    let report = done.map_err(|e| WarehouseError::Migration(e.to_string()))?;
    unlocked?;
    for m in report.applied_migrations() {
        tracing::info!(migration = %m, "warehouse schema migrated");
    }
    Ok(())
}

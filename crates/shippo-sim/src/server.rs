//! Starting and stopping a simulator, and the state its handlers share.

use std::ops::Deref;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::Request;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::Layer;

use crate::faults::FaultControl;
use crate::world::{SoldTransaction, World};
use crate::{SimConfig, SimError};

/// The most demo orders the simulator generates.
pub const MAX_ORDERS: usize = 100_000;

/// What every handler shares.
pub struct Inner {
    world: Mutex<World>,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
}

/// A cheap handle on the shared state.
#[derive(Clone)]
pub struct Shared(Arc<Inner>);

impl Deref for Shared {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl Shared {
    /// Sets how long a rate-limit window lasts; every count restarts.
    pub fn set_rate_window(&self, window: Duration) {
        let mut w = self.lock();
        w.rate_window = window.max(Duration::from_millis(1));
        w.limits.clear();
    }

    /// The world, with every state change that is due applied.
    pub fn lock(&self) -> MutexGuard<'_, World> {
        let mut w = self
            .0
            .world
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        w.tick();
        w
    }
}

/// A running simulator on 127.0.0.1.
pub struct Simulator {
    shared: Shared,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Requests for `/orders/` and `/orders` are the same request (the real API has both spellings).
fn strip_trailing_slash(mut req: Request) -> Request {
    let path = req.uri().path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let new = match req.uri().query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        if let Ok(uri) = new.parse() {
            *req.uri_mut() = uri;
        }
    }
    req
}

impl Simulator {
    /// Generates the shop and starts serving on `127.0.0.1:cfg.port` (0 picks a free port).
    pub async fn start(cfg: SimConfig) -> Result<Simulator, SimError> {
        if cfg.orders > MAX_ORDERS {
            return Err(SimError::TooManyOrders(cfg.orders));
        }
        let listener = TcpListener::bind(("127.0.0.1", cfg.port))
            .await
            .map_err(|source| SimError::Bind {
                port: cfg.port,
                source,
            })?;
        let port = listener
            .local_addr()
            .map_err(|source| SimError::Bind {
                port: cfg.port,
                source,
            })?
            .port();
        let base_url = format!("http://127.0.0.1:{port}");
        let world = {
            let cfg = cfg.clone();
            let base = base_url.clone();
            tokio::task::spawn_blocking(move || World::new(&cfg, base))
                .await
                .map_err(|e| SimError::Bind {
                    port,
                    source: std::io::Error::other(e.to_string()),
                })?
        };
        let shared = Shared(Arc::new(Inner {
            world: Mutex::new(world),
            base_url: base_url.clone(),
        }));
        let router = crate::routes::router(shared.clone());
        let app = tower::util::MapRequestLayer::new(strip_trailing_slash).layer(router);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(
                listener,
                axum::ServiceExt::<Request>::into_make_service(app),
            )
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "the Shippo simulator stopped serving");
            }
        });
        tracing::info!(%base_url, orders = cfg.orders, seed = cfg.seed, "Shippo simulator listening");
        Ok(Simulator {
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The fault switches (the Rust side of `POST/DELETE /__sim/faults`).
    pub fn faults(&self) -> FaultControl {
        FaultControl {
            shared: self.shared.clone(),
        }
    }

    /// Every label sold, across all tokens, oldest first (as `GET /__sim/transactions`).
    pub fn inspect_transactions(&self) -> Vec<SoldTransaction> {
        self.shared.lock().sold()
    }

    /// The labels bought for one order, across all tokens, oldest first (as
    /// `GET /__sim/transactions?order=ID`).
    pub fn transactions_for_order(&self, order: &str) -> Vec<SoldTransaction> {
        let mut sold = self.shared.lock().sold();
        sold.retain(|t| t.order.as_deref() == Some(order));
        sold
    }

    /// Sets how long one rate-limit window lasts (Shippo's is a minute). A test may shorten it, e.g.
    /// to 600 ms, so "10 list GETs a minute" runs in seconds; `Retry-After` then says 1. Counting
    /// restarts. The same as `POST /__sim/limits {"window_ms": N}`.
    pub fn set_rate_window(&self, window: Duration) {
        self.shared.set_rate_window(window);
    }

    /// How many requests the rate limits have answered with 429 so far.
    pub fn throttled_count(&self) -> u64 {
        self.shared.lock().throttled
    }

    /// Moves the simulated clock forward (rates expire after 7 days; tracking progresses).
    pub fn advance_clock(&self, by: Duration) {
        let mut w = self.shared.lock();
        w.clock_offset += by;
        w.tick();
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

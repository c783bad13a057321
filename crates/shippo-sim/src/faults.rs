//! Fault injection: latency (of every request, or of purchases only), failing or throttling the
//! n-th request, slow label files, and dropping the response of a purchase that was committed (the
//! client sees a broken connection).

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::ApiError;
use crate::server::Shared;

/// Fail the n-th API request (counted from when the fault was set) with an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailNth {
    /// Which request fails (1 = the next one).
    pub n: u32,
    /// The status it gets (500 by default).
    #[serde(default = "default_status")]
    pub status: u16,
    /// Only requests whose path starts with this count (all when absent).
    #[serde(default)]
    pub path: Option<String>,
}

fn default_status() -> u16 {
    500
}

/// Commit the next `count` successful POSTs under `path`, then close the connection unanswered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropAfterCommit {
    /// Path prefix, e.g. `/transactions`.
    pub path: String,
    /// How many responses to drop (1 by default).
    #[serde(default = "default_count")]
    pub count: u32,
}

fn default_count() -> u32 {
    1
}

/// The fault switches, as `POST /__sim/faults` takes them. Absent fields are off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faults {
    /// Delay every API response by this many milliseconds.
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// Fail one request with a status.
    #[serde(default)]
    pub fail_nth: Option<FailNth>,
    /// Answer the n-th request with 429 (a number, or `{"n": N}`).
    #[serde(default, deserialize_with = "nth")]
    pub status_429_nth: Option<u32>,
    /// Drop responses after committing purchases.
    #[serde(default)]
    pub drop_response_after_commit: Option<DropAfterCommit>,
    /// Delay label-file downloads by this many milliseconds.
    #[serde(default)]
    pub slow_labels_ms: Option<u64>,
    /// Override whether rate limits apply.
    #[serde(default)]
    pub rate_limits: Option<bool>,
    /// Delay purchases only (`POST /transactions`, rate or Instalabel) by this many milliseconds,
    /// before the purchase is committed. The purchase runs on even if the client gives up
    /// meanwhile, as a request that reached Shippo may still be carried out.
    #[serde(default)]
    pub purchase_latency_ms: Option<u64>,
}

fn nth<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Nth {
        N(u32),
        Obj { n: u32 },
    }
    Ok(Option::<Nth>::deserialize(d)?.map(|x| match x {
        Nth::N(n) | Nth::Obj { n } => n,
    }))
}

/// The fault switches plus their counters.
#[derive(Debug, Default)]
pub struct FaultState {
    /// The switches.
    pub config: Faults,
    fail_seen: u32,
    throttle_seen: u32,
    drops_done: u32,
}

impl FaultState {
    /// Replaces the switches and restarts the counters.
    pub fn set(&mut self, f: Faults) {
        *self = FaultState {
            config: f,
            ..FaultState::default()
        };
    }
}

/// Handle on a running simulator's fault switches (the Rust side of `/__sim/faults`).
#[derive(Clone)]
pub struct FaultControl {
    pub(crate) shared: Shared,
}

impl FaultControl {
    /// Turns on these faults (replacing the previous ones; counters restart).
    pub fn set(&self, f: Faults) {
        self.shared.lock().faults.set(f);
    }
    /// Turns every fault off.
    pub fn reset(&self) {
        self.shared.lock().faults.set(Faults::default());
    }
    /// The faults now on.
    pub fn current(&self) -> Faults {
        self.shared.lock().faults.config.clone()
    }
}

/// A response whose body fails at once: the server closes the connection without a complete answer.
fn broken_response() -> Response {
    let stream = futures::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other(
            "simulated dropped response",
        ))
    });
    Response::builder()
        .status(StatusCode::CREATED)
        .header("content-length", "4096")
        .body(Body::from_stream(stream))
        .unwrap_or_default()
}

/// Applies the faults to every Shippo API request.
pub async fn middleware(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let purchase = req.method() == Method::POST && path == "/transactions";
    let (latency, fail, throttle, drop, purchase_latency) = {
        let mut w = s.lock();
        let st = &mut w.faults;
        let latency = st.config.latency_ms;
        let mut fail = None;
        if let Some(f) = st.config.fail_nth.clone() {
            if f.path.as_deref().is_none_or(|p| path.starts_with(p)) {
                st.fail_seen += 1;
                if st.fail_seen == f.n {
                    fail = Some(f.status);
                }
            }
        }
        let mut throttle = false;
        if let Some(n) = st.config.status_429_nth {
            st.throttle_seen += 1;
            throttle = st.throttle_seen == n;
        }
        let drop = st
            .config
            .drop_response_after_commit
            .as_ref()
            .is_some_and(|d| {
                req.method() == Method::POST && path.starts_with(&d.path) && st.drops_done < d.count
            });
        let purchase_latency = st.config.purchase_latency_ms.filter(|_| purchase);
        (latency, fail, throttle, drop, purchase_latency)
    };
    if let Some(ms) = latency {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(code) = fail {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        tracing::info!(path = %path, code, "fault: failing this request");
        return ApiError::detail(status, "A server error occurred (simulated fault).")
            .into_response();
    }
    if throttle {
        tracing::info!(path = %path, "fault: throttling this request");
        return crate::limits::throttled(Duration::from_secs(1));
    }
    let resp = match purchase_latency {
        Some(ms) => {
            tracing::info!(path = %path, ms, "fault: slow purchase");
            // A task of its own: a client that hangs up does not cancel the purchase.
            let task = tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                next.run(req).await
            });
            match task.await {
                Ok(resp) => resp,
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        None => next.run(req).await,
    };
    if drop && resp.status().is_success() {
        s.lock().faults.drops_done += 1;
        tracing::info!(path = %path, "fault: committed, dropping the response");
        return broken_response();
    }
    resp
}

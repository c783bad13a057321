//! Control endpoints outside the Shippo paths (no auth): fault switches, every sold label (all, or
//! one order's), health, the rate-limit window, and moving the simulated clock forward.

use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::faults::Faults;
use crate::http::{body_json, Query};
use crate::server::Shared;

/// `POST /__sim/faults`: turns faults on (replacing the previous ones).
pub async fn set_faults(
    State(s): State<Shared>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let v = body_json(&body)?;
    let f: Faults = serde_json::from_value(v)
        .map_err(|e| ApiError::bad_request(format!("Unknown or malformed fault: {e}")))?;
    tracing::info!(faults = ?f, "faults set");
    s.lock().faults.set(f.clone());
    Ok(Json(f).into_response())
}

/// `GET /__sim/faults`.
pub async fn get_faults(State(s): State<Shared>) -> Response {
    Json(s.lock().faults.config.clone()).into_response()
}

/// `DELETE /__sim/faults`: every fault off.
pub async fn reset_faults(State(s): State<Shared>) -> Response {
    s.lock().faults.set(Faults::default());
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /__sim/transactions`: every label sold, across all tokens; `?order=ID` keeps the labels
/// bought for one order (how many labels an order has, whichever bench bought them).
pub async fn transactions(State(s): State<Shared>, RawQuery(q): RawQuery) -> Response {
    let q = Query::parse(q.as_deref());
    let mut sold = s.lock().sold();
    if let Some(order) = q.get("order") {
        sold.retain(|t| t.order.as_deref() == Some(order));
    }
    Json(sold).into_response()
}

/// `GET /__sim/limits`: whether rate limits apply and how long a window lasts.
pub async fn get_limits(State(s): State<Shared>) -> Response {
    Json(limits_json(&s)).into_response()
}

/// `POST /__sim/limits` `{"window_ms": N}`: the length of a rate-limit window (Shippo's minute;
/// a test may make it 600 ms). Counting restarts.
pub async fn set_limits(
    State(s): State<Shared>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let v: Value = body_json(&body)?;
    let ms = v
        .get("window_ms")
        .and_then(Value::as_u64)
        .filter(|ms| *ms > 0)
        .ok_or_else(|| ApiError::field("window_ms", "A whole number of milliseconds above 0 is required."))?;
    s.set_rate_window(Duration::from_millis(ms));
    Ok(Json(limits_json(&s)).into_response())
}

fn limits_json(s: &Shared) -> Value {
    let w = s.lock();
    let on = w.faults.config.rate_limits.unwrap_or(w.rate_limits);
    json!({ "on": on, "window_ms": u64::try_from(w.rate_window.as_millis()).unwrap_or(u64::MAX) })
}

/// `GET /__sim/health`.
pub async fn health(State(s): State<Shared>) -> Response {
    let w = s.lock();
    Json(json!({ "status": "ok", "orders": w.shop.len(), "base_url": w.base_url })).into_response()
}

/// `POST /__sim/clock` `{"advance_secs": N}`: moves the simulated clock forward (e.g. to expire rates).
pub async fn clock(State(s): State<Shared>, body: axum::body::Bytes) -> Result<Response, ApiError> {
    let v: Value = body_json(&body)?;
    let secs = v
        .get("advance_secs")
        .and_then(Value::as_u64)
        .ok_or_else(|| ApiError::required("advance_secs"))?;
    let mut w = s.lock();
    w.clock_offset += Duration::from_secs(secs);
    w.tick();
    Ok(Json(json!({ "now": w.now_str() })).into_response())
}

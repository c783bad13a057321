//! Shippo's rate limits: per token and bucket, counted in fixed windows (a minute by default; tests
//! may shorten it with [`crate::Simulator::set_rate_window`] or `POST /__sim/limits`). Over the
//! limit the answer is 429 with `Retry-After` (whole seconds until the window ends, rounded up).

use std::time::Duration;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::server::Shared;

/// Shippo's window: the documented limits are per minute.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(60);

/// The rate-limit bucket of a request and its limit per window (test, live), as documented
/// (docs.goshippo.com, API Concepts → Rate Limits; see API-NOTES §10).
pub fn bucket(method: &Method, path: &str) -> (&'static str, u32, u32) {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let first = segs.first().copied().unwrap_or_default();
    let is_get = method == Method::GET;
    match (first, is_get) {
        ("batches", false) => ("batch-post", 10, 50),
        ("batches", true) => ("batch-get", 40, 400),
        ("tracks", false) => ("track-post", 50, 750),
        ("tracks", true) => ("track-get", 50, 500),
        (_, false) => ("post", 50, 500),
        (_, true) => {
            let list = segs.len() == 1
                || segs.get(2) == Some(&"rates")
                || (segs.len() == 2 && segs[1] == "declarations")
                || (segs.len() == 2 && segs[1] == "items");
            if list {
                ("get-list", 10, 50)
            } else {
                ("get-single", 400, 4000)
            }
        }
    }
}

/// Counts the request in its window; `Some(time left in the window)` when it is over the limit
/// (the request is then not counted).
pub fn check(s: &Shared, a: &Auth, method: &Method, path: &str) -> Option<Duration> {
    let mut w = s.lock();
    let on = w.faults.config.rate_limits.unwrap_or(w.rate_limits);
    if !on {
        return None;
    }
    let (name, test_limit, live_limit) = bucket(method, path);
    let limit = if a.test { test_limit } else { live_limit };
    // Windows are fixed and aligned on the simulated wall clock (minute boundaries by default),
    // not sliding and not a token bucket.
    let window_ms = u64::try_from(w.rate_window.as_millis()).unwrap_or(u64::MAX).max(1);
    let now_ms = u64::try_from(w.utc().timestamp_millis()).unwrap_or_default();
    let index = now_ms / window_ms;
    let slot = w.limits.entry((a.token.clone(), name)).or_insert((index, 0));
    if slot.0 != index {
        *slot = (index, 0);
    }
    if slot.1 >= limit {
        w.throttled += 1;
        let left = (index + 1) * window_ms - now_ms;
        return Some(Duration::from_millis(left));
    }
    slot.1 += 1;
    None
}

/// The 429 Shippo sends, with `Retry-After` in whole seconds (rounded up, at least 1).
pub fn throttled(wait: Duration) -> Response {
    let secs = wait.as_millis().div_ceil(1000).max(1);
    let unit = if secs == 1 { "second" } else { "seconds" };
    let mut resp = ApiError::detail(
        StatusCode::TOO_MANY_REQUESTS,
        format!("Request was throttled. Expected available in {secs} {unit}."),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

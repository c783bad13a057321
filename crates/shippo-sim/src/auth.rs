//! Token check (`Authorization: ShippoToken <token>`) and Shippo's per-minute rate limits.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::server::Shared;

/// The caller, once its token is accepted. Handlers find it in the request extensions.
#[derive(Clone)]
pub struct Auth {
    /// The token (never logged or echoed).
    pub token: String,
    /// Test mode (`shippo_test_`).
    pub test: bool,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("token", &"<masked>")
            .field("test", &self.test)
            .finish()
    }
}

/// Whether a token looks like a real one: `shippo_test_` or `shippo_live_` and 40 lowercase hex.
pub fn well_formed(token: &str) -> Option<bool> {
    let (test, rest) = if let Some(r) = token.strip_prefix("shippo_test_") {
        (true, r)
    } else if let Some(r) = token.strip_prefix("shippo_live_") {
        (false, r)
    } else {
        return None;
    };
    (rest.len() == 40
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
    .then_some(test)
}

fn unauthorized(text: &str) -> Response {
    ApiError::detail(StatusCode::UNAUTHORIZED, text).into_response()
}

/// Checks the token as Shippo does, then the rate limit, then runs the handler.
pub async fn middleware(State(s): State<Shared>, mut req: Request, next: Next) -> Response {
    let header = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .map(str::trim)
        .map(String::from);
    let Some(header) = header else {
        return unauthorized("Authentication credentials were not provided.");
    };
    let mut parts = header.splitn(2, ' ');
    let scheme = parts.next().unwrap_or_default();
    let value = parts.next().unwrap_or_default().trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return unauthorized("Invalid access token.");
    }
    if scheme != "ShippoToken" {
        return unauthorized("Authentication credentials were not provided.");
    }
    let auth = {
        let w = s.lock();
        match well_formed(value) {
            Some(test) if w.tokens.is_empty() || w.tokens.iter().any(|t| t == value) => Auth {
                token: value.to_string(),
                test,
            },
            _ => return unauthorized("Token does not exist"),
        }
    };
    if let Some(wait) = check_rate_limit(&s, &auth, req.method(), req.uri().path()) {
        tracing::debug!(path = req.uri().path(), "rate limit exceeded");
        return ApiError::detail(
            StatusCode::TOO_MANY_REQUESTS,
            format!("Request was throttled. Expected available in {wait} seconds."),
        )
        .into_response();
    }
    req.extensions_mut().insert(auth);
    next.run(req).await
}

/// The rate-limit bucket of a request and its per-minute limit (test, live), as documented.
fn bucket(method: &Method, path: &str) -> (&'static str, u32, u32) {
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

/// Counts the request; `Some(seconds to wait)` when it is over the limit.
fn check_rate_limit(s: &Shared, a: &Auth, method: &Method, path: &str) -> Option<u64> {
    let mut w = s.lock();
    let on = w.faults.config.rate_limits.unwrap_or(w.rate_limits);
    if !on {
        return None;
    }
    let (name, test_limit, live_limit) = bucket(method, path);
    let limit = if a.test { test_limit } else { live_limit };
    let now = w.instant();
    let slot = w.limits.entry((a.token.clone(), name)).or_insert((now, 0));
    if now.duration_since(slot.0) >= Duration::from_secs(60) {
        *slot = (now, 0);
    }
    if slot.1 >= limit {
        let wait = 60u64
            .saturating_sub(now.duration_since(slot.0).as_secs())
            .max(1);
        return Some(wait);
    }
    slot.1 += 1;
    None
}

//! Token check (`Authorization: ShippoToken <token>`), then the rate limits (`crate::limits`).

use axum::extract::{Request, State};
use axum::http::StatusCode;
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
    if let Some(wait) = crate::limits::check(&s, &auth, req.method(), req.uri().path()) {
        tracing::debug!(path = req.uri().path(), "rate limit exceeded");
        return crate::limits::throttled(wait);
    }
    req.extensions_mut().insert(auth);
    next.run(req).await
}

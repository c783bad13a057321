//! The simulator's error type (for starting it) and the HTTP error answers it sends.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The listening socket could not be opened.
    #[error("the Shippo simulator could not listen on 127.0.0.1:{port}: {source}. Pick another port, or 0 for any free one")]
    Bind {
        /// The port asked for.
        port: u16,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// More demo orders were asked for than the simulator generates.
    #[error("the Shippo simulator generates at most 100000 demo orders; {0} were asked for")]
    TooManyOrders(usize),
}

/// An HTTP error answer with a JSON body, shaped as the real API shapes it.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: Value,
}

impl ApiError {
    /// `{"detail": text}` with a status.
    pub fn detail(status: StatusCode, text: impl Into<String>) -> Self {
        ApiError {
            status,
            body: json!({ "detail": text.into() }),
        }
    }
    /// 404 `{"detail":"Not found."}`.
    pub fn not_found() -> Self {
        Self::detail(StatusCode::NOT_FOUND, "Not found.")
    }
    /// 400 with a DRF-style field error `{"field": ["message"]}`.
    pub fn field(field: &str, text: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!({ field: [text.into()] }),
        }
    }
    /// 400 `{"field": ["This field is required."]}`.
    pub fn required(field: &str) -> Self {
        Self::field(field, "This field is required.")
    }
    /// 400 `{"detail": text}`.
    pub fn bad_request(text: impl Into<String>) -> Self {
        Self::detail(StatusCode::BAD_REQUEST, text)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

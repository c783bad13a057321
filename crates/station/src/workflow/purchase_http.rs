//! The one label-purchase POST, sent exactly once and never retried, with the order link.
//!
//! The typed client's `TransactionCreateRequest` has no `order` field, while Shippo (and the
//! simulator) accept `order` on `POST /transactions` to link the label to the order. This module
//! sends the purchase body as JSON itself, with the client's configuration (base URL, token,
//! version, account header, timeouts), and sorts the answer into "bought", "refused" (nothing was
//! bought) and "unknown" (the purchase may have gone through: reconcile).

use std::sync::OnceLock;

use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};

/// How a purchase POST ended.
#[derive(Debug, Clone)]
pub enum PostOutcome {
    /// Shippo answered with a transaction (which may still have status ERROR).
    Answered(Box<shippo::Transaction>),
    /// Shippo refused the request: nothing was bought. The sentence says why.
    Refused(String),
    /// The answer was lost (timeout, broken connection, server error): the purchase may or may not
    /// have gone through.
    Unknown(String),
}

fn http(config: &shippo::ClientConfig) -> Option<reqwest::Client> {
    static CLIENT: OnceLock<Option<reqwest::Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::builder()
                .user_agent(config.user_agent.clone())
                .connect_timeout(config.connect_timeout)
                .read_timeout(config.read_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .ok()
        })
        .clone()
}

/// Sends `POST /transactions` with this JSON body, once.
pub async fn post_transaction(client: &shippo::Client, body: &serde_json::Value) -> PostOutcome {
    let config = client.config();
    let Some(http) = http(config) else {
        return PostOutcome::Refused("the HTTP client could not be started".into());
    };
    let url = format!("{}/transactions", config.base_url.as_str().trim_end_matches('/'));
    let Ok(mut auth) = HeaderValue::from_str(&config.token.authorization()) else {
        return PostOutcome::Refused("the API token cannot be sent in a header".into());
    };
    auth.set_sensitive(true);
    let mut req = http
        .post(&url)
        .header(AUTHORIZATION, auth)
        .header(ACCEPT, "application/json")
        .header(CONTENT_TYPE, "application/json")
        .body(body.to_string());
    if let Some(v) = &config.api_version {
        req = req.header("SHIPPO-API-VERSION", v.as_str());
    }
    if let Some(a) = &config.account_id {
        req = req.header("SHIPPO-ACCOUNT-ID", a.as_str());
    }
    let resp = match req.send().await {
        Ok(r) => r,
        Err(e) if e.is_connect() => {
            return PostOutcome::Refused(format!(
                "Shippo could not be reached ({}); nothing was bought",
                e.without_url()
            ))
        }
        Err(e) => return PostOutcome::Unknown(format!("the answer was lost ({})", e.without_url())),
    };
    let status = resp.status();
    let bytes = match resp.bytes().await {
        Ok(b) => b,
        Err(e) => {
            return PostOutcome::Unknown(format!("the answer broke off ({})", e.without_url()))
        }
    };
    if status.is_success() {
        return match serde_json::from_slice::<shippo::Transaction>(&bytes) {
            Ok(t) => PostOutcome::Answered(Box::new(t)),
            Err(e) => PostOutcome::Unknown(format!("the answer could not be read ({e})")),
        };
    }
    let text = String::from_utf8_lossy(&bytes);
    let text: String = text
        .replace(config.token.expose(), &config.token.masked())
        .chars()
        .take(300)
        .collect();
    if status.is_server_error() || status.as_u16() == 408 {
        PostOutcome::Unknown(format!("Shippo answered HTTP {} ({text})", status.as_u16()))
    } else {
        PostOutcome::Refused(format!("Shippo refused the purchase (HTTP {}: {text})", status.as_u16()))
    }
}

//! Asking Shippo whether it accepts a token, with the cheapest authenticated call there is.

use std::time::Duration;

use shippo::Token;

use super::SecretsError;

/// The call used to check a token: one carrier account, which every Shippo account can list.
pub const CHECK_PATH: &str = "/carrier_accounts?results=1";

/// How long the check may take in all.
const CHECK_TIMEOUT: Duration = Duration::from_secs(20);

/// Asks Shippo at `api_base` (e.g. `https://api.goshippo.com`) whether it accepts `token`:
/// `GET /carrier_accounts?results=1`. Shippo's 401/403 is [`SecretsError::TokenRefused`]; no answer
/// is [`SecretsError::Unreachable`]. No error message contains the token.
pub async fn check_token(api_base: &str, token: &Token) -> Result<(), SecretsError> {
    // reqwest is built without a default TLS provider; ring is the one this workspace uses. A
    // provider installed earlier (by the shippo client) is fine too, hence the ignored result.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let base = api_base.trim_end_matches('/');
    let url = format!("{base}{CHECK_PATH}");
    let unreachable = |reason: String| SecretsError::Unreachable {
        api_base: base.to_owned(),
        reason,
    };
    let client = reqwest::Client::builder()
        .timeout(CHECK_TIMEOUT)
        .user_agent(concat!("Shipbench/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| unreachable(format!("the HTTP client could not start: {e}")))?;
    let response = client
        .get(&url)
        .header(reqwest::header::AUTHORIZATION, token.authorization())
        .header("Shippo-API-Version", "2018-02-08")
        .send()
        .await
        .map_err(|e| unreachable(describe(&e)))?;
    let status = response.status();
    tracing::debug!(%status, token = %token, "token check answered");
    match status.as_u16() {
        200..=299 => Ok(()),
        401 | 403 => Err(SecretsError::TokenRefused {
            masked: token.masked(),
            status: status.as_u16(),
        }),
        code => Err(SecretsError::UnexpectedAnswer { status: code }),
    }
}

/// A short reason for a failed request. reqwest's errors name the URL, which holds no secret.
fn describe(e: &reqwest::Error) -> String {
    let mut innermost: &dyn std::error::Error = e;
    while let Some(inner) = innermost.source() {
        innermost = inner;
    }
    if e.is_timeout() {
        format!("no answer within {} seconds", CHECK_TIMEOUT.as_secs())
    } else if e.is_connect() {
        format!("the connection failed: {innermost}")
    } else {
        format!("{e}: {innermost}")
    }
}

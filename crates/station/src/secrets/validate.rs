//! Asking Shippo whether it accepts a token, with the cheapest authenticated call there is, through
//! the one Shippo client ([`shippo::Client`]): same API version, headers and timeouts as every other
//! call.

use std::time::Duration;

use shippo::models::CarrierAccountListParams;
use shippo::{Client, ClientConfig, RetryPolicy, Token};

use super::SecretsError;

/// The call used to check a token: one carrier account, which every Shippo account can list.
pub const CHECK_PATH: &str = "/carrier_accounts?results=1";

/// How long the connection may take to open, and an answer to arrive.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const READ_TIMEOUT: Duration = Duration::from_secs(20);

/// Asks Shippo at `api_base` (e.g. `https://api.goshippo.com`) whether it accepts `token`:
/// `GET /carrier_accounts?results=1`. Shippo's 401/403 is [`SecretsError::TokenRefused`]; no answer
/// is [`SecretsError::Unreachable`]; any other HTTP status is [`SecretsError::UnexpectedAnswer`].
/// No error message contains the token.
pub async fn check_token(api_base: &str, token: &Token) -> Result<(), SecretsError> {
    let base = api_base.trim_end_matches('/');
    let unreachable = |reason: String| SecretsError::Unreachable { api_base: base.to_owned(), reason };
    // One attempt, no pacing: the operator is waiting for a yes or no.
    let config = ClientConfig::new(token.clone())
        .with_base_url(base)
        .map_err(|e| unreachable(e.to_string()))?
        .with_pacing(false)
        .with_retry(RetryPolicy { max_retries: 0, ..RetryPolicy::default() })
        .with_timeouts(CONNECT_TIMEOUT, READ_TIMEOUT);
    let client = Client::new(config).map_err(|e| unreachable(e.to_string()))?;
    let params = CarrierAccountListParams { results: Some(1), ..CarrierAccountListParams::default() };
    let answer = client.carrier_accounts().list(&params).await;
    tracing::debug!(ok = answer.is_ok(), token = %token, "token check answered");
    match answer {
        Ok(_) => Ok(()),
        Err(e) => Err(match e.status() {
            Some(status @ (401 | 403)) => SecretsError::TokenRefused { masked: token.masked(), status },
            Some(status) => SecretsError::UnexpectedAnswer { status },
            // No HTTP status: the request got no answer (connection, timeout) or an unreadable one.
            None => unreachable(reason_without_advice(&e)),
        }),
    }
}

/// The client's sentence for a failure that had no HTTP answer, trimmed to its reason: the
/// token-check sentence adds its own advice. The client's sentences never hold the token.
fn reason_without_advice(e: &shippo::Error) -> String {
    let text = e.to_string();
    let first = text.split(". ").next().unwrap_or(&text);
    first.trim_end_matches('.').to_owned()
}

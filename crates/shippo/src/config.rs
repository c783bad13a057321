//! How to reach Shippo: base URL, token, headers, timeouts, retries and pacing.

use std::time::Duration;

use url::Url;

use crate::{Error, Token};

/// The API version this client speaks, sent as `SHIPPO-API-VERSION`.
pub const API_VERSION: &str = "2018-02-08";

/// Shippo's production base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.goshippo.com";

/// Everything the [`crate::Client`] needs. Build it with [`ClientConfig::new`] and the `with_*`
/// methods; every field is public for callers that prefer struct syntax.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Where the API lives. Tests and the simulator use `http://127.0.0.1:PORT`.
    pub base_url: Url,
    /// The API token (prints masked).
    pub token: Token,
    /// Act as this managed account (`SHIPPO-ACCOUNT-ID`).
    pub account_id: Option<String>,
    /// Sent as `SHIPPO-API-VERSION` on every operation except the webhook ones; `None` sends nothing.
    pub api_version: Option<String>,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed between reads of an answer.
    pub read_timeout: Duration,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Pace requests to Shippo's documented per-minute limits. Turn off against the simulator.
    pub pacing: bool,
    /// Retries of safe calls (GET/PUT/DELETE) on 429, 5xx and connection errors.
    pub retry: RetryPolicy,
    /// Largest label or document accepted by the download helpers.
    pub max_download_bytes: usize,
}

/// Retry settings for safe calls. Purchases are never retried, whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first; 0 disables retries.
    pub max_retries: usize,
    /// First back-off delay (jittered, doubling).
    pub min_delay: Duration,
    /// Longest back-off delay, and the cap on an honoured `Retry-After`.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl ClientConfig {
    /// A configuration for Shippo production with the given token and default settings.
    pub fn new(token: Token) -> Self {
        ClientConfig {
            base_url: Url::parse(DEFAULT_BASE_URL).expect("the default base URL is valid"),
            token,
            account_id: None,
            api_version: Some(API_VERSION.to_owned()),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            user_agent: format!("Shipbench/{}", env!("CARGO_PKG_VERSION")),
            pacing: true,
            retry: RetryPolicy::default(),
            max_download_bytes: 20 * 1024 * 1024,
        }
    }

    /// Points the client at another server (the simulator, a test server, a proxy).
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        let url = Url::parse(base_url)
            .map_err(|e| Error::Config(format!("the base URL {base_url:?} is not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "the base URL {base_url:?} must be an http(s) URL"
            )));
        }
        self.base_url = url;
        Ok(self)
    }

    /// Acts as a managed Shippo account.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Turns pacing on or off.
    pub fn with_pacing(mut self, on: bool) -> Self {
        self.pacing = on;
        self
    }

    /// Sets the retry policy for safe calls.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the connect and read timeouts.
    pub fn with_timeouts(mut self, connect: Duration, read: Duration) -> Self {
        self.connect_timeout = connect;
        self.read_timeout = read;
        self
    }

    /// Sets the user agent.
    pub fn with_user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }
}

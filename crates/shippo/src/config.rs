//! How to reach Shippo: base URL, token, headers, timeouts, retries and pacing.

use std::time::Duration;

use url::Url;

use crate::notice::{Notice, NoticeHook};
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
    /// Time allowed between reads of an answer (30 s by default); a GET that runs out is retried
    /// per [`RetryPolicy`], a POST never.
    pub read_timeout: Duration,
    /// A call without an answer after this long sends [`Notice::StillWaiting`] to the hook, and
    /// again after each further period (8 s by default).
    pub still_waiting_after: Duration,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Pace requests to Shippo's documented per-minute limits. Turn off against the simulator
    /// when its limits are off.
    pub pacing: bool,
    /// The window Shippo's limits are counted in: a minute. A test against a simulator whose
    /// clock runs faster shortens it by the same factor.
    pub pacing_window: Duration,
    /// A pacing hold at least this long is announced with [`Notice::Pacing`] (3 s by default).
    pub pacing_notice_after: Duration,
    /// Retries of safe calls (GET/PUT/DELETE) on 429, 5xx and connection errors.
    pub retry: RetryPolicy,
    /// Largest label or document accepted by the download helpers.
    pub max_download_bytes: usize,
    /// Receives [`Notice`]s (rate-limit waits, retries, slow answers); `None` sends nothing.
    pub notice: Option<NoticeHook>,
}

/// Retry settings for safe calls (GET/PUT/DELETE). A POST is never sent twice, whatever this
/// says: it may have created or bought something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt on 5xx, timeouts and broken connections; 0 disables them.
    pub max_retries: usize,
    /// First back-off delay (jittered, doubling).
    pub min_delay: Duration,
    /// Longest back-off delay.
    pub max_delay: Duration,
    /// How many 429 answers in a row one safe call waits out (each for its full `Retry-After`)
    /// before the 429 is reported; 0 reports the first.
    pub max_rate_limit_waits: usize,
    /// Longest single 429 wait: a `Retry-After` longer than this is reported at once (with its
    /// wait) rather than waited. Never used to shorten a wait.
    pub max_rate_limit_wait: Duration,
    /// The wait after a 429 that names no time (neither `Retry-After` nor "Expected available in
    /// N seconds"): one window of Shippo's per-minute limits.
    pub rate_limit_fallback: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
            max_rate_limit_waits: 10,
            max_rate_limit_wait: Duration::from_secs(300),
            rate_limit_fallback: Duration::from_secs(60),
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
            read_timeout: Duration::from_secs(30),
            still_waiting_after: Duration::from_secs(8),
            user_agent: format!("Shipbench/{}", env!("CARGO_PKG_VERSION")),
            pacing: true,
            pacing_window: Duration::from_secs(60),
            pacing_notice_after: Duration::from_secs(3),
            retry: RetryPolicy::default(),
            max_download_bytes: 20 * 1024 * 1024,
            notice: None,
        }
    }

    /// Points the client at another server (the simulator, a test server, a proxy). `https` may
    /// point anywhere; plain `http` only to this computer (127.0.0.0/8, `::1`, `localhost`), since
    /// the token travels in every request.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        let url = Url::parse(base_url)
            .map_err(|e| Error::Config(format!("the base URL {base_url:?} is not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "the base URL {base_url:?} must be an http(s) URL"
            )));
        }
        if url.scheme() == "http" && !is_loopback(&url) {
            return Err(Error::Config(format!(
                "the base URL {base_url:?} uses plain http, which would send the API token unencrypted; use https, or http only to this computer (127.0.0.1, ::1 or localhost)"
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

    /// Sends [`Notice`]s to `hook` (see [`NoticeHook`]); replaces any earlier hook.
    pub fn with_notice(mut self, hook: impl Fn(&Notice) + Send + Sync + 'static) -> Self {
        self.notice = Some(NoticeHook::new(hook));
        self
    }

    /// Sets how long a call may go unanswered before [`Notice::StillWaiting`] is sent.
    pub fn with_still_waiting_after(mut self, after: Duration) -> Self {
        self.still_waiting_after = after;
        self
    }

    /// Sets the window Shippo's per-minute limits are counted in (a minute; shorter against a
    /// simulator whose clock runs faster).
    pub fn with_pacing_window(mut self, window: Duration) -> Self {
        self.pacing_window = window;
        self
    }

    /// Sets the user agent.
    pub fn with_user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }
}

/// True when the URL's host is this computer: 127.0.0.0/8, `::1` or `localhost`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClientConfig {
        ClientConfig::new(Token::new("shippo_live_0123456789abcdef0123456789abcdef0123a1b2"))
    }

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.9.8.7/api",
            "http://[::1]:3000",
            "http://localhost:9000",
            "http://LOCALHOST",
            "https://api.goshippo.com",
            "https://192.168.1.20:8443",
            "https://proxy.example.com/shippo",
        ] {
            assert!(config().with_base_url(ok).is_ok(), "{ok} should be accepted");
        }
        for refused in [
            "http://api.goshippo.com",
            "http://192.168.1.20:8080",
            "http://[::ffff:127.0.0.1]",
            "http://localhost.example.com",
            "http://10.0.0.1",
        ] {
            let err = config().with_base_url(refused).unwrap_err().to_string();
            assert!(err.contains("plain http"), "{refused}: {err}");
            assert!(err.contains("use https"), "{refused}: {err}");
            assert!(!err.contains("0123456789abcdef"), "{err}");
        }
    }

    #[test]
    fn the_defaults_answer_a_slow_shippo_within_bounds() {
        let c = config();
        assert!(c.still_waiting_after <= Duration::from_secs(10));
        assert!(c.read_timeout <= Duration::from_secs(30));
        assert!(c.retry.max_retries <= 2);
    }
}

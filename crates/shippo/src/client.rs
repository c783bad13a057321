//! The client: one reqwest connection pool, the headers Shippo wants, retries for safe calls,
//! pacing, and the mapping of answers to [`crate::Error`].

use std::sync::Arc;
use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use tokio::time::Instant;

use crate::config::ClientConfig;
use crate::error::ApiErrorBody;
use crate::notice::{Notice, NoticeHook};
use crate::pacer::{Pacer, RateClass};
use crate::Error;

/// A Shippo API client. Cheap to clone; clones share the connection pool and the pacers.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    /// Where this handle's [`Notice`]s go (from the configuration, or [`Client::with_notice`]).
    notice: Option<NoticeHook>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) config: ClientConfig,
    pacer: Pacer,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.config.base_url.as_str())
            .field("token", &self.inner.config.token)
            .finish()
    }
}

/// One request to make.
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) body: Option<serde_json::Value>,
    pub(crate) class: RateClass,
    /// Send `SHIPPO-API-VERSION` (all but the webhook operations).
    pub(crate) versioned: bool,
    /// Safe to repeat: GET/PUT/DELETE. A POST that creates or buys is never repeated.
    pub(crate) idempotent: bool,
}

/// A raw 2xx answer.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

fn install_crypto_provider() {
    // Another part of the program may have installed it already; that is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Client {
    /// Builds a client from a configuration.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("the HTTP client could not be built ({e})")))?;
        let pacer = Pacer::new(config.token.mode(), config.pacing_window, config.pacing);
        Ok(Client {
            notice: config.notice.clone(),
            inner: Arc::new(Inner {
                http,
                config,
                pacer,
            }),
        })
    }

    /// This client, sending its [`Notice`]s to `hook` instead. The copy shares the connection
    /// pool, the pacers and the rate-limit holds with the original, so a long task (a sync) can
    /// hear about its own waits without a second client.
    pub fn with_notice(&self, hook: impl Fn(&Notice) + Send + Sync + 'static) -> Client {
        Client {
            inner: self.inner.clone(),
            notice: Some(NoticeHook::new(hook)),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// Builds the URL of `path` (which starts with `/`) under the base URL, with a query.
    pub(crate) fn url<Q: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        query: Option<&Q>,
    ) -> Result<Url, Error> {
        let base = self.inner.config.base_url.as_str().trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}{path}"))
            .map_err(|e| Error::Config(format!("could not build a URL for {path} ({e})")))?;
        if let Some(q) = query {
            let qs = serde_urlencoded::to_string(q).map_err(|e| {
                Error::Config(format!("could not encode the query of {path} ({e})"))
            })?;
            if !qs.is_empty() {
                url.set_query(Some(&qs));
            }
        }
        Ok(url)
    }

    /// Resolves a `next` link from a list answer. Shippo sends full URLs; the scheme, host and
    /// port are replaced by the configured base so the token only ever goes where it was meant to.
    pub(crate) fn resolve_link(&self, link: &str) -> Option<Url> {
        let base = &self.inner.config.base_url;
        let mut url = base.join(link).ok()?;
        if url.origin() != base.origin() {
            url.set_scheme(base.scheme()).ok()?;
            url.set_host(base.host_str()).ok()?;
            url.set_port(base.port()).ok()?;
        }
        Some(url)
    }

    /// Sends a call (with pacing and, for idempotent calls, retries) and returns a 2xx answer.
    ///
    /// A 429 on a safe call is waited out for the server's whole `Retry-After` (the class is held
    /// for every call of this client meanwhile) and the call sent again, up to
    /// [`RetryPolicy::max_rate_limit_waits`](crate::RetryPolicy) times. 5xx, timeouts and broken
    /// connections of safe calls are retried with jittered exponential back-off (backon) up to
    /// `max_retries`. A POST is sent once, whatever happens.
    pub(crate) async fn execute(&self, call: &Call) -> Result<Answer, Error> {
        let retry = self.inner.config.retry;
        let mut backoff = (call.idempotent && retry.max_retries > 0).then(|| {
            ExponentialBuilder::default()
                .with_jitter()
                .with_min_delay(retry.min_delay)
                .with_max_delay(retry.max_delay)
                .with_max_times(retry.max_retries)
                .build()
        });
        let (mut retries, mut rate_waits) = (0usize, 0usize);
        loop {
            self.pace(call).await;
            let (err, retry_after) = match self.attempt(call).await {
                Ok(answer) => return Ok(answer),
                Err(e) => e,
            };
            if let Error::RateLimited { .. } = err {
                let wait = retry_after.unwrap_or(retry.rate_limit_fallback);
                let too_long = wait > retry.max_rate_limit_wait;
                if !too_long {
                    // Every call of this class waits, not only this one.
                    self.inner.pacer.hold(call.class, Instant::now() + wait);
                }
                if !call.idempotent || rate_waits >= retry.max_rate_limit_waits || too_long {
                    return Err(err);
                }
                rate_waits += 1;
                tracing::warn!(method = %call.method, path = call.url.path(), wait_s = wait.as_secs_f64(), "Shippo rate limit hit; waiting it out");
                continue;
            }
            let next_delay = match backoff.as_mut() {
                Some(b) if err.is_transient() => b.next(),
                _ => None,
            };
            let Some(delay) = next_delay else {
                return Err(err);
            };
            retries += 1;
            tracing::warn!(method = %call.method, path = call.url.path(), error = %err, wait_ms = delay.as_millis() as u64, "retrying a safe Shippo call");
            self.notify(|| Notice::Retrying {
                method: call.method.to_string(),
                path: call.url.path().to_owned(),
                attempt: retries,
                resume_in: delay,
                reason: err.to_string(),
            });
            tokio::time::sleep(delay).await;
        }
    }

    /// Waits for any 429 hold and for the pacer, announcing long waits.
    async fn pace(&self, call: &Call) {
        let notice_after = self.inner.config.pacing_notice_after;
        let method = || call.method.to_string();
        let path = || call.url.path().to_owned();
        self.inner
            .pacer
            .wait(
                call.class,
                |resume_in| {
                    self.notify(|| Notice::RateLimited {
                        method: method(),
                        path: path(),
                        resume_in,
                    })
                },
                |resume_in| {
                    if resume_in >= notice_after {
                        self.notify(|| Notice::Pacing {
                            method: method(),
                            path: path(),
                            resume_in,
                        })
                    }
                },
            )
            .await;
    }

    /// One attempt, announcing [`Notice::StillWaiting`] while no answer has come.
    async fn attempt(&self, call: &Call) -> Result<Answer, (Error, Option<Duration>)> {
        let every = self.inner.config.still_waiting_after;
        if self.notice.is_none() || every.is_zero() {
            return self.send_once(call).await;
        }
        let started = Instant::now();
        let send = self.send_once(call);
        tokio::pin!(send);
        loop {
            match tokio::time::timeout(every, &mut send).await {
                Ok(result) => return result,
                Err(_) => self.notify(|| Notice::StillWaiting {
                    method: call.method.to_string(),
                    path: call.url.path().to_owned(),
                    waited: started.elapsed(),
                }),
            }
        }
    }

    /// Sends a notice to the hook, if there is one (the notice is built only then).
    pub(crate) fn notify(&self, notice: impl FnOnce() -> Notice) {
        if let Some(hook) = &self.notice {
            hook.send(&notice());
        }
    }

    /// One attempt. On failure also returns the server's `Retry-After`, if any.
    async fn send_once(&self, call: &Call) -> Result<Answer, (Error, Option<Duration>)> {
        let cfg = &self.inner.config;
        let mut req = self
            .inner
            .http
            .request(call.method.clone(), call.url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        let mut auth = HeaderValue::from_str(&cfg.token.authorization()).map_err(|_| {
            (
                Error::Config(
                    "the API token contains characters that cannot be sent in a header".into(),
                ),
                None,
            )
        })?;
        auth.set_sensitive(true);
        req = req.header(AUTHORIZATION, auth);
        if call.versioned {
            if let Some(v) = &cfg.api_version {
                req = req.header("SHIPPO-API-VERSION", v.as_str());
            }
        }
        if let Some(account) = &cfg.account_id {
            req = req.header("SHIPPO-ACCOUNT-ID", account.as_str());
        }
        if let Some(body) = &call.body {
            req = req.json(body);
        }
        let method = call.method.as_str();
        let path = call.url.path();
        tracing::debug!(method, path, "calling Shippo");
        let resp = req
            .send()
            .await
            .map_err(|e| (self.transport_error(call, e), None))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .bytes()
            .await
            .map_err(|e| (self.transport_error(call, e), None))?
            .to_vec();
        if status.is_success() || status.is_redirection() {
            return Ok(Answer {
                status,
                headers,
                body,
            });
        }
        let body = ApiErrorBody::parse(&self.scrub(&body));
        let retry_after = parse_retry_after(&headers).or_else(|| {
            (status == StatusCode::TOO_MANY_REQUESTS)
                .then(|| throttle_wait(&body))
                .flatten()
        });
        tracing::info!(method, path, status = status.as_u16(), %body, "Shippo refused a call");
        let err = match status.as_u16() {
            401 => Error::Unauthorized {
                message: body.to_string(),
            },
            429 => Error::RateLimited {
                method: method.to_owned(),
                path: path.to_owned(),
                retry_after,
            },
            s => Error::Api {
                status: s,
                method: method.to_owned(),
                path: path.to_owned(),
                body,
            },
        };
        Err((err, retry_after))
    }

    fn transport_error(&self, call: &Call, e: reqwest::Error) -> Error {
        // A call that is never repeated (a purchase) must tell "not sent" from "answer lost".
        let not_sent = e.is_connect();
        if e.is_timeout() && (call.idempotent || !not_sent) {
            return Error::Timeout {
                method: call.method.to_string(),
                path: call.url.path().to_owned(),
            };
        }
        // reqwest's own message names the URL, never headers; walk the sources for the cause.
        // Each cause is named once: a layer whose text already holds its source's is not repeated.
        let e = e.without_url();
        let mut detail = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            let text = s.to_string();
            if !text.is_empty() && !detail.contains(&text) {
                detail.push_str(": ");
                detail.push_str(&text);
            }
            source = s.source();
        }
        let detail = self.scrub_str(&detail);
        if !call.idempotent && !not_sent {
            return Error::AnswerLost {
                method: call.method.to_string(),
                path: call.url.path().to_owned(),
                detail,
            };
        }
        Error::Unreachable { detail }
    }

    /// Removes the token from text received from the server, in case it was echoed.
    fn scrub(&self, body: &[u8]) -> Vec<u8> {
        let secret = self.inner.config.token.expose();
        if secret.len() < 4 {
            return body.to_vec();
        }
        let text = String::from_utf8_lossy(body);
        if text.contains(secret) {
            text.replace(secret, &self.inner.config.token.masked())
                .into_bytes()
        } else {
            body.to_vec()
        }
    }

    fn scrub_str(&self, s: &str) -> String {
        String::from_utf8_lossy(&self.scrub(s.as_bytes())).into_owned()
    }

    /// Sends a call and decodes the JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let answer = self.execute(&call).await?;
        decode(&call, &answer.body)
    }

    /// Sends a call whose answer has no useful body (204).
    pub(crate) async fn empty(&self, call: Call) -> Result<(), Error> {
        self.execute(&call).await.map(|_| ())
    }

    pub(crate) fn call(&self, method: Method, url: Url, class: RateClass) -> Call {
        let idempotent = method != Method::POST;
        Call {
            method,
            url,
            body: None,
            class,
            versioned: true,
            idempotent,
        }
    }

    /// A GET of one object.
    pub(crate) fn get_one(&self, path: &str) -> Result<Call, Error> {
        Ok(self.call(Method::GET, self.url::<()>(path, None)?, RateClass::GetOne))
    }

    /// A GET of a list, with its query.
    pub(crate) fn get_list<Q: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<Call, Error> {
        Ok(self.call(
            Method::GET,
            self.url(path, Some(query))?,
            RateClass::GetList,
        ))
    }

    /// A POST/PUT/DELETE with an optional JSON body.
    pub(crate) fn write<B: serde::Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Call, Error> {
        let mut call = self.call(method, self.url::<()>(path, None)?, RateClass::Write);
        if let Some(b) = body {
            call.body = Some(serde_json::to_value(b).map_err(|e| {
                Error::Config(format!("the request body could not be encoded ({e})"))
            })?);
        }
        Ok(call)
    }
}

pub(crate) fn decode<T: DeserializeOwned>(call: &Call, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Decode {
        method: call.method.to_string(),
        path: call.url.path().to_owned(),
        detail: e.to_string(),
    })
}

/// The wait named in a DRF throttle body: `{"detail": "Request was throttled. Expected available
/// in 42 seconds."}` (Shippo's API runs on Django REST framework; the simulator sends the same).
fn throttle_wait(body: &ApiErrorBody) -> Option<Duration> {
    let text = body.to_string();
    let rest = &text[text.find("available in ")? + "available in ".len()..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().map(Duration::from_secs)
}

fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (at.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

/// Percent-encodes one path segment (an id or a tracking number).
pub(crate) fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

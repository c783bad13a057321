//! What the client tells its caller while a call is still going on: waiting out a rate limit,
//! pacing itself, retrying, or still waiting for a slow answer. The caller decides how to show it
//! (a status line in the window, a line on stderr in the CLI).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Something a caller may want to show while a call is in progress. Every variant has a sentence
/// ([`fmt::Display`]) fit for an operator.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// Shippo answered 429; the call is held and sent again after `resume_in` (the server's
    /// `Retry-After`, waited in full).
    RateLimited {
        /// HTTP method of the held call.
        method: String,
        /// Request path of the held call.
        path: String,
        /// How long until the call goes out again.
        resume_in: Duration,
    },
    /// The client is holding a call back to stay under Shippo's per-minute limit. Sent only when
    /// the hold is at least [`crate::ClientConfig::pacing_notice_after`].
    Pacing {
        /// HTTP method of the held call.
        method: String,
        /// Request path of the held call.
        path: String,
        /// How long until the call goes out.
        resume_in: Duration,
    },
    /// A safe call failed in a way a later attempt may not see again; it is sent again after
    /// `resume_in`.
    Retrying {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// Which retry this will be (1 for the first).
        attempt: usize,
        /// How long until the retry.
        resume_in: Duration,
        /// The failure's sentence.
        reason: String,
    },
    /// The call was sent and no answer has come yet. Repeats every
    /// [`crate::ClientConfig::still_waiting_after`].
    StillWaiting {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// How long this attempt has been waiting.
        waited: Duration,
    },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::RateLimited { resume_in, .. } => write!(
                f,
                "Waiting for Shippo's rate limit, resuming in {} s.",
                secs(*resume_in)
            ),
            Notice::Pacing { resume_in, .. } => write!(
                f,
                "Pacing requests to stay within Shippo's rate limit, resuming in {} s.",
                secs(*resume_in)
            ),
            Notice::Retrying {
                method,
                path,
                attempt,
                resume_in,
                reason,
            } => write!(
                f,
                "{method} {path} failed ({}); retry {attempt} in {} s.",
                reason.trim_end_matches('.'),
                secs(*resume_in)
            ),
            Notice::StillWaiting {
                method,
                path,
                waited,
            } => write!(
                f,
                "Still waiting for Shippo to answer {method} {path} ({} s so far)…",
                waited.as_secs()
            ),
        }
    }
}

/// Whole seconds, rounded up, so "resuming in 0 s" is never said while a wait remains.
fn secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The callback that receives [`Notice`]s: `ClientConfig::with_notice` or `Client::with_notice`.
/// It runs on the task making the call, so it must return quickly (send to a channel, set a
/// status line).
#[derive(Clone)]
pub struct NoticeHook(pub Arc<dyn Fn(&Notice) + Send + Sync>);

impl NoticeHook {
    /// Wraps a callback.
    pub fn new(f: impl Fn(&Notice) + Send + Sync + 'static) -> Self {
        NoticeHook(Arc::new(f))
    }

    pub(crate) fn send(&self, notice: &Notice) {
        (self.0)(notice);
    }
}

impl fmt::Debug for NoticeHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NoticeHook(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_round_waits_up() {
        let n = Notice::RateLimited {
            method: "GET".into(),
            path: "/orders".into(),
            resume_in: Duration::from_millis(41_200),
        };
        assert_eq!(
            n.to_string(),
            "Waiting for Shippo's rate limit, resuming in 42 s."
        );
        let w = Notice::StillWaiting {
            method: "GET".into(),
            path: "/orders".into(),
            waited: Duration::from_millis(8_300),
        };
        assert_eq!(
            w.to_string(),
            "Still waiting for Shippo to answer GET /orders (8 s so far)…"
        );
    }
}

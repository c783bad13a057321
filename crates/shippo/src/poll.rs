//! Waiting for Shippo's asynchronous work: rating, label purchase, batches and refunds.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::Error;

/// How long and how often the polling helpers ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollOptions {
    /// Give up after this long with [`Error::StillPending`].
    pub deadline: Duration,
    /// First pause between two reads; it grows by half each time up to `max_interval`.
    pub interval: Duration,
    /// Longest pause between two reads.
    pub max_interval: Duration,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            deadline: Duration::from_secs(60),
            interval: Duration::from_millis(500),
            max_interval: Duration::from_secs(5),
        }
    }
}

impl PollOptions {
    /// Default pacing with the given deadline.
    pub fn with_deadline(deadline: Duration) -> Self {
        PollOptions {
            deadline,
            ..Default::default()
        }
    }
}

/// Reads an object until `pending` says it is done, calling `progress` after every read.
pub(crate) async fn poll_until<T, F, Fut>(
    what: &'static str,
    id: &str,
    options: PollOptions,
    mut fetch: F,
    pending: impl Fn(&T) -> bool,
    status_of: impl Fn(&T) -> String,
    mut progress: impl FnMut(&T),
) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let started = Instant::now();
    let mut pause = options.interval;
    loop {
        let object = fetch().await?;
        progress(&object);
        if !pending(&object) {
            return Ok(object);
        }
        let waited = started.elapsed();
        if waited + pause > options.deadline {
            return Err(Error::StillPending {
                what,
                id: id.to_owned(),
                last_status: status_of(&object),
                waited,
            });
        }
        tracing::debug!(what, id, status = %status_of(&object), "still pending");
        tokio::time::sleep(pause).await;
        pause = (pause + pause / 2).min(options.max_interval);
    }
}

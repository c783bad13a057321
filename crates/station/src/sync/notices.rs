//! The client's notices during a sync (waiting out a rate limit, pacing, retrying, a slow answer),
//! forwarded to the sync's progress callback.
//!
//! The client calls its notice hook on the task making the call, and the progress callback is an
//! `FnMut` that is not `Sync`; so the hook only sends the notice into a channel, and the sync
//! drains that channel while it waits for each call ([`NoticeRx::drive`]).

use std::future::Future;

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

/// What kind of wait a [`SyncNotice`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncNoticeKind {
    /// Shippo answered 429; the sync waits for the whole `Retry-After`, then goes on.
    RateLimited,
    /// The client spaces its requests to stay under Shippo's limit (a long gap).
    Pacing,
    /// A call failed in a way a later attempt may not see; it is sent again.
    Retrying,
    /// A call was sent and no answer has come yet.
    StillWaiting,
}

/// A sentence for the operator while the sync waits ("Waiting for Shippo's rate limit, resuming
/// in 42 s.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncNotice {
    /// The kind of wait.
    pub kind: SyncNoticeKind,
    /// The sentence (the client's own wording; never holds the token).
    pub message: String,
}

impl SyncNotice {
    fn from_client(n: &shippo::Notice) -> Option<SyncNotice> {
        let kind = match n {
            shippo::Notice::RateLimited { .. } => SyncNoticeKind::RateLimited,
            shippo::Notice::Pacing { .. } => SyncNoticeKind::Pacing,
            shippo::Notice::Retrying { .. } => SyncNoticeKind::Retrying,
            shippo::Notice::StillWaiting { .. } => SyncNoticeKind::StillWaiting,
            _ => return None,
        };
        Some(SyncNotice { kind, message: n.to_string() })
    }
}

/// The receiving end of a client's notices.
pub(super) struct NoticeRx(UnboundedReceiver<SyncNotice>);

/// A copy of `client` (same pool, pacers and 429 holds) whose notices come out of the returned
/// receiver.
pub(super) fn forward(client: &shippo::Client) -> (shippo::Client, NoticeRx) {
    let (tx, rx) = unbounded_channel();
    let client = client.with_notice(move |n| {
        if let Some(notice) = SyncNotice::from_client(n) {
            tracing::info!(notice = %notice.message, "sync waiting");
            let _ = tx.send(notice);
        }
    });
    (client, NoticeRx(rx))
}

impl NoticeRx {
    /// Runs `fut` to its end, handing every notice that arrives meanwhile to `tell`.
    pub(super) async fn drive<F: Future>(&mut self, fut: F, mut tell: impl FnMut(SyncNotice)) -> F::Output {
        tokio::pin!(fut);
        loop {
            tokio::select! {
                biased;
                Some(n) = self.0.recv() => tell(n),
                out = &mut fut => {
                    while let Ok(n) = self.0.try_recv() {
                        tell(n);
                    }
                    return out;
                }
            }
        }
    }
}

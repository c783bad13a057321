//! What a sync says to the operator, written once for the window and the CLI.

use super::{SyncPhase, SyncProgress, SyncReport};

impl SyncProgress {
    /// One line for a status bar: the wait when the sync is waiting ("Waiting for Shippo's rate
    /// limit, resuming in 42 s."), else how far it is ("Syncing orders: 200 of ~2000…"). `None`
    /// once done.
    pub fn sentence(&self) -> Option<String> {
        if let Some(n) = &self.notice {
            return Some(n.message.clone());
        }
        let what = match self.phase {
            SyncPhase::Orders => "orders",
            SyncPhase::Transactions => "labels",
            SyncPhase::Done => return None,
        };
        let approx = if self.total_is_exact { "" } else { "~" };
        Some(format!("Syncing {what}: {} of {approx}{}…", self.done, self.total.max(self.done)))
    }
}

impl SyncReport {
    /// One sentence: what the sync read and what the cache holds now.
    pub fn sentence(&self) -> String {
        format!(
            "{} sync{}: {} orders read, {} new, {} changed status, {} labels fetched{}; {} orders cached.",
            if self.full { "Full" } else { "Incremental" },
            if self.resumed { " (resumed)" } else { "" },
            self.orders_seen,
            self.new_orders,
            self.status_changes,
            self.transactions_fetched,
            if self.transactions_failed > 0 {
                format!(" ({} could not be fetched)", self.transactions_failed)
            } else {
                String::new()
            },
            self.cached_orders
        )
    }
}

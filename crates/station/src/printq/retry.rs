//! How long and how often a job is tried again when the printer is not taking jobs.
//!
//! The delays come from `backon`'s exponential backoff (with jitter, so several benches sharing a
//! printer do not knock in step); the schedule is kept in the job row (`next_attempt_at`), so it
//! survives a restart. Retries stop after [`RetryPolicy::give_up_after`], counted from the moment
//! the job was queued (or the operator retried it): then the job is FAILED with the reason.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use printing::PrintError;

/// The retry schedule of a print queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The first delay (doubles with each attempt).
    pub min_delay: Duration,
    /// The longest delay between two attempts.
    pub max_delay: Duration,
    /// After this long without success the job is FAILED.
    pub give_up_after: Duration,
    /// How often the worker looks for due jobs and asks spoolers about sent ones at the least.
    pub tick: Duration,
}

impl Default for RetryPolicy {
    /// 2 s, doubling up to 1 minute between tries, for 15 minutes; the worker looks every second.
    fn default() -> Self {
        RetryPolicy {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(60),
            give_up_after: Duration::from_secs(15 * 60),
            tick: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// The delay before the next try after `attempts` failed ones (1 = the first failed).
    pub fn delay_after(&self, attempts: i64) -> Duration {
        let n = usize::try_from(attempts.max(1) - 1).unwrap_or(0);
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_jitter()
            .without_max_times()
            .build()
            .nth(n)
            .unwrap_or(self.max_delay)
            .min(self.max_delay.saturating_mul(2))
    }
}

/// Whether the failure may pass on its own (printer off, refused, not answering, the connection
/// broke, the spooler busy or not accepting), so the job is tried again.
pub fn is_transient(e: &PrintError) -> bool {
    matches!(
        e,
        PrintError::NotAnswering { .. }
            | PrintError::Refused { .. }
            | PrintError::UnknownHost { .. }
            | PrintError::SendFailed { .. }
            | PrintError::SpoolerRejected { .. }
            | PrintError::VirtualDir { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_bounded() {
        let p = RetryPolicy::default();
        let first = p.delay_after(1);
        assert!(first >= Duration::from_secs(2) && first < Duration::from_secs(5), "{first:?}");
        assert!(p.delay_after(4) >= Duration::from_secs(16));
        assert!(p.delay_after(60) <= Duration::from_secs(120));
    }
}

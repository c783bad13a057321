//! Client-side pacing to Shippo's documented per-minute rate limits (API-NOTES §10), one
//! limiter per class, with live or test figures chosen by the token's mode.

use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::token::TokenMode;

/// The rate-limit class of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateClass {
    /// POST/PUT/DELETE on core objects.
    Write,
    /// GET of one object.
    GetOne,
    /// GET of a list.
    GetList,
    /// POST on batches.
    BatchWrite,
    /// GET of a batch.
    BatchGet,
    /// POST /tracks.
    TrackWrite,
    /// GET /tracks/….
    TrackGet,
}

impl RateClass {
    /// Requests per minute Shippo documents for this class: `(live, test)`.
    pub fn per_minute(self) -> (u32, u32) {
        match self {
            RateClass::Write => (500, 50),
            RateClass::GetOne => (4000, 400),
            RateClass::GetList => (50, 10),
            RateClass::BatchWrite => (50, 10),
            RateClass::BatchGet => (400, 40),
            RateClass::TrackWrite => (750, 50),
            RateClass::TrackGet => (500, 50),
        }
    }

    const ALL: [RateClass; 7] = [
        RateClass::Write,
        RateClass::GetOne,
        RateClass::GetList,
        RateClass::BatchWrite,
        RateClass::BatchGet,
        RateClass::TrackWrite,
        RateClass::TrackGet,
    ];
}

/// One limiter per class.
pub(crate) struct Pacer {
    limiters: Vec<(RateClass, DefaultDirectRateLimiter)>,
}

impl Pacer {
    pub(crate) fn new(mode: TokenMode) -> Pacer {
        let limiters = RateClass::ALL
            .iter()
            .map(|&class| {
                let (live, test) = class.per_minute();
                let n = if mode == TokenMode::Test { test } else { live };
                let quota = Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
                (class, RateLimiter::direct(quota))
            })
            .collect();
        Pacer { limiters }
    }

    /// Takes a slot without waiting; false when the class is at its limit.
    #[cfg(test)]
    pub(crate) fn try_take(&self, class: RateClass) -> bool {
        self.limiters
            .iter()
            .find(|(c, _)| *c == class)
            .is_none_or(|(_, l)| l.check().is_ok())
    }

    /// Waits until a request of this class may go.
    pub(crate) async fn wait(&self, class: RateClass) {
        if let Some((_, limiter)) = self.limiters.iter().find(|(c, _)| *c == class) {
            limiter.until_ready().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_tokens_get_test_figures_and_live_tokens_live_ones() {
        let test = Pacer::new(TokenMode::Test);
        let taken = (0..20)
            .filter(|_| test.try_take(RateClass::GetList))
            .count();
        assert_eq!(taken, 10, "10 list GETs per minute in test mode");
        assert!(test.try_take(RateClass::GetOne), "classes are independent");
        let live = Pacer::new(TokenMode::Live);
        let taken = (0..60)
            .filter(|_| live.try_take(RateClass::GetList))
            .count();
        assert_eq!(taken, 50, "50 list GETs per minute in live mode");
    }
}

//! Client-side pacing to Shippo's documented per-minute rate limits (API-NOTES §10), one
//! limiter per class, with live or test figures chosen by the token's mode, and holds after a 429.
//!
//! Shippo may count in fixed windows (N per clock minute) or in a bucket. A bucket's burst is
//! not documented, and a burst of N at the end of one fixed window followed by N at the start
//! of the next puts 2N into one minute. So the pacer sends no burst at all: one request of a
//! class every `window / N` (plus 2 % for clock drift between here and Shippo). Any span of one
//! window, aligned or not, then holds at most N requests, which satisfies both ways of counting.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::time::Instant;

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

    /// The spacing between two requests of this class that keeps any span of `window` at or
    /// under the class's limit: `window / N`, plus 2 % margin.
    pub fn spacing(self, mode: TokenMode, window: Duration) -> Duration {
        let (live, test) = self.per_minute();
        let n = if mode == TokenMode::Test { test } else { live }.max(1);
        window.mul_f64(1.02) / n
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

/// One limiter per class (when pacing is on) and the holds a 429 puts on a class (always).
pub(crate) struct Pacer {
    limiters: Vec<(RateClass, DefaultDirectRateLimiter)>,
    holds: Mutex<HashMap<RateClass, Instant>>,
}

impl Pacer {
    /// Limiters for the token's mode, counted in `window`; none when `pacing` is off.
    pub(crate) fn new(mode: TokenMode, window: Duration, pacing: bool) -> Pacer {
        let limiters = if pacing {
            RateClass::ALL
                .iter()
                .filter_map(|&class| {
                    let period = class.spacing(mode, window).max(Duration::from_nanos(1));
                    let quota = Quota::with_period(period)?.allow_burst(NonZeroU32::MIN);
                    Some((class, RateLimiter::direct(quota)))
                })
                .collect()
        } else {
            Vec::new()
        };
        Pacer {
            limiters,
            holds: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a slot without waiting; false when the class must wait.
    #[cfg(test)]
    pub(crate) fn try_take(&self, class: RateClass) -> bool {
        self.limiter(class).is_none_or(|l| l.check().is_ok())
    }

    fn limiter(&self, class: RateClass) -> Option<&DefaultDirectRateLimiter> {
        self.limiters
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, l)| l)
    }

    /// Holds every call of `class` until `until` (after a 429). A later hold wins.
    pub(crate) fn hold(&self, class: RateClass, until: Instant) {
        let mut holds = self.holds.lock().unwrap_or_else(|p| p.into_inner());
        let entry = holds.entry(class).or_insert(until);
        if *entry < until {
            *entry = until;
        }
    }

    /// How long a 429 hold on `class` still lasts.
    pub(crate) fn held_for(&self, class: RateClass) -> Option<Duration> {
        let holds = self.holds.lock().unwrap_or_else(|p| p.into_inner());
        let until = *holds.get(&class)?;
        let left = until.saturating_duration_since(Instant::now());
        (!left.is_zero()).then_some(left)
    }

    /// Waits out any 429 hold on the class (telling `on_hold` first), then until the limiter lets
    /// a request go (telling `on_pace` first when that wait is known to be long).
    pub(crate) async fn wait(
        &self,
        class: RateClass,
        on_hold: impl Fn(Duration),
        on_pace: impl Fn(Duration),
    ) {
        while let Some(left) = self.held_for(class) {
            on_hold(left);
            tokio::time::sleep(left).await;
        }
        let Some(limiter) = self.limiter(class) else {
            return;
        };
        match limiter.check() {
            Ok(()) => {}
            Err(not_until) => {
                on_pace(not_until.wait_time_from(DefaultClock::default().now()));
                limiter.until_ready().await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_tokens_get_test_figures_and_live_tokens_live_ones() {
        let minute = Duration::from_secs(60);
        assert_eq!(
            RateClass::GetList.spacing(TokenMode::Test, minute),
            Duration::from_millis(6120)
        );
        assert_eq!(
            RateClass::GetList.spacing(TokenMode::Live, minute),
            Duration::from_millis(1224)
        );
        let test = Pacer::new(TokenMode::Test, minute, true);
        assert!(test.try_take(RateClass::GetList));
        assert!(!test.try_take(RateClass::GetList), "no burst");
        assert!(test.try_take(RateClass::GetOne), "classes are independent");
        let off = Pacer::new(TokenMode::Test, minute, false);
        assert!((0..100).all(|_| off.try_take(RateClass::GetList)));
    }

    /// The old pacer (a GCRA bucket: a burst of 10, then one every 6 s) put 19 list GETs into
    /// one minute. Here the window is shortened to 600 ms and requests go as fast as the pacer
    /// allows for three windows: no span of one window, aligned or sliding, holds more than 10.
    #[tokio::test]
    async fn no_window_ever_holds_more_than_the_limit() {
        let window = Duration::from_millis(600);
        let pacer = Pacer::new(TokenMode::Test, window, true);
        let start = std::time::Instant::now();
        let mut sent = Vec::new();
        while start.elapsed() < window * 3 {
            pacer.wait(RateClass::GetList, |_| {}, |_| {}).await;
            sent.push(start.elapsed());
        }
        for (i, first) in sent.iter().enumerate() {
            let inside = sent[i..].iter().filter(|t| **t < *first + window).count();
            assert!(inside <= 10, "{inside} requests within one window from {first:?}");
        }
        // And the pacer is not needlessly slow: about 10 per window.
        assert!(sent.len() >= 28, "only {} requests in 3 windows", sent.len());
    }

    #[tokio::test]
    async fn a_hold_delays_its_class_only() {
        let pacer = Pacer::new(TokenMode::Live, Duration::from_secs(60), false);
        pacer.hold(RateClass::GetList, Instant::now() + Duration::from_millis(150));
        let started = std::time::Instant::now();
        pacer.wait(RateClass::GetOne, |_| {}, |_| {}).await;
        assert!(started.elapsed() < Duration::from_millis(100));
        let told = std::sync::Mutex::new(None);
        pacer
            .wait(
                RateClass::GetList,
                |d| *told.lock().unwrap() = Some(d),
                |_| {},
            )
            .await;
        assert!(started.elapsed() >= Duration::from_millis(140));
        assert!(told.lock().unwrap().is_some_and(|d| d > Duration::from_millis(100)));
    }
}

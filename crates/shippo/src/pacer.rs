//! Client-side pacing to Shippo's documented per-minute rate limits (API-NOTES §10), one
//! limiter per class, with live or test figures chosen by the token's mode, and holds after a 429.
//!
//! Shippo may count in fixed windows (N per clock minute) or in a bucket. A token bucket (GCRA,
//! as `governor` implements it) with a burst of N lets N go at the end of one fixed window and N
//! more at the start of the next: 2N in one minute, and a 429. Without a burst (one request every
//! `window / N`) it is safe but makes every operator wait: three POSTs of one test-mode purchase
//! would take 2.4 s. So each class keeps a **sliding-window log**: a request may go when fewer
//! than N of its class went in the last `window` (plus 2 % for clock drift between here and
//! Shippo). Any span of one window, aligned or not, then holds at most N requests — safe for fixed
//! windows and for a bucket of capacity N — while a buy's few calls go at once and a long sync
//! runs at N per window. (governor cannot express a sliding log, hence these few lines.)

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

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

    /// The limit for a token's mode: `(N, window)`, the window with 2 % margin for clock drift.
    pub fn limit(self, mode: TokenMode, window: Duration) -> (usize, Duration) {
        let (live, test) = self.per_minute();
        let n = if mode == TokenMode::Test { test } else { live }.max(1);
        (n as usize, window.mul_f64(1.02))
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

/// A sliding-window log: the send times (some reserved in the future) of one class.
struct SlidingLog {
    n: usize,
    window: Duration,
    sent: Mutex<VecDeque<Instant>>,
}

impl SlidingLog {
    /// Reserves the next slot that keeps every span of `window` at `n` sends or fewer, and
    /// returns how long to wait for it (zero: now).
    fn reserve(&self) -> Duration {
        let now = Instant::now();
        let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
        while sent.front().is_some_and(|t| now.saturating_duration_since(*t) >= self.window) {
            sent.pop_front();
        }
        let at = match sent.len().checked_sub(self.n) {
            // The n-th send back must be a whole window before this one.
            Some(i) => (sent[i] + self.window).max(now),
            None => now,
        };
        let at = sent.back().map_or(at, |last| at.max(*last));
        sent.push_back(at);
        at.saturating_duration_since(now)
    }
}

/// One log per class (when pacing is on) and the holds a 429 puts on a class (always).
pub(crate) struct Pacer {
    limiters: Vec<(RateClass, SlidingLog)>,
    holds: Mutex<HashMap<RateClass, Instant>>,
}

impl Pacer {
    /// Logs for the token's mode, counted in `window`; none when `pacing` is off.
    pub(crate) fn new(mode: TokenMode, window: Duration, pacing: bool) -> Pacer {
        let limiters = if pacing {
            RateClass::ALL
                .iter()
                .map(|&class| {
                    let (n, window) = class.limit(mode, window);
                    (class, SlidingLog { n, window, sent: Mutex::new(VecDeque::with_capacity(n)) })
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

    /// Takes a slot if one is free now; false (and nothing taken) when the class must wait.
    #[cfg(test)]
    pub(crate) fn try_take(&self, class: RateClass) -> bool {
        let Some(log) = self.limiter(class) else { return true };
        let now = Instant::now();
        let mut sent = log.sent.lock().unwrap();
        let recent = sent.iter().filter(|t| now.saturating_duration_since(**t) < log.window && **t <= now).count();
        if recent < log.n && sent.back().is_none_or(|t| *t <= now) {
            sent.push_back(now);
            true
        } else {
            false
        }
    }

    fn limiter(&self, class: RateClass) -> Option<&SlidingLog> {
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
        let Some(log) = self.limiter(class) else {
            return;
        };
        let wait = log.reserve();
        if !wait.is_zero() {
            on_pace(wait);
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_tokens_get_test_figures_and_live_tokens_live_ones() {
        let minute = Duration::from_secs(60);
        assert_eq!(RateClass::GetList.limit(TokenMode::Test, minute), (10, Duration::from_millis(61_200)));
        assert_eq!(RateClass::GetList.limit(TokenMode::Live, minute), (50, Duration::from_millis(61_200)));
        let test = Pacer::new(TokenMode::Test, minute, true);
        assert!((0..10).all(|_| test.try_take(RateClass::GetList)), "ten list GETs go at once");
        assert!(!test.try_take(RateClass::GetList), "the eleventh waits for the window");
        assert!(test.try_take(RateClass::GetOne), "classes are independent");
        let live = Pacer::new(TokenMode::Live, minute, true);
        assert!((0..50).all(|_| live.try_take(RateClass::GetList)));
        assert!(!live.try_take(RateClass::GetList));
        let off = Pacer::new(TokenMode::Test, minute, false);
        assert!((0..100).all(|_| off.try_take(RateClass::GetList)));
    }

    /// The old pacer (a GCRA bucket: a burst of 10, then one every 6 s) put 19 list GETs into
    /// one minute. Here the window is shortened to 600 ms and requests go as fast as the pacer
    /// allows for three windows (several tasks at once, as a sync's fetches run): no span of one
    /// window, aligned or sliding, holds more than 10.
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

//! Following a scale over time: readings as they change, and waiting for a stable weight.

use std::time::{Duration, Instant};

use crate::reading::{Reading, ScaleState};
use crate::Scale;

/// How often a scale is asked while following it.
pub const POLL: Duration = Duration::from_millis(250);

/// Asks the scale every `every` and calls `on_change` with each reading that differs from the one
/// before (the first reading always). Stops when `on_change` returns false.
pub fn watch(scale: &mut dyn Scale, every: Duration, mut on_change: impl FnMut(&Reading) -> bool) {
    let mut last: Option<Reading> = None;
    loop {
        let started = Instant::now();
        let r = scale.read();
        if last.as_ref() != Some(&r) {
            if !on_change(&r) {
                return;
            }
            last = Some(r);
        }
        if let Some(rest) = every.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}

/// Asks until the scale settles on a stable reading or `limit` passes; returns the last reading
/// (check [`Reading::usable`]). A scale that is unplugged is not waited for.
pub fn read_stable(scale: &mut dyn Scale, limit: Duration) -> Reading {
    let deadline = Instant::now() + limit;
    loop {
        let r = scale.read();
        let settled = matches!(r.state, ScaleState::Stable | ScaleState::Zero | ScaleState::Unplugged);
        if settled || Instant::now() >= deadline {
            return r;
        }
        std::thread::sleep(POLL);
    }
}

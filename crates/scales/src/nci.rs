//! The NCI / Weigh-Tronix serial protocol (also spoken by Avery Weigh-Tronix, Brecknell and many
//! shipping scales in "NCI mode").
//!
//! The host sends `W<CR>`; the scale answers
//! `<LF>  1.25lb<CR><LF>S00<CR><ETX>`: a weight line (left out while the scale cannot weigh) and a
//! status line `S` + two or three status bytes, each `0011xxxx`:
//!
//! | byte | bit 0 | bit 1 | bit 2 | bit 3 |
//! |------|-------|-------|-------|-------|
//! | 1    | in motion | at zero | RAM error | EEPROM error |
//! | 2    | under capacity | over capacity | ROM error | faulty calibration |
//! | 3    | range | range | net weight | initial zero error |
//!
//! Weights may read `1.25lb`, `  20.0 oz`, `0.567kg`, or pounds and ounces `1lb 4.0oz`.

use rust_decimal::Decimal;

use crate::reading::{Reading, ScaleState};
use crate::weight::{Unit, Weight};

/// The weigh command.
pub const COMMAND: &[u8] = b"W\r";

/// End of one answer.
pub const ETX: u8 = 0x03;

/// Decodes one answer (the bytes up to and including ETX, or without it). `None` when the bytes
/// are not an NCI answer (line noise, another protocol).
pub fn parse(frame: &[u8]) -> Option<Reading> {
    let text = std::str::from_utf8(frame).ok()?;
    let mut weight = None;
    let mut status = None;
    for line in text.split(['\r', '\n', ETX as char]).map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(s) = status_bytes(line) {
            status = Some(s);
        } else if let Some(w) = weight_line(line) {
            weight = Some(w);
        } else if line == "?" {
            return Some(Reading::state(ScaleState::Fault).detail("the scale did not understand the command"));
        } else {
            return None;
        }
    }
    let status = status?;
    let byte = |i: usize| status.get(i).copied().unwrap_or(0x30);
    let bit = |b: u8, n: u8| b & (1 << n) != 0;
    let (b1, b2, b3) = (byte(0), byte(1), byte(2));
    let state = if bit(b2, 1) {
        ScaleState::OverCapacity
    } else if bit(b2, 3) {
        ScaleState::NeedsCalibration
    } else if bit(b1, 2) || bit(b1, 3) || bit(b2, 2) {
        ScaleState::Fault
    } else if bit(b3, 3) {
        ScaleState::NeedsZeroing
    } else if bit(b2, 0) {
        ScaleState::UnderZero
    } else if bit(b1, 0) {
        ScaleState::Moving
    } else if bit(b1, 1) {
        ScaleState::Zero
    } else {
        ScaleState::Stable
    };
    Some(match (state, weight) {
        (ScaleState::Stable, None) => Reading::state(ScaleState::Fault).detail("a stable status came without a weight"),
        (ScaleState::Stable, Some(w)) if w.value.is_zero() => Reading::with_weight(ScaleState::Zero, w),
        (ScaleState::Stable | ScaleState::Moving | ScaleState::Zero | ScaleState::UnderZero, Some(w)) => {
            Reading::with_weight(state, w)
        }
        (state, _) => Reading::state(state),
    })
}

/// `S` followed by two or three status bytes in 0x30..=0x3F.
fn status_bytes(line: &str) -> Option<Vec<u8>> {
    let rest = line.strip_prefix('S')?.as_bytes();
    ((2..=3).contains(&rest.len()) && rest.iter().all(|b| (0x30..=0x3F).contains(b))).then(|| rest.to_vec())
}

/// `1.25lb`, `-0.02 lb`, `20.0 oz`, `1lb 4.0oz`.
fn weight_line(line: &str) -> Option<Weight> {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_ascii_lowercase();
    if let Some((lb, oz)) = lower.split_once("lb") {
        if let Some(oz) = oz.strip_suffix("oz").filter(|o| !o.is_empty()) {
            let lb: Decimal = lb.parse().ok()?;
            let oz: Decimal = oz.parse().ok()?;
            return Some(Weight::new((lb + oz / Decimal::from(16)).normalize(), Unit::Lb));
        }
    }
    let split = lower.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = lower.split_at(split);
    let value: Decimal = num.parse().ok()?;
    Some(Weight::new(value, Unit::parse(unit)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reading {
        parse(s.as_bytes()).unwrap_or_else(|| panic!("not parsed: {s:?}"))
    }

    #[test]
    fn answers() {
        assert_eq!(r("\n  1.25lb\r\nS00\r\x03").usable(), Some("1.25lb".parse().unwrap()));
        assert_eq!(r("\n  1lb 4.0oz\r\nS00\r\x03").usable(), Some("1.25lb".parse().unwrap()));
        assert_eq!(r("\n  20.0 oz\r\nS10\r\x03").state, ScaleState::Moving);
        assert_eq!(r("\n  0.00lb\r\nS20\r\x03").state, ScaleState::Zero);
        assert_eq!(r("\n -0.02lb\r\nS01\r\x03").state, ScaleState::UnderZero);
        assert_eq!(r("\nS02\r\x03").state, ScaleState::OverCapacity);
        assert_eq!(r("\nS08\r\x03").state, ScaleState::NeedsCalibration);
        assert_eq!(r("\nS00\r\x03").state, ScaleState::Fault, "stable without a weight");
        assert_eq!(r("\nS008\r\x03").state, ScaleState::NeedsZeroing);
        assert_eq!(r("\nS40\r\x03").state, ScaleState::Fault);
        assert_eq!(r("?\r\x03").state, ScaleState::Fault);
        assert!(parse(b"\x7f\x12garbage\r\x03").is_none());
        assert!(parse(b"\n  1.25lb\r\n\x03").is_none(), "no status line: not a whole answer");
    }
}

//! The USB HID point-of-sale scale's weight report (HID usage tables, "Scale" page 0x8D).
//!
//! Report 3, "Scale Data Report", five bytes after the report id:
//!
//! | byte | meaning |
//! |------|---------|
//! | 0    | status: 1 fault, 2 stable at zero, 3 in motion, 4 weight stable, 5 under zero, 6 over weight limit, 7 requires calibration, 8 requires re-zeroing |
//! | 1    | unit: 1 mg, 2 g, 3 kg, 4 carat, 5 tael, 6 grain, 7 pennyweight, 8 metric ton, 9 avoirdupois ton, 10 troy ounce, 11 ounce, 12 pound |
//! | 2    | scaling: a signed power of ten (0xFF = -1: tenths) |
//! | 3, 4 | the weight, unsigned 16-bit little-endian, times 10^scaling |
//!
//! Dymo M5/M10/M25 send `03 04 0B FF 1C 00` (2.8 oz) or `03 04 02 00 50 00` (80 g); Mettler
//! Toledo PS60 sends pounds with scaling -2 (`03 04 0C FE 7D 00`, 1.25 lb).

use rust_decimal::Decimal;

use crate::reading::{Reading, ScaleState};
use crate::weight::{Unit, Weight};

/// The report id of the scale data report.
pub const SCALE_DATA_REPORT: u8 = 3;

/// The HID usage page of point-of-sale scales.
pub const USAGE_PAGE_SCALE: u16 = 0x8D;

/// Decodes one input report as `hidapi` returns it: with the report id first (`03 …`, six bytes),
/// or without it (five bytes) for devices without numbered reports. Other reports give `None`.
pub fn parse(report: &[u8]) -> Option<Reading> {
    let data = match report {
        [SCALE_DATA_REPORT, rest @ ..] if rest.len() >= 5 => &rest[..5],
        _ if report.len() == 5 => report,
        _ => return None,
    };
    let (status, unit, scaling) = (data[0], data[1], data[2] as i8);
    let raw = u16::from_le_bytes([data[3], data[4]]);
    let state = match status {
        1 => ScaleState::Fault,
        2 => ScaleState::Zero,
        3 => ScaleState::Moving,
        4 => ScaleState::Stable,
        5 => ScaleState::UnderZero,
        6 => ScaleState::OverCapacity,
        7 => ScaleState::NeedsCalibration,
        8 => ScaleState::NeedsZeroing,
        other => return Some(Reading::state(ScaleState::Fault).detail(format!("unknown scale status {other}"))),
    };
    let Some(weight) = weight(raw, unit, scaling) else {
        return Some(Reading::state(ScaleState::Fault).detail(format!("unit {unit} is not one Shipbench can ship with")));
    };
    Some(match state {
        ScaleState::Fault | ScaleState::OverCapacity | ScaleState::NeedsCalibration | ScaleState::NeedsZeroing => {
            Reading::state(state)
        }
        ScaleState::UnderZero => {
            // The 16-bit field carries the magnitude; the status says it is below zero.
            let mut w = weight;
            w.value.set_sign_negative(true);
            Reading::with_weight(state, w)
        }
        _ => Reading::with_weight(state, weight),
    })
}

fn weight(raw: u16, unit: u8, scaling: i8) -> Option<Weight> {
    let mut value = Decimal::from(raw);
    if scaling < 0 {
        value.set_scale(u32::from(scaling.unsigned_abs())).ok()?;
    } else {
        value = value.checked_mul(Decimal::from(10u64.checked_pow(scaling as u32)?))?;
    }
    let (value, unit) = match unit {
        1 => (value / Decimal::from(1000), Unit::G),
        2 => (value, Unit::G),
        3 => (value, Unit::Kg),
        11 => (value, Unit::Oz),
        12 => (value, Unit::Lb),
        _ => return None,
    };
    Some(Weight::new(value.normalize(), unit))
}

//! Mettler Toledo SICS (Standard Interface Command Set), level 0.
//!
//! The host sends `SI<CR><LF>` (send the weight now, stable or not); the scale answers one line:
//!
//! | answer | meaning |
//! |--------|---------|
//! | `S S      1.250 kg` | stable weight |
//! | `S D      1.252 kg` | dynamic: still moving |
//! | `S +` / `S -` | over / under the weighing range |
//! | `S I` | the command cannot be carried out now (busy) |
//! | `ES`, `ET`, `EL` | syntax, transmission or logical error |

use rust_decimal::Decimal;

use crate::reading::{Reading, ScaleState};
use crate::weight::{Unit, Weight};

/// The "send immediate weight" command.
pub const COMMAND: &[u8] = b"SI\r\n";

/// Decodes one answer line (without its line end). `None` for anything that is not a SICS answer.
pub fn parse(line: &[u8]) -> Option<Reading> {
    let text = std::str::from_utf8(line).ok()?.trim();
    let mut parts = text.split_whitespace();
    match (parts.next()?, parts.next()) {
        ("S", Some(kind @ ("S" | "D"))) => {
            let value: Decimal = parts.next()?.parse().ok()?;
            let unit = Unit::parse(parts.next()?)?;
            if parts.next().is_some() {
                return None;
            }
            let w = Weight::new(value, unit);
            let state = match kind {
                "D" => ScaleState::Moving,
                _ if value.is_zero() => ScaleState::Zero,
                _ if value.is_sign_negative() => ScaleState::UnderZero,
                _ => ScaleState::Stable,
            };
            Some(Reading::with_weight(state, w))
        }
        ("S", Some("+")) => Some(Reading::state(ScaleState::OverCapacity)),
        ("S", Some("-")) => Some(Reading::state(ScaleState::UnderZero)),
        ("S", Some("I")) => Some(Reading::state(ScaleState::NotAnswering).detail("the scale is busy (S I)")),
        (code @ ("ES" | "ET" | "EL"), None) => {
            Some(Reading::state(ScaleState::Fault).detail(format!("the scale answered {code}")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reading {
        parse(s.as_bytes()).unwrap_or_else(|| panic!("not parsed: {s:?}"))
    }

    #[test]
    fn answers() {
        assert_eq!(r("S S      1.250 kg").usable(), Some("1.25kg".parse().unwrap()));
        assert_eq!(r("S D      1.252 kg").state, ScaleState::Moving);
        assert_eq!(r("S S      0.000 kg").state, ScaleState::Zero);
        assert_eq!(r("S S     -0.012 kg").state, ScaleState::UnderZero);
        assert_eq!(r("S S      2.50 lb").usable(), Some("2.5lb".parse().unwrap()));
        assert_eq!(r("S +").state, ScaleState::OverCapacity);
        assert_eq!(r("S -").state, ScaleState::UnderZero);
        assert_eq!(r("S I").state, ScaleState::NotAnswering);
        assert_eq!(r("ES").state, ScaleState::Fault);
        for bad in ["", "S", "S S", "S S abc kg", "S S 1.0 stone", "hello", "S S 1.0 kg extra"] {
            assert!(parse(bad.as_bytes()).is_none(), "{bad:?}");
        }
    }
}

//! A reading: what the scale says now, as a state first and a weight second.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::weight::{Unit, Weight};

/// What the scale is doing. Only [`ScaleState::Stable`] with a positive weight is a weight to buy
/// a label with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleState {
    /// A settled weight.
    Stable,
    /// The weight is still changing (the parcel was just put down).
    Moving,
    /// Settled at zero: nothing on the scale.
    Zero,
    /// Below zero: the scale was zeroed with something on it.
    UnderZero,
    /// More than the scale can weigh.
    OverCapacity,
    /// The scale asks to be zeroed again.
    NeedsZeroing,
    /// The scale asks to be calibrated.
    NeedsCalibration,
    /// The scale reports a fault.
    Fault,
    /// The scale is not connected (unplugged, or the port is gone).
    Unplugged,
    /// The scale is connected but did not answer in time, or answered nothing readable.
    NotAnswering,
}

impl ScaleState {
    /// A short sentence for the operator.
    pub fn sentence(self) -> &'static str {
        match self {
            ScaleState::Stable => "Stable.",
            ScaleState::Moving => "Settling… keep the parcel still.",
            ScaleState::Zero => "Nothing on the scale.",
            ScaleState::UnderZero => "Below zero: take everything off and zero the scale.",
            ScaleState::OverCapacity => "Too heavy for this scale.",
            ScaleState::NeedsZeroing => "The scale needs zeroing: take everything off and press ZERO.",
            ScaleState::NeedsCalibration => "The scale needs calibrating.",
            ScaleState::Fault => "The scale reports a fault.",
            ScaleState::Unplugged => "The scale is not connected.",
            ScaleState::NotAnswering => "The scale is not answering.",
        }
    }
}

impl fmt::Display for ScaleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sentence())
    }
}

/// One reading: `{"state": "stable", "weight": "1.25", "unit": "lb"}` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// What the scale is doing.
    pub state: ScaleState,
    /// The weight shown, when the scale shows one (also while moving or under zero).
    #[serde(default, with = "rust_decimal::serde::str_option", skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    /// The unit of `weight`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// More about a fault or an unreadable answer, for logs and the settings test reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Reading {
    /// A reading in `state` with a weight.
    pub fn with_weight(state: ScaleState, weight: Weight) -> Reading {
        Reading { state, weight: Some(weight.value), unit: Some(weight.unit), detail: None }
    }

    /// A reading in `state` without a weight.
    pub fn state(state: ScaleState) -> Reading {
        Reading { state, weight: None, unit: None, detail: None }
    }

    /// The same reading with a detail.
    pub fn detail(mut self, detail: impl Into<String>) -> Reading {
        self.detail = Some(detail.into());
        self
    }

    /// The weight shown, whatever the state.
    pub fn shown(&self) -> Option<Weight> {
        Some(Weight::new(self.weight?, self.unit?))
    }

    /// The weight to use: only when the scale is stable and the weight is above zero.
    pub fn usable(&self) -> Option<Weight> {
        if self.state != ScaleState::Stable {
            return None;
        }
        self.shown().filter(|w| w.is_positive())
    }
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shown() {
            Some(w) => write!(f, "{w} — {}", self.state),
            None => write!(f, "{}", self.state),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_state_weight_unit() {
        let r = Reading::with_weight(ScaleState::Stable, "1.25lb".parse().unwrap());
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"state":"stable","weight":"1.25","unit":"lb"}"#);
        let r = Reading::state(ScaleState::Unplugged);
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"state":"unplugged"}"#);
    }

    #[test]
    fn only_stable_positive_weights_are_usable() {
        let w: Weight = "1.25lb".parse().unwrap();
        assert_eq!(Reading::with_weight(ScaleState::Stable, w).usable(), Some(w));
        assert_eq!(Reading::with_weight(ScaleState::Moving, w).usable(), None);
        assert_eq!(Reading::with_weight(ScaleState::Stable, "0lb".parse().unwrap()).usable(), None);
        assert_eq!(Reading::with_weight(ScaleState::UnderZero, w).usable(), None);
    }
}

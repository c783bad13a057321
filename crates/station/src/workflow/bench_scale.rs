//! The bench's scale as the window and the order card see it: one reading now, in plain words,
//! and weights as typed (exact decimal and unit).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StationError};

/// A weight as typed or read from the scale: exact decimal and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeightInput {
    /// e.g. "2.5".
    pub value: String,
    /// g, kg, oz or lb.
    pub unit: String,
}

impl WeightInput {
    /// The weight, or one sentence saying what is wrong with it.
    pub fn weight(&self) -> Result<scales::Weight> {
        let (v, u) = (self.value.trim(), self.unit.trim());
        let w: scales::Weight = format!("{v}{u}")
            .parse()
            .map_err(|_| StationError::Workflow(format!("'{v} {u}' is not a weight: enter a number, e.g. 2.5, and its unit.")))?;
        if !w.is_positive() {
            return Err(StationError::Workflow(
                "The weight must be more than zero: put the parcel on the scale or type its weight.".into(),
            ));
        }
        Ok(w)
    }
}

/// One reading of the bench's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScaleReading {
    /// True when the bench has a scale (a setting, or the demo's virtual scale).
    pub present: bool,
    /// The scale's name for the operator.
    pub name: String,
    /// stable, moving, zero, under_zero, over_capacity, unplugged, … ("none" without a scale).
    pub state: String,
    /// The weight shown, exact decimal, when there is one.
    pub weight: Option<String>,
    /// Its unit.
    pub unit: Option<String>,
    /// True when the weight may be used: stable and above zero.
    pub usable: bool,
    /// One sentence for the operator.
    pub sentence: String,
}

impl ScaleReading {
    /// No scale on this bench.
    pub fn none() -> ScaleReading {
        ScaleReading {
            present: false,
            name: String::new(),
            state: "none".into(),
            weight: None,
            unit: None,
            usable: false,
            sentence: "No scale is set up: type the weight.".into(),
        }
    }
}

/// Reads the scale `config` names once (blocking: call from a blocking task).
pub fn read_once(config: &scales::ScaleConfig, profile_dir: &Path) -> ScaleReading {
    match scales::open(config, profile_dir) {
        Ok(mut scale) => {
            let r = scale.read();
            let shown = r.shown();
            ScaleReading {
                present: true,
                name: scale.name(),
                state: serde_json::to_value(r.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                weight: shown.map(|w| w.value.normalize().to_string()),
                unit: shown.map(|w| w.unit.as_str().to_owned()),
                usable: r.usable().is_some(),
                sentence: r.state.sentence().to_owned(),
            }
        }
        Err(e) => ScaleReading {
            present: true,
            name: String::new(),
            state: "unplugged".into(),
            weight: None,
            unit: None,
            usable: false,
            sentence: format!("The scale could not be opened: {e}"),
        },
    }
}

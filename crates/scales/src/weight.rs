//! Weights and units, converted exactly (decimal arithmetic, exact definitions of the pound and
//! the ounce), so the weight on the label is the weight on the scale.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::ScaleError;

/// A unit of mass Shippo accepts for a parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Grams.
    G,
    /// Kilograms.
    Kg,
    /// Avoirdupois ounces.
    Oz,
    /// Avoirdupois pounds.
    Lb,
}

impl Unit {
    /// The unit's symbol as Shippo writes it: `g`, `kg`, `oz`, `lb`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::G => "g",
            Unit::Kg => "kg",
            Unit::Oz => "oz",
            Unit::Lb => "lb",
        }
    }

    /// Grams in one of this unit, exactly (1 lb = 453.59237 g by definition; 1 oz = 1/16 lb).
    fn grams(self) -> Decimal {
        match self {
            Unit::G => Decimal::ONE,
            Unit::Kg => Decimal::from(1000),
            Unit::Lb => Decimal::new(45_359_237, 5),
            Unit::Oz => Decimal::new(28_349_523_125, 9),
        }
    }

    /// Decimal places kept when a weight is shown or sent in this unit: ounces to 0.1 oz,
    /// pounds and kilograms to 0.001, grams whole.
    pub fn places(self) -> u32 {
        match self {
            Unit::G => 0,
            Unit::Oz => 1,
            Unit::Lb | Unit::Kg => 3,
        }
    }

    /// Reads a unit as scales and people write it: g, gram(s), kg, oz, ounce(s), lb, lbs, pound(s).
    pub fn parse(s: &str) -> Option<Unit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "g" | "gr" | "gram" | "grams" => Some(Unit::G),
            "kg" | "kgs" | "kilogram" | "kilograms" => Some(Unit::Kg),
            "oz" | "ounce" | "ounces" => Some(Unit::Oz),
            "lb" | "lbs" | "pound" | "pounds" => Some(Unit::Lb),
            _ => None,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mass: a decimal value and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Weight {
    /// The value, e.g. 1.25.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// The unit, e.g. lb.
    pub unit: Unit,
}

impl Weight {
    /// A weight of `value` `unit`.
    pub fn new(value: Decimal, unit: Unit) -> Weight {
        Weight { value, unit }
    }

    /// The same mass in `unit`, exactly (no rounding).
    pub fn to_exact(self, unit: Unit) -> Weight {
        if unit == self.unit {
            return self;
        }
        let grams = self.value * self.unit.grams();
        Weight { value: (grams / unit.grams()).normalize(), unit }
    }

    /// The same mass in `unit`, rounded UP to the unit's places ([`Unit::places`]): a parcel is
    /// never declared lighter than the scale says (a carrier bills the difference later).
    pub fn to_shipping(self, unit: Unit) -> Weight {
        let exact = self.to_exact(unit);
        let value = exact
            .value
            .round_dp_with_strategy(unit.places(), RoundingStrategy::AwayFromZero)
            .normalize();
        Weight { value, unit }
    }

    /// True for a weight above zero.
    pub fn is_positive(self) -> bool {
        self.value > Decimal::ZERO
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.value.normalize(), self.unit)
    }
}

impl FromStr for Weight {
    type Err = ScaleError;

    /// Reads "2.5lb", "2.5 lb", "40 oz", "1.2kg", "850g" (a unit is required).
    fn from_str(s: &str) -> Result<Weight, ScaleError> {
        let bad = || ScaleError::BadWeight(s.chars().take(40).collect());
        let t = s.trim();
        let split = t.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(bad)?;
        let (num, unit) = t.split_at(split);
        let value = Decimal::from_str(num.trim()).map_err(|_| bad())?;
        let unit = Unit::parse(unit).ok_or_else(bad)?;
        if value.is_sign_negative() {
            return Err(bad());
        }
        Ok(Weight { value, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Weight {
        s.parse().unwrap()
    }

    #[test]
    fn converts_exactly() {
        assert_eq!(w("1lb").to_exact(Unit::Oz), w("16oz"));
        assert_eq!(w("1lb").to_exact(Unit::G), w("453.59237g"));
        assert_eq!(w("1kg").to_exact(Unit::G), w("1000g"));
        assert_eq!(w("2.5lb").to_exact(Unit::Oz), w("40oz"));
        assert_eq!(w("28.349523125g").to_exact(Unit::Oz), w("1oz"));
    }

    #[test]
    fn shipping_weights_round_up_to_the_units_places() {
        assert_eq!(w("1kg").to_shipping(Unit::Oz), w("35.3oz")); // 35.27396…
        assert_eq!(w("100g").to_shipping(Unit::Oz), w("3.6oz")); // 3.5273…
        assert_eq!(w("2.80oz").to_shipping(Unit::Oz), w("2.8oz"));
        assert_eq!(w("1oz").to_shipping(Unit::G), w("29g"));
        assert_eq!(w("1.25lb").to_shipping(Unit::Lb), w("1.25lb"));
    }

    #[test]
    fn bad_weights_get_one_sentence() {
        for bad in ["", "lb", "2.5", "-1lb", "2.5 stone", "€€€"] {
            let e = bad.parse::<Weight>().unwrap_err().to_string();
            assert!(e.contains("is not a weight"), "{bad}: {e}");
        }
    }
}

//! Value types shared by every resource: timestamps in both of Shippo's formats, money as decimals,
//! measures as strings, server messages, and references that are either an id or an object.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as Shippo sends it: ISO-8601 (`2026-09-16T13:23:18.665Z`) on most objects, the Go
/// format (`2026-09-16 13:23:18.665011 +0000 UTC`) on user parcel templates, sometimes a bare date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// Parses any of the formats Shippo is known to send.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(Timestamp(t.with_timezone(&Utc)));
        }
        // Go's time.Time String(): "2006-01-02 15:04:05.999999999 -0700 MST".
        let go = s.strip_suffix(" UTC").unwrap_or(s);
        for fmt in [
            "%Y-%m-%d %H:%M:%S%.f %z",
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%d %H:%M:%S%.f%:z",
        ] {
            if let Ok(t) = DateTime::parse_from_str(go, fmt) {
                return Some(Timestamp(t.with_timezone(&Utc)));
            }
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Timestamp(t.and_utc()));
            }
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| Timestamp(t.and_utc()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unrecognised timestamp {s:?}")))
    }
}

/// An amount of money. Shippo sends decimal strings (`"5.50"`); this never goes through `f64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = string_or_number(d)?;
        text.trim()
            .parse::<Decimal>()
            .map(Money)
            .map_err(|e| serde::de::Error::custom(format!("amount {text:?} is not a decimal: {e}")))
    }
}

/// An optional amount: `null`, a missing field and an empty string (`""`, which Shippo sends for an
/// unset price on some objects) all read as `None`.
pub(crate) fn opt_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Money>, D::Error> {
    let Some(value) = Option::<serde_json::Value>::deserialize(d)? else {
        return Ok(None);
    };
    let text = match value {
        serde_json::Value::Null => return Ok(None),
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(serde::de::Error::custom(format!("amount {other} is not a decimal"))),
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.trim()
        .parse::<Decimal>()
        .map(|d| Some(Money(d)))
        .map_err(|e| serde::de::Error::custom(format!("amount {text:?} is not a decimal: {e}")))
}

impl std::str::FromStr for Money {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse().map(Money)
    }
}

/// A length or weight. Shippo's spec types every measure as a string (`"10"`, `"2.0000"`); a number
/// sent by a looser server is accepted and kept as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Measure(pub String);

impl Measure {
    /// The measure as a decimal, when it is one.
    pub fn to_decimal(&self) -> Option<Decimal> {
        self.0.trim().parse().ok()
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Measure {
    fn from(s: &str) -> Self {
        Measure(s.to_owned())
    }
}

impl From<String> for Measure {
    fn from(s: String) -> Self {
        Measure(s)
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_number(d).map(Measure)
    }
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected a string or a number, got {other}"
        ))),
    }
}

/// Deserializes a string, a number (as its text) or null.
pub(crate) fn opt_lenient_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// Deserializes a boolean sent as JSON `true`/`false`, as the string `"true"`/`"false"` (any
/// case), or as `null`/`""` (none). Anything else is an error naming the value.
pub(crate) fn opt_lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Bool(b)) => Ok(Some(b)),
        Some(serde_json::Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(serde::de::Error::custom(format!(
                "expected true or false, got {s:?}"
            ))),
        },
        Some(other) => Err(serde::de::Error::custom(format!(
            "expected true or false, got {other}"
        ))),
    }
}

/// Deserializes a list that may arrive as `null`.
pub(crate) fn nullable_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A message Shippo attaches to an object (`messages[]`): why a rate is missing, why a purchase failed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseMessage {
    /// Which carrier or subsystem said it (`"UPS"`, `"Shippo"`).
    pub source: Option<String>,
    /// A machine-readable code, when given.
    #[serde(deserialize_with = "opt_lenient_string")]
    pub code: Option<String>,
    /// The human-readable text.
    pub text: Option<String>,
}

impl fmt::Display for ResponseMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(source) = self.source.as_deref().filter(|s| !s.is_empty()) {
            write!(f, "{source}: ")?;
        }
        f.write_str(self.text.as_deref().unwrap_or("(no text)"))?;
        if let Some(code) = self.code.as_deref().filter(|s| !s.is_empty()) {
            write!(f, " [{code}]")?;
        }
        Ok(())
    }
}

/// Either an object id or the object itself: Shippo expands some references and not others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IdOr<T> {
    /// Just the `object_id`.
    Id(String),
    /// The expanded object.
    Object(Box<T>),
}

/// Objects that carry an `object_id`.
pub trait HasObjectId {
    /// The object's id, when it has one.
    fn object_id(&self) -> Option<&str>;
}

impl<T: HasObjectId> IdOr<T> {
    /// The referenced object's id, whichever way it was sent.
    pub fn id(&self) -> Option<&str> {
        match self {
            IdOr::Id(id) => Some(id),
            IdOr::Object(o) => o.object_id(),
        }
    }

    /// The expanded object, when Shippo sent it.
    pub fn object(&self) -> Option<&T> {
        match self {
            IdOr::Id(_) => None,
            IdOr::Object(o) => Some(o),
        }
    }
}

/// Implements [`HasObjectId`] for structs with an `object_id: Option<String>` field.
macro_rules! has_object_id {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::models::common::HasObjectId for $t {
            fn object_id(&self) -> Option<&str> {
                self.object_id.as_deref()
            }
        })+
    };
}
pub(crate) use has_object_id;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_and_go_timestamps() {
        let iso = Timestamp::parse("2026-09-16T13:23:18.665Z").unwrap();
        let go = Timestamp::parse("2026-09-16 13:23:18.665 +0000 UTC").unwrap();
        assert_eq!(iso, go);
        assert!(Timestamp::parse("2026-09-16 13:23:18.665011 +0000 UTC").is_some());
        assert!(Timestamp::parse("2026-09-16T13:23:18").is_some());
        assert!(Timestamp::parse("2026-09-16").is_some());
        assert!(Timestamp::parse("yesterday").is_none());
    }

    #[test]
    fn money_from_string_or_number() {
        let m: Money = serde_json::from_str("\"5.50\"").unwrap();
        assert_eq!(m.to_string(), "5.50");
        let n: Money = serde_json::from_str("7.25").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"7.25\"");
    }

    #[test]
    fn an_empty_or_null_amount_is_none() {
        #[derive(Deserialize)]
        struct Priced {
            #[serde(default, deserialize_with = "opt_money")]
            total: Option<Money>,
        }
        let read = |json: &str| serde_json::from_str::<Priced>(json).unwrap().total;
        assert_eq!(read(r#"{"total":""}"#), None);
        assert_eq!(read(r#"{"total":null}"#), None);
        assert_eq!(read(r#"{}"#), None);
        assert_eq!(read(r#"{"total":"12.30"}"#).unwrap().to_string(), "12.30");
        assert_eq!(read(r#"{"total":4}"#).unwrap().to_string(), "4");
        assert!(serde_json::from_str::<Priced>(r#"{"total":"abc"}"#).is_err());
    }
}

//! Timestamps as the store keeps them: ISO-8601 UTC text with milliseconds, which sorts as text.

use chrono::{DateTime, SecondsFormat, Utc};

/// Formats a time the way every table stores it, e.g. `2026-11-22T02:24:20.000Z`.
pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The current time in store format.
pub fn now() -> String {
    format(Utc::now())
}

/// Parses an ISO-8601 / RFC 3339 timestamp as Shippo sends it (any offset; with or without
/// fractional seconds; a bare date counts as midnight UTC).
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// Normalises a timestamp into store format; text that is not a time is kept as it came.
pub fn normalize(s: &str) -> String {
    parse(s).map(format).unwrap_or_else(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_shapes_shippo_sends() {
        assert_eq!(normalize("2016-09-23T01:28:12Z"), "2016-09-23T01:28:12.000Z");
        assert_eq!(normalize("2016-09-23T03:28:12.5+02:00"), "2016-09-23T01:28:12.500Z");
        assert_eq!(normalize("2016-09-23"), "2016-09-23T00:00:00.000Z");
        assert_eq!(normalize("not a date"), "not a date");
    }
}

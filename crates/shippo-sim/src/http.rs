//! Small HTTP helpers: query strings, JSON bodies and Shippo's pagination envelope.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::error::ApiError;

/// A parsed query string (keys may repeat).
#[derive(Debug, Default, Clone)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    /// Parses a raw query string; malformed pairs are skipped.
    pub fn parse(raw: Option<&str>) -> Query {
        Query(
            raw.and_then(|r| serde_urlencoded::from_str::<Vec<(String, String)>>(r).ok())
                .unwrap_or_default(),
        )
    }

    /// The first value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a key (repeated or comma-separated).
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .flat_map(|(_, v)| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// `page` (from 1) and `results` (1..=100) with the operation's default page size.
    pub fn page(&self, default_results: usize) -> Result<(usize, usize), ApiError> {
        let page = match self.get("page") {
            None | Some("") => 1,
            Some(p) => p
                .parse::<usize>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| ApiError::detail(StatusCode::NOT_FOUND, "Invalid page."))?,
        };
        let results = match self.get("results") {
            None | Some("") => default_results,
            Some(r) => r
                .parse::<usize>()
                .map_err(|_| ApiError::field("results", "A valid integer is required."))?
                .clamp(1, 100),
        };
        Ok((page, results))
    }
}

/// A page of a list as Shippo sends it: `{next, previous, results}` with full URLs (or null at the ends).
/// A page past the end is a 404 `{"detail":"Invalid page."}`, as Django REST Framework answers.
pub fn paginate(
    base: &str,
    path: &str,
    q: &Query,
    page: usize,
    per: usize,
    total: usize,
    results: Vec<Value>,
) -> Result<Value, ApiError> {
    let last = total.div_ceil(per).max(1);
    if page > last {
        return Err(ApiError::detail(StatusCode::NOT_FOUND, "Invalid page."));
    }
    let url = |p: usize| {
        let mut pairs: Vec<(String, String)> =
            q.0.iter()
                .filter(|(k, _)| k != "page" && k != "results")
                .cloned()
                .collect();
        pairs.insert(0, ("results".into(), per.to_string()));
        pairs.insert(0, ("page".into(), p.to_string()));
        let qs = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        format!("{base}{}/?{qs}", path.trim_end_matches('/'))
    };
    let next = if page < last {
        json!(url(page + 1))
    } else {
        Value::Null
    };
    let previous = if page > 1 {
        json!(url(page - 1))
    } else {
        Value::Null
    };
    Ok(json!({ "next": next, "previous": previous, "results": results }))
}

/// Pages a list of already-rendered objects.
pub fn paginate_all(
    base: &str,
    path: &str,
    q: &Query,
    default_results: usize,
    all: Vec<Value>,
) -> Result<Value, ApiError> {
    let (page, per) = q.page(default_results)?;
    let total = all.len();
    let items = all.into_iter().skip((page - 1) * per).take(per).collect();
    paginate(base, path, q, page, per, total, items)
}

/// The request body as JSON, or the 400 Django REST Framework sends for a bad one.
pub fn body_json(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("JSON parse error - {e}")))
}

/// A string field of a JSON object (numbers are accepted as their text).
pub fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A boolean field, with a default.
pub fn bool_field(v: &Value, key: &str, default: bool) -> bool {
    match v.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true" || s == "1",
        _ => default,
    }
}

/// `metadata` checked against Shippo's 100-character limit.
pub fn metadata(v: &Value) -> Result<String, ApiError> {
    let m = str_field(v, "metadata").unwrap_or_default();
    if m.chars().count() > 100 {
        return Err(ApiError::field(
            "metadata",
            "Ensure this field has no more than 100 characters.",
        ));
    }
    Ok(m)
}

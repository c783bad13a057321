//! Addresses and their validation (which corrects and flags, as the real validator does).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{bool_field, str_field};
use crate::server::Shared;
use crate::crud::Resource;
use crate::world::{Account, Store, World};

const FIELDS: &[&str] = &[
    "name",
    "company",
    "street1",
    "street2",
    "street3",
    "street_no",
    "city",
    "state",
    "zip",
    "country",
    "phone",
    "email",
    "is_residential",
    "metadata",
];

/// Street-type words the validator shortens (and misspellings it corrects).
const SUFFIXES: &[(&str, &str)] = &[
    ("street", "St"),
    ("stret", "St"),
    ("steet", "St"),
    ("str", "St"),
    ("st.", "St"),
    ("avenue", "Ave"),
    ("av", "Ave"),
    ("ave.", "Ave"),
    ("boulevard", "Blvd"),
    ("road", "Rd"),
    ("rd.", "Rd"),
    ("drive", "Dr"),
    ("dr.", "Dr"),
    ("lane", "Ln"),
    ("court", "Ct"),
    ("place", "Pl"),
    ("terrace", "Ter"),
    ("highway", "Hwy"),
    ("parkway", "Pkwy"),
    ("square", "Sq"),
];

/// An address object built from a create request (not validated), or a DRF 400.
pub fn build(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
    let country = str_field(body, "country")
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| ApiError::required("country"))?;
    let id = w.new_id();
    let now = w.now_str();
    let acct = w.account(a);
    let mut m = Map::new();
    for f in FIELDS {
        let v = match body.get(*f) {
            Some(Value::Bool(b)) => json!(b),
            _ => json!(str_field(body, f).unwrap_or_default()),
        };
        m.insert((*f).to_string(), v);
    }
    m.insert("country".into(), json!(country.trim().to_uppercase()));
    if !matches!(m.get("is_residential"), Some(Value::Bool(_))) {
        m.insert("is_residential".into(), Value::Null);
    }
    let mut v = Value::Object(m);
    v["object_id"] = json!(id);
    v["object_owner"] = json!(acct.owner);
    v["object_created"] = json!(now);
    v["object_updated"] = json!(now);
    v["latitude"] = Value::Null;
    v["longitude"] = Value::Null;
    v["test"] = json!(acct.test);
    v["validation_results"] = json!({});
    v["is_complete"] = json!(complete(&v));
    Ok(v)
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or_default()
}

/// Whether an address has everything a purchase needs.
pub fn complete(v: &Value) -> bool {
    let base = ["name", "street1", "city", "country"]
        .iter()
        .all(|k| !s(v, k).trim().is_empty());
    let needs_state = matches!(s(v, "country"), "US" | "CA" | "AU");
    base && !s(v, "zip").trim().is_empty() && (!needs_state || !s(v, "state").trim().is_empty())
}

fn correct_street(street: &str) -> String {
    let words: Vec<String> = street
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            match SUFFIXES.iter().find(|(from, _)| *from == lower) {
                Some((_, to)) if i > 0 => (*to).to_string(),
                _ => w.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// Validates an address object in place: corrects the street type, adds ZIP+4, drops metadata and
/// sets `validation_results`.
pub fn validate(v: &mut Value) {
    let mut messages = Vec::new();
    let street = s(v, "street1").to_string();
    let corrected = correct_street(&street);
    let country = s(v, "country").to_string();
    let starts_with_number = street
        .trim()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    let lower = street.to_lowercase();
    let unknown = street.trim().is_empty()
        || lower.contains("nowhere")
        || lower.contains("unknown")
        || (country == "US" && !starts_with_number);
    let mut valid = !unknown;
    if unknown {
        messages.push(json!({
            "source": "Shippo Address Validator",
            "code": "Unknown Street",
            "text": "City, State and ZIP Code are valid, but street address is not a match.",
            "type": "address_error",
        }));
    } else if corrected != street {
        v["street1"] = json!(corrected);
        messages.push(json!({
            "source": "Shippo Address Validator",
            "code": "street_type_change",
            "text": "The street type was corrected.",
            "type": "address_correction",
        }));
    }
    if country == "US" {
        let zip = s(v, "zip").trim().to_string();
        if zip.len() == 5 && zip.bytes().all(|b| b.is_ascii_digit()) {
            if valid {
                let plus4 = u32::from_str_radix(
                    &crate::world::stable_id(&format!("{corrected}|{zip}"))[..4],
                    16,
                )
                .unwrap_or(0)
                    % 10000;
                v["zip"] = json!(format!("{zip}-{plus4:04}"));
            }
        } else if !(zip.len() == 10 && zip.as_bytes()[5] == b'-') {
            valid = false;
            messages.push(json!({
                "source": "Shippo Address Validator",
                "code": "invalid_postal_code",
                "text": "The ZIP code is not a valid US ZIP code.",
                "type": "address_error",
            }));
        }
        v["state"] = json!(s(v, "state").trim().to_uppercase());
    }
    if v.get("is_residential").is_none_or(Value::is_null) {
        v["is_residential"] = json!(s(v, "company").trim().is_empty());
    }
    v["metadata"] = json!("");
    v["validation_results"] = json!({ "is_valid": valid, "messages": messages });
    v["is_complete"] = json!(complete(v));
}

/// `/addresses`.
pub struct Addresses;

impl Resource for Addresses {
    const PATH: &'static str = "/addresses";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.addresses
    }

    /// Created as sent, or validated (rewritten) with `validate: true`.
    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        crate::http::metadata(body)?;
        let mut v = build(w, a, body)?;
        if bool_field(body, "validate", false) {
            validate(&mut v);
        }
        Ok(v)
    }
}

/// `GET /addresses/{id}/validate`: a new, validated address object with its own id.
pub async fn validate_existing(
    State(sh): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = sh.lock();
    let old = w
        .account(&a)
        .addresses
        .get(&id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let mut v = build(&mut w, &a, &old)?;
    validate(&mut v);
    let new_id = s(&v, "object_id").to_string();
    w.account(&a).addresses.insert(new_id, v.clone());
    Ok(Json(v).into_response())
}

/// An address given by object_id or inline (created, not validated), as shipments take them.
pub fn resolve(w: &mut World, a: &Auth, v: &Value, field: &str) -> Result<Value, ApiError> {
    match v {
        Value::String(id) => w.account(a).addresses.get(id).cloned().ok_or_else(|| {
            ApiError::field(field, format!("Address with object_id {id} was not found."))
        }),
        Value::Object(_) => {
            let addr = build(w, a, v).map_err(|_| ApiError {
                status: StatusCode::BAD_REQUEST,
                body: json!({ field: { "country": ["This field is required."] } }),
            })?;
            let id = s(&addr, "object_id").to_string();
            w.account(a).addresses.insert(id, addr.clone());
            Ok(addr)
        }
        _ => Err(ApiError::required(field)),
    }
}

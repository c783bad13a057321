//! Tracking: the `shippo` test numbers with their exact histories, and the simulator's own labels
//! (which move PRE_TRANSIT → TRANSIT → DELIVERED on an accelerated clock, for demo mode).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, str_field};
use crate::server::Shared;
use crate::transactions::Transaction;
use crate::world::{iso, stable_id, World};

fn digits(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// A tracking number shaped like the carrier's.
pub fn tracking_number(rng: &mut ChaCha8Rng, carrier: &str) -> String {
    match carrier {
        "usps" => format!("9400{}", digits(rng, 18)),
        "ups" => {
            const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXY";
            let acct: String = (0..6)
                .map(|_| char::from(ALNUM[rng.gen_range(0..ALNUM.len())]))
                .collect();
            format!("1Z{acct}03{}", digits(rng, 8))
        }
        "fedex" => digits(rng, 12),
        "dhl_express" => digits(rng, 10),
        "canada_post" => digits(rng, 16),
        "deutsche_post" => format!("LX{}DE", digits(rng, 9)),
        _ => digits(rng, 20),
    }
}

/// The carrier's public tracking page for a number.
pub fn provider_url(carrier: &str, n: &str) -> String {
    match carrier {
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction_input?origTrackNum={n}"),
        "ups" => format!("https://www.ups.com/track?tracknum={n}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={n}"),
        "dhl_express" => format!("https://www.dhl.com/en/express/tracking.html?AWB={n}&brand=DHL"),
        "canada_post" => format!(
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}"
        ),
        _ => format!("https://goshippo.com/tracking/{carrier}/{n}"),
    }
}

/// (status, time, details) of a tracking event.
pub type TrackEvent = (&'static str, DateTime<Utc>, &'static str);

const PRE: &str = "The carrier has received the electronic shipment information.";
const TRANSIT: &str = "Your shipment has departed from the origin.";
const DELIVERED: &str = "Your shipment has been delivered.";
const FAILURE: &str = "The delivery of your package has failed.";
const RETURNED: &str = "Your shipment has been returned to the original sender.";
const UNKNOWN: &str = "The carrier has not scanned the package yet.";

/// The events of one of the simulator's labels so far: PRE_TRANSIT when bought, TRANSIT 30 s
/// later, DELIVERED after another minute per transit day (an accelerated clock for demo mode).
pub fn progress(t: &Transaction, now: DateTime<Utc>) -> Vec<TrackEvent> {
    let mut out = vec![("PRE_TRANSIT", t.bought, PRE)];
    if t.status != "SUCCESS" {
        return out;
    }
    let transit = t.bought + Duration::seconds(30);
    let delivered = transit + Duration::seconds(60 * i64::from(t.days.max(1)));
    if now >= transit {
        out.push(("TRANSIT", transit, TRANSIT));
    }
    if now >= delivered {
        out.push(("DELIVERED", delivered, DELIVERED));
    }
    out
}

/// The exact history of a `shippo` test number (API-NOTES §9); None for other numbers.
fn fixture(number: &str, now: DateTime<Utc>) -> Option<Vec<TrackEvent>> {
    let d = |days: i64| now - Duration::days(days);
    let base = [("UNKNOWN", d(4), UNKNOWN), ("TRANSIT", d(3), TRANSIT)];
    Some(match number {
        "SHIPPO_PRE_TRANSIT" => vec![("PRE_TRANSIT", d(1), PRE)],
        "SHIPPO_UNKNOWN" => vec![("UNKNOWN", d(1), UNKNOWN)],
        "SHIPPO_TRANSIT" => base.to_vec(),
        "SHIPPO_FAILURE" => [&base[..], &[("FAILURE", d(2), FAILURE)]].concat(),
        "SHIPPO_DELIVERED" => [
            &base[..],
            &[
                ("FAILURE", d(1) + Duration::hours(2), FAILURE),
                ("DELIVERED", d(1), DELIVERED),
            ],
        ]
        .concat(),
        "SHIPPO_RETURNED" => [
            &base[..],
            &[
                ("FAILURE", d(1) + Duration::hours(2), FAILURE),
                ("DELIVERED", d(1), DELIVERED),
                ("RETURNED", now, RETURNED),
            ],
        ]
        .concat(),
        _ => return None,
    })
}

fn location() -> Value {
    json!({ "city": "San Francisco", "state": "CA", "zip": "94103", "country": "US" })
}

fn event_json(carrier: &str, number: &str, e: &TrackEvent) -> Value {
    json!({
        "object_id": stable_id(&format!("track:{carrier}:{number}:{}:{}", e.0, e.1.timestamp())),
        "object_created": iso(e.1),
        "object_updated": iso(e.1),
        "status": e.0,
        "status_details": e.2,
        "status_date": iso(e.1),
        "substatus": null,
        "location": if e.0 == "UNKNOWN" { Value::Null } else { location() },
    })
}

/// What a Track shows besides its events.
struct TrackMeta {
    service: Value,
    transaction: Value,
    metadata: String,
    eta: Option<DateTime<Utc>>,
}

fn track_json(
    carrier: &str,
    number: &str,
    events: &[TrackEvent],
    meta: TrackMeta,
    test: bool,
) -> Value {
    let TrackMeta {
        service,
        transaction,
        metadata,
        eta,
    } = meta;
    let history: Vec<Value> = events
        .iter()
        .map(|e| event_json(carrier, number, e))
        .collect();
    json!({
        "carrier": carrier,
        "tracking_number": number,
        "address_from": location(),
        "address_to": { "city": "Chicago", "state": "IL", "zip": "60611", "country": "US" },
        "transaction": transaction,
        "eta": eta.map(iso),
        "original_eta": eta.map(iso),
        "servicelevel": service,
        "metadata": metadata,
        "tracking_status": history.last().cloned().unwrap_or(Value::Null),
        "tracking_history": history,
        "messages": [],
        "test": test,
    })
}

/// The Track of a number, or the 400 the real API gives.
fn lookup(w: &mut World, a: &Auth, carrier: &str, number: &str) -> Result<Value, ApiError> {
    let now = w.utc();
    let metadata = w
        .account(a)
        .tracks
        .get(&(carrier.to_string(), number.to_string()))
        .cloned();
    if carrier == "shippo" {
        if let Some(events) = fixture(number, now) {
            let service = json!({ "token": "shippo_priority", "name": "Priority Mail", "terms": "", "extended_token": "shippo_priority", "parent_servicelevel": null });
            let meta = TrackMeta {
                service,
                transaction: Value::Null,
                metadata: metadata.unwrap_or_else(|| "Shippo test tracking".into()),
                eta: Some(now),
            };
            return Ok(track_json(carrier, number, &events, meta, a.test));
        }
    }
    let owned = match w.sold_index.get(number).cloned() {
        Some((Some(token), id)) if token == a.token => w
            .accounts
            .get(&token)
            .and_then(|acct| acct.transactions.get(&id))
            .cloned(),
        Some((None, id)) => w.shop_transactions.get(&id).cloned(),
        _ => None,
    };
    if let Some(t) = owned.filter(|t| t.carrier == carrier) {
        let events = progress(&t, now);
        let service = crate::carriers::service_by_token(&service_token(w, a, &t))
            .map(|(_, s)| crate::carriers::servicelevel_json(s))
            .unwrap_or(Value::Null);
        let eta = t.bought + Duration::days(i64::from(t.days));
        let meta = TrackMeta {
            service,
            transaction: json!(t.id),
            metadata: metadata.unwrap_or_else(|| t.metadata.clone()),
            eta: Some(eta),
        };
        return Ok(track_json(carrier, number, &events, meta, a.test));
    }
    if !a.test {
        let meta = TrackMeta {
            service: Value::Null,
            transaction: Value::Null,
            metadata: metadata.unwrap_or_default(),
            eta: None,
        };
        return Ok(track_json(
            carrier,
            number,
            &[("UNKNOWN", now, UNKNOWN)],
            meta,
            false,
        ));
    }
    if carrier != "shippo" {
        return Err(ApiError::bad_request(format!(
            "{carrier} is not a valid test tracking carrier. Please use 'shippo'"
        )));
    }
    Err(ApiError::bad_request(format!(
        "{number} is not a valid test tracking number. Please use the sample tracking numbers provided in the Shippo API docs: 'https://goshippo.com/docs/tracking'"
    )))
}

fn service_token(w: &mut World, a: &Auth, t: &Transaction) -> String {
    if let Some(r) = w.account(a).rates.get(&t.rate_id) {
        return r.service.token.to_string();
    }
    t.rate_obj
        .as_ref()
        .and_then(|r| r["servicelevel_token"].as_str())
        .map(String::from)
        .unwrap_or_else(|| crate::seed::service_of(&t.carrier).to_string())
}

/// `GET /tracks/{carrier}/{number}`.
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path((carrier, number)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    lookup(&mut w, &a, &carrier, &number).map(|v| Json(v).into_response())
}

/// `POST /tracks`: registers a number for webhooks; answers 200 with the Track.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let carrier = str_field(&body, "carrier").ok_or_else(|| ApiError::required("carrier"))?;
    let number =
        str_field(&body, "tracking_number").ok_or_else(|| ApiError::required("tracking_number"))?;
    let metadata = crate::http::metadata(&body)?;
    let mut w = s.lock();
    let v = lookup(&mut w, &a, &carrier, &number)?;
    if !metadata.is_empty() {
        w.account(&a)
            .tracks
            .insert((carrier, number), metadata.clone());
    }
    let mut v = v;
    if !metadata.is_empty() {
        v["metadata"] = json!(metadata);
    }
    Ok((StatusCode::OK, Json(v)).into_response())
}

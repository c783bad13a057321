//! The smaller resources: webhooks, service groups, rates at checkout, pickups, Shippo (managed)
//! accounts and manifests.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, bool_field, paginate_all, str_field, Query};
use crate::server::Shared;

type R = Result<Response, ApiError>;

fn id_of(v: &Value) -> String {
    v["object_id"].as_str().unwrap_or_default().to_string()
}

const EVENTS: &[&str] = &[
    "transaction_created",
    "transaction_updated",
    "track_updated",
    "batch_created",
    "batch_purchased",
    "all",
    "*",
];

fn webhook_fields(v: &mut Value, body: &Value) -> Result<(), ApiError> {
    if let Some(e) = str_field(body, "event") {
        if !EVENTS.contains(&e.as_str()) {
            return Err(ApiError::field(
                "event",
                format!("\"{e}\" is not a valid choice."),
            ));
        }
        v["event"] = json!(if e == "all" { "*".to_string() } else { e });
    }
    if let Some(u) = str_field(body, "url") {
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            return Err(ApiError::field("url", "Enter a valid URL."));
        }
        v["url"] = json!(u);
    }
    if body.get("active").is_some() {
        v["active"] = json!(bool_field(body, "active", true));
    }
    if body.get("is_test").is_some() {
        v["is_test"] = json!(bool_field(body, "is_test", false));
    }
    Ok(())
}

/// `POST /webhooks`.
pub async fn create_webhook(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    str_field(&body, "event").ok_or_else(|| ApiError::required("event"))?;
    str_field(&body, "url").ok_or_else(|| ApiError::required("url"))?;
    let mut w = s.lock();
    let id = w.new_id();
    let now = w.now_str();
    let acct = w.account(&a);
    let mut v = json!({ "object_id": id, "object_created": now, "object_updated": now, "object_owner": acct.owner, "active": true, "is_test": a.test });
    webhook_fields(&mut v, &body)?;
    acct.webhooks.insert(id, v.clone());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /webhooks` (with `count`).
pub async fn list_webhooks(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> R {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let all: Vec<Value> = w.account(&a).webhooks.iter_newest().cloned().collect();
    let count = all.len();
    let mut page = paginate_all(&s.base_url, "/webhooks", &q, 25, all)?;
    page["count"] = json!(count);
    Ok(Json(page).into_response())
}

/// `GET /webhooks/{id}`.
pub async fn get_webhook(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> R {
    let mut w = s.lock();
    w.account(&a)
        .webhooks
        .get(&id)
        .map(|v| Json(v.clone()).into_response())
        .ok_or_else(ApiError::not_found)
}

/// `PUT /webhooks/{id}` (does not bump object_updated, as the real one).
pub async fn update_webhook(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    let mut w = s.lock();
    let acct = w.account(&a);
    let v = acct.webhooks.get_mut(&id).ok_or_else(ApiError::not_found)?;
    let mut nv = v.clone();
    webhook_fields(&mut nv, &body)?;
    *v = nv.clone();
    Ok(Json(nv).into_response())
}

/// `DELETE /webhooks/{id}` → 204.
pub async fn delete_webhook(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> R {
    let mut w = s.lock();
    w.account(&a)
        .webhooks
        .remove(&id)
        .ok_or_else(ApiError::not_found)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn service_group(v: &mut Value, body: &Value, seed: u64) -> Result<(), ApiError> {
    for k in [
        "name",
        "description",
        "flat_rate",
        "flat_rate_currency",
        "free_shipping_threshold_currency",
        "free_shipping_threshold_min",
    ] {
        if let Some(x) = str_field(body, k) {
            v[k] = json!(x);
        }
    }
    if let Some(t) = str_field(body, "type") {
        if !["LIVE_RATE", "FLAT_RATE", "FREE_SHIPPING"].contains(&t.as_str()) {
            return Err(ApiError::field(
                "type",
                format!("\"{t}\" is not a valid choice."),
            ));
        }
        v["type"] = json!(t);
    }
    if let Some(r) = body.get("rate_adjustment").and_then(Value::as_i64) {
        v["rate_adjustment"] = json!(r);
    }
    if let Some(levels) = body.get("service_levels").and_then(Value::as_array) {
        let mut out = Vec::new();
        for l in levels {
            let acct = str_field(l, "account_object_id").unwrap_or_default();
            let token = str_field(l, "service_level_token").unwrap_or_default();
            let Some((_, svc)) = crate::carriers::service_by_token(&token)
                .filter(|(c, _)| crate::carriers::account_object_id(seed, c) == acct)
            else {
                return Err(ApiError::field(
                    "service_levels",
                    format!("Service level {token} is not available on carrier account {acct}."),
                ));
            };
            let mut sl = crate::carriers::servicelevel_json(svc);
            sl["account_object_id"] = json!(acct);
            sl["service_level_token"] = json!(token);
            out.push(sl);
        }
        v["service_levels"] = json!(out);
    }
    Ok(())
}

/// `GET /service-groups`: a bare array.
pub async fn list_service_groups(State(s): State<Shared>, Extension(a): Extension<Auth>) -> R {
    let mut w = s.lock();
    let all: Vec<Value> = w
        .account(&a)
        .service_groups
        .iter_oldest()
        .cloned()
        .collect();
    Ok(Json(all).into_response())
}

/// `POST /service-groups`.
pub async fn create_service_group(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    for k in ["name", "description", "type", "service_levels"] {
        if body.get(k).is_none() {
            return Err(ApiError::required(k));
        }
    }
    let mut w = s.lock();
    let id = w.new_id();
    let mut v = json!({ "object_id": id, "is_active": true, "rate_adjustment": 0 });
    service_group(&mut v, &body, w.seed)?;
    w.account(&a).service_groups.insert(id, v.clone());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `PUT /service-groups` (object_id in the body). `is_active: false` is refused as the real API refuses it.
pub async fn update_service_group(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    let id = str_field(&body, "object_id").ok_or_else(|| ApiError::required("object_id"))?;
    if body.get("is_active") == Some(&json!(false)) || body.get("is_active").is_none() {
        return Err(ApiError::field("is_active", "field is required"));
    }
    let mut w = s.lock();
    let seed = w.seed;
    let acct = w.account(&a);
    let v = acct
        .service_groups
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)?;
    let mut nv = v.clone();
    service_group(&mut nv, &body, seed)?;
    *v = nv.clone();
    Ok(Json(nv).into_response())
}

/// `DELETE /service-groups/{id}` → 204.
pub async fn delete_service_group(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> R {
    let mut w = s.lock();
    w.account(&a)
        .service_groups
        .remove(&id)
        .ok_or_else(ApiError::not_found)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /live-rates`: one price per active service group for the cart.
pub async fn live_rates(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    let to = body
        .get("address_to")
        .ok_or_else(|| ApiError::required("address_to"))?
        .clone();
    let items = body
        .get("line_items")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| ApiError::required("line_items"))?;
    let mut w = s.lock();
    let seed = w.seed;
    let from = match body.get("address_from") {
        Some(v) if v.is_object() => v.clone(),
        _ => json!({ "country": "US", "zip": "94117" }),
    };
    let to = match &to {
        Value::String(id) => w.account(&a).addresses.get(id).cloned().ok_or_else(|| {
            ApiError::field(
                "address_to",
                format!("Address with object_id {id} was not found."),
            )
        })?,
        v => v.clone(),
    };
    let lb: f64 = items
        .iter()
        .map(|i| {
            crate::parcels::to_lb(
                str_field(i, "weight")
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(0.5),
                &str_field(i, "weight_unit").unwrap_or_else(|| "lb".into()),
            ) * i.get("quantity").and_then(Value::as_f64).unwrap_or(1.0)
        })
        .sum();
    let subtotal: f64 = items
        .iter()
        .filter_map(|i| str_field(i, "total_price").and_then(|x| x.parse::<f64>().ok()))
        .sum();
    let parcel = json!({ "weight": format!("{lb:.2}"), "mass_unit": "lb", "length": "10", "width": "8", "height": "4", "distance_unit": "in" });
    let quotes = crate::rating::quotes(seed, &from, &to, &[parcel], &[]);
    let groups: Vec<Value> = w
        .account(&a)
        .service_groups
        .iter_oldest()
        .filter(|g| g["is_active"] != json!(false))
        .cloned()
        .collect();
    let mut results = Vec::new();
    for g in groups {
        let tokens: Vec<&str> = g["service_levels"]
            .as_array()
            .map(|l| l.iter().filter_map(|x| x["token"].as_str()).collect())
            .unwrap_or_default();
        let best = quotes
            .iter()
            .filter(|q| tokens.contains(&q.service.token))
            .min_by_key(|q| q.cents);
        let Some(best) = best else { continue };
        let adj = g["rate_adjustment"].as_i64().unwrap_or(0);
        let cents = match g["type"].as_str() {
            Some("FLAT_RATE") => (g["flat_rate"]
                .as_str()
                .and_then(|x| x.parse::<f64>().ok())
                .unwrap_or(0.0)
                * 100.0)
                .round() as i64,
            Some("FREE_SHIPPING")
                if subtotal
                    >= g["free_shipping_threshold_min"]
                        .as_str()
                        .and_then(|x| x.parse::<f64>().ok())
                        .unwrap_or(0.0) =>
            {
                0
            }
            _ => best.cents + best.cents * adj / 100,
        };
        let amount = crate::rating::money(cents);
        results.push(json!({ "title": g["name"], "amount": amount, "currency": "USD", "amount_local": amount, "currency_local": "USD", "estimated_days": best.days }));
    }
    Ok(
        Json(json!({ "next": "", "previous": "", "count": results.len(), "results": results }))
            .into_response(),
    )
}

/// `POST /pickups` (USPS or DHL Express): CONFIRMED with the requested window.
pub async fn create_pickup(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    for k in [
        "carrier_account",
        "location",
        "transactions",
        "requested_start_time",
        "requested_end_time",
    ] {
        if body.get(k).is_none() {
            return Err(ApiError::required(k));
        }
    }
    let acct_id = str_field(&body, "carrier_account").unwrap_or_default();
    let mut w = s.lock();
    let carrier = crate::carriers::by_object_id(w.seed, &acct_id).ok_or_else(|| {
        ApiError::field(
            "carrier_account",
            format!("Account with object_id {acct_id} was not found."),
        )
    })?;
    if !matches!(carrier.token, "usps" | "dhl_express") {
        return Err(ApiError::field(
            "carrier_account",
            "Pickups can be scheduled for USPS and DHL Express only.",
        ));
    }
    let id = w.new_id();
    let now = w.now_str();
    let code = format!("WTC{}", w.rand_range(10_000_000, 99_999_999));
    let mut v = body.clone();
    v["object_id"] = json!(id);
    v["object_created"] = json!(now);
    v["object_updated"] = json!(now);
    v["status"] = json!("CONFIRMED");
    v["confirmed_start_time"] = body["requested_start_time"].clone();
    v["confirmed_end_time"] = body["requested_end_time"].clone();
    v["cancel_by_time"] = body["requested_start_time"].clone();
    v["confirmation_code"] = json!(code);
    v["timezone"] = json!("US/Pacific");
    v["messages"] = json!([]);
    v["is_test"] = json!(a.test);
    if v.get("metadata").is_none() {
        v["metadata"] = json!("");
    }
    w.account(&a).pickups.insert(id, v.clone());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

fn shippo_account(v: &mut Value, body: &Value) {
    for k in ["email", "first_name", "last_name", "company_name"] {
        if let Some(x) = str_field(body, k) {
            v[k] = json!(x);
        }
    }
}

/// `GET /shippo-accounts` (next/previous are "" rather than null, as observed).
pub async fn list_shippo_accounts(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> R {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let all: Vec<Value> = w
        .account(&a)
        .shippo_accounts
        .iter_newest()
        .cloned()
        .collect();
    let mut page = paginate_all(&s.base_url, "/shippo-accounts", &q, 25, all)?;
    for k in ["next", "previous"] {
        if page[k].is_null() {
            page[k] = json!("");
        }
    }
    Ok(Json(page).into_response())
}

/// `POST /shippo-accounts`: refused on test tokens (403 with a bare string), as the real API.
pub async fn create_shippo_account(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    if a.test {
        return Ok((
            StatusCode::FORBIDDEN,
            Json(json!("Unauthorized to create accounts")),
        )
            .into_response());
    }
    for k in ["email", "first_name", "last_name", "company_name"] {
        str_field(&body, k).ok_or_else(|| ApiError::required(k))?;
    }
    let mut w = s.lock();
    let id = w.new_id();
    let now = w.now_str();
    let mut v = json!({ "object_id": id, "object_created": now, "object_updated": now });
    shippo_account(&mut v, &body);
    w.account(&a).shippo_accounts.insert(id, v.clone());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /shippo-accounts/{id}`.
pub async fn get_shippo_account(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> R {
    let mut w = s.lock();
    w.account(&a)
        .shippo_accounts
        .get(&id)
        .map(|v| Json(v.clone()).into_response())
        .ok_or_else(ApiError::not_found)
}

/// `PUT /shippo-accounts/{id}`.
pub async fn update_shippo_account(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    let mut w = s.lock();
    let now = w.now_str();
    let acct = w.account(&a);
    let v = acct
        .shippo_accounts
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)?;
    shippo_account(v, &body);
    v["object_updated"] = json!(now);
    Ok(Json(v.clone()).into_response())
}

/// `POST /manifests`: SUCCESS with a real PDF in `documents[]` (ERROR when no label is eligible).
pub async fn create_manifest(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> R {
    let body = body_json(&body)?;
    let carrier_account =
        str_field(&body, "carrier_account").ok_or_else(|| ApiError::required("carrier_account"))?;
    let date =
        str_field(&body, "shipment_date").ok_or_else(|| ApiError::required("shipment_date"))?;
    let from = body
        .get("address_from")
        .cloned()
        .ok_or_else(|| ApiError::required("address_from"))?;
    let mut w = s.lock();
    let carrier = crate::carriers::by_object_id(w.seed, &carrier_account).ok_or_else(|| {
        ApiError::field(
            "carrier_account",
            format!("Account with object_id {carrier_account} was not found."),
        )
    })?;
    let from = crate::addresses::resolve(&mut w, &a, &from, "address_from")?;
    let wanted: Option<Vec<String>> = body.get("transactions").and_then(Value::as_array).map(|x| {
        x.iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect()
    });
    let acct = w.account(&a);
    let labels: Vec<(String, String)> = acct
        .transactions
        .iter_oldest()
        .filter(|t| t.status == "SUCCESS" && t.carrier == carrier.token)
        .filter(|t| wanted.as_ref().is_none_or(|ids| ids.contains(&t.id)))
        .map(|t| (t.id.clone(), t.tracking_number.clone()))
        .collect();
    let id = w.new_id();
    let now = w.now_str();
    let (status, documents, errors) = if labels.is_empty() {
        (
            "ERROR",
            Vec::new(),
            vec![
                "No eligible labels were found for this carrier account and shipment date."
                    .to_string(),
            ],
        )
    } else {
        let name = format!("manifest-{id}");
        let mut lines = vec![
            format!("{} SCAN FORM / MANIFEST", carrier.provider),
            format!("Shipment date: {date}"),
            format!(
                "From: {} {}",
                from["name"].as_str().unwrap_or_default(),
                from["street1"].as_str().unwrap_or_default()
            ),
            String::new(),
        ];
        lines.extend(labels.iter().map(|(_, n)| format!("  {n}")));
        lines.push(format!("Total packages: {}", labels.len()));
        w.documents.insert(name.clone(), lines);
        (
            "SUCCESS",
            vec![format!("{}/files/docs/{name}.pdf", w.base_url)],
            Vec::new(),
        )
    };
    let v = json!({
        "object_id": id, "object_owner": w.account(&a).owner, "object_created": now, "object_updated": now, "status": status,
        "carrier_account": carrier_account, "shipment_date": date, "address_from": id_of(&from),
        "transactions": labels.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(), "documents": documents, "errors": errors, "test": a.test,
    });
    w.account(&a).manifests.insert(id, v.clone());
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /manifests`.
pub async fn list_manifests(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> R {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let all: Vec<Value> = w.account(&a).manifests.iter_newest().cloned().collect();
    Ok(Json(paginate_all(&s.base_url, "/manifests", &q, 25, all)?).into_response())
}

/// `GET /manifests/{id}`.
pub async fn get_manifest(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> R {
    let mut w = s.lock();
    w.account(&a)
        .manifests
        .get(&id)
        .map(|v| Json(v.clone()).into_response())
        .ok_or_else(ApiError::not_found)
}

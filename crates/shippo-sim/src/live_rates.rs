//! Rates at checkout (`POST /live-rates`): one price per active service group for a cart, from
//! the same quotes shipments get.

use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::Answer;
use crate::error::ApiError;
use crate::http::{body_json, str_field};
use crate::server::Shared;

/// `POST /live-rates`: one price per active service group for the cart.
pub async fn live_rates(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Answer {
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

//! Service groups (for rates at checkout): listed as a bare array, updated with the object_id in
//! the body, and `is_active: false` refused on update as the real API refuses it.

use axum::extract::State;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::{Answer, ListShape, Resource};
use crate::error::ApiError;
use crate::http::{body_json, str_field};
use crate::server::Shared;
use crate::world::{Account, Store, World};

/// `/service-groups`.
pub struct ServiceGroups;

impl Resource for ServiceGroups {
    const PATH: &'static str = "/service-groups";
    const LIST: ListShape = ListShape::Array;

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.service_groups
    }

    fn create(w: &mut World, _a: &Auth, body: &Value) -> Result<Value, ApiError> {
        for k in ["name", "description", "type", "service_levels"] {
            if body.get(k).is_none() {
                return Err(ApiError::required(k));
            }
        }
        let id = w.new_id();
        let mut v = json!({ "object_id": id, "is_active": true, "rate_adjustment": 0 });
        fields(&mut v, body, w.seed)?;
        Ok(v)
    }

    fn update(
        w: &mut World,
        _a: &Auth,
        _id: &str,
        old: &Value,
        body: &Value,
    ) -> Result<Value, ApiError> {
        let mut v = old.clone();
        fields(&mut v, body, w.seed)?;
        Ok(v)
    }
}

/// `PUT /service-groups` (object_id in the body).
pub async fn update(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Answer {
    let body = body_json(&body)?;
    let id = str_field(&body, "object_id").ok_or_else(|| ApiError::required("object_id"))?;
    if body.get("is_active") == Some(&json!(false)) || body.get("is_active").is_none() {
        return Err(ApiError::field("is_active", "field is required"));
    }
    let mut w = s.lock();
    let v = crate::crud::update_in::<ServiceGroups>(&mut w, &a, &id, &body)?;
    Ok(Json(v).into_response())
}

/// Applies the fields a request may set; each service level must exist on its carrier account.
fn fields(v: &mut Value, body: &Value, seed: u64) -> Result<(), ApiError> {
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

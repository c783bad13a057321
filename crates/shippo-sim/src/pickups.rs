//! Pickups (USPS or DHL Express): CONFIRMED with the requested window. There is no cancel
//! endpoint, and no list.

use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::Resource;
use crate::error::ApiError;
use crate::http::str_field;
use crate::world::{Account, Store, World};

/// `/pickups`.
pub struct Pickups;

impl Resource for Pickups {
    const PATH: &'static str = "/pickups";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.pickups
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
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
        let acct_id = str_field(body, "carrier_account").unwrap_or_default();
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
        Ok(v)
    }
}

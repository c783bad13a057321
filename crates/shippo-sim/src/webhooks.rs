//! Webhooks: create, list (with `count`), get, update (which does not bump `object_updated`, as
//! the real API) and delete.

use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::{ListShape, Resource};
use crate::error::ApiError;
use crate::http::{bool_field, str_field};
use crate::world::{Account, Store, World};

/// The events a webhook may listen to (`all` is stored as `*`).
const EVENTS: &[&str] = &[
    "transaction_created",
    "transaction_updated",
    "track_updated",
    "batch_created",
    "batch_purchased",
    "all",
    "*",
];

/// `/webhooks`.
pub struct Webhooks;

impl Resource for Webhooks {
    const PATH: &'static str = "/webhooks";
    const LIST: ListShape = ListShape::PagedWithCount;

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.webhooks
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        str_field(body, "event").ok_or_else(|| ApiError::required("event"))?;
        str_field(body, "url").ok_or_else(|| ApiError::required("url"))?;
        let id = w.new_id();
        let now = w.now_str();
        let owner = w.account(a).owner.clone();
        let mut v = json!({ "object_id": id, "object_created": now, "object_updated": now, "object_owner": owner, "active": true, "is_test": a.test });
        fields(&mut v, body)?;
        Ok(v)
    }

    fn update(
        _w: &mut World,
        _a: &Auth,
        _id: &str,
        old: &Value,
        body: &Value,
    ) -> Result<Value, ApiError> {
        let mut v = old.clone();
        fields(&mut v, body)?;
        Ok(v)
    }
}

/// Applies the fields a request may set.
fn fields(v: &mut Value, body: &Value) -> Result<(), ApiError> {
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

//! Shippo (managed) accounts: refused on test tokens (403 with a bare string, as the real API);
//! their list sends `""` rather than null for `next`/`previous`, as observed.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::{ListShape, Resource};
use crate::error::ApiError;
use crate::http::str_field;
use crate::world::{Account, Store, World};

const FIELDS: [&str; 4] = ["email", "first_name", "last_name", "company_name"];

/// `/shippo-accounts`.
pub struct ShippoAccounts;

impl Resource for ShippoAccounts {
    const PATH: &'static str = "/shippo-accounts";
    const LIST: ListShape = ListShape::PagedEmptyEnds;

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.shippo_accounts
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        if a.test {
            return Err(ApiError {
                status: StatusCode::FORBIDDEN,
                body: json!("Unauthorized to create accounts"),
            });
        }
        for k in FIELDS {
            str_field(body, k).ok_or_else(|| ApiError::required(k))?;
        }
        let id = w.new_id();
        let now = w.now_str();
        let mut v = json!({ "object_id": id, "object_created": now, "object_updated": now });
        fields(&mut v, body);
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
        fields(&mut v, body);
        v["object_updated"] = json!(w.now_str());
        Ok(v)
    }
}

fn fields(v: &mut Value, body: &Value) {
    for k in FIELDS {
        if let Some(x) = str_field(body, k) {
            v[k] = json!(x);
        }
    }
}

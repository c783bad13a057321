//! Customs items and customs declarations.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::crud::Resource;
use crate::world::{Account, Store, World};

const ITEM_REQUIRED: &[&str] = &[
    "description",
    "quantity",
    "net_weight",
    "mass_unit",
    "value_amount",
    "value_currency",
    "origin_country",
];
const DECL_REQUIRED: &[&str] = &[
    "certify",
    "certify_signer",
    "contents_type",
    "non_delivery_option",
    "items",
];

fn stamp(w: &mut World, a: &Auth, body: &Value) -> Value {
    let id = w.new_id();
    let now = w.now_str();
    let acct = w.account(a);
    let mut v = body.clone();
    v["object_id"] = json!(id);
    v["object_owner"] = json!(acct.owner);
    v["object_state"] = json!("VALID");
    v["object_created"] = json!(now);
    v["object_updated"] = json!(now);
    v["test"] = json!(acct.test);
    if v.get("metadata").is_none() {
        v["metadata"] = json!("");
    }
    v
}

fn missing(body: &Value, required: &[&str]) -> Option<ApiError> {
    let missing: serde_json::Map<String, Value> = required
        .iter()
        .filter(|k| body.get(**k).is_none_or(Value::is_null))
        .map(|k| ((*k).to_string(), json!(["This field is required."])))
        .collect();
    (!missing.is_empty()).then_some(ApiError {
        status: StatusCode::BAD_REQUEST,
        body: Value::Object(missing),
    })
}

/// A customs item from a create request.
fn build_item(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
    if let Some(e) = missing(body, ITEM_REQUIRED) {
        return Err(e);
    }
    crate::http::metadata(body)?;
    let mut b = body.clone();
    for k in ["net_weight", "value_amount"] {
        if let Some(n) = body.get(k).and_then(Value::as_f64) {
            b[k] = json!(n.to_string());
        }
    }
    if let Some(q) = body
        .get("quantity")
        .and_then(Value::as_str)
        .and_then(|q| q.parse::<i64>().ok())
    {
        b["quantity"] = json!(q);
    }
    Ok(stamp(w, a, &b))
}

/// A declaration given by object_id or inline (created with its items).
pub fn resolve_declaration(w: &mut World, a: &Auth, v: &Value) -> Result<Value, ApiError> {
    match v {
        Value::String(id) => w
            .account(a)
            .customs_declarations
            .get(id)
            .cloned()
            .ok_or_else(|| {
                ApiError::field(
                    "customs_declaration",
                    format!("Customs declaration with object_id {id} was not found."),
                )
            }),
        Value::Object(_) => {
            let d = build_declaration(w, a, v)?;
            let id = d["object_id"].as_str().unwrap_or_default().to_string();
            w.account(a).customs_declarations.insert(id, d.clone());
            Ok(d)
        }
        _ => Err(ApiError::required("customs_declaration")),
    }
}

fn build_declaration(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
    if let Some(e) = missing(body, DECL_REQUIRED) {
        return Err(e);
    }
    let mut ids = Vec::new();
    for item in body["items"].as_array().cloned().unwrap_or_default() {
        match item {
            Value::String(id) => {
                if w.account(a).customs_items.get(&id).is_none() {
                    return Err(ApiError::field(
                        "items",
                        format!("Customs item with object_id {id} was not found."),
                    ));
                }
                ids.push(id);
            }
            obj @ Value::Object(_) => {
                let it = build_item(w, a, &obj)?;
                let id = it["object_id"].as_str().unwrap_or_default().to_string();
                w.account(a).customs_items.insert(id.clone(), it);
                ids.push(id);
            }
            _ => {
                return Err(ApiError::field(
                    "items",
                    "Each item is a customs item object_id or object.",
                ))
            }
        }
    }
    if ids.is_empty() {
        return Err(ApiError::field(
            "items",
            "At least one customs item is required.",
        ));
    }
    let mut b = body.clone();
    b["items"] = json!(ids);
    if let Some(obj) = b.get("address_importer").filter(|x| x.is_object()).cloned() {
        let addr = crate::addresses::resolve(w, a, &obj, "address_importer")?;
        b["address_importer"] = addr["object_id"].clone();
    }
    Ok(stamp(w, a, &b))
}

/// `/customs/items`.
pub struct CustomsItems;

impl Resource for CustomsItems {
    const PATH: &'static str = "/customs/items";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.customs_items
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        build_item(w, a, body)
    }
}

/// `/customs/declarations`.
pub struct CustomsDeclarations;

impl Resource for CustomsDeclarations {
    const PATH: &'static str = "/customs/declarations";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.customs_declarations
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        crate::http::metadata(body)?;
        build_declaration(w, a, body)
    }
}

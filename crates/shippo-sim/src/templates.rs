//! User parcel templates (Go-format timestamps, POST answers 200) and the live-rates default
//! parcel template.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, str_field};
use crate::parcels::{find_template, num, template_json};
use crate::server::Shared;
use crate::crud::{ListShape, Resource};
use crate::world::{Account, Store, World};

/// A Go-format timestamp, as user parcel templates carry: `2026-09-16 13:23:18.665011 +0000 UTC`.
fn go_time(w: &World) -> String {
    w.utc()
        .format("%Y-%m-%d %H:%M:%S%.6f +0000 UTC")
        .to_string()
}

fn user_template(
    w: &mut World,
    a: &Auth,
    body: &Value,
    id: Option<(String, Value)>,
) -> Result<Value, ApiError> {
    let now = go_time(w);
    let (id, created) = match id {
        Some((id, created)) => (id, created),
        None => (w.new_id(), json!(now)),
    };
    let owner = w.account(a).owner.clone();
    let mut v = json!({
        "object_id": id, "object_owner": owner, "object_created": created, "object_updated": now,
        "name": str_field(body, "name").unwrap_or_default(),
        "length": str_field(body, "length").unwrap_or_default(),
        "width": str_field(body, "width").unwrap_or_default(),
        "height": str_field(body, "height").unwrap_or_default(),
        "distance_unit": str_field(body, "distance_unit").unwrap_or_else(|| "in".into()),
        "weight": str_field(body, "weight").unwrap_or_default(),
        "weight_unit": str_field(body, "weight_unit").unwrap_or_else(|| "lb".into()),
        "template": null,
    });
    if let Some(token) = str_field(body, "template") {
        let t = find_template(&token).ok_or_else(|| {
            ApiError::field("template", format!("\"{token}\" is not a valid choice."))
        })?;
        v["template"] = template_json(t);
        v["name"] = json!(t.2);
        v["length"] = json!(t.3);
        v["width"] = json!(t.4);
        v["height"] = json!(t.5);
        v["distance_unit"] = json!("in");
    } else {
        for k in ["length", "width", "height"] {
            if num(&v, k).is_none() {
                return Err(ApiError::required(k));
            }
        }
    }
    Ok(v)
}

/// `/user-parcel-templates`: listed as a bare `{results}`; a create answers 200, as the real one.
pub struct UserTemplates;

impl Resource for UserTemplates {
    const PATH: &'static str = "/user-parcel-templates";
    const LIST: ListShape = ListShape::Results;
    const CREATED: StatusCode = StatusCode::OK;

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.user_templates
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        user_template(w, a, body, None)
    }

    /// The sent fields over the old ones; without `template` the template link is dropped.
    fn update(
        w: &mut World,
        a: &Auth,
        id: &str,
        old: &Value,
        body: &Value,
    ) -> Result<Value, ApiError> {
        let mut merged = old.clone();
        if let (Some(m), Some(b)) = (merged.as_object_mut(), body.as_object()) {
            for (k, v) in b {
                m.insert(k.clone(), v.clone());
            }
        }
        if body.get("template").is_none() {
            merged["template"] = Value::Null;
        }
        user_template(
            w,
            a,
            &merged,
            Some((id.to_string(), old["object_created"].clone())),
        )
    }

    /// A deleted template is no longer the default.
    fn deleted(acct: &mut Account, id: &str) {
        if acct.default_template.as_deref() == Some(id) {
            acct.default_template = None;
        }
    }
}

/// `GET /live-rates/settings/parcel-template`.
pub async fn get_default(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    let acct = w.account(&a);
    let result = acct
        .default_template
        .as_deref()
        .and_then(|id| acct.user_templates.get(id))
        .cloned()
        .unwrap_or(Value::Null);
    Ok(Json(json!({ "result": result })).into_response())
}

/// `PUT /live-rates/settings/parcel-template` with `{object_id}` of a user parcel template.
pub async fn put_default(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let id = str_field(&body, "object_id").ok_or_else(|| ApiError::required("object_id"))?;
    let mut w = s.lock();
    let acct = w.account(&a);
    let t = acct.user_templates.get(&id).cloned().ok_or_else(|| {
        ApiError::field(
            "object_id",
            format!("User parcel template {id} was not found."),
        )
    })?;
    acct.default_template = Some(id);
    Ok(Json(json!({ "result": t })).into_response())
}

/// `DELETE /live-rates/settings/parcel-template` → 204.
pub async fn delete_default(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
) -> Result<Response, ApiError> {
    s.lock().account(&a).default_template = None;
    Ok(StatusCode::NO_CONTENT.into_response())
}

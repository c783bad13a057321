//! The plain resources (kept as their JSON in one of the account's collections) share one set of
//! handlers: create, list (paginated as Shippo pages), get, update and delete. A resource says
//! only what differs: where it lives, how a request becomes an object, and how its list is sent.
//!
//! ```ignore
//! .route("/webhooks", get(crud::list::<Webhooks>).post(crud::create::<Webhooks>))
//! ```

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, paginate_all, Query};
use crate::server::Shared;
use crate::world::{Account, Store, World};

/// A handler's answer.
pub type Answer = Result<Response, ApiError>;

/// How a resource's list is sent (the real API is not uniform).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListShape {
    /// `{next, previous, results}`, newest first, 25 a page.
    Paged,
    /// The same plus `count` (all objects, not the page's).
    PagedWithCount,
    /// Paged, but `next`/`previous` are `""` at the ends rather than null.
    PagedEmptyEnds,
    /// A bare `{results}`, newest first, unpaged.
    Results,
    /// A bare JSON array, oldest first, unpaged.
    Array,
}

/// A plain resource of an account.
pub trait Resource: Send + Sync + 'static {
    /// The list's path (for the `next`/`previous` URLs).
    const PATH: &'static str;
    /// How the list is sent.
    const LIST: ListShape = ListShape::Paged;
    /// The status a create answers with.
    const CREATED: StatusCode = StatusCode::CREATED;

    /// The account's collection of this resource.
    fn store(acct: &mut Account) -> &mut Store<Value>;

    /// A new object, with its `object_id`, from a create request (checked as the real API checks).
    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError>;

    /// The object after an update request. Only resources with an update route are asked.
    fn update(
        _w: &mut World,
        _a: &Auth,
        _id: &str,
        _old: &Value,
        _body: &Value,
    ) -> Result<Value, ApiError> {
        Err(ApiError::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed.",
        ))
    }

    /// Called after an object was deleted (e.g. to forget a default that named it).
    fn deleted(_acct: &mut Account, _id: &str) {}
}

fn id_of(v: &Value) -> String {
    v["object_id"].as_str().unwrap_or_default().to_string()
}

/// `POST /<resource>`.
pub async fn create<R: Resource>(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Answer {
    let body = body_json(&body)?;
    let mut w = s.lock();
    let v = R::create(&mut w, &a, &body)?;
    R::store(w.account(&a)).insert(id_of(&v), v.clone());
    Ok((R::CREATED, Json(v)).into_response())
}

/// `GET /<resource>`, shaped as [`Resource::LIST`] says.
pub async fn list<R: Resource>(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Answer {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let store = R::store(w.account(&a));
    let body = match R::LIST {
        ListShape::Array => json!(store.iter_oldest().cloned().collect::<Vec<_>>()),
        ListShape::Results => {
            json!({ "results": store.iter_newest().cloned().collect::<Vec<_>>() })
        }
        shape => {
            let all: Vec<Value> = store.iter_newest().cloned().collect();
            let count = all.len();
            let mut page = paginate_all(&s.base_url, R::PATH, &q, 25, all)?;
            if shape == ListShape::PagedWithCount {
                page["count"] = json!(count);
            }
            if shape == ListShape::PagedEmptyEnds {
                for k in ["next", "previous"] {
                    if page[k].is_null() {
                        page[k] = json!("");
                    }
                }
            }
            page
        }
    };
    Ok(Json(body).into_response())
}

/// `GET /<resource>/{id}`.
pub async fn get<R: Resource>(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Answer {
    let mut w = s.lock();
    R::store(w.account(&a))
        .get(&id)
        .map(|v| Json(v.clone()).into_response())
        .ok_or_else(ApiError::not_found)
}

/// Updates one object (404 when the account has no such object); the new object.
pub fn update_in<R: Resource>(
    w: &mut World,
    a: &Auth,
    id: &str,
    body: &Value,
) -> Result<Value, ApiError> {
    let old = R::store(w.account(a))
        .get(id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let new = R::update(w, a, id, &old, body)?;
    R::store(w.account(a)).replace(id, new.clone());
    Ok(new)
}

/// `PUT /<resource>/{id}`.
pub async fn update<R: Resource>(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Answer {
    let body = body_json(&body)?;
    let mut w = s.lock();
    Ok(Json(update_in::<R>(&mut w, &a, &id, &body)?).into_response())
}

/// `DELETE /<resource>/{id}` → 204.
pub async fn delete<R: Resource>(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Answer {
    let mut w = s.lock();
    let acct = w.account(&a);
    R::store(acct)
        .remove(&id)
        .ok_or_else(ApiError::not_found)?;
    R::deleted(acct, &id);
    Ok(StatusCode::NO_CONTENT.into_response())
}

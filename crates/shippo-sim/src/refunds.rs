//! Refunds: QUEUED → PENDING → SUCCESS, with the label REFUNDPENDING at once and REFUNDED at the end.

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, paginate_all, str_field, Query};
use crate::server::Shared;
use crate::world::{Event, World};

/// A refund request.
#[derive(Debug, Clone)]
pub struct Refund {
    pub id: String,
    pub transaction: String,
    pub status: String,
    pub created: String,
    pub updated: String,
    pub owner: String,
    pub test: bool,
}

impl Refund {
    fn json(&self) -> Value {
        json!({ "object_id": self.id, "object_owner": self.owner, "object_created": self.created, "object_updated": self.updated, "status": self.status, "transaction": self.transaction, "test": self.test })
    }
}

/// The refund moves to PENDING.
pub fn to_pending(w: &mut World, token: &str, id: &str) {
    let now = w.now_str();
    if let Some(r) = w
        .accounts
        .get_mut(token)
        .and_then(|a| a.refunds.get_mut(id))
    {
        if r.status == "QUEUED" {
            r.status = "PENDING".into();
            r.updated = now;
        }
    }
}

/// The refund succeeds and its label becomes REFUNDED.
pub fn finish(w: &mut World, token: &str, id: &str) {
    let now = w.now_str();
    let Some(acct) = w.accounts.get_mut(token) else {
        return;
    };
    let Some(r) = acct.refunds.get_mut(id) else {
        return;
    };
    r.status = "SUCCESS".into();
    r.updated = now.clone();
    let txn = r.transaction.clone();
    if let Some(t) = acct.transactions.get_mut(&txn) {
        t.status = "REFUNDED".into();
        t.updated = now;
    }
}

/// `POST /refunds`.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let txn = str_field(&body, "transaction").ok_or_else(|| ApiError::required("transaction"))?;
    let mut w = s.lock();
    let id = w.new_id();
    let now = w.now_str();
    let acct = w.account(&a);
    let t = acct.transactions.get_mut(&txn).ok_or_else(|| {
        ApiError::field(
            "transaction",
            format!("Transaction with object_id {txn} was not found."),
        )
    })?;
    match t.status.as_str() {
        "SUCCESS" => {}
        "REFUNDPENDING" | "REFUNDED" => {
            return Err(ApiError::field(
                "transaction",
                "A refund for this label has already been requested.",
            ))
        }
        other => {
            return Err(ApiError::field(
                "transaction",
                format!("Only purchased labels can be refunded; this one is {other}."),
            ))
        }
    }
    t.status = "REFUNDPENDING".into();
    t.updated = now.clone();
    let r = Refund {
        id: id.clone(),
        transaction: txn,
        status: "QUEUED".into(),
        created: now.clone(),
        updated: now,
        owner: acct.owner.clone(),
        test: a.test,
    };
    let v = r.json();
    acct.refunds.insert(id.clone(), r);
    w.schedule(
        Duration::from_millis(100),
        Event::RefundPending {
            token: a.token.clone(),
            id: id.clone(),
        },
    );
    w.schedule(
        Duration::from_millis(300),
        Event::RefundDone {
            token: a.token.clone(),
            id,
        },
    );
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /refunds/`.
pub async fn list(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let all: Vec<Value> = w
        .account(&a)
        .refunds
        .iter_newest()
        .map(Refund::json)
        .collect();
    Ok(Json(paginate_all(&s.base_url, "/refunds", &q, 25, all)?).into_response())
}

/// `GET /refunds/{id}`.
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    w.account(&a)
        .refunds
        .get(&id)
        .map(|r| Json(r.json()).into_response())
        .ok_or_else(ApiError::not_found)
}

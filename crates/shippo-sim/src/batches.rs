//! Batches: create → VALIDATING → VALID/INVALID, add/remove shipments, purchase → PURCHASING →
//! PURCHASED with a transaction per shipment and merged label files.

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::files::FileKind;
use crate::http::{body_json, paginate, str_field, Query};
use crate::server::Shared;
use crate::transactions::{purchase, PurchaseRequest, LABEL_TYPES};
use crate::world::{Event, World};

/// One shipment of a batch.
#[derive(Debug, Clone)]
pub struct BatchShipment {
    pub id: String,
    pub shipment: String,
    pub carrier_account: String,
    pub servicelevel_token: String,
    pub metadata: String,
    /// VALIDATING (internal, not shown), VALID, INVALID, INCOMPLETE, TRANSACTION_FAILED.
    pub status: String,
    pub messages: Vec<Value>,
    pub transaction: Option<String>,
    pub creation_failed: bool,
}

/// A batch.
#[derive(Debug, Clone)]
pub struct Batch {
    pub id: String,
    pub created: String,
    pub updated: String,
    pub status: String,
    pub carrier_account: String,
    pub servicelevel_token: String,
    pub label_filetype: Option<String>,
    pub metadata: String,
    pub shipments: Vec<BatchShipment>,
    pub label_urls: Vec<String>,
    pub owner: String,
    pub test: bool,
}

impl Batch {
    fn json(&self, base: &str, q: &Query) -> Result<Value, ApiError> {
        let count =
            |f: &dyn Fn(&BatchShipment) -> bool| self.shipments.iter().filter(|s| f(s)).count();
        let validated = self.status != "VALIDATING";
        let filter = q.get("object_results").unwrap_or_default().to_string();
        let keep = |s: &BatchShipment| match filter.as_str() {
            "creation_failed" => {
                s.creation_failed || s.status == "INVALID" || s.status == "INCOMPLETE"
            }
            "creation_succeeded" => {
                !s.creation_failed && s.status != "INVALID" && s.status != "INCOMPLETE"
            }
            "purchase_failed" => s.status == "TRANSACTION_FAILED",
            "purchase_succeeded" => s.transaction.is_some(),
            _ => true,
        };
        let shown: Vec<&BatchShipment> = if validated {
            self.shipments.iter().filter(|s| keep(s)).collect()
        } else {
            Vec::new()
        };
        let (page, per) = q.page(100)?;
        let items: Vec<Value> = shown
            .iter()
            .skip((page - 1) * per)
            .take(per)
            .map(|s| {
                json!({ "object_id": s.id, "shipment": s.shipment, "carrier_account": s.carrier_account, "servicelevel_token": s.servicelevel_token,
                        "metadata": s.metadata, "status": s.status, "messages": s.messages, "transaction": s.transaction })
            })
            .collect();
        let list = paginate(
            base,
            &format!("/batches/{}", self.id),
            q,
            page,
            per,
            shown.len(),
            items,
        )?;
        Ok(json!({
            "object_id": self.id, "object_owner": self.owner, "object_created": self.created, "object_updated": self.updated,
            "status": self.status, "default_carrier_account": self.carrier_account, "default_servicelevel_token": self.servicelevel_token,
            "label_filetype": self.label_filetype, "metadata": self.metadata, "batch_shipments": list, "label_url": self.label_urls,
            "object_results": {
                "creation_succeeded": if validated { count(&|s| !s.creation_failed && s.status != "INVALID" && s.status != "INCOMPLETE") } else { 0 },
                "creation_failed": if validated { count(&|s| s.creation_failed || s.status == "INVALID" || s.status == "INCOMPLETE") } else { 0 },
                "purchase_succeeded": count(&|s| s.transaction.is_some()),
                "purchase_failed": count(&|s| s.status == "TRANSACTION_FAILED"),
            },
            "test": self.test,
        }))
    }
}

fn add(w: &mut World, a: &Auth, b: &mut Batch, items: &[Value]) -> Result<(), ApiError> {
    for item in items {
        let shipment = item.get("shipment").ok_or_else(|| ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "batch_shipments": [{ "shipment": ["This field is required."] }] }),
        })?;
        let id = w.new_id();
        let (sid, failed, messages) = match crate::shipments::create_in(w, a, shipment) {
            Ok(sid) => (sid, false, Vec::new()),
            Err(e) => (
                String::new(),
                true,
                vec![
                    json!({ "source": "Shippo", "code": "", "text": format!("The shipment could not be created: {}", e.body) }),
                ],
            ),
        };
        b.shipments.push(BatchShipment {
            id,
            shipment: sid,
            carrier_account: str_field(item, "carrier_account")
                .unwrap_or_else(|| b.carrier_account.clone()),
            servicelevel_token: str_field(item, "servicelevel_token")
                .unwrap_or_else(|| b.servicelevel_token.clone()),
            metadata: crate::http::metadata(item)?,
            status: if failed {
                "INVALID".into()
            } else {
                "VALIDATING".into()
            },
            messages,
            transaction: None,
            creation_failed: failed,
        });
    }
    b.status = "VALIDATING".into();
    let delay = 100 + w.rand_range(0, 200);
    w.schedule(
        Duration::from_millis(delay),
        Event::BatchValidated {
            token: a.token.clone(),
            id: b.id.clone(),
        },
    );
    Ok(())
}

/// Validation finishes: each shipment is VALID, INVALID (with messages) or INCOMPLETE.
pub fn finish_validation(w: &mut World, token: &str, id: &str) {
    let seed = w.seed;
    let now = w.now_str();
    let Some(acct) = w.accounts.get_mut(token) else {
        return;
    };
    let Some(mut b) = acct.batches.get(id).cloned() else {
        return;
    };
    if b.status != "VALIDATING" {
        return;
    }
    for s in b.shipments.iter_mut().filter(|s| s.status == "VALIDATING") {
        let Some(sh) = acct.shipments.get(&s.shipment) else {
            continue;
        };
        let carrier = crate::carriers::by_object_id(seed, &s.carrier_account);
        let has_rate = sh
            .rate_ids
            .iter()
            .filter_map(|r| acct.rates.get(r))
            .any(|r| {
                r.carrier_account == s.carrier_account && r.service.token == s.servicelevel_token
            });
        let (status, text) = if carrier.is_none() {
            (
                "INVALID",
                format!("Carrier account {} was not found.", s.carrier_account),
            )
        } else if !crate::addresses::complete(&sh.body["address_to"])
            || !crate::addresses::complete(&sh.body["address_from"])
        {
            (
                "INCOMPLETE",
                "The address is incomplete: name, street1, city, zip and country are required."
                    .to_string(),
            )
        } else if !has_rate {
            let extra = sh
                .messages
                .first()
                .and_then(|m| m["text"].as_str())
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            (
                "INVALID",
                format!(
                    "No rate is available for service level {} on this shipment.{extra}",
                    s.servicelevel_token
                ),
            )
        } else {
            ("VALID", String::new())
        };
        s.status = status.into();
        if !text.is_empty() {
            s.messages
                .push(json!({ "source": "Shippo", "code": "", "text": text }));
        }
    }
    let all_valid = !b.shipments.is_empty() && b.shipments.iter().all(|s| s.status == "VALID");
    b.status = if all_valid {
        "VALID".into()
    } else {
        "INVALID".into()
    };
    b.updated = now;
    acct.batches.replace(id, b);
}

/// Purchase finishes: a transaction per valid shipment; merged label files of up to 100 labels.
pub fn finish_purchase(w: &mut World, token: &str, id: &str) {
    let Some(acct) = w.accounts.get(token) else {
        return;
    };
    let a = Auth {
        token: token.to_string(),
        test: acct.test,
    };
    let Some(mut b) = acct.batches.get(id).cloned() else {
        return;
    };
    let label_type = b.label_filetype.clone().unwrap_or_else(|| "PDF_4x6".into());
    let mut files = Vec::new();
    for s in b.shipments.iter_mut().filter(|s| s.status == "VALID") {
        let acct = w.account(&a);
        let rate = acct.shipments.get(&s.shipment).and_then(|sh| {
            sh.rate_ids
                .iter()
                .find(|r| {
                    acct.rates.get(*r).is_some_and(|r| {
                        r.carrier_account == s.carrier_account
                            && r.service.token == s.servicelevel_token
                    })
                })
                .cloned()
        });
        let Some(rate) = rate else { continue };
        let req = PurchaseRequest {
            rate_id: rate,
            label_file_type: label_type.clone(),
            metadata: s.metadata.clone(),
            order: None,
            async_: false,
            instalabel: false,
        };
        let Ok(tid) = purchase(w, &a, req) else {
            continue;
        };
        let t = w.account(&a).transactions.get(&tid).cloned();
        match t {
            Some(t) if t.status == "SUCCESS" => {
                s.transaction = Some(tid.clone());
                if let Some(f) = w.label_files.get(&tid) {
                    files.push(f.clone());
                }
            }
            Some(t) => {
                s.status = "TRANSACTION_FAILED".into();
                s.messages.extend(t.messages);
                s.transaction = Some(tid);
            }
            None => {}
        }
    }
    let kind = FileKind::from_label_type(&label_type);
    let ext = if kind == FileKind::Zpl { "zpl" } else { "pdf" };
    let merged_kind = if kind == FileKind::Zpl {
        FileKind::Zpl
    } else {
        FileKind::Pdf
    };
    for (k, chunk) in files.chunks(100).enumerate() {
        let stem = format!("batch-{id}-{}", k + 1);
        b.label_urls
            .push(format!("{}/files/merged/{stem}.{ext}", w.base_url));
        w.merged_files.insert(
            stem,
            chunk
                .iter()
                .map(|f| crate::files::LabelFile {
                    label: f.label.clone(),
                    kind: merged_kind,
                })
                .collect(),
        );
    }
    b.status = "PURCHASED".into();
    b.updated = w.now_str();
    w.account(&a).batches.replace(id, b);
}

fn respond(
    w: &mut World,
    a: &Auth,
    id: &str,
    q: &Query,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let base = w.base_url.clone();
    let b = w
        .account(a)
        .batches
        .get(id)
        .ok_or_else(ApiError::not_found)?;
    Ok((status, Json(b.json(&base, q)?)).into_response())
}

/// `POST /batches`.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let carrier_account = str_field(&body, "default_carrier_account")
        .ok_or_else(|| ApiError::required("default_carrier_account"))?;
    let servicelevel = str_field(&body, "default_servicelevel_token")
        .ok_or_else(|| ApiError::required("default_servicelevel_token"))?;
    let items = body
        .get("batch_shipments")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| ApiError::required("batch_shipments"))?;
    let label_filetype = str_field(&body, "label_filetype");
    if let Some(t) = &label_filetype {
        if !LABEL_TYPES.contains(&t.as_str()) {
            return Err(ApiError::field(
                "label_filetype",
                format!("\"{t}\" is not a valid choice."),
            ));
        }
    }
    let metadata = crate::http::metadata(&body)?;
    let mut w = s.lock();
    let id = w.new_id();
    let now = w.now_str();
    let owner = w.account(&a).owner.clone();
    let mut b = Batch {
        id: id.clone(),
        created: now.clone(),
        updated: now,
        status: "VALIDATING".into(),
        carrier_account,
        servicelevel_token: servicelevel,
        label_filetype,
        metadata,
        shipments: Vec::new(),
        label_urls: Vec::new(),
        owner,
        test: a.test,
    };
    add(&mut w, &a, &mut b, &items)?;
    w.account(&a).batches.insert(id.clone(), b);
    respond(&mut w, &a, &id, &Query::default(), StatusCode::CREATED)
}

/// `GET /batches/{id}` (batch_shipments paged; `object_results` filter).
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    respond(&mut w, &a, &id, &q, StatusCode::OK)
}

fn editable(b: &Batch) -> Result<(), ApiError> {
    if matches!(b.status.as_str(), "PURCHASING" | "PURCHASED") {
        return Err(ApiError::bad_request(format!("Shipments can only be added or removed before the batch is purchased; this batch is {}.", b.status)));
    }
    Ok(())
}

/// `POST /batches/{id}/add_shipments`.
pub async fn add_shipments(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let items = body
        .as_array()
        .cloned()
        .ok_or_else(|| ApiError::bad_request("The body must be an array of batch shipments."))?;
    let mut w = s.lock();
    let mut b = w
        .account(&a)
        .batches
        .get(&id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    editable(&b)?;
    add(&mut w, &a, &mut b, &items)?;
    w.account(&a).batches.replace(&id, b);
    respond(&mut w, &a, &id, &Query::default(), StatusCode::OK)
}

/// `POST /batches/{id}/remove_shipments`.
pub async fn remove_shipments(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let ids: Vec<String> = body
        .as_array()
        .ok_or_else(|| {
            ApiError::bad_request("The body must be an array of batch shipment object_ids.")
        })?
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    let mut w = s.lock();
    let acct = w.account(&a);
    let b = acct.batches.get_mut(&id).ok_or_else(ApiError::not_found)?;
    editable(b)?;
    b.shipments.retain(|s| !ids.contains(&s.id));
    if b.status != "VALIDATING" {
        let ok = !b.shipments.is_empty() && b.shipments.iter().all(|s| s.status == "VALID");
        b.status = if ok { "VALID".into() } else { "INVALID".into() };
    }
    respond(&mut w, &a, &id, &Query::default(), StatusCode::OK)
}

/// `POST /batches/{id}/purchase` → 202 PURCHASING.
pub async fn purchase_batch(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    let now = w.now_str();
    let acct = w.account(&a);
    let b = acct.batches.get_mut(&id).ok_or_else(ApiError::not_found)?;
    if b.status != "VALID" {
        return Err(ApiError::bad_request(format!(
            "Only VALID batches can be purchased; this batch is {}.",
            b.status
        )));
    }
    b.status = "PURCHASING".into();
    b.updated = now;
    let n = b.shipments.len() as u64;
    w.schedule(
        Duration::from_millis(200 + 2 * n),
        Event::BatchPurchased {
            token: a.token.clone(),
            id: id.clone(),
        },
    );
    respond(&mut w, &a, &id, &Query::default(), StatusCode::ACCEPTED)
}

//! Transactions (shipping labels): buying a rate or an Instalabel, sync and async, with the real
//! API's 201-with-status-ERROR failures, the 7-day rate expiry and the order link.

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::files::{FileKind, LabelFile};
use crate::http::{body_json, bool_field, paginate_all, str_field, Query};
use crate::server::Shared;
use crate::world::{Event, World};

/// Label formats Shippo accepts.
pub const LABEL_TYPES: &[&str] = &[
    "PNG",
    "PNG_2.3x7.5",
    "PDF",
    "PDF_2.3x7.5",
    "PDF_4x6",
    "PDF_4x8",
    "PDF_A4",
    "PDF_A5",
    "PDF_A6",
    "ZPLII",
];

/// A label purchase.
#[derive(Debug, Clone)]
pub struct Transaction {
    pub id: String,
    pub created: String,
    pub updated: String,
    /// QUEUED, SUCCESS, ERROR, REFUNDPENDING, REFUNDED.
    pub status: String,
    /// The rate id bought.
    pub rate_id: String,
    /// Instalabel purchases show the rate as an object.
    pub rate_obj: Option<Value>,
    pub metadata: String,
    pub order: Option<String>,
    pub parcel: Option<String>,
    pub tracking_number: String,
    pub carrier: String,
    pub kind: FileKind,
    pub messages: Vec<Value>,
    /// Estimated transit days (tracking and eta).
    pub days: u32,
    /// When the label was bought (tracking progresses from here).
    pub bought: chrono::DateTime<chrono::Utc>,
    pub owner: String,
}

impl Transaction {
    /// The transaction as the API shows it.
    pub fn json(&self, base: &str, test: bool, now: chrono::DateTime<chrono::Utc>) -> Value {
        let done = matches!(
            self.status.as_str(),
            "SUCCESS" | "REFUNDPENDING" | "REFUNDED"
        );
        let rate = self.rate_obj.clone().unwrap_or_else(|| json!(self.rate_id));
        let (label_url, tracking_url, eta, tracking_status) = if done {
            (
                format!("{base}/files/labels/{}.{}", self.id, self.kind.ext()),
                crate::tracking::provider_url(&self.carrier, &self.tracking_number),
                json!(crate::world::iso(
                    self.bought + chrono::Duration::days(i64::from(self.days))
                )),
                crate::tracking::progress(self, now)
                    .last()
                    .map(|e| e.0)
                    .unwrap_or("UNKNOWN"),
            )
        } else {
            (String::new(), String::new(), Value::Null, "UNKNOWN")
        };
        json!({
            "object_id": self.id,
            "object_owner": self.owner,
            "object_state": if self.status == "ERROR" { "INVALID" } else { "VALID" },
            "status": self.status,
            "object_created": self.created,
            "object_updated": self.updated,
            "rate": rate,
            "tracking_number": if done { self.tracking_number.as_str() } else { "" },
            "tracking_status": tracking_status,
            "tracking_url_provider": tracking_url,
            "eta": eta,
            "label_url": label_url,
            "commercial_invoice_url": "",
            "qr_code_url": null,
            "messages": self.messages,
            "metadata": self.metadata,
            "order": self.order,
            "parcel": self.parcel,
            "created_by": null,
            "test": test,
        })
    }
}

impl Transaction {
    /// The transaction as an order lists it: expanded, with a limited set of fields. The shape is
    /// the real API's (goshippo/shippo-php-client#78 quotes a `GET /orders/{id}` answer:
    /// `{object_id, object_status, label_url, tracking_number, test}`); the 2024 spec's schema
    /// says bare ids, its description says expanded objects.
    pub fn order_summary(&self, base: &str, test: bool) -> Value {
        let done = matches!(
            self.status.as_str(),
            "SUCCESS" | "REFUNDPENDING" | "REFUNDED"
        );
        let (label_url, tracking) = if done {
            (
                format!("{base}/files/labels/{}.{}", self.id, self.kind.ext()),
                self.tracking_number.as_str(),
            )
        } else {
            (String::new(), "")
        };
        json!({
            "object_id": self.id,
            "object_status": self.status,
            "label_url": label_url,
            "tracking_number": tracking,
            "test": test,
        })
    }
}

/// One transaction as an order lists it (own or the shop's seeded ones).
pub fn order_summary(w: &World, a: &Auth, id: &str) -> Option<Value> {
    w.accounts
        .get(&a.token)
        .and_then(|acct| acct.transactions.get(id))
        .or_else(|| w.shop_transactions.get(id))
        .map(|t| t.order_summary(&w.base_url, a.test))
}

/// What a purchase needs besides the rate.
pub struct PurchaseRequest {
    pub rate_id: String,
    pub label_file_type: String,
    pub metadata: String,
    pub order: Option<String>,
    pub async_: bool,
    pub instalabel: bool,
}

fn error_txn(w: &mut World, a: &Auth, req: &PurchaseRequest, messages: Vec<Value>) -> String {
    let id = w.new_id();
    let now = w.now_str();
    let bought = w.utc();
    let acct = w.account(a);
    let t = Transaction {
        id: id.clone(),
        created: now.clone(),
        updated: now,
        status: "ERROR".into(),
        rate_id: req.rate_id.clone(),
        rate_obj: None,
        metadata: req.metadata.clone(),
        order: req.order.clone(),
        parcel: None,
        tracking_number: String::new(),
        carrier: String::new(),
        kind: FileKind::from_label_type(&req.label_file_type),
        messages,
        days: 0,
        bought,
        owner: acct.owner.clone(),
    };
    acct.transactions.insert(id.clone(), t);
    id
}

/// Buys a rate. Ok(id) also for purchases that fail as the real API fails them (201, status ERROR).
pub fn purchase(w: &mut World, a: &Auth, req: PurchaseRequest) -> Result<String, ApiError> {
    if !LABEL_TYPES.contains(&req.label_file_type.as_str()) {
        return Err(ApiError::field(
            "label_file_type",
            format!("\"{}\" is not a valid choice.", req.label_file_type),
        ));
    }
    let rate = w
        .account(a)
        .rates
        .get(&req.rate_id)
        .cloned()
        .ok_or_else(|| {
            ApiError::field(
                "rate",
                format!("Rate with object_id {} was not found.", req.rate_id),
            )
        })?;
    let order_number = match &req.order {
        Some(o) => Some(crate::orders::order_number(w, a, o).ok_or_else(|| {
            ApiError::field("order", format!("Order with object_id {o} was not found."))
        })?),
        None => None,
    };
    let now = w.utc();
    if now - rate.created > chrono::Duration::days(7) {
        let msg = json!({ "source": "Shippo", "code": "rate_expired", "text": "This rate has expired: rates can be purchased up to 7 days after they were created. Please request new rates." });
        return Ok(error_txn(w, a, &req, vec![msg]));
    }
    if let Some(text) = rate.carrier.purchase_error {
        let msg = json!({ "source": rate.carrier.provider, "code": "", "text": text });
        return Ok(error_txn(w, a, &req, vec![msg]));
    }
    let shipment = w
        .account(a)
        .shipments
        .get(&rate.shipment)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let (from, to) = (&shipment.body["address_from"], &shipment.body["address_to"]);
    for (which, addr) in [("address_from", from), ("address_to", to)] {
        if !crate::addresses::complete(addr) {
            let msg = json!({ "source": rate.carrier.provider, "code": "", "text": format!("The {which} is incomplete: name, street1, city, zip and country (and state for US, CA, AU) are required to buy a label.") });
            return Ok(error_txn(w, a, &req, vec![msg]));
        }
    }
    let id = w.new_id();
    let tracking = w.new_tracking_number(rate.carrier.token);
    let kind = FileKind::from_label_type(&req.label_file_type);
    let label = crate::files::label_for(
        &shipment.body,
        rate.carrier.provider,
        rate.service.name,
        &tracking,
        order_number.clone(),
    );
    w.label_files.insert(id.clone(), LabelFile { label, kind });
    w.sold_index
        .insert(tracking.clone(), (Some(a.token.clone()), id.clone()));
    let stamp = w.now_str();
    let parcel = shipment.body["parcels"]
        .get(0)
        .and_then(|p| p["object_id"].as_str())
        .map(String::from);
    let acct = w.account(a);
    let t = Transaction {
        id: id.clone(),
        created: stamp.clone(),
        updated: stamp,
        status: if req.async_ {
            "QUEUED".into()
        } else {
            "SUCCESS".into()
        },
        rate_id: rate.id.clone(),
        rate_obj: req.instalabel.then(|| rate.core_json()),
        metadata: req.metadata.clone(),
        order: req.order.clone(),
        parcel,
        tracking_number: tracking,
        carrier: rate.carrier.token.to_string(),
        kind,
        messages: Vec::new(),
        days: rate.days,
        bought: now,
        owner: acct.owner.clone(),
    };
    acct.transactions.insert(id.clone(), t);
    if let Some(o) = &req.order {
        crate::orders::link(w, a, o, &id);
    }
    if req.async_ {
        w.schedule(
            Duration::from_millis(200),
            Event::TransactionDone {
                token: a.token.clone(),
                id: id.clone(),
            },
        );
    }
    tracing::debug!(transaction = %id, "label sold");
    Ok(id)
}

/// An async purchase finishes.
pub fn finish_async(w: &mut World, token: &str, id: &str) {
    let now = w.now_str();
    if let Some(t) = w
        .accounts
        .get_mut(token)
        .and_then(|acct| acct.transactions.get_mut(id))
    {
        if t.status == "QUEUED" {
            t.status = "SUCCESS".into();
            t.updated = now;
        }
    }
}

/// One transaction as the API shows it (own or the shop's seeded ones).
pub fn render(w: &mut World, a: &Auth, id: &str) -> Option<Value> {
    let (base, now) = (w.base_url.clone(), w.utc());
    let acct = w.account(a);
    if let Some(t) = acct.transactions.get(id) {
        return Some(t.json(&base, a.test, now));
    }
    w.shop_transactions
        .get(id)
        .map(|t| t.json(&base, a.test, now))
}

/// `POST /transactions`: a rate purchase or an Instalabel.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let metadata = crate::http::metadata(&body)?;
    let label_file_type = str_field(&body, "label_file_type").unwrap_or_else(|| "PDF_4x6".into());
    let order = str_field(&body, "order").filter(|o| !o.is_empty());
    let mut w = s.lock();
    let id = if let Some(shipment) = body.get("shipment") {
        let carrier_account = str_field(&body, "carrier_account")
            .ok_or_else(|| ApiError::required("carrier_account"))?;
        let token = str_field(&body, "servicelevel_token")
            .ok_or_else(|| ApiError::required("servicelevel_token"))?;
        if crate::carriers::by_object_id(w.seed, &carrier_account).is_none() {
            return Err(ApiError::field(
                "carrier_account",
                format!("Account with object_id {carrier_account} was not found."),
            ));
        }
        let sid = crate::shipments::create_in(&mut w, &a, shipment).map_err(|e| ApiError {
            status: e.status,
            body: json!({ "shipment": e.body }),
        })?;
        let acct = w.account(&a);
        let rate = acct.shipments.get(&sid).and_then(|sh| {
            sh.rate_ids
                .iter()
                .find(|r| {
                    acct.rates.get(*r).is_some_and(|r| {
                        r.carrier_account == carrier_account && r.service.token == token
                    })
                })
                .cloned()
        });
        let req = PurchaseRequest {
            rate_id: rate.clone().unwrap_or_default(),
            label_file_type,
            metadata,
            order,
            async_: bool_field(&body, "async", false),
            instalabel: true,
        };
        match rate {
            Some(_) => purchase(&mut w, &a, req)?,
            None => {
                let msg = json!({ "source": "Shippo", "code": "", "text": format!("No rate is available for service level {token} on this shipment.") });
                error_txn(&mut w, &a, &req, vec![msg])
            }
        }
    } else {
        let rate_id = str_field(&body, "rate").ok_or_else(|| ApiError::required("rate"))?;
        let req = PurchaseRequest {
            rate_id,
            label_file_type,
            metadata,
            order,
            async_: bool_field(&body, "async", true),
            instalabel: false,
        };
        purchase(&mut w, &a, req)?
    };
    let v = render(&mut w, &a, &id).ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /transactions/{id}`.
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    render(&mut w, &a, &id)
        .map(|v| Json(v).into_response())
        .ok_or_else(ApiError::not_found)
}

/// `GET /transactions` with the `rate`, `object_status`, `tracking_status` and `object_created_*` filters.
pub async fn list(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    let (base, now) = (w.base_url.clone(), w.utc());
    w.account(&a);
    let acct = w.accounts.get(&a.token).ok_or_else(ApiError::not_found)?;
    let all = acct
        .transactions
        .iter_newest()
        .chain(w.shop_transactions.iter_newest())
        .map(|t| t.json(&base, a.test, now));
    let keep = |v: &Value| {
        let eq = |key: &str, field: &str| {
            q.get(key).is_none_or(|want| {
                v[field].as_str() == Some(want)
                    || (field == "rate" && v["rate"]["object_id"].as_str() == Some(want))
            })
        };
        let created = v["object_created"].as_str().unwrap_or_default();
        let cmp = |key: &str, ok: fn(std::cmp::Ordering) -> bool| {
            q.get(key).is_none_or(|t| ok(created.cmp(t)))
        };
        eq("rate", "rate")
            && eq("object_status", "status")
            && eq("tracking_status", "tracking_status")
            && cmp("object_created_gt", |o| o.is_gt())
            && cmp("object_created_gte", |o| o.is_ge())
            && cmp("object_created_lt", |o| o.is_lt())
            && cmp("object_created_lte", |o| o.is_le())
    };
    let filtered: Vec<Value> = all.filter(keep).collect();
    Ok(Json(paginate_all(
        &s.base_url,
        "/transactions",
        &q,
        25,
        filtered,
    )?)
    .into_response())
}

//! Shipments (how rating is done) and their rates.

use std::time::{Duration, Instant};

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::carriers::{servicelevel_json, Carrier, Service};
use crate::error::ApiError;
use crate::http::{body_json, bool_field, paginate_all, str_field, Query};
use crate::rating::{fx, money};
use crate::server::Shared;
use crate::world::{iso, World};

/// A rate of a shipment.
#[derive(Debug, Clone)]
pub struct Rate {
    pub id: String,
    pub shipment: String,
    pub created: DateTime<Utc>,
    pub carrier: &'static Carrier,
    pub service: &'static Service,
    pub cents: i64,
    pub days: u32,
    pub zone: u32,
    pub attributes: Vec<&'static str>,
    pub carrier_account: String,
    pub owner: String,
    pub test: bool,
}

impl Rate {
    /// The rate as the API shows it; `local` converts `amount_local` to another currency.
    pub fn json(&self, local: Option<(&str, f64)>) -> Value {
        let (cur_local, amount_local) = match local {
            Some((c, f)) => (
                c.to_string(),
                format!("{:.2}", self.cents as f64 / 100.0 * f),
            ),
            None => ("USD".to_string(), money(self.cents)),
        };
        json!({
            "object_id": self.id,
            "object_owner": self.owner,
            "object_created": iso(self.created),
            "shipment": self.shipment,
            "attributes": self.attributes,
            "amount": money(self.cents),
            "currency": "USD",
            "amount_local": amount_local,
            "currency_local": cur_local,
            "provider": self.carrier.provider,
            "provider_image_75": format!("https://shippo-static.s3.amazonaws.com/providers/75/{}.png", self.carrier.provider.replace(' ', "")),
            "provider_image_200": format!("https://shippo-static.s3.amazonaws.com/providers/200/{}.png", self.carrier.provider.replace(' ', "")),
            "servicelevel": servicelevel_json(self.service),
            "estimated_days": self.days,
            "arrives_by": null,
            "duration_terms": format!("Delivery in {} business day{}.", self.days, if self.days == 1 { "" } else { "s" }),
            "carrier_account": self.carrier_account,
            "zone": self.zone.to_string(),
            "messages": [],
            "included_insurance_price": null,
            "test": self.test,
        })
    }

    /// A rate as Instalabel transactions embed it (CoreRate).
    pub fn core_json(&self) -> Value {
        json!({
            "object_id": self.id, "amount": money(self.cents), "currency": "USD", "amount_local": money(self.cents), "currency_local": "USD",
            "provider": self.carrier.provider, "carrier_account": self.carrier_account,
            "servicelevel_name": self.service.name, "servicelevel_token": self.service.token,
        })
    }
}

/// A shipment: its addresses, parcels and rates.
#[derive(Debug, Clone)]
pub struct Shipment {
    pub id: String,
    pub created: String,
    /// address_from/to/return, parcels, customs_declaration, extra, metadata, shipment_date, carrier_accounts.
    pub body: Value,
    pub rate_ids: Vec<String>,
    pub messages: Vec<Value>,
    /// Rates appear at this time (live tokens with async; test mode rates at once).
    pub ready_at: Instant,
    pub owner: String,
    pub test: bool,
}

impl Shipment {
    /// The shipment as the API shows it (with its rates once ready).
    pub fn json(&self, w: &World, rates: &std::collections::HashMap<String, Rate>) -> Value {
        let ready = w.instant() >= self.ready_at;
        let mut v = self.body.clone();
        v["object_id"] = json!(self.id);
        v["object_owner"] = json!(self.owner);
        v["object_created"] = json!(self.created);
        v["object_updated"] = json!(self.created);
        v["status"] = json!(if ready { "SUCCESS" } else { "QUEUED" });
        v["test"] = json!(self.test);
        let list: Vec<Value> = if ready {
            self.rate_ids
                .iter()
                .filter_map(|id| rates.get(id))
                .map(|r| r.json(None))
                .collect()
        } else {
            Vec::new()
        };
        v["rates"] = json!(list);
        v["messages"] = json!(if ready {
            self.messages.clone()
        } else {
            Vec::new()
        });
        v
    }
}

/// Creates a shipment (with its addresses, parcels and rates) from a ShipmentCreateRequest.
pub fn create_in(w: &mut World, a: &Auth, body: &Value) -> Result<String, ApiError> {
    crate::http::metadata(body)?;
    let from = crate::addresses::resolve(
        w,
        a,
        body.get("address_from")
            .ok_or_else(|| ApiError::required("address_from"))?,
        "address_from",
    )?;
    let to = crate::addresses::resolve(
        w,
        a,
        body.get("address_to")
            .ok_or_else(|| ApiError::required("address_to"))?,
        "address_to",
    )?;
    let ret = match body.get("address_return") {
        Some(v) if !v.is_null() => Some(crate::addresses::resolve(w, a, v, "address_return")?),
        _ => None,
    };
    let parcels_in = body
        .get("parcels")
        .and_then(Value::as_array)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::required("parcels"))?;
    let mut parcels = Vec::new();
    for p in parcels_in {
        parcels.push(crate::parcels::resolve(w, a, p)?);
    }
    let customs = match body.get("customs_declaration") {
        Some(v) if !v.is_null() => Some(crate::customs::resolve_declaration(w, a, v)?),
        _ => None,
    };
    let allowed: Vec<String> = body
        .get("carrier_accounts")
        .and_then(Value::as_array)
        .map(|x| {
            x.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let international = from["country"] != to["country"];
    let id = w.new_id();
    let created = w.utc();
    let seed = w.seed;
    let (quotes, messages) = if international && customs.is_none() {
        (
            Vec::new(),
            crate::rating::customs_messages(seed, &from, &allowed),
        )
    } else {
        (
            crate::rating::quotes(seed, &from, &to, &parcels, &allowed),
            Vec::new(),
        )
    };
    let async_ = bool_field(body, "async", true);
    let ready_at = if async_ && !a.test {
        w.instant() + Duration::from_millis(150)
    } else {
        w.instant()
    };
    let mut rate_ids = Vec::new();
    let mut rates = Vec::new();
    for q in quotes {
        let rid = w.new_id();
        rate_ids.push(rid.clone());
        rates.push(Rate {
            id: rid,
            shipment: id.clone(),
            created,
            carrier: q.carrier,
            service: q.service,
            cents: q.cents,
            days: q.days,
            zone: q.zone,
            attributes: q.attributes,
            carrier_account: crate::carriers::account_object_id(seed, q.carrier),
            owner: String::new(),
            test: a.test,
        });
    }
    let acct = w.account(a);
    let mut b = json!({
        "address_from": from, "address_to": to, "address_return": ret.unwrap_or(Value::Null),
        "parcels": parcels, "customs_declaration": customs, "carrier_accounts": allowed,
        "extra": body.get("extra").cloned().unwrap_or_else(|| json!({})),
        "metadata": str_field(body, "metadata").unwrap_or_default(),
        "shipment_date": str_field(body, "shipment_date").unwrap_or_else(|| iso(created)),
    });
    if b["address_return"].is_null() {
        b["address_return"] = b["address_from"].clone();
    }
    for mut r in rates {
        r.owner = acct.owner.clone();
        acct.rates.insert(r.id.clone(), r);
    }
    let sh = Shipment {
        id: id.clone(),
        created: iso(created),
        body: b,
        rate_ids,
        messages,
        ready_at,
        owner: acct.owner.clone(),
        test: a.test,
    };
    acct.shipments.insert(id.clone(), sh);
    Ok(id)
}

fn render(w: &mut World, a: &Auth, id: &str) -> Option<Value> {
    w.account(a);
    let acct = w.accounts.get(&a.token)?;
    let sh = acct.shipments.get(id)?;
    Some(sh.json(w, &acct.rates))
}

/// `POST /shipments`.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let mut w = s.lock();
    let id = create_in(&mut w, &a, &body)?;
    let v = render(&mut w, &a, &id).ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /shipments/{id}`.
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

/// `GET /shipments`.
pub async fn list(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let mut w = s.lock();
    w.account(&a);
    let Some(acct) = w.accounts.get(&a.token) else {
        return Err(ApiError::not_found());
    };
    let all: Vec<Value> = acct
        .shipments
        .iter_newest()
        .map(|sh| sh.json(&w, &acct.rates))
        .collect();
    Ok(Json(paginate_all(&s.base_url, "/shipments", &q, 25, all)?).into_response())
}

/// `GET /rates/{id}`.
pub async fn get_rate(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    let acct = w.account(&a);
    let test = acct.test;
    if let Some(r) = acct.rates.get(&id) {
        return Ok(Json(r.json(None)).into_response());
    }
    // The shop's seeded labels were bought before the simulator started; Shippo still answers
    // the rate of any label the account bought.
    w.shop_rates
        .get(&id)
        .map(|r| Json(crate::shipments::Rate { test, ..r.clone() }.json(None)).into_response())
        .ok_or_else(ApiError::not_found)
}

fn shipment_rates(
    s: &Shared,
    a: &Auth,
    id: &str,
    currency: Option<String>,
    q: Option<String>,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let local = match currency {
        Some(c) => {
            let c = c.to_uppercase();
            let f = fx(&c)
                .ok_or_else(|| ApiError::bad_request(format!("Currency {c} is not supported.")))?;
            Some((c, f))
        }
        None => None,
    };
    let mut w = s.lock();
    let ready_at_passed;
    let all: Vec<Value> = {
        let instant = w.instant();
        let acct = w.account(a);
        let sh = acct.shipments.get(id).ok_or_else(ApiError::not_found)?;
        ready_at_passed = instant >= sh.ready_at;
        sh.rate_ids
            .iter()
            .filter_map(|r| acct.rates.get(r))
            .map(|r| r.json(local.as_ref().map(|(c, f)| (c.as_str(), *f))))
            .collect()
    };
    let all = if ready_at_passed { all } else { Vec::new() };
    let path = match &local {
        Some((c, _)) => format!("/shipments/{id}/rates/{c}"),
        None => format!("/shipments/{id}/rates"),
    };
    Ok(Json(paginate_all(&s.base_url, &path, &q, 25, all)?).into_response())
}

/// `GET /shipments/{id}/rates`.
pub async fn rates(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    shipment_rates(&s, &a, &id, None, q)
}

/// `GET /shipments/{id}/rates/{currency}`.
pub async fn rates_in(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path((id, cur)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    shipment_rates(&s, &a, &id, Some(cur), q)
}

//! The carriers the simulated account has, their service levels, and the carrier-account endpoints.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, paginate, str_field, Query};
use crate::server::Shared;

/// One service level of a carrier, with the figures rating uses.
#[derive(Debug)]
pub struct Service {
    /// Shippo's service-level token, e.g. `usps_priority`.
    pub token: &'static str,
    /// Display name, e.g. "Priority Mail".
    pub name: &'static str,
    /// Typical transit days (domestic; international adds the region's extra days).
    pub days: u32,
    /// Base price in cents.
    pub base_cents: i64,
    /// Price per billable pound in cents.
    pub per_lb_cents: i64,
    /// True for international-only services, false for domestic-only.
    pub international: bool,
}

/// One carrier account the simulated Shippo account comes with.
#[derive(Debug)]
pub struct Carrier {
    /// Carrier token, e.g. `usps`.
    pub token: &'static str,
    /// Provider name as rates show it, e.g. "USPS".
    pub provider: &'static str,
    /// The carrier's own account id.
    pub account_id: &'static str,
    /// The country this carrier ships from (rates only from there).
    pub origin: &'static [&'static str],
    /// Service levels.
    pub services: &'static [Service],
    /// Purchases fail with 201 status ERROR (UPS in test mode).
    pub purchase_error: Option<&'static str>,
}

const fn svc(
    token: &'static str,
    name: &'static str,
    days: u32,
    base_cents: i64,
    per_lb_cents: i64,
    international: bool,
) -> Service {
    Service {
        token,
        name,
        days,
        base_cents,
        per_lb_cents,
        international,
    }
}

/// Every carrier account of the simulated account.
pub static CARRIERS: &[Carrier] = &[
    Carrier {
        token: "usps",
        provider: "USPS",
        account_id: "shippo_usps_account",
        origin: &["US"],
        services: &[
            svc("usps_ground_advantage", "Ground Advantage", 4, 520, 90, false),
            svc("usps_priority", "Priority Mail", 2, 860, 150, false),
            svc("usps_priority_express", "Priority Mail Express", 1, 2850, 300, false),
            svc("usps_priority_mail_international", "Priority Mail International", 6, 4200, 450, true),
            svc("usps_priority_mail_express_international", "Priority Mail Express International", 3, 6200, 600, true),
        ],
        purchase_error: None,
    },
    Carrier {
        token: "ups",
        provider: "UPS",
        account_id: "shippo_ups_account",
        origin: &["US"],
        services: &[
            svc("ups_ground", "Ground", 4, 980, 110, false),
            svc("ups_3_day_select", "3 Day Select®", 3, 1890, 170, false),
            svc("ups_second_day_air", "2nd Day Air®", 2, 2400, 220, false),
            svc("ups_next_day_air", "Next Day Air®", 1, 4800, 400, false),
            svc("ups_standard", "Standard℠", 5, 3900, 400, true),
            svc("ups_saver", "Worldwide Saver®", 2, 7100, 700, true),
        ],
        purchase_error: Some(
            "The UPS account is not yet registered. Please register your UPS account in the Shippo dashboard (Settings > Carriers) before buying UPS labels.",
        ),
    },
    Carrier {
        token: "fedex",
        provider: "FedEx",
        account_id: "shippo_fedex_account",
        origin: &["US"],
        services: &[
            svc("fedex_ground", "Ground", 4, 990, 105, false),
            svc("fedex_express_saver", "Express Saver®", 3, 1950, 175, false),
            svc("fedex_2_day", "2Day®", 2, 2550, 230, false),
            svc("fedex_standard_overnight", "Standard Overnight®", 1, 5100, 420, false),
            svc("fedex_international_economy", "International Economy®", 5, 6500, 550, true),
            svc("fedex_international_priority", "International Priority®", 3, 8200, 700, true),
        ],
        purchase_error: None,
    },
    Carrier {
        token: "dhl_express",
        provider: "DHL Express",
        account_id: "shippo_dhlexpress_account",
        origin: &["US", "CA", "GB", "DE", "AU"],
        services: &[
            svc("dhl_express_worldwide", "Express Worldwide", 3, 5900, 520, true),
            svc("dhl_express_economy_select", "Economy Select", 6, 4300, 380, true),
        ],
        purchase_error: None,
    },
    Carrier {
        token: "canada_post",
        provider: "Canada Post",
        account_id: "shippo_canadapost_account",
        origin: &["CA"],
        services: &[
            svc("canada_post_regular_parcel", "Regular Parcel", 5, 1100, 120, false),
            svc("canada_post_expedited_parcel", "Expedited Parcel", 3, 1500, 150, false),
            svc("canada_post_xpresspost", "Xpresspost", 2, 2300, 210, false),
        ],
        purchase_error: None,
    },
    Carrier {
        token: "deutsche_post",
        provider: "Deutsche Post",
        account_id: "shippo_deutschepost_account",
        origin: &["DE"],
        services: &[svc("deutsche_post_warenpost_international", "Warenpost International", 7, 750, 300, true)],
        purchase_error: None,
    },
];

/// The object_id of a carrier's account: stable per seed, 32 hex characters.
pub fn account_object_id(seed: u64, carrier: &Carrier) -> String {
    crate::world::stable_id(&format!("carrier-account:{seed}:{}", carrier.token))
}

/// The carrier whose account has this object_id.
pub fn by_object_id(seed: u64, id: &str) -> Option<&'static Carrier> {
    CARRIERS.iter().find(|c| account_object_id(seed, c) == id)
}

/// The carrier and service of a service-level token.
pub fn service_by_token(token: &str) -> Option<(&'static Carrier, &'static Service)> {
    CARRIERS
        .iter()
        .find_map(|c| c.services.iter().find(|s| s.token == token).map(|s| (c, s)))
}

/// A service level as rates and tracks show it.
pub fn servicelevel_json(s: &Service) -> Value {
    json!({ "name": s.name, "token": s.token, "terms": "", "extended_token": s.token, "parent_servicelevel": null })
}

/// A carrier account as the API shows it.
pub fn account_json(seed: u64, c: &Carrier, test: bool, owner: &str, with_levels: bool) -> Value {
    let mut v = json!({
        "object_id": account_object_id(seed, c),
        "object_owner": owner,
        "carrier": c.token,
        "carrier_name": c.provider,
        "account_id": c.account_id,
        "active": true,
        "is_shippo_account": true,
        "metadata": "",
        "parameters": {},
        "test": test,
        "object_info": { "authentication": { "type": "default", "status": "connected" } },
    });
    if with_levels {
        v["service_levels"] = c
            .services
            .iter()
            .map(|s| json!({ "name": s.name, "token": s.token, "supports_return_labels": !s.international }))
            .collect();
    }
    v
}

/// `GET /carrier_accounts`.
pub async fn list(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let (page, per) = q.page(5)?;
    let levels = q
        .get("service_levels")
        .is_some_and(|v| v == "true" || v == "1");
    let mut w = s.lock();
    let seed = w.seed;
    let acct = w.account(&a);
    let mut all: Vec<Value> = CARRIERS
        .iter()
        .filter(|c| q.get("carrier").is_none_or(|want| want == c.token))
        .filter(|c| q.get("account_id").is_none_or(|want| want == c.account_id))
        .map(|c| account_json(seed, c, acct.test, &acct.owner, levels))
        .collect();
    for own in acct.own_carriers.iter_oldest() {
        all.push(own.clone());
    }
    let total = all.len();
    let items = all.into_iter().skip((page - 1) * per).take(per).collect();
    Ok(Json(paginate(
        &s.base_url,
        "/carrier_accounts",
        &q,
        page,
        per,
        total,
        items,
    )?)
    .into_response())
}

/// `GET /carrier_accounts/{id}` (no service levels, as the real one).
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    let seed = w.seed;
    let acct = w.account(&a);
    if let Some(c) = by_object_id(seed, &id) {
        return Ok(Json(account_json(seed, c, acct.test, &acct.owner, false)).into_response());
    }
    acct.own_carriers
        .get(&id)
        .map(|v| Json(v.clone()).into_response())
        .ok_or_else(ApiError::not_found)
}

/// `PUT /carrier_accounts/{id}`: `active`, `parameters` and `metadata` change; carrier and account_id do not.
pub async fn update(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let mut w = s.lock();
    let seed = w.seed;
    let acct = w.account(&a);
    let mut v = if let Some(c) = by_object_id(seed, &id) {
        account_json(seed, c, acct.test, &acct.owner, false)
    } else {
        acct.own_carriers
            .get(&id)
            .cloned()
            .ok_or_else(ApiError::not_found)?
    };
    for key in ["active", "parameters", "metadata"] {
        if let Some(x) = body.get(key) {
            v[key] = x.clone();
        }
    }
    if acct.own_carriers.get(&id).is_some() {
        acct.own_carriers.replace(&id, v.clone());
    }
    Ok(Json(v).into_response())
}

fn new_account(s: &Shared, a: &Auth, body: &Value, carrier: &str, account_id: &str) -> Value {
    let mut w = s.lock();
    let id = w.new_id();
    let acct = w.account(a);
    let v = json!({
        "object_id": id,
        "object_owner": acct.owner,
        "carrier": carrier,
        "carrier_name": carrier,
        "account_id": account_id,
        "active": body.get("active").and_then(Value::as_bool).unwrap_or(true),
        "is_shippo_account": false,
        "metadata": str_field(body, "metadata").unwrap_or_default(),
        "parameters": body.get("parameters").cloned().unwrap_or_else(|| json!({})),
        "test": acct.test,
    });
    acct.own_carriers.insert(id, v.clone());
    v
}

/// `POST /carrier_accounts`: connect an existing own account.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let carrier = str_field(&body, "carrier").ok_or_else(|| ApiError::required("carrier"))?;
    let account_id =
        str_field(&body, "account_id").ok_or_else(|| ApiError::required("account_id"))?;
    if body.get("parameters").is_none() {
        return Err(ApiError::required("parameters"));
    }
    let v = new_account(&s, &a, &body, &carrier, &account_id);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `POST /carrier_accounts/register/new`: register a Shippo-managed account.
pub async fn register(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let carrier = str_field(&body, "carrier").ok_or_else(|| ApiError::required("carrier"))?;
    let account_id = format!("{carrier}_registered");
    let mut v = new_account(&s, &a, &body, &carrier, &account_id);
    v["is_shippo_account"] = json!(true);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /carrier_accounts/reg-status/?carrier=…`.
pub async fn reg_status(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let carrier = q
        .get("carrier")
        .ok_or_else(|| ApiError::required("carrier"))?
        .to_string();
    let mut w = s.lock();
    let seed = w.seed;
    let now = w.now_str();
    let acct = w.account(&a);
    let found = CARRIERS.iter().find(|c| c.token == carrier);
    let (id, status) = match found {
        Some(c) if c.purchase_error.is_some() => (account_object_id(seed, c), "PENDING_TERMS"),
        Some(c) => (account_object_id(seed, c), "COMPLETED"),
        None => {
            return Err(ApiError::field(
                "carrier",
                format!("\"{carrier}\" is not a valid choice."),
            ))
        }
    };
    Ok(Json(json!({ "carrier_account": id, "object_created": now, "object_updated": now, "object_owner": acct.owner, "status": status })).into_response())
}

/// `GET /carrier_accounts/{id}/signin/initiate`: a 302 to the carrier's (simulated) OAuth page.
pub async fn oauth_initiate(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let seed = s.lock().seed;
    let _ = a;
    if by_object_id(seed, &id).is_none() {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            body: json!({ "title": "Not found", "detail": "Carrier account not found." }),
        });
    }
    let Some(redirect) = q.get("redirect_uri") else {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "title": "Bad request", "detail": "redirect_uri is required." }),
        });
    };
    let state = q.get("state").unwrap_or("");
    let target = format!("{redirect}?code=sim-oauth-code&state={state}");
    Ok((StatusCode::FOUND, [(axum::http::header::LOCATION, target)]).into_response())
}

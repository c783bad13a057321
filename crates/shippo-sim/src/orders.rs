//! Orders: the seeded shop every token sees, orders a token creates, the link a purchase makes
//! (the order lists the transaction and becomes SHIPPED) and packing slips.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{body_json, paginate, str_field, Query};
use crate::server::Shared;
use crate::world::{iso, stable_id, World};

/// A postal address of an order.
#[derive(Debug, Clone, Default)]
pub struct Addr {
    pub name: String,
    pub company: String,
    pub street1: String,
    pub street2: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
    pub phone: String,
    pub email: String,
}

impl Addr {
    /// As an Address object (its id derived from the owner's id).
    pub fn json(&self, id_seed: &str, owner: &str, test: bool, created: &str) -> Value {
        json!({
            "object_id": stable_id(id_seed), "object_owner": owner, "object_created": created, "object_updated": created,
            "name": self.name, "company": self.company, "street1": self.street1, "street2": self.street2, "street3": "",
            "city": self.city, "state": self.state, "zip": self.zip, "country": self.country, "phone": self.phone, "email": self.email,
            "is_residential": null, "is_complete": true, "latitude": null, "longitude": null, "metadata": "", "test": test,
            "validation_results": {},
        })
    }
    fn from_json(v: &Value) -> Addr {
        let t = |k: &str| str_field(v, k).unwrap_or_default();
        Addr {
            name: t("name"),
            company: t("company"),
            street1: t("street1"),
            street2: t("street2"),
            city: t("city"),
            state: t("state"),
            zip: t("zip"),
            country: t("country").to_uppercase(),
            phone: t("phone"),
            email: t("email"),
        }
    }
}

/// A line item of an order.
#[derive(Debug, Clone, Default)]
pub struct LineItem {
    pub object_id: String,
    pub title: String,
    pub sku: String,
    pub quantity: i64,
    pub total_price: String,
    pub currency: String,
    pub weight: String,
    pub weight_unit: String,
}

/// An order of the shop.
#[derive(Debug, Clone, Default)]
pub struct Order {
    pub object_id: String,
    pub order_number: String,
    pub placed_at: DateTime<Utc>,
    pub status: String,
    pub to: Addr,
    pub from: Option<Addr>,
    pub line_items: Vec<LineItem>,
    pub currency: String,
    pub subtotal_price: String,
    pub total_tax: String,
    pub shipping_cost: String,
    pub shipping_method: String,
    pub total_price: String,
    pub weight: String,
    pub weight_unit: String,
    pub notes: String,
    pub transactions: Vec<String>,
    pub shop_app: &'static str,
}

impl Order {
    /// The order as the API shows it. `txns` are its transactions as orders list them (expanded,
    /// see [`crate::transactions::Transaction::order_summary`]); `shipped_here` says whether the
    /// account bought a label for a seeded order (which makes it SHIPPED for that account).
    pub fn json(&self, owner: &str, test: bool, txns: Vec<Value>, shipped_here: bool) -> Value {
        let created = iso(self.placed_at);
        let status = if !shipped_here {
            self.status.as_str()
        } else {
            "SHIPPED"
        };
        json!({
            "object_id": self.object_id, "object_owner": owner, "order_number": self.order_number, "order_status": status,
            "placed_at": created,
            "to_address": self.to.json(&format!("{}:to", self.object_id), owner, test, &created),
            "from_address": self.from.as_ref().map(|f| f.json(&format!("{}:from", self.object_id), owner, test, &created)),
            "line_items": self.line_items.iter().map(|l| json!({
                "object_id": l.object_id, "title": l.title, "variant_title": "", "sku": l.sku, "quantity": l.quantity,
                "total_price": l.total_price, "currency": l.currency, "weight": l.weight, "weight_unit": l.weight_unit,
                "manufacture_country": "US", "max_ship_time": null, "max_delivery_time": null,
            })).collect::<Vec<_>>(),
            "currency": self.currency, "subtotal_price": self.subtotal_price, "total_tax": self.total_tax,
            "shipping_cost": self.shipping_cost, "shipping_cost_currency": self.currency, "shipping_method": self.shipping_method,
            "total_price": self.total_price, "weight": self.weight, "weight_unit": self.weight_unit, "notes": self.notes,
            "transactions": txns, "shop_app": self.shop_app, "test": test,
        })
    }
}

fn find<'a>(w: &'a World, a: &Auth, id: &str) -> Option<&'a Order> {
    if let Some(o) = w
        .accounts
        .get(&a.token)
        .and_then(|acct| acct.orders.get(id))
    {
        return Some(o);
    }
    w.shop_index.get(id).map(|i| &w.shop[*i])
}

/// The order_number of an order the token can see.
pub fn order_number(w: &mut World, a: &Auth, id: &str) -> Option<String> {
    w.account(a);
    find(w, a, id).map(|o| o.order_number.clone())
}

/// A purchase for an order: the order lists the transaction and becomes SHIPPED (for this token).
pub fn link(w: &mut World, a: &Auth, order: &str, txn: &str) {
    let acct = w.account(a);
    if let Some(o) = acct.orders.get_mut(order) {
        o.transactions.push(txn.to_string());
        o.status = "SHIPPED".into();
    } else {
        acct.order_links
            .entry(order.to_string())
            .or_default()
            .push(txn.to_string());
    }
}

fn render(w: &World, a: &Auth, o: &Order) -> Value {
    let acct = w.accounts.get(&a.token);
    let owner = acct.map(|x| x.owner.as_str()).unwrap_or_default();
    let links = acct
        .and_then(|x| x.order_links.get(&o.object_id))
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let txns = o
        .transactions
        .iter()
        .chain(links)
        .filter_map(|id| crate::transactions::order_summary(w, a, id))
        .collect();
    o.json(owner, a.test, txns, !links.is_empty())
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// `GET /orders` with `start_date`, `end_date` (on placed_at) and `order_status` filters; newest first.
pub async fn list(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let (page, per) = q.page(25)?;
    let date = |k: &str| -> Result<Option<DateTime<Utc>>, ApiError> {
        q.get(k).filter(|v| !v.is_empty()).map(|v| parse_date(v).ok_or_else(|| ApiError::field(k, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."))).transpose()
    };
    let (start, end) = (date("start_date")?, date("end_date")?);
    let mut statuses = q.all("order_status");
    statuses.extend(q.all("order_status[]"));
    let mut w = s.lock();
    w.account(&a);
    let w = &*w;
    let acct = w.accounts.get(&a.token).ok_or_else(ApiError::not_found)?;
    let effective = |o: &Order| -> String {
        if acct.order_links.contains_key(&o.object_id) {
            "SHIPPED".into()
        } else {
            o.status.clone()
        }
    };
    let keep = |o: &Order| {
        start.is_none_or(|t| o.placed_at >= t)
            && end.is_none_or(|t| o.placed_at <= t)
            && (statuses.is_empty() || statuses.contains(&effective(o)))
    };
    let mut own: Vec<&Order> = acct.orders.iter_newest().filter(|o| keep(o)).collect();
    own.sort_by_key(|o| std::cmp::Reverse(o.placed_at));
    let mut merged: Vec<&Order> = Vec::new();
    let mut own_iter = own.into_iter().peekable();
    for o in w.shop.iter().filter(|o| keep(o)) {
        while own_iter.peek().is_some_and(|x| x.placed_at >= o.placed_at) {
            merged.extend(own_iter.next());
        }
        merged.push(o);
    }
    merged.extend(own_iter);
    let total = merged.len();
    let items: Vec<Value> = merged
        .into_iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|o| render(w, &a, o))
        .collect();
    Ok(Json(paginate(
        &s.base_url,
        "/orders",
        &q,
        page,
        per,
        total,
        items,
    )?)
    .into_response())
}

/// `GET /orders/{id}`.
pub async fn get(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    w.account(&a);
    let o = find(&w, &a, &id).ok_or_else(ApiError::not_found)?;
    Ok(Json(render(&w, &a, o)).into_response())
}

/// `POST /orders`.
pub async fn create(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let body = body_json(&body)?;
    let placed = str_field(&body, "placed_at").ok_or_else(|| ApiError::required("placed_at"))?;
    let placed_at = parse_date(&placed)
        .ok_or_else(|| ApiError::field("placed_at", "Datetime has wrong format."))?;
    let to = body
        .get("to_address")
        .filter(|v| v.is_object())
        .ok_or_else(|| ApiError::required("to_address"))?;
    if str_field(to, "country").is_none() {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "to_address": { "country": ["This field is required."] } }),
        });
    }
    let status = str_field(&body, "order_status").unwrap_or_else(|| "PAID".into());
    const STATUSES: &[&str] = &[
        "UNKNOWN",
        "AWAITPAY",
        "PAID",
        "REFUNDED",
        "CANCELLED",
        "PARTIALLY_FULFILLED",
        "SHIPPED",
    ];
    if !STATUSES.contains(&status.as_str()) {
        return Err(ApiError::field(
            "order_status",
            format!("\"{status}\" is not a valid choice."),
        ));
    }
    let mut w = s.lock();
    let id = w.new_id();
    let mut items = Vec::new();
    for li in body
        .get("line_items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let t = |k: &str| str_field(&li, k).unwrap_or_default();
        items.push(LineItem {
            object_id: w.new_id(),
            title: t("title"),
            sku: t("sku"),
            quantity: li.get("quantity").and_then(Value::as_i64).unwrap_or(1),
            total_price: t("total_price"),
            currency: t("currency"),
            weight: t("weight"),
            weight_unit: str_field(&li, "weight_unit").unwrap_or_else(|| "lb".into()),
        });
    }
    let t = |k: &str| str_field(&body, k).unwrap_or_default();
    let number = str_field(&body, "order_number")
        .unwrap_or_else(|| format!("#{}", 900_000 + w.account(&a).orders.len() + 1));
    let o = Order {
        object_id: id.clone(),
        order_number: number,
        placed_at,
        status,
        to: Addr::from_json(to),
        from: body
            .get("from_address")
            .filter(|v| v.is_object())
            .map(Addr::from_json),
        line_items: items,
        currency: t("currency"),
        subtotal_price: t("subtotal_price"),
        total_tax: t("total_tax"),
        shipping_cost: t("shipping_cost"),
        shipping_method: t("shipping_method"),
        total_price: t("total_price"),
        weight: t("weight"),
        weight_unit: str_field(&body, "weight_unit").unwrap_or_else(|| "lb".into()),
        notes: t("notes"),
        transactions: Vec::new(),
        shop_app: "Shippo",
    };
    w.account(&a).orders.insert(id.clone(), o);
    let o = find(&w, &a, &id).ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(render(&w, &a, o))).into_response())
}

/// `GET /orders/{id}/packingslip/`: `{slip_url, expires, created}`; the slip is a real PDF.
pub async fn packing_slip(
    State(s): State<Shared>,
    Extension(a): Extension<Auth>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let mut w = s.lock();
    w.account(&a);
    let o = find(&w, &a, &id).ok_or_else(ApiError::not_found)?.clone();
    let mut lines = vec![
        format!("PACKING SLIP  Order {}", o.order_number),
        format!("Placed {}", o.placed_at.format("%Y-%m-%d")),
        String::new(),
        "Ship to:".into(),
        o.to.name.clone(),
        o.to.street1.clone(),
    ];
    lines.push(format!(
        "{} {} {} {}",
        o.to.city, o.to.state, o.to.zip, o.to.country
    ));
    lines.push(String::new());
    for l in &o.line_items {
        lines.push(format!(
            "{} x {}  ({})  {} {}",
            l.quantity, l.title, l.sku, l.total_price, l.currency
        ));
    }
    let name = format!("slip-{id}");
    w.documents.insert(name.clone(), lines);
    let now = w.utc();
    Ok(Json(json!({ "slip_url": format!("{}/files/docs/{name}.pdf", w.base_url), "expires": iso(now + chrono::Duration::hours(24)), "created": iso(now) })).into_response())
}

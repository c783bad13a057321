//! Rate computation: price from billable weight (actual or dimensional), distance (ZIP zones in the
//! US, regions abroad) and service level; transit days; the CHEAPEST/FASTEST/BESTVALUE attributes.

use serde_json::{json, Value};

use crate::carriers::{Carrier, Service, CARRIERS};
use crate::parcels::{to_in, to_lb};

/// One computed price for one service level.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The carrier.
    pub carrier: &'static Carrier,
    /// The service level.
    pub service: &'static Service,
    /// Price in cents (USD).
    pub cents: i64,
    /// Transit days.
    pub days: u32,
    /// Zone (1–8 domestic, 9+ international).
    pub zone: u32,
    /// CHEAPEST / FASTEST / BESTVALUE.
    pub attributes: Vec<&'static str>,
}

fn text(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The first three digits of a US ZIP code.
fn zip3(zip: &str) -> Option<i64> {
    let digits: String = zip
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .collect();
    (digits.len() == 3).then(|| digits.parse().ok()).flatten()
}

/// Zone and extra days for a pair of addresses.
fn zone(from: &Value, to: &Value) -> (u32, u32, f64) {
    let (fc, tc) = (text(from, "country"), text(to, "country"));
    if fc == tc {
        let z = match (zip3(&text(from, "zip")), zip3(&text(to, "zip"))) {
            (Some(a), Some(b)) => 1 + ((a - b).unsigned_abs() / 125).min(7) as u32,
            _ => 4,
        };
        let extra = u32::from(z >= 6);
        return (z, extra, 1.0 + 0.12 * f64::from(z - 1));
    }
    match tc.as_str() {
        "CA" | "MX" | "US" => (9, 1, 1.35),
        "GB" | "DE" | "FR" | "NL" | "IE" | "IT" | "ES" | "BE" | "AT" | "CH" | "SE" | "DK" => {
            (10, 2, 1.8)
        }
        "AU" | "NZ" | "JP" | "SG" | "KR" => (11, 3, 2.2),
        _ => (12, 4, 2.0),
    }
}

/// Billable pounds of a parcel: the actual weight or the dimensional weight (L×W×H / 139) if larger.
pub fn billable_lb(p: &Value, dimensional: bool) -> f64 {
    let num = |k: &str| text(p, k).parse::<f64>().unwrap_or(0.0);
    let unit = text(p, "distance_unit");
    let actual = to_lb(num("weight"), &text(p, "mass_unit"));
    let volume =
        to_in(num("length"), &unit) * to_in(num("width"), &unit) * to_in(num("height"), &unit);
    let dim = if dimensional { volume / 139.0 } else { 0.0 };
    actual.max(dim).max(0.1)
}

/// Every price for a shipment. `allowed` limits carriers by account object_id (all when empty).
pub fn quotes(
    seed: u64,
    from: &Value,
    to: &Value,
    parcels: &[Value],
    allowed: &[String],
) -> Vec<Quote> {
    let international = text(from, "country") != text(to, "country");
    let (zone, extra_days, factor) = zone(from, to);
    let from_country = text(from, "country");
    let mut out = Vec::new();
    for c in CARRIERS {
        if !allowed.is_empty() && !allowed.contains(&crate::carriers::account_object_id(seed, c)) {
            continue;
        }
        if !c.origin.contains(&from_country.as_str()) {
            continue;
        }
        for s in c
            .services
            .iter()
            .filter(|s| s.international == international)
        {
            let mut cents = 0i64;
            for p in parcels {
                // USPS prices small parcels by actual weight; the others always use dimensional weight.
                let lb = billable_lb(p, c.token != "usps" || billable_lb(p, true) > 20.0);
                cents += s.base_cents + (s.per_lb_cents as f64 * lb.ceil() * factor).round() as i64;
            }
            let days = if international {
                s.days + extra_days
            } else {
                s.days + if s.days >= 3 { extra_days } else { 0 }
            };
            out.push(Quote {
                carrier: c,
                service: s,
                cents,
                days,
                zone,
                attributes: Vec::new(),
            });
        }
    }
    mark(&mut out);
    out
}

fn mark(q: &mut [Quote]) {
    let pick = |q: &[Quote], key: &dyn Fn(&Quote) -> (i64, i64)| {
        q.iter()
            .enumerate()
            .min_by_key(|(_, x)| key(x))
            .map(|(i, _)| i)
    };
    if let Some(i) = pick(q, &|x| (x.cents, i64::from(x.days))) {
        q[i].attributes.push("CHEAPEST");
    }
    if let Some(i) = pick(q, &|x| (i64::from(x.days), x.cents)) {
        q[i].attributes.push("FASTEST");
    }
    if let Some(i) = pick(q, &|x| (x.cents * (4 + i64::from(x.days)), x.cents)) {
        q[i].attributes.push("BESTVALUE");
    }
}

/// A price in cents as Shippo's decimal string, e.g. "12.34".
pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Units of a currency per US dollar (the currencies the simulator converts to).
pub fn fx(currency: &str) -> Option<f64> {
    Some(match currency {
        "USD" => 1.0,
        "EUR" => 0.92,
        "GBP" => 0.79,
        "CAD" => 1.37,
        "AUD" => 1.52,
        "MXN" => 17.1,
        "JPY" => 151.0,
        "CHF" => 0.88,
        _ => return None,
    })
}

/// The "customs declaration required" messages an international shipment without one gets.
pub fn customs_messages(seed: u64, from: &Value, allowed: &[String]) -> Vec<Value> {
    let from_country = text(from, "country");
    CARRIERS
        .iter()
        .filter(|c| allowed.is_empty() || allowed.contains(&crate::carriers::account_object_id(seed, c)))
        .filter(|c| c.origin.contains(&from_country.as_str()))
        .map(|c| json!({ "source": c.provider, "code": "customs_declaration_required", "text": "A customs declaration is required for international shipments. Add a customs_declaration to the shipment." }))
        .collect()
}

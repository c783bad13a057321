//! Parcels, carrier parcel templates (real box sizes), user parcel templates and the live-rates
//! default parcel template.

use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::ApiError;
use crate::http::{str_field, Query};
use crate::crud::Resource;
use crate::world::{Account, Store, World};

/// (token, carrier, name, length, width, height) in inches.
pub static TEMPLATES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "USPS_FlatRateEnvelope",
        "USPS",
        "Flat Rate Envelope",
        "12.50",
        "9.50",
        "0.75",
    ),
    (
        "USPS_FlatRateLegalEnvelope",
        "USPS",
        "Flat Rate Legal Envelope",
        "15.00",
        "9.50",
        "0.75",
    ),
    (
        "USPS_FlatRatePaddedEnvelope",
        "USPS",
        "Flat Rate Padded Envelope",
        "12.50",
        "9.50",
        "1.00",
    ),
    (
        "USPS_FlatRateCardboardEnvelope",
        "USPS",
        "Flat Rate Cardboard Envelope",
        "12.50",
        "9.50",
        "0.75",
    ),
    (
        "USPS_SmallFlatRateEnvelope",
        "USPS",
        "Small Flat Rate Envelope",
        "10.00",
        "6.00",
        "0.75",
    ),
    (
        "USPS_SmallFlatRateBox",
        "USPS",
        "Small Flat Rate Box",
        "8.69",
        "5.44",
        "1.75",
    ),
    (
        "USPS_MediumFlatRateBox1",
        "USPS",
        "Medium Flat Rate Box 1",
        "11.25",
        "8.75",
        "6.00",
    ),
    (
        "USPS_MediumFlatRateBox2",
        "USPS",
        "Medium Flat Rate Box 2",
        "14.00",
        "12.00",
        "3.50",
    ),
    (
        "USPS_LargeFlatRateBox",
        "USPS",
        "Large Flat Rate Box",
        "12.25",
        "12.25",
        "6.00",
    ),
    (
        "USPS_LargeFlatRateBoardGameBox",
        "USPS",
        "Large Flat Rate Board Game Box",
        "24.06",
        "11.88",
        "3.13",
    ),
    (
        "USPS_SoftPack",
        "USPS",
        "Soft Pack Packaging",
        "0",
        "0",
        "0",
    ),
    (
        "UPS_Express_Envelope",
        "UPS",
        "Express Envelope",
        "12.50",
        "9.50",
        "0.25",
    ),
    ("UPS_Express_Pak", "UPS", "Pak", "16.00", "12.75", "1.00"),
    (
        "UPS_Express_Box_Small",
        "UPS",
        "Small Express Box",
        "13.00",
        "11.00",
        "2.00",
    ),
    (
        "UPS_Express_Box_Medium",
        "UPS",
        "Medium Express Box",
        "16.00",
        "11.00",
        "3.00",
    ),
    (
        "UPS_Express_Box_Large",
        "UPS",
        "Large Express Box",
        "18.00",
        "13.00",
        "3.00",
    ),
    (
        "UPS_Express_Tube",
        "UPS",
        "Express Tube",
        "38.00",
        "6.00",
        "6.00",
    ),
    ("UPS_Box_10kg", "UPS", "10kg Box", "16.50", "13.25", "10.75"),
    ("UPS_Box_25kg", "UPS", "25kg Box", "19.75", "17.75", "13.20"),
    (
        "FedEx_Envelope",
        "FedEx",
        "FedEx® Envelope",
        "12.50",
        "9.50",
        "0.25",
    ),
    (
        "FedEx_Padded_Pak",
        "FedEx",
        "FedEx® Padded Pak",
        "11.75",
        "14.75",
        "2.00",
    ),
    (
        "FedEx_Pak_1",
        "FedEx",
        "FedEx® Large Pak",
        "15.50",
        "12.00",
        "1.50",
    ),
    (
        "FedEx_Box_Small_1",
        "FedEx",
        "FedEx® Small Box (S1)",
        "12.38",
        "10.88",
        "1.50",
    ),
    (
        "FedEx_Box_Medium_1",
        "FedEx",
        "FedEx® Medium Box (M1)",
        "13.25",
        "11.50",
        "2.38",
    ),
    (
        "FedEx_Box_Large_1",
        "FedEx",
        "FedEx® Large Box (L1)",
        "17.50",
        "12.38",
        "3.00",
    ),
    (
        "FedEx_Box_Extra_Large_1",
        "FedEx",
        "FedEx® Extra Large Box (X1)",
        "11.88",
        "11.00",
        "10.75",
    ),
    (
        "FedEx_Tube",
        "FedEx",
        "FedEx® Tube",
        "38.00",
        "6.00",
        "6.00",
    ),
    (
        "FedEx_Box_10kg",
        "FedEx",
        "FedEx® 10kg Box",
        "15.81",
        "12.94",
        "10.19",
    ),
    (
        "FedEx_Box_25kg",
        "FedEx",
        "FedEx® 25kg Box",
        "21.56",
        "16.56",
        "13.19",
    ),
];

/// A carrier template as the API shows it. `is_variable_dimensions` is a JSON boolean on the wire
/// (goshippo/shippo-python-sdk#60 quotes `"is_variable_dimensions":false`), although the 2024 spec
/// types it as a string.
pub fn template_json(t: &(&str, &str, &str, &str, &str, &str)) -> Value {
    json!({ "token": t.0, "carrier": t.1, "name": t.2, "length": t.3, "width": t.4, "height": t.5, "distance_unit": "in", "is_variable_dimensions": t.3 == "0" })
}

pub fn find_template(
    token: &str,
) -> Option<&'static (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    TEMPLATES.iter().find(|t| t.0 == token)
}

/// Pounds in a weight with a unit (g, kg, lb, oz).
pub fn to_lb(weight: f64, unit: &str) -> f64 {
    match unit {
        "g" => weight / 453.592,
        "kg" => weight * 2.204_62,
        "oz" => weight / 16.0,
        _ => weight,
    }
}

/// Inches in a length with a unit (cm, in, ft, m, mm, yd).
pub fn to_in(v: f64, unit: &str) -> f64 {
    match unit {
        "cm" => v / 2.54,
        "mm" => v / 25.4,
        "m" => v * 39.37,
        "ft" => v * 12.0,
        "yd" => v * 36.0,
        _ => v,
    }
}

pub fn num(v: &Value, key: &str) -> Option<f64> {
    str_field(v, key)
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|x| x.is_finite() && *x >= 0.0)
}

fn unit_ok(unit: &str, allowed: &[&str]) -> bool {
    allowed.contains(&unit)
}

/// A parcel object from a create request (dimensions or a carrier template), or a DRF 400.
pub fn build(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
    let mass_unit = str_field(body, "mass_unit").ok_or_else(|| ApiError::required("mass_unit"))?;
    if !unit_ok(&mass_unit, &["g", "kg", "lb", "oz"]) {
        return Err(ApiError::field(
            "mass_unit",
            format!("\"{mass_unit}\" is not a valid choice."),
        ));
    }
    let weight = num(body, "weight").ok_or_else(|| ApiError::required("weight"))?;
    let (length, width, height, unit, template) =
        match str_field(body, "template").filter(|t| !t.is_empty()) {
            Some(token) => {
                let t = find_template(&token).ok_or_else(|| {
                    ApiError::field("template", format!("\"{token}\" is not a valid choice."))
                })?;
                (
                    t.3.to_string(),
                    t.4.to_string(),
                    t.5.to_string(),
                    "in".to_string(),
                    json!(token),
                )
            }
            None => {
                let unit = str_field(body, "distance_unit")
                    .ok_or_else(|| ApiError::required("distance_unit"))?;
                if !unit_ok(&unit, &["cm", "in", "ft", "m", "mm", "yd"]) {
                    return Err(ApiError::field(
                        "distance_unit",
                        format!("\"{unit}\" is not a valid choice."),
                    ));
                }
                let mut dims = Vec::new();
                for k in ["length", "width", "height"] {
                    num(body, k).ok_or_else(|| ApiError::required(k))?;
                    dims.push(str_field(body, k).unwrap_or_default().trim().to_string());
                }
                (
                    dims[0].clone(),
                    dims[1].clone(),
                    dims[2].clone(),
                    unit,
                    Value::Null,
                )
            }
        };
    let id = w.new_id();
    let now = w.now_str();
    let acct = w.account(a);
    Ok(json!({
        "object_id": id,
        "object_owner": acct.owner,
        "object_state": "VALID",
        "object_created": now,
        "object_updated": now,
        "length": length, "width": width, "height": height, "distance_unit": unit,
        "weight": format!("{weight:.4}"), "mass_unit": mass_unit,
        "template": template,
        "metadata": str_field(body, "metadata").unwrap_or_default(),
        "extra": body.get("extra").cloned().unwrap_or_else(|| json!({})),
        "test": acct.test,
    }))
}

/// A parcel given by object_id or inline (created on the fly).
pub fn resolve(w: &mut World, a: &Auth, v: &Value) -> Result<Value, ApiError> {
    match v {
        Value::String(id) => w.account(a).parcels.get(id).cloned().ok_or_else(|| {
            ApiError::field(
                "parcels",
                format!("Parcel with object_id {id} was not found."),
            )
        }),
        Value::Object(_) => {
            let p = build(w, a, v).map_err(|e| ApiError {
                status: StatusCode::BAD_REQUEST,
                body: json!({ "parcels": [e.body] }),
            })?;
            let id = p["object_id"].as_str().unwrap_or_default().to_string();
            w.account(a).parcels.insert(id, p.clone());
            Ok(p)
        }
        _ => Err(ApiError::required("parcels")),
    }
}

/// `/parcels`.
pub struct Parcels;

impl Resource for Parcels {
    const PATH: &'static str = "/parcels";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.parcels
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        crate::http::metadata(body)?;
        build(w, a, body)
    }
}

/// `GET /parcel-templates`: a bare `{results}`.
pub async fn list_carrier_templates(
    RawQuery(q): RawQuery,
    Extension(_a): Extension<Auth>,
) -> Result<Response, ApiError> {
    let q = Query::parse(q.as_deref());
    let carrier = q.get("carrier").map(str::to_lowercase);
    let results: Vec<Value> = TEMPLATES
        .iter()
        .filter(|t| carrier.as_deref().is_none_or(|c| t.1.to_lowercase() == c))
        .map(template_json)
        .collect();
    Ok(Json(json!({ "results": results })).into_response())
}

/// `GET /parcel-templates/{token}`.
pub async fn get_carrier_template(
    Path(token): Path<String>,
    Extension(_a): Extension<Auth>,
) -> Result<Response, ApiError> {
    find_template(&token)
        .map(|t| Json(template_json(t)).into_response())
        .ok_or_else(ApiError::not_found)
}

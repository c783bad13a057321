//! Building the Shippo shipment for a cached order: sender from the settings (a default in demo
//! mode), parcel from the order's weight and the default template, and for international orders a
//! customs declaration built from the line items.

use shippo::{
    AddressCreateRequest, CustomsDeclarationCreateRequest, CustomsDeclarationInput,
    CustomsItemCreateRequest, CustomsItemInput, DistanceUnit, MassUnit, Measure, Money,
    ParcelCreateRequest, ParcelInput, ShipmentCreateRequest, ShipmentExtra,
};

use crate::error::{Result, StationError};
use crate::store::orders::{Address, Order};
use crate::store::settings::{ParcelTemplate, Settings};

/// The sender used in demo mode when the settings name none (the simulator's warehouse).
pub fn demo_sender() -> Address {
    Address {
        name: Some("Shipbench Demo Warehouse".into()),
        company: Some("Shipbench".into()),
        street1: Some("215 Clayton St.".into()),
        city: Some("San Francisco".into()),
        state: Some("CA".into()),
        zip: Some("94117".into()),
        country: "US".into(),
        phone: Some("+1 555 341 9393".into()),
        email: Some("bench@shipbench.example".into()),
        ..Default::default()
    }
}

/// The parcel used when the settings name none: a 10 x 8 x 4 in box.
pub fn default_parcel() -> ParcelTemplate {
    ParcelTemplate {
        name: "Medium box".into(),
        length: "10".into(),
        width: "8".into(),
        height: "4".into(),
        distance_unit: "in".into(),
        weight: None,
        mass_unit: "lb".into(),
    }
}

/// The sender address: the default sender of the settings, else the first, else the order's own
/// ship-from address (the shop's, as Shippo keeps it), else (demo) the demo warehouse.
pub fn sender(settings: &Settings, order_from: Option<&Address>, demo: bool) -> Result<Address> {
    let from = settings
        .sender_addresses
        .iter()
        .find(|s| s.is_default)
        .or_else(|| settings.sender_addresses.first())
        .map(|s| s.address.clone())
        .or_else(|| order_from.filter(|a| a.street1.is_some()).cloned());
    match from {
        Some(a) => Ok(a),
        None if demo => Ok(demo_sender()),
        None => Err(StationError::Workflow(
            "No sender address is set up. Add the address you ship from in Settings > Sender, then buy again."
                .into(),
        )),
    }
}

/// An address as Shippo's create request.
pub fn address_request(a: &Address) -> AddressCreateRequest {
    AddressCreateRequest {
        name: a.name.clone(),
        company: a.company.clone(),
        street1: a.street1.clone(),
        street2: a.street2.clone(),
        street3: a.street3.clone(),
        city: a.city.clone(),
        state: a.state.clone(),
        zip: a.zip.clone(),
        country: a.country.clone(),
        phone: a.phone.clone(),
        email: a.email.clone(),
        ..Default::default()
    }
}

fn to_lb(value: f64, unit: &str) -> Option<f64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "lb" => value,
        "oz" => value / 16.0,
        "kg" => value * 2.204_622_6,
        "g" => value / 453.592_37,
        _ => return None,
    })
}

/// What the bench chose for one order's parcel: the weight from the scale or typed (the whole
/// parcel, box included) and the box. Empty: the order's weight plus the template's box weight.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShipmentSpec {
    /// The parcel's weight as weighed (exact decimal and unit).
    pub weight: Option<scales::Weight>,
    /// The box (a template from the settings or dimensions typed).
    pub parcel: Option<ParcelTemplate>,
}

/// The parcel: the template's box with the order's weight (plus the empty box's weight).
pub fn parcel(order: &Order, template: &ParcelTemplate) -> Result<ParcelCreateRequest> {
    parcel_with(order, template, None).map(|(p, _)| p)
}

/// The parcel and the weight it declares: `weighed` (the whole parcel, as the scale or the
/// operator says) when given, else the order's weight plus the empty box's weight.
pub fn parcel_with(
    order: &Order,
    template: &ParcelTemplate,
    weighed: Option<scales::Weight>,
) -> Result<(ParcelCreateRequest, scales::Weight)> {
    let number = order_label(order);
    let dims = |weight: Measure, mass_unit: MassUnit| ParcelCreateRequest {
        length: Some(Measure::from(template.length.as_str())),
        width: Some(Measure::from(template.width.as_str())),
        height: Some(Measure::from(template.height.as_str())),
        distance_unit: Some(DistanceUnit::from(template.distance_unit.as_str())),
        weight,
        mass_unit,
        ..Default::default()
    };
    if let Some(w) = weighed {
        if !w.is_positive() {
            return Err(StationError::Workflow(format!(
                "Order {number} weighs nothing. Put the parcel on the scale or enter its weight, then buy again."
            )));
        }
        let w = w.to_shipping(w.unit);
        return Ok((dims(Measure::from(w.value.normalize().to_string()), MassUnit::from(w.unit.as_str())), w));
    }
    let (items, unit) = order.total_weight().ok_or_else(|| {
        StationError::Workflow(format!(
            "Order {number} has no weight (neither the order nor all its items carry one). Weigh the parcel and enter the weight, then buy again."
        ))
    })?;
    let items_lb = to_lb(items, &unit).ok_or_else(|| {
        StationError::Workflow(format!("Order {number} has a weight in an unknown unit '{unit}'."))
    })?;
    let box_lb = match &template.weight {
        Some(w) => w
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|v| to_lb(v, &template.mass_unit))
            .unwrap_or(0.0),
        None => 0.0,
    };
    let total = items_lb + box_lb;
    if total <= 0.0 {
        return Err(StationError::Workflow(format!(
            "Order {number} weighs nothing. Enter the parcel's weight, then buy again."
        )));
    }
    let text = format!("{:.3}", total.max(0.01));
    let used = format!("{text}lb").parse::<scales::Weight>().map_err(|e| StationError::Workflow(e.to_string()))?;
    Ok((dims(Measure::from(text), MassUnit::Lb), used))
}

/// "#1001" (or the object id when the order has no number).
pub fn order_label(order: &Order) -> String {
    order
        .order_number
        .clone()
        .map(|n| if n.starts_with('#') { n } else { format!("#{n}") })
        .unwrap_or_else(|| order.object_id.clone())
}

/// True when the parcel leaves the sender's country.
pub fn is_international(from: &Address, to: &Address) -> bool {
    !from.country.trim().eq_ignore_ascii_case(to.country.trim())
}

/// The customs declaration for an international order, from its line items. The error names
/// every missing piece in one sentence.
pub fn customs(order: &Order, from: &Address) -> Result<CustomsDeclarationCreateRequest> {
    let number = order_label(order);
    let mut missing = Vec::new();
    let mut items = Vec::new();
    if order.line_items.is_empty() {
        missing.push("its line items".to_owned());
    }
    for (i, li) in order.line_items.iter().enumerate() {
        let what = li.title.clone().or_else(|| li.sku.clone()).unwrap_or_else(|| format!("item {}", i + 1));
        let value: Option<Money> = li.total_price.as_deref().and_then(|p| p.trim().parse().ok());
        let currency = li.currency.clone().or_else(|| order.currency.clone());
        let weight = li.weight.clone().filter(|w| w.trim().parse::<f64>().is_ok_and(|v| v > 0.0));
        let unit = li.weight_unit.clone();
        let mut gaps = Vec::new();
        if value.is_none() {
            gaps.push("value");
        }
        if currency.is_none() {
            gaps.push("currency");
        }
        if weight.is_none() || unit.is_none() {
            gaps.push("weight");
        }
        if !gaps.is_empty() {
            missing.push(format!("the {} of '{what}'", gaps.join(" and ")));
            continue;
        }
        let (Some(value), Some(currency), Some(weight), Some(unit)) = (value, currency, weight, unit) else {
            continue;
        };
        items.push(CustomsItemInput::New(Box::new(CustomsItemCreateRequest {
            description: what,
            quantity: li.quantity.max(1),
            net_weight: Measure::from(weight),
            mass_unit: MassUnit::from(unit.as_str()),
            value_amount: value,
            value_currency: currency,
            origin_country: li.manufacture_country.clone().unwrap_or_else(|| from.country.clone()),
            sku_code: li.sku.clone(),
            ..Default::default()
        })));
    }
    if !missing.is_empty() {
        return Err(StationError::Workflow(format!(
            "Order {number} goes abroad ({}) and needs a customs declaration, but it lacks {}. Add them to the order in the shop, sync, then buy again.",
            order.to_address.country,
            missing.join(", ")
        )));
    }
    Ok(CustomsDeclarationCreateRequest {
        certify: true,
        certify_signer: from.name.clone().unwrap_or_else(|| "Shipping department".into()),
        contents_type: "MERCHANDISE".into(),
        non_delivery_option: "RETURN".into(),
        items,
        incoterm: Some("DDU".into()),
        ..Default::default()
    })
}

/// The whole shipment request (rates synchronously, `async: false`).
pub fn build(order: &Order, settings: &Settings, demo: bool, to: &Address) -> Result<ShipmentCreateRequest> {
    build_with(order, settings, demo, to, &ShipmentSpec::default()).map(|(r, _)| r)
}

/// The whole shipment request with the bench's weight and parcel, and the weight it declares.
pub fn build_with(
    order: &Order,
    settings: &Settings,
    demo: bool,
    to: &Address,
    spec: &ShipmentSpec,
) -> Result<(ShipmentCreateRequest, scales::Weight)> {
    let from = sender(settings, order.from_address.as_ref(), demo)?;
    let template = spec
        .parcel
        .clone()
        .or_else(|| settings.default_parcel.clone())
        .unwrap_or_else(default_parcel);
    let (parcel, weight) = parcel_with(order, &template, spec.weight)?;
    let mut req = ShipmentCreateRequest::new(
        address_request(&from),
        address_request(to),
        vec![ParcelInput::from(parcel)],
    );
    if is_international(&from, to) {
        req.customs_declaration = Some(CustomsDeclarationInput::New(Box::new(customs(order, &from)?)));
    }
    req.is_async = Some(false);
    req.extra = Some(ShipmentExtra {
        reference_1: order.order_number.clone(),
        ..Default::default()
    });
    req.metadata = Some(format!("order {}", order_label(order)));
    Ok((req, weight))
}

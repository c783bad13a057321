//! The bench's order card and "rates before money": what the operator sees for one order (items,
//! notes, labels, weight, parcel, customs), the order's kept edits, the rates with the rule's pick
//! (nothing bought), and the address check asked before buying.

use serde::{Deserialize, Serialize};

use crate::error::{Result, StationError};
use crate::station::Station;
use crate::store::orders::{Address, Order};
use crate::store::settings::{self, ParcelTemplate, Settings};
use crate::store::{labels, order_edits, transactions};

use super::address::{self, one_line};
use super::context::Ctx;
use super::guard::{find_order, is_live_label};
use super::rules::{service_name, RatePick};
use super::shipment::{self, order_label, ShipmentSpec};
use super::BuyOptions;

/// An address as the card shows it and the operator may edit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardAddress {
    /// Recipient.
    pub name: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Street line 1.
    pub street1: Option<String>,
    /// Street line 2.
    pub street2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State or province.
    pub state: Option<String>,
    /// Postcode.
    pub zip: Option<String>,
    /// ISO country code.
    pub country: String,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

impl From<&Address> for CardAddress {
    fn from(a: &Address) -> CardAddress {
        CardAddress {
            name: a.name.clone(),
            company: a.company.clone(),
            street1: a.street1.clone(),
            street2: a.street2.clone(),
            city: a.city.clone(),
            state: a.state.clone(),
            zip: a.zip.clone(),
            country: a.country.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
        }
    }
}

impl From<&CardAddress> for Address {
    fn from(a: &CardAddress) -> Address {
        Address {
            name: a.name.clone(),
            company: a.company.clone(),
            street1: a.street1.clone(),
            street2: a.street2.clone(),
            street3: None,
            city: a.city.clone(),
            state: a.state.clone(),
            zip: a.zip.clone(),
            country: a.country.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
        }
    }
}

/// One line item on the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardItem {
    /// Title.
    pub title: String,
    /// SKU.
    pub sku: Option<String>,
    /// Quantity.
    pub quantity: u32,
}

/// One label the order already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLabel {
    /// Tracking number (else the transaction id).
    pub tracking_number: String,
    /// Carrier.
    pub carrier: Option<String>,
    /// Shippo's status: SUCCESS, REFUNDED, …
    pub status: String,
    /// Tracking status, when known (TRANSIT, DELIVERED, …).
    pub tracking_status: Option<String>,
    /// True while the label is live (bought, not refunded).
    pub live: bool,
    /// The cached label file's id (for reprint).
    pub label_id: Option<u32>,
}

/// One customs item that will be declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomsLine {
    /// What it is.
    pub description: String,
    /// How many.
    pub quantity: u32,
    /// Value, e.g. "24.00 USD".
    pub value: Option<String>,
    /// Net weight, e.g. "0.5 lb".
    pub weight: Option<String>,
    /// Country of origin.
    pub origin: Option<String>,
}

/// Where the card's weight came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WeightSource {
    /// The operator typed it (or took it from the scale) earlier: kept for the order.
    Edited,
    /// The order's (or its items') weight, plus the empty box.
    Order,
    /// The bench's default weight.
    Default,
}

/// A weight as the card shows it: exact decimal and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardWeight {
    /// e.g. "2.5".
    pub value: String,
    /// g, kg, oz or lb.
    pub unit: String,
    /// Where it came from.
    pub source: WeightSource,
}

/// A parcel (box) as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardParcel {
    /// Template name, or "Custom" for dimensions typed.
    pub name: String,
    /// Length.
    pub length: String,
    /// Width.
    pub width: String,
    /// Height.
    pub height: String,
    /// in or cm.
    pub distance_unit: String,
}

impl From<&ParcelTemplate> for CardParcel {
    fn from(t: &ParcelTemplate) -> CardParcel {
        CardParcel {
            name: t.name.clone(),
            length: t.length.clone(),
            width: t.width.clone(),
            height: t.height.clone(),
            distance_unit: t.distance_unit.clone(),
        }
    }
}

impl CardParcel {
    /// The parcel as a template (no box weight: the scale weighs the packed parcel).
    pub fn template(&self) -> ParcelTemplate {
        ParcelTemplate {
            name: self.name.clone(),
            length: self.length.clone(),
            width: self.width.clone(),
            height: self.height.clone(),
            distance_unit: self.distance_unit.clone(),
            weight: None,
            mass_unit: "lb".into(),
        }
    }
}

/// Everything the bench shows for one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderCard {
    /// Shippo's object id.
    pub order_id: String,
    /// "#1001".
    pub order_number: String,
    /// Shippo's order status (PAID, SHIPPED, …).
    pub status: String,
    /// Recipient's name.
    pub recipient: String,
    /// The destination on one line.
    pub destination: String,
    /// The destination address.
    pub address: CardAddress,
    /// True when the parcel leaves the sender's country (customs are declared).
    pub international: bool,
    /// Line items.
    pub items: Vec<CardItem>,
    /// The order's notes.
    pub notes: Option<String>,
    /// Labels already bought, newest last.
    pub labels: Vec<CardLabel>,
    /// The weight prefilled (none: weigh the parcel).
    pub weight: Option<CardWeight>,
    /// The parcel that will be used.
    pub parcel: CardParcel,
    /// The parcel templates to choose from.
    pub templates: Vec<CardParcel>,
    /// Customs items that will be declared (international orders).
    pub customs: Vec<CustomsLine>,
    /// Why the customs declaration cannot be made yet, in one sentence.
    pub customs_problem: Option<String>,
}

/// The parcel templates the settings offer (the default one, else the built-in box).
pub fn templates(settings: &Settings) -> Vec<ParcelTemplate> {
    vec![settings.default_parcel.clone().unwrap_or_else(shipment::default_parcel)]
}

/// Reads `--parcel`: a template name, or dimensions "10x8x4in" / "30x20x10 cm".
pub fn parse_parcel(s: &str, settings: &Settings) -> Result<ParcelTemplate> {
    if let Some(t) = templates(settings).into_iter().find(|t| t.name.eq_ignore_ascii_case(s.trim())) {
        return Ok(t);
    }
    let bad = || {
        StationError::Workflow(format!(
            "'{s}' is neither a parcel template ({}) nor dimensions like 10x8x4in.",
            templates(settings).iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", ")
        ))
    };
    let t = s.trim().to_ascii_lowercase();
    // The unit is the letters at the end ("in", "cm"); the x's between the numbers are not.
    let split = t.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    if split == t.len() {
        return Err(bad());
    }
    let (dims, unit) = t.split_at(split);
    let unit = match unit.trim() {
        "in" | "inch" | "inches" => "in",
        "cm" => "cm",
        _ => return Err(bad()),
    };
    let parts: Vec<&str> = dims.split('x').map(str::trim).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.parse::<f64>().map_or(true, |v| v <= 0.0)) {
        return Err(bad());
    }
    Ok(ParcelTemplate {
        name: "Custom".into(),
        length: parts[0].into(),
        width: parts[1].into(),
        height: parts[2].into(),
        distance_unit: unit.into(),
        weight: None,
        mass_unit: "lb".into(),
    })
}

/// The bench's default weight, when one is set.
fn default_weight(settings: &Settings) -> Option<scales::Weight> {
    let b = &settings.bench;
    let v = b.default_weight.as_deref()?.trim();
    format!("{v}{}", b.default_weight_unit).parse::<scales::Weight>().ok().filter(|w| w.is_positive())
}

/// The weight and parcel one buy or rating uses: the caller's, else the order's kept edits, else
/// (for the weight) the order's own weight, else the bench's default weight.
pub async fn resolve_spec(cx: &Ctx<'_>, order: &Order, opts: &BuyOptions, settings: &Settings) -> Result<ShipmentSpec> {
    let id = order.object_id.clone();
    let edits = cx.store.read_async(move |c| order_edits::get(c, &id)).await?;
    let mut weight = opts.weight.or(edits.weight);
    if weight.is_none() && order.total_weight().is_none() {
        weight = default_weight(settings);
    }
    Ok(ShipmentSpec { weight, parcel: opts.parcel.clone().or(edits.parcel) })
}

/// The card of one order.
pub async fn card(cx: &Ctx<'_>, order_ref: &str) -> Result<OrderCard> {
    let order = find_order(cx, order_ref).await?;
    let settings = cx.store.read_async(settings::effective).await?;
    let id = order.object_id.clone();
    let (edits, txs, files) = cx
        .store
        .read_async(move |c| Ok((order_edits::get(c, &id)?, transactions::list_for_order(c, &id)?, labels::list_for_order(c, &id)?)))
        .await?;
    let labels = txs
        .iter()
        .map(|t| CardLabel {
            tracking_number: t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone()),
            carrier: t.carrier.clone(),
            status: t.status.clone(),
            tracking_status: t.tracking_status.clone(),
            live: is_live_label(t),
            label_id: files
                .iter()
                .find(|f| f.transaction_id.as_deref() == Some(t.object_id.as_str()))
                .and_then(|f| u32::try_from(f.id).ok()),
        })
        .collect();
    let template = edits.parcel.clone().or_else(|| settings.default_parcel.clone()).unwrap_or_else(shipment::default_parcel);
    let weight = match edits.weight {
        Some(w) => Some((w, WeightSource::Edited)),
        None => match shipment::parcel_with(&order, &template, None) {
            Ok((_, w)) => Some((w, WeightSource::Order)),
            Err(_) => default_weight(&settings).map(|w| (w, WeightSource::Default)),
        },
    }
    .map(|(w, source)| CardWeight { value: w.value.normalize().to_string(), unit: w.unit.as_str().into(), source });
    let from = shipment::sender(&settings, order.from_address.as_ref(), cx.demo).ok();
    let international = from.as_ref().is_some_and(|f| shipment::is_international(f, &order.to_address));
    let (customs, customs_problem) = if international {
        let lines = order
            .line_items
            .iter()
            .map(|li| CustomsLine {
                description: li.title.clone().or_else(|| li.sku.clone()).unwrap_or_default(),
                quantity: u32::try_from(li.quantity.max(1)).unwrap_or(1),
                value: li
                    .total_price
                    .as_ref()
                    .map(|p| format!("{p} {}", li.currency.clone().or_else(|| order.currency.clone()).unwrap_or_default()).trim().to_owned()),
                weight: match (&li.weight, &li.weight_unit) {
                    (Some(w), Some(u)) => Some(format!("{w} {u}")),
                    _ => None,
                },
                origin: li.manufacture_country.clone().or_else(|| from.as_ref().map(|f| f.country.clone())),
            })
            .collect();
        let problem = from.as_ref().and_then(|f| shipment::customs(&order, f).err()).map(|e| e.to_string());
        (lines, problem)
    } else {
        (Vec::new(), None)
    };
    Ok(OrderCard {
        order_id: order.object_id.clone(),
        order_number: order_label(&order),
        status: order.status.as_str().to_owned(),
        recipient: order.to_address.name.clone().unwrap_or_default(),
        destination: one_line(&order.to_address),
        address: CardAddress::from(&order.to_address),
        international,
        items: order
            .line_items
            .iter()
            .map(|li| CardItem {
                title: li.title.clone().or_else(|| li.sku.clone()).unwrap_or_else(|| "Item".into()),
                sku: li.sku.clone(),
                quantity: u32::try_from(li.quantity.max(0)).unwrap_or(0),
            })
            .collect(),
        notes: order.notes.clone().filter(|n| !n.trim().is_empty()),
        labels,
        weight,
        parcel: CardParcel::from(&template),
        templates: templates(&settings).iter().map(CardParcel::from).collect(),
        customs,
        customs_problem,
    })
}

/// One rate on offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RateChoice {
    /// The rate's object id (what `shipbench buy --rate` takes).
    pub id: String,
    /// Carrier, e.g. "USPS".
    pub carrier: String,
    /// Service, e.g. "Priority Mail".
    pub service: String,
    /// Carrier and service, e.g. "USPS Priority Mail".
    pub name: String,
    /// Estimated days in transit.
    pub days: Option<u32>,
    /// Amount, exact decimal, e.g. "7.58".
    pub amount: String,
    /// Currency, e.g. "USD".
    pub currency: String,
    /// Shippo's attributes (CHEAPEST, FASTEST, BESTVALUE).
    pub attributes: Vec<String>,
    /// True for the rule's pick.
    pub picked: bool,
}

/// The rates for one order and the rule's pick; nothing is bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RateList {
    /// "#1001".
    pub order_number: String,
    /// The weight the rates are for, e.g. "2.5 lb".
    pub weight: String,
    /// The parcel, e.g. "Medium box (10 x 8 x 4 in)".
    pub parcel: String,
    /// The rule in force, in words.
    pub rule: String,
    /// The rate the rule picks (its id).
    pub pick: Option<String>,
    /// The rates, cheapest first.
    pub rates: Vec<RateChoice>,
}

/// The rule in words.
pub fn rule_words(p: &RatePick) -> String {
    match p {
        RatePick::Cheapest => "cheapest".into(),
        RatePick::Fastest => "fastest".into(),
        RatePick::CheapestWithin { days } => format!("cheapest within {days} days"),
        RatePick::Preferred { carriers, servicelevels } => {
            format!("preferred {}", carriers.iter().chain(servicelevels).cloned().collect::<Vec<_>>().join(", "))
        }
        RatePick::Fixed { servicelevel, .. } => format!("fixed service {servicelevel}"),
    }
}

/// Rates one order with the bench's weight and parcel (nothing is bought). The rates are stored,
/// so one may be bought by id.
pub async fn rates(cx: &Ctx<'_>, order_ref: &str, opts: &BuyOptions) -> Result<RateList> {
    let order = find_order(cx, order_ref).await?;
    let settings = cx.store.read_async(settings::effective).await?;
    let spec = resolve_spec(cx, &order, opts, &settings).await?;
    let to = opts.address_override.clone().unwrap_or_else(|| order.to_address.clone());
    let (_, weight) = shipment::build_with(&order, &settings, cx.demo, &to, &spec)?;
    let template = spec.parcel.clone().or_else(|| settings.default_parcel.clone()).unwrap_or_else(shipment::default_parcel);
    let list = super::buy::rate_order(cx, &order, &to, &settings, &spec).await?;
    let pick = cx.rate_pick(opts.rule.as_ref(), &settings);
    let picked = pick.pick(&list).and_then(|r| r.object_id.clone());
    let mut rates: Vec<RateChoice> = list
        .iter()
        .filter_map(|r| {
            let id = r.object_id.clone()?;
            Some(RateChoice {
                picked: picked.as_deref() == Some(id.as_str()),
                id,
                carrier: r.provider.clone().unwrap_or_default(),
                service: r.servicelevel.as_ref().and_then(|l| l.name.clone()).unwrap_or_default(),
                name: service_name(r),
                days: r.estimated_days.and_then(|d| u32::try_from(d).ok()),
                amount: r.amount.map(|a| a.0.to_string()).unwrap_or_default(),
                currency: r.currency.clone().unwrap_or_default(),
                attributes: r.attributes.iter().map(|a| a.as_str().to_owned()).collect(),
            })
        })
        .collect();
    rates.sort_by(|a, b| {
        let n = |s: &str| s.parse::<f64>().unwrap_or(f64::MAX);
        n(&a.amount).total_cmp(&n(&b.amount)).then(a.days.cmp(&b.days))
    });
    Ok(RateList {
        order_number: order_label(&order),
        weight: weight.to_string(),
        parcel: format!("{} ({} x {} x {} {})", template.name, template.length, template.width, template.height, template.distance_unit),
        rule: rule_words(&pick),
        pick: picked,
        rates,
    })
}

/// What the address check found, for the operator to decide before buying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AddressReport {
    /// True when Shippo calls the address deliverable.
    pub valid: bool,
    /// Shippo's messages, in plain words.
    pub messages: Vec<String>,
    /// The address checked.
    pub original: CardAddress,
    /// Shippo's correction, when it differs.
    pub suggestion: Option<CardAddress>,
    /// True when the operator must decide (invalid, or a correction is suggested).
    pub needs_decision: bool,
    /// One sentence for the dialog.
    pub sentence: String,
}

/// Checks an order's destination (or the operator's edit of it) before buying.
pub async fn check_address(cx: &Ctx<'_>, order_ref: &str, edited: Option<&Address>) -> Result<AddressReport> {
    let order = find_order(cx, order_ref).await?;
    let to = edited.cloned().unwrap_or_else(|| order.to_address.clone());
    let check = address::check(cx.client, cx.store, &to).await?;
    let label = order_label(&order);
    let sentence = match (&check.valid, &check.suggestion) {
        (false, _) => format!(
            "Shippo says the address of order {label} may not be deliverable: {}",
            if check.messages.is_empty() { "no details given.".to_owned() } else { check.messages.join(" ") }
        ),
        (true, Some(s)) => format!("Shippo suggests a corrected address for order {label}: {}.", one_line(s)),
        (true, None) => format!("The address of order {label} is fine."),
    };
    // Shippo adds the ZIP+4 to nearly every US address: that alone is no question for the operator.
    let minor = check.suggestion.as_ref().is_some_and(|s| only_zip_extended(&to, s));
    Ok(AddressReport {
        valid: check.valid,
        needs_decision: !check.valid || (check.suggestion.is_some() && !minor),
        messages: check.messages,
        original: CardAddress::from(&to),
        suggestion: check.suggestion.as_ref().map(CardAddress::from),
        sentence,
    })
}

/// True when `b` differs from `a` only by a ZIP+4 extension (and letter case).
fn only_zip_extended(a: &Address, b: &Address) -> bool {
    let n = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_uppercase();
    let (za, zb) = (n(&a.zip), n(&b.zip));
    n(&a.street1) == n(&b.street1)
        && n(&a.street2) == n(&b.street2)
        && n(&a.city) == n(&b.city)
        && n(&a.state) == n(&b.state)
        && a.country.trim().eq_ignore_ascii_case(b.country.trim())
        && (za == zb || zb.strip_prefix(&za).is_some_and(|rest| rest.starts_with('-')))
}

/// Keeps the operator's weight and/or parcel for an order (`None` leaves that part as it is).
pub async fn save_edits(cx: &Ctx<'_>, order_ref: &str, weight: Option<scales::Weight>, parcel: Option<ParcelTemplate>) -> Result<()> {
    let order = find_order(cx, order_ref).await?;
    cx.store
        .write_async(move |tx| {
            if weight.is_some() {
                order_edits::set_weight(tx, &order.object_id, weight)?;
            }
            if let Some(p) = &parcel {
                order_edits::set_parcel(tx, &order.object_id, Some(p))?;
            }
            Ok(())
        })
        .await
}

impl Station {
    /// The bench's card of one order (by number or object id). Reads only the cache.
    pub async fn order_card(&self, order: &str) -> Result<OrderCard> {
        card(&self.ctx(), order).await
    }

    /// The rates for one order with the weight and parcel of `opts` (else the kept edits, the
    /// order's weight, the bench default) and the rule's pick. Nothing is bought.
    pub async fn rate_list(&self, order: &str, opts: &BuyOptions) -> Result<RateList> {
        rates(&self.ctx(), order, opts).await
    }

    /// Checks an order's destination (or the operator's edit of it) before buying.
    pub async fn check_address(&self, order: &str, edited: Option<&Address>) -> Result<AddressReport> {
        check_address(&self.ctx(), order, edited).await
    }

    /// Keeps the operator's weight and/or parcel for an order.
    pub async fn save_order_edits(&self, order: &str, weight: Option<scales::Weight>, parcel: Option<ParcelTemplate>) -> Result<()> {
        save_edits(&self.ctx(), order, weight, parcel).await
    }
}

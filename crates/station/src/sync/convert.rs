//! Shippo client models -> the cache's records. Lenient: Shippo sends nulls where the spec
//! promises values, so every missing field has a sensible empty.

use shippo::models::{Address as ApiAddress, Order as ApiOrder, Rate as ApiRate, Transaction as ApiTransaction};

use crate::store::orders::{Address, LineItem, Order, OrderStatus};
use crate::store::shipments::{RateRecord, ShipmentRecord};
use crate::store::time;
use crate::store::transactions::TransactionRecord;

/// Converts an address.
pub fn address(a: &ApiAddress) -> Address {
    Address {
        name: a.name.clone(),
        company: a.company.clone(),
        street1: a.street1.clone(),
        street2: a.street2.clone(),
        street3: a.street3.clone(),
        city: a.city.clone(),
        state: a.state.clone(),
        zip: a.zip.clone(),
        country: a.country.clone().unwrap_or_default().to_ascii_uppercase(),
        phone: a.phone.clone(),
        email: a.email.clone(),
    }
}

fn some_text(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// Converts an order. `None` when it has no object id (nothing to key it by).
pub fn order(o: &ApiOrder) -> Option<Order> {
    let object_id = o.object_id.clone().filter(|id| !id.is_empty())?;
    Some(Order {
        object_id,
        order_number: some_text(o.order_number.clone()),
        status: o
            .order_status
            .as_ref()
            .map(|s| OrderStatus::parse(s.as_str()))
            .unwrap_or(OrderStatus::Unknown),
        placed_at: o.placed_at.map(|t| time::format(t.0)).unwrap_or_else(time::now),
        shop_app: some_text(o.shop_app.clone()),
        weight: o.weight.as_ref().map(|w| w.0.clone()),
        weight_unit: o.weight_unit.as_ref().map(|u| u.as_str().to_owned()),
        total_price: o.total_price.as_ref().map(ToString::to_string),
        subtotal_price: o.subtotal_price.as_ref().map(ToString::to_string),
        total_tax: o.total_tax.as_ref().map(ToString::to_string),
        currency: some_text(o.currency.clone()),
        shipping_cost: o.shipping_cost.as_ref().map(ToString::to_string),
        shipping_cost_currency: some_text(o.shipping_cost_currency.clone()),
        shipping_method: some_text(o.shipping_method.clone()),
        notes: some_text(o.notes.clone()),
        to_address: o.to_address.as_ref().map(address).unwrap_or_default(),
        from_address: o.from_address.as_ref().map(address),
        line_items: o
            .line_items
            .iter()
            .map(|li| LineItem {
                object_id: li.object_id.clone(),
                title: some_text(li.title.clone()),
                sku: some_text(li.sku.clone()),
                variant_title: some_text(li.variant_title.clone()),
                quantity: li.quantity.unwrap_or(1),
                weight: li.weight.as_ref().map(|w| w.0.clone()),
                weight_unit: li.weight_unit.as_ref().map(|u| u.as_str().to_owned()),
                total_price: li.total_price.as_ref().map(ToString::to_string),
                currency: some_text(li.currency.clone()),
                manufacture_country: some_text(li.manufacture_country.clone()),
            })
            .collect(),
        // Every label's id, bare or expanded: those not stored whole from the order (see
        // `embedded_transactions`) are fetched in full after the orders.
        transaction_ids: o
            .transactions
            .iter()
            .filter_map(|t| t.id().map(str::to_owned))
            .collect(),
    })
}

/// The transactions an order carries expanded in full (objects, not bare ids). The real API
/// lists an order's labels in a short form (`object_id`, `object_status`, `tracking_number`,
/// `label_url`: no `status`, no rate); those are fetched by id instead (see
/// `transaction_ids`), so the cache never holds a label whose state it does not know.
pub fn embedded_transactions(o: &ApiOrder) -> Vec<TransactionRecord> {
    let order_id = o.object_id.clone();
    o.transactions
        .iter()
        .filter_map(|t| t.object())
        .filter(|t| is_complete(t))
        .filter_map(|t| transaction(t, order_id.clone()))
        .collect()
}

/// True for a transaction object with what the cache needs: its state and its rate.
fn is_complete(t: &ApiTransaction) -> bool {
    t.status.is_some() && t.rate.is_some()
}

/// Converts a transaction. `None` without an object id.
pub fn transaction(t: &ApiTransaction, order_id: Option<String>) -> Option<TransactionRecord> {
    let object_id = t.object_id.clone().filter(|id| !id.is_empty())?;
    let (rate_id, carrier) = match &t.rate {
        Some(r) => (
            r.id().map(str::to_owned),
            r.object().and_then(|c| c.provider.clone()),
        ),
        None => (None, None),
    };
    Some(TransactionRecord {
        object_id,
        order_id,
        rate_id,
        status: t
            .status
            .as_ref()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "UNKNOWN".to_owned()),
        tracking_number: some_text(t.tracking_number.clone()),
        tracking_status: t.tracking_code().map(|c| c.as_str().to_owned()),
        tracking_url: some_text(t.tracking_url_provider.clone()),
        carrier,
        label_url: some_text(t.label_url.clone()),
        label_file_type: t.label_format_hint().map(|f| f.as_str().to_owned()),
        metadata: some_text(t.metadata.clone()),
        messages: if t.messages.is_empty() {
            None
        } else {
            serde_json::to_string(&t.messages).ok()
        },
        created_at: t.object_created.map(|c| time::format(c.0)).unwrap_or_default(),
    })
}

/// Converts the rate a label was bought at (from `GET /rates/{id}`), with the shipment it hangs
/// off as far as the rate names it (the cache keeps rates under their shipment). `asked_id` is
/// the id the label names, used when Shippo leaves `object_id` out. `None` without a carrier or
/// price: a rate that says neither is no better than none.
pub fn bought_rate(r: &ApiRate, asked_id: &str, order_id: Option<String>) -> Option<(ShipmentRecord, RateRecord)> {
    let object_id = some_text(r.object_id.clone()).unwrap_or_else(|| asked_id.to_owned());
    let provider = some_text(r.provider.clone())?;
    let amount = r.amount.as_ref().map(|a| a.0.to_string())?;
    let created_at = r.object_created.map(|c| time::format(c.0)).unwrap_or_else(time::now);
    // A rate always belongs to a shipment at Shippo; if the answer leaves it out, the rate's own
    // id keys a shipment of its own so the row still has a parent.
    let shipment_id = some_text(r.shipment.clone()).unwrap_or_else(|| format!("rate:{object_id}"));
    let level = r.servicelevel.as_ref();
    let shipment = ShipmentRecord {
        object_id: shipment_id.clone(),
        order_id,
        status: "SUCCESS".to_owned(),
        address_from: None,
        address_to: None,
        parcels: None,
        created_at: created_at.clone(),
    };
    let rate = RateRecord {
        object_id,
        shipment_id,
        provider,
        servicelevel_token: level.and_then(|l| l.token.clone()).unwrap_or_default(),
        servicelevel_name: level.and_then(|l| some_text(l.name.clone()).or_else(|| some_text(l.display_name.clone()))),
        amount,
        currency: some_text(r.currency.clone()).unwrap_or_else(|| "USD".to_owned()),
        estimated_days: r.estimated_days,
        attributes: r.attributes.iter().map(|a| a.as_str().to_owned()).collect(),
        carrier_account: some_text(r.carrier_account.clone()),
        created_at,
    };
    Some((shipment, rate))
}

//! The orders list: searches the local cache (works offline).

use serde::{Deserialize, Serialize};
use station::store::search::{self, LabelFilter, OrderQuery, OrderSummary};
use tauri::State;

use super::clamp;
use crate::state::AppState;
use crate::CommandError;

/// What the orders list asks for.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
pub struct OrderSearch {
    /// Free text: order number, name, email, city, postcode, SKU, item, tracking number
    /// (every word matches as a prefix, for type-ahead and scanners).
    pub text: String,
    /// Only orders still to ship (no label, not shipped or cancelled).
    pub awaiting_only: bool,
}

/// One row of the orders list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrderRow {
    /// Shippo's object id.
    pub id: String,
    /// The shop's order number (what a scanner reads).
    pub order_number: String,
    /// The recipient's name.
    pub recipient: String,
    /// City and country, e.g. "Portland, US".
    pub destination: String,
    /// Shippo's order status, e.g. PAID or SHIPPED.
    pub status: String,
    /// When the order was placed (ISO-8601).
    pub placed_at: String,
    /// The newest label's tracking number, when the order has a label.
    pub tracking_number: Option<String>,
    /// True when a label was bought.
    pub has_label: bool,
}

impl From<OrderSummary> for OrderRow {
    fn from(o: OrderSummary) -> OrderRow {
        let destination = [o.city, o.country].into_iter().flatten().collect::<Vec<_>>().join(", ");
        OrderRow {
            order_number: o.order_number.unwrap_or_else(|| o.object_id.clone()),
            id: o.object_id,
            recipient: o.name.unwrap_or_default(),
            destination,
            status: o.status.as_str().to_owned(),
            placed_at: o.placed_at,
            tracking_number: o.tracking_number,
            has_label: o.has_label,
        }
    }
}

/// A page of the orders list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrderList {
    /// How many orders match (counted up to 1000).
    pub total: u32,
    /// False when there are at least `total`.
    pub total_is_exact: bool,
    /// The newest matches.
    pub orders: Vec<OrderRow>,
}

/// The cached orders matching `search`, newest first. Reads only the local cache: works offline.
#[tauri::command]
#[specta::specta]
pub async fn list_orders(state: State<'_, AppState>, search: OrderSearch) -> Result<OrderList, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let text = search.text.trim();
    let query = OrderQuery {
        text: (!text.is_empty()).then(|| text.to_owned()),
        label: search.awaiting_only.then_some(LabelFilter::AwaitingShipment),
        limit: Some(200),
        ..OrderQuery::default()
    };
    let page = session.store().read_async(move |c| search::search(c, &query)).await?;
    Ok(OrderList {
        total: clamp(page.total),
        total_is_exact: page.total_is_exact,
        orders: page.orders.into_iter().map(OrderRow::from).collect(),
    })
}


//! The orders list: searches the local cache (works offline).

use serde::{Deserialize, Serialize};
use station::store::search::{self, LabelFilter, OrderQuery, OrderSort, OrderSummary};
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


/// Which orders the orders view lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Every cached order.
    #[default]
    All,
    /// Still to ship: no label, not shipped or cancelled.
    Awaiting,
    /// Shipped (by this bench or elsewhere).
    Shipped,
}

/// How the orders view sorts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderSortBy {
    /// Newest placed first.
    #[default]
    Newest,
    /// Oldest placed first.
    Oldest,
    /// By order number.
    OrderNumber,
    /// By recipient name.
    Name,
}

/// One page of the orders view's search: text, filters, sort and the rows wanted.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
pub struct OrdersQuery {
    /// Free text (every word matches as a prefix).
    pub text: String,
    /// Which orders.
    pub state: OrderState,
    /// Ship-to country (ISO-2), empty for any.
    pub country: String,
    /// Placed on or after this day (YYYY-MM-DD), empty for any.
    pub from_day: String,
    /// Placed on or before this day (YYYY-MM-DD), empty for any.
    pub to_day: String,
    /// Sort order.
    pub sort: OrderSortBy,
    /// Rows to skip.
    pub offset: u32,
    /// Rows wanted (at most 500).
    pub limit: u32,
}

/// A page of the orders view.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrdersPage {
    /// How many orders match: exact, or counted up to a thousand past this page.
    pub total: u32,
    /// False when there are at least `total`.
    pub total_is_exact: bool,
    /// The first row's position in the whole list.
    pub offset: u32,
    /// The rows.
    pub orders: Vec<OrderRow>,
}

/// The day after `day` (YYYY-MM-DD), so "to" includes the whole day.
fn day_after(day: &str) -> Result<String, CommandError> {
    let d = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
        CommandError::from(station::StationError::InvalidOrder(format!("“{day}” is not a date (YYYY-MM-DD).")))
    })?;
    Ok(format!("{}T00:00:00Z", d.succ_opt().unwrap_or(d)))
}

/// The station's query for the view's search.
fn to_query(query: &OrdersQuery) -> Result<OrderQuery, CommandError> {
    let nonempty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(OrderQuery {
        text: nonempty(&query.text),
        statuses: match query.state {
            OrderState::Shipped => vec![station::store::orders::OrderStatus::Shipped],
            _ => Vec::new(),
        },
        label: (query.state == OrderState::Awaiting).then_some(LabelFilter::AwaitingShipment),
        country: nonempty(&query.country),
        placed_from: nonempty(&query.from_day).map(|d| format!("{d}T00:00:00Z")),
        placed_to: match nonempty(&query.to_day) {
            Some(d) => Some(day_after(&d)?),
            None => None,
        },
        sort: match query.sort {
            OrderSortBy::Newest => OrderSort::Newest,
            OrderSortBy::Oldest => OrderSort::Oldest,
            OrderSortBy::OrderNumber => OrderSort::OrderNumber,
            OrderSortBy::Name => OrderSort::Name,
        },
        limit: Some(query.limit.max(1)),
        offset: query.offset,
    })
}

/// One page of the cached orders for the orders view: filters, sort and paging by offset.
/// Reads only the local cache: works offline.
#[tauri::command]
#[specta::specta]
pub async fn search_orders(state: State<'_, AppState>, query: OrdersQuery) -> Result<OrdersPage, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let q = to_query(&query)?;
    let page = session.store().read_async(move |c| search::search(c, &q)).await?;
    Ok(OrdersPage {
        total: clamp(page.total),
        total_is_exact: page.total_is_exact,
        offset: query.offset,
        orders: page.orders.into_iter().map(OrderRow::from).collect(),
    })
}

/// Every cached order matching the view's search, counted in full (the page's count stops a
/// thousand past the page; the list asks for this after the first page to size its scroll bar).
#[tauri::command]
#[specta::specta]
pub async fn count_orders(state: State<'_, AppState>, query: OrdersQuery) -> Result<u32, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let q = to_query(&query)?;
    Ok(clamp(session.store().read_async(move |c| search::count(c, &q)).await?))
}

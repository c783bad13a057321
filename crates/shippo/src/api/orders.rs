//! `/orders` (beta) and packing slips.

use futures::Stream;
use reqwest::Method;
use serde::Serialize;

use crate::client::{seg, Client};
use crate::models::{Order, OrderCreateRequest, OrderStatus, PackingSlip};
use crate::page::{ListShape, Page};
use crate::Error;

/// Filters of `GET /orders`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OrderListParams {
    /// Page number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (max 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
    /// Placed on or after (ISO-8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Placed on or before (ISO-8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Only orders from this shop app (`Shopify`, `Shippo`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_app: Option<String>,
    /// Only orders in these statuses (sent as repeated `order_status[]`; empty: any status).
    #[serde(skip)]
    pub order_status: Vec<OrderStatus>,
}

impl OrderListParams {
    /// The list call with every filter, `order_status[]` repeated once per status.
    fn call(&self, client: &Client) -> Result<crate::client::Call, Error> {
        let mut call = client.get_list("/orders", self)?;
        if !self.order_status.is_empty() {
            let mut pairs = call.url.query_pairs_mut();
            for s in &self.order_status {
                pairs.append_pair("order_status[]", s.as_str());
            }
        }
        Ok(call)
    }
}

/// Handler for `/orders`, from [`Client::orders`].
#[derive(Debug, Clone, Copy)]
pub struct Orders<'c> {
    pub(crate) client: &'c Client,
}

impl Orders<'_> {
    /// `POST /orders` (CreateOrder).
    pub async fn create(&self, request: &OrderCreateRequest) -> Result<Order, Error> {
        self.client
            .json(self.client.write(Method::POST, "/orders", Some(request))?)
            .await
    }

    /// `GET /orders/{id}` (GetOrder).
    pub async fn get(&self, id: &str) -> Result<Order, Error> {
        self.client
            .json(self.client.get_one(&format!("/orders/{}", seg(id)))?)
            .await
    }

    /// `GET /orders` (ListOrders): one page.
    pub async fn list(&self, params: &OrderListParams) -> Result<Page<Order>, Error> {
        self.client.page(params.call(self.client)?).await
    }

    /// Every order, following `next` links.
    pub fn stream(
        &self,
        params: &OrderListParams,
    ) -> Result<impl Stream<Item = Result<Order, Error>> + Send + 'static, Error> {
        Ok(self
            .client
            .stream(params.call(self.client)?, ListShape::Paged))
    }

    /// `GET /orders/{id}/packingslip/`: a short-lived URL of the packing slip PDF. Not in the
    /// published spec, but served by the real API.
    pub async fn packing_slip(&self, id: &str) -> Result<PackingSlip, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/orders/{}/packingslip/", seg(id)))?,
            )
            .await
    }
}

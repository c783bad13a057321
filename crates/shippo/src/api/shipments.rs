//! `/shipments` and the rates under them: this is how rating is done.

use futures::Stream;
use reqwest::Method;
use serde::Serialize;

use crate::client::{seg, Client};
use crate::models::{ListParams, Rate, Shipment, ShipmentCreateRequest};
use crate::page::{ListShape, Page};
use crate::poll::{poll_until, PollOptions};
use crate::Error;

/// Filters of `GET /shipments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShipmentListParams {
    /// Page number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (max 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
    /// Created after (ISO-8601 UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created_gt: Option<String>,
    /// Created at or after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created_gte: Option<String>,
    /// Created before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created_lt: Option<String>,
    /// Created at or before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created_lte: Option<String>,
}

/// Handler for `/shipments`, from [`Client::shipments`].
#[derive(Debug, Clone, Copy)]
pub struct Shipments<'c> {
    pub(crate) client: &'c Client,
}

impl Shipments<'_> {
    /// `POST /shipments` (CreateShipment). The answer carries `status` and `rates[]`; send
    /// `is_async: Some(false)` to get the rates inline.
    pub async fn create(&self, request: &ShipmentCreateRequest) -> Result<Shipment, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/shipments", Some(request))?,
            )
            .await
    }

    /// `GET /shipments/{id}` (GetShipment).
    pub async fn get(&self, id: &str) -> Result<Shipment, Error> {
        self.client
            .json(self.client.get_one(&format!("/shipments/{}", seg(id)))?)
            .await
    }

    /// `GET /shipments` (ListShipments): one page.
    pub async fn list(&self, params: &ShipmentListParams) -> Result<Page<Shipment>, Error> {
        self.client
            .page(self.client.get_list("/shipments", params)?)
            .await
    }

    /// Every shipment, following `next` links.
    pub fn stream(
        &self,
        params: &ShipmentListParams,
    ) -> Result<impl Stream<Item = Result<Shipment, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/shipments", params)?,
            ListShape::Paged,
        ))
    }

    /// `GET /shipments/{id}/rates` (ListShipmentRates): one page.
    pub async fn rates(&self, id: &str, params: &ListParams) -> Result<Page<Rate>, Error> {
        self.client
            .page(
                self.client
                    .get_list(&format!("/shipments/{}/rates", seg(id)), params)?,
            )
            .await
    }

    /// `GET /shipments/{id}/rates/{currency}` (ListShipmentRatesByCurrencyCode): one page, with
    /// `amount_local` in that currency.
    pub async fn rates_in_currency(
        &self,
        id: &str,
        currency: &str,
        params: &ListParams,
    ) -> Result<Page<Rate>, Error> {
        let path = format!("/shipments/{}/rates/{}", seg(id), seg(currency));
        self.client.page(self.client.get_list(&path, params)?).await
    }

    /// Reads the shipment until rating is done (`status` leaves QUEUED/WAITING) or the deadline
    /// passes, calling `progress` after each read.
    pub async fn wait_for_rates(
        &self,
        id: &str,
        options: PollOptions,
        progress: impl FnMut(&Shipment),
    ) -> Result<Shipment, Error> {
        poll_until(
            "shipment",
            id,
            options,
            || self.get(id),
            Shipment::is_pending,
            |s| {
                s.status
                    .as_ref()
                    .map_or("without status".to_owned(), |st| st.to_string())
            },
            progress,
        )
        .await
    }
}

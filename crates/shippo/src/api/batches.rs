//! `/batches`: many labels in one asynchronous purchase. There is no "list batches" endpoint.

use reqwest::Method;
use serde::Serialize;

use crate::client::{seg, Client};
use crate::models::{
    Batch, BatchCreateRequest, BatchObjectResultsFilter, BatchShipmentCreateRequest,
};
use crate::pacer::RateClass;
use crate::poll::{poll_until, PollOptions};
use crate::Error;

/// Query of `GET /batches/{id}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchGetParams {
    /// Page of `batch_shipments`.
    pub page: Option<u32>,
    /// Page size of `batch_shipments`.
    pub results: Option<u32>,
    /// Only shipments with this outcome.
    pub object_results: Option<BatchObjectResultsFilter>,
}

#[derive(Serialize)]
struct BatchGetQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object_results: Option<&'static str>,
}

/// Handler for `/batches`, from [`Client::batches`].
#[derive(Debug, Clone, Copy)]
pub struct Batches<'c> {
    pub(crate) client: &'c Client,
}

impl Batches<'_> {
    fn batch_write<B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: Option<&B>,
    ) -> Result<crate::client::Call, Error> {
        let mut call = self.client.write(Method::POST, path, body)?;
        call.class = RateClass::BatchWrite;
        Ok(call)
    }

    /// `POST /batches` (CreateBatch). Answers 201 with status VALIDATING. Not retried.
    pub async fn create(&self, request: &BatchCreateRequest) -> Result<Batch, Error> {
        self.client
            .json(self.batch_write("/batches", Some(request))?)
            .await
    }

    /// `GET /batches/{id}` (GetBatch).
    pub async fn get(&self, id: &str, params: &BatchGetParams) -> Result<Batch, Error> {
        let query = BatchGetQuery {
            page: params.page,
            results: params.results,
            object_results: params.object_results.map(BatchObjectResultsFilter::as_str),
        };
        let mut call = self
            .client
            .get_list(&format!("/batches/{}", seg(id)), &query)?;
        call.class = RateClass::BatchGet;
        self.client.json(call).await
    }

    /// `POST /batches/{id}/add_shipments` (AddShipmentsToBatch). Only before purchase.
    pub async fn add_shipments(
        &self,
        id: &str,
        shipments: &[BatchShipmentCreateRequest],
    ) -> Result<Batch, Error> {
        self.client
            .json(self.batch_write(
                &format!("/batches/{}/add_shipments", seg(id)),
                Some(shipments),
            )?)
            .await
    }

    /// `POST /batches/{id}/remove_shipments` (RemoveShipmentsFromBatch): batch-shipment ids.
    pub async fn remove_shipments(
        &self,
        id: &str,
        batch_shipment_ids: &[String],
    ) -> Result<Batch, Error> {
        self.client
            .json(self.batch_write(
                &format!("/batches/{}/remove_shipments", seg(id)),
                Some(batch_shipment_ids),
            )?)
            .await
    }

    /// `POST /batches/{id}/purchase` (PurchaseBatch): answers 202, then PURCHASING → PURCHASED.
    /// Sent exactly once, never retried.
    pub async fn purchase(&self, id: &str) -> Result<Batch, Error> {
        self.client
            .json(self.batch_write::<()>(&format!("/batches/{}/purchase", seg(id)), None)?)
            .await
    }

    /// Reads the batch until it leaves VALIDATING/PURCHASING or the deadline passes.
    pub async fn wait(
        &self,
        id: &str,
        options: PollOptions,
        progress: impl FnMut(&Batch),
    ) -> Result<Batch, Error> {
        let params = BatchGetParams::default();
        poll_until(
            "batch",
            id,
            options,
            || self.get(id, &params),
            Batch::is_pending,
            |b| {
                b.status
                    .as_ref()
                    .map_or("without status".to_owned(), |s| s.to_string())
            },
            progress,
        )
        .await
    }
}

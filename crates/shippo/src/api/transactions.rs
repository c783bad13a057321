//! `/transactions`: buying labels, including Instalabel. Purchases are never retried by this
//! client: a repeat could buy twice. The station's purchase journal decides what to do instead.

use futures::Stream;
use reqwest::Method;
use serde::Serialize;

use crate::client::{seg, Client};
use crate::models::{
    InstantTransactionCreateRequest, Transaction, TransactionCreateRequest, TransactionStatus,
};
use crate::page::{ListShape, Page};
use crate::poll::{poll_until, PollOptions};
use crate::Error;

/// Filters of `GET /transactions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TransactionListParams {
    /// Only labels bought from this rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Only labels with this status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_status: Option<TransactionStatus>,
    /// Only labels with this tracking status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_status: Option<String>,
    /// Page number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Page size (max 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
}

/// Handler for `/transactions`, from [`Client::transactions`].
#[derive(Debug, Clone, Copy)]
pub struct Transactions<'c> {
    pub(crate) client: &'c Client,
}

impl Transactions<'_> {
    /// `POST /transactions` (CreateTransaction) for a rate. Sent exactly once, never retried.
    /// A failed purchase usually still answers 201 with `status: ERROR`: see
    /// [`Transaction::ensure_success`]. Same as [`Transactions::purchase`].
    pub async fn create(&self, request: &TransactionCreateRequest) -> Result<Transaction, Error> {
        self.purchase(request).await
    }

    /// `POST /transactions` (CreateTransaction) as Instalabel: shipment and label in one call.
    /// Sent exactly once, never retried. Same as [`Transactions::purchase_instalabel`].
    pub async fn create_instant(
        &self,
        request: &InstantTransactionCreateRequest,
    ) -> Result<Transaction, Error> {
        self.purchase_instalabel(request).await
    }

    /// Buys a label for a rate: `POST /transactions`, sent exactly once and never retried,
    /// whatever the client's retry settings (a repeat could buy twice). On failure,
    /// [`Error::may_have_committed`] says whether the label may have been bought anyway (the
    /// answer was lost) or surely was not (the request never reached Shippo, or was refused).
    pub async fn purchase(&self, request: &TransactionCreateRequest) -> Result<Transaction, Error> {
        self.post_once(request).await
    }

    /// Buys a label as Instalabel (shipment and label in one call), exactly like
    /// [`Transactions::purchase`]: one POST, never retried.
    pub async fn purchase_instalabel(
        &self,
        request: &InstantTransactionCreateRequest,
    ) -> Result<Transaction, Error> {
        self.post_once(request).await
    }

    async fn post_once<B: Serialize>(&self, body: &B) -> Result<Transaction, Error> {
        let mut call = self
            .client
            .write(Method::POST, "/transactions", Some(body))?;
        // Never repeated: the client only retries idempotent calls.
        call.idempotent = false;
        self.client.json(call).await
    }

    /// `GET /transactions/{id}` (GetTransaction).
    pub async fn get(&self, id: &str) -> Result<Transaction, Error> {
        self.client
            .json(self.client.get_one(&format!("/transactions/{}", seg(id)))?)
            .await
    }

    /// `GET /transactions` (ListTransactions): one page.
    pub async fn list(&self, params: &TransactionListParams) -> Result<Page<Transaction>, Error> {
        self.client
            .page(self.client.get_list("/transactions", params)?)
            .await
    }

    /// Every transaction, following `next` links.
    pub fn stream(
        &self,
        params: &TransactionListParams,
    ) -> Result<impl Stream<Item = Result<Transaction, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/transactions", params)?,
            ListShape::Paged,
        ))
    }

    /// Reads the transaction until it leaves QUEUED/WAITING or the deadline passes.
    pub async fn wait(
        &self,
        id: &str,
        options: PollOptions,
        progress: impl FnMut(&Transaction),
    ) -> Result<Transaction, Error> {
        poll_until(
            "label purchase",
            id,
            options,
            || self.get(id),
            Transaction::is_pending,
            |t| {
                t.status
                    .as_ref()
                    .map_or("without status".to_owned(), |s| s.to_string())
            },
            progress,
        )
        .await
    }
}

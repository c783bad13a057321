//! `/refunds`: the only way to undo a label purchase.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{Refund, RefundCreateRequest};
use crate::page::{ListShape, Page};
use crate::poll::{poll_until, PollOptions};
use crate::Error;

/// Handler for `/refunds`, from [`Client::refunds`].
#[derive(Debug, Clone, Copy)]
pub struct Refunds<'c> {
    pub(crate) client: &'c Client,
}

impl Refunds<'_> {
    /// `POST /refunds` (CreateRefund). Not retried.
    pub async fn create(&self, request: &RefundCreateRequest) -> Result<Refund, Error> {
        self.client
            .json(self.client.write(Method::POST, "/refunds", Some(request))?)
            .await
    }

    /// `GET /refunds/{id}` (GetRefund).
    pub async fn get(&self, id: &str) -> Result<Refund, Error> {
        self.client
            .json(self.client.get_one(&format!("/refunds/{}", seg(id)))?)
            .await
    }

    /// `GET /refunds/` (ListRefunds; the trailing slash is required): one page.
    pub async fn list(&self) -> Result<Page<Refund>, Error> {
        self.client
            .page(
                self.client
                    .get_list("/refunds/", &crate::models::ListParams::default())?,
            )
            .await
    }

    /// Every refund, following `next` links.
    pub fn stream(
        &self,
    ) -> Result<impl Stream<Item = Result<Refund, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client
                .get_list("/refunds/", &crate::models::ListParams::default())?,
            ListShape::Paged,
        ))
    }

    /// Reads the refund until it leaves QUEUED/PENDING or the deadline passes. A refund that
    /// ends in ERROR is returned as is; check its `status`.
    pub async fn wait(
        &self,
        id: &str,
        options: PollOptions,
        progress: impl FnMut(&Refund),
    ) -> Result<Refund, Error> {
        poll_until(
            "refund",
            id,
            options,
            || self.get(id),
            Refund::is_pending,
            |r| {
                r.status
                    .as_ref()
                    .map_or("without status".to_owned(), |s| s.to_string())
            },
            progress,
        )
        .await
    }
}

//! `/webhooks`. These five operations take no `SHIPPO-API-VERSION` header.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Call, Client};
use crate::models::{ListParams, Webhook, WebhookRequest};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/webhooks`, from [`Client::webhooks`].
#[derive(Debug, Clone, Copy)]
pub struct Webhooks<'c> {
    pub(crate) client: &'c Client,
}

fn unversioned(mut call: Call) -> Call {
    call.versioned = false;
    call
}

impl Webhooks<'_> {
    /// `POST /webhooks` (createWebhook).
    pub async fn create(&self, request: &WebhookRequest) -> Result<Webhook, Error> {
        self.client
            .json(unversioned(self.client.write(
                Method::POST,
                "/webhooks",
                Some(request),
            )?))
            .await
    }

    /// `GET /webhooks` (listWebhooks): one page.
    pub async fn list(&self) -> Result<Page<Webhook>, Error> {
        self.client
            .page(unversioned(
                self.client.get_list("/webhooks", &ListParams::default())?,
            ))
            .await
    }

    /// Every webhook, following `next` links.
    pub fn stream(
        &self,
    ) -> Result<impl Stream<Item = Result<Webhook, Error>> + Send + 'static, Error> {
        let call = unversioned(self.client.get_list("/webhooks", &ListParams::default())?);
        Ok(self.client.stream(call, ListShape::Paged))
    }

    /// `GET /webhooks/{id}` (getWebhook).
    pub async fn get(&self, id: &str) -> Result<Webhook, Error> {
        self.client
            .json(unversioned(
                self.client.get_one(&format!("/webhooks/{}", seg(id)))?,
            ))
            .await
    }

    /// `PUT /webhooks/{id}` (updateWebhook).
    pub async fn update(&self, id: &str, request: &WebhookRequest) -> Result<Webhook, Error> {
        let call = self.client.write(
            Method::PUT,
            &format!("/webhooks/{}", seg(id)),
            Some(request),
        )?;
        self.client.json(unversioned(call)).await
    }

    /// `DELETE /webhooks/{id}` (deleteWebhook): answers 204.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        let call =
            self.client
                .write::<()>(Method::DELETE, &format!("/webhooks/{}", seg(id)), None)?;
        self.client.empty(unversioned(call)).await
    }
}

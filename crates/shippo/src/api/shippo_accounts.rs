//! `/shippo-accounts`: managed accounts of a platform. There is no DELETE.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{ListParams, ShippoAccount, ShippoAccountRequest};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/shippo-accounts`, from [`Client::shippo_accounts`].
#[derive(Debug, Clone, Copy)]
pub struct ShippoAccounts<'c> {
    pub(crate) client: &'c Client,
}

impl ShippoAccounts<'_> {
    /// `GET /shippo-accounts` (ListShippoAccounts): one page (`next: ""` is the end).
    pub async fn list(&self, params: &ListParams) -> Result<Page<ShippoAccount>, Error> {
        self.client
            .page(self.client.get_list("/shippo-accounts", params)?)
            .await
    }

    /// Every account, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<ShippoAccount, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/shippo-accounts", params)?,
            ListShape::Paged,
        ))
    }

    /// `POST /shippo-accounts` (CreateShippoAccount). A test token gets 403.
    pub async fn create(&self, request: &ShippoAccountRequest) -> Result<ShippoAccount, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/shippo-accounts", Some(request))?,
            )
            .await
    }

    /// `GET /shippo-accounts/{id}` (GetShippoAccount).
    pub async fn get(&self, id: &str) -> Result<ShippoAccount, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/shippo-accounts/{}", seg(id)))?,
            )
            .await
    }

    /// `PUT /shippo-accounts/{id}` (UpdateShippoAccount).
    pub async fn update(
        &self,
        id: &str,
        request: &ShippoAccountRequest,
    ) -> Result<ShippoAccount, Error> {
        self.client
            .json(self.client.write(
                Method::PUT,
                &format!("/shippo-accounts/{}", seg(id)),
                Some(request),
            )?)
            .await
    }
}

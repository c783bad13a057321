//! `/addresses`: create, read, list and validate addresses.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{Address, AddressCreateRequest, ListParams};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/addresses`, from [`Client::addresses`].
#[derive(Debug, Clone, Copy)]
pub struct Addresses<'c> {
    pub(crate) client: &'c Client,
}

impl Addresses<'_> {
    /// `POST /addresses` (CreateAddress). Set `validate: Some(true)` to validate as it is created.
    pub async fn create(&self, request: &AddressCreateRequest) -> Result<Address, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/addresses", Some(request))?,
            )
            .await
    }

    /// `GET /addresses/{id}` (GetAddress).
    pub async fn get(&self, id: &str) -> Result<Address, Error> {
        self.client
            .json(self.client.get_one(&format!("/addresses/{}", seg(id)))?)
            .await
    }

    /// `GET /addresses/{id}/validate` (ValidateAddress). Shippo returns a *new* address object.
    pub async fn validate(&self, id: &str) -> Result<Address, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/addresses/{}/validate", seg(id)))?,
            )
            .await
    }

    /// `GET /addresses` (ListAddresses): one page.
    pub async fn list(&self, params: &ListParams) -> Result<Page<Address>, Error> {
        self.client
            .page(self.client.get_list("/addresses", params)?)
            .await
    }

    /// Every address, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<Address, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/addresses", params)?,
            ListShape::Paged,
        ))
    }
}

//! `/parcels`.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{ListParams, Parcel, ParcelCreateRequest};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/parcels`, from [`Client::parcels`].
#[derive(Debug, Clone, Copy)]
pub struct Parcels<'c> {
    pub(crate) client: &'c Client,
}

impl Parcels<'_> {
    /// `POST /parcels` (CreateParcel).
    pub async fn create(&self, request: &ParcelCreateRequest) -> Result<Parcel, Error> {
        self.client
            .json(self.client.write(Method::POST, "/parcels", Some(request))?)
            .await
    }

    /// `GET /parcels/{id}` (GetParcel).
    pub async fn get(&self, id: &str) -> Result<Parcel, Error> {
        self.client
            .json(self.client.get_one(&format!("/parcels/{}", seg(id)))?)
            .await
    }

    /// `GET /parcels` (ListParcels): one page.
    pub async fn list(&self, params: &ListParams) -> Result<Page<Parcel>, Error> {
        self.client
            .page(self.client.get_list("/parcels", params)?)
            .await
    }

    /// Every parcel, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<Parcel, Error>> + Send + 'static, Error> {
        Ok(self
            .client
            .stream(self.client.get_list("/parcels", params)?, ListShape::Paged))
    }
}

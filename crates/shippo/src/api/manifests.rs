//! `/manifests` (SCAN forms).

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{ListParams, Manifest, ManifestCreateRequest};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/manifests`, from [`Client::manifests`].
#[derive(Debug, Clone, Copy)]
pub struct Manifests<'c> {
    pub(crate) client: &'c Client,
}

impl Manifests<'_> {
    /// `POST /manifests` (CreateManifest).
    pub async fn create(&self, request: &ManifestCreateRequest) -> Result<Manifest, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/manifests", Some(request))?,
            )
            .await
    }

    /// `GET /manifests/{id}` (GetManifest).
    pub async fn get(&self, id: &str) -> Result<Manifest, Error> {
        self.client
            .json(self.client.get_one(&format!("/manifests/{}", seg(id)))?)
            .await
    }

    /// `GET /manifests` (ListManifests): one page.
    pub async fn list(&self, params: &ListParams) -> Result<Page<Manifest>, Error> {
        self.client
            .page(self.client.get_list("/manifests", params)?)
            .await
    }

    /// Every manifest, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<Manifest, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/manifests", params)?,
            ListShape::Paged,
        ))
    }
}

//! Rates at checkout: `/service-groups` and `/live-rates`.

use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{
    DefaultParcelTemplate, DefaultParcelTemplateUpdateRequest, ListParams, LiveRate,
    LiveRateCreateRequest, ServiceGroup, ServiceGroupRequest,
};
use crate::page::Page;
use crate::Error;

/// Handler for `/service-groups`, from [`Client::service_groups`].
#[derive(Debug, Clone, Copy)]
pub struct ServiceGroups<'c> {
    pub(crate) client: &'c Client,
}

impl ServiceGroups<'_> {
    /// `GET /service-groups` (ListServiceGroups): a bare JSON array.
    pub async fn list(&self) -> Result<Vec<ServiceGroup>, Error> {
        Ok(self
            .client
            .page(
                self.client
                    .get_list("/service-groups", &ListParams::default())?,
            )
            .await?
            .results)
    }

    /// `POST /service-groups` (CreateServiceGroup).
    pub async fn create(&self, request: &ServiceGroupRequest) -> Result<ServiceGroup, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/service-groups", Some(request))?,
            )
            .await
    }

    /// `PUT /service-groups` (UpdateServiceGroup): the `object_id` goes in the body.
    pub async fn update(&self, request: &ServiceGroupRequest) -> Result<ServiceGroup, Error> {
        self.client
            .json(
                self.client
                    .write(Method::PUT, "/service-groups", Some(request))?,
            )
            .await
    }

    /// `DELETE /service-groups/{id}` (DeleteServiceGroup): answers 204.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        self.client
            .empty(self.client.write::<()>(
                Method::DELETE,
                &format!("/service-groups/{}", seg(id)),
                None,
            )?)
            .await
    }
}

/// Handler for `/live-rates`, from [`Client::live_rates`].
#[derive(Debug, Clone, Copy)]
pub struct LiveRates<'c> {
    pub(crate) client: &'c Client,
}

const DEFAULT_TEMPLATE: &str = "/live-rates/settings/parcel-template";

impl LiveRates<'_> {
    /// `POST /live-rates` (CreateLiveRate): checkout rates (your service groups). Answers 200;
    /// `next`/`previous` arrive as `""`.
    pub async fn create(&self, request: &LiveRateCreateRequest) -> Result<Page<LiveRate>, Error> {
        self.client
            .page(
                self.client
                    .write(Method::POST, "/live-rates", Some(request))?,
            )
            .await
    }

    /// `GET /live-rates/settings/parcel-template` (GetDefaultParcelTemplate).
    pub async fn default_parcel_template(&self) -> Result<DefaultParcelTemplate, Error> {
        self.client
            .json(self.client.get_one(DEFAULT_TEMPLATE)?)
            .await
    }

    /// `PUT /live-rates/settings/parcel-template` (UpdateDefaultParcelTemplate).
    pub async fn set_default_parcel_template(
        &self,
        request: &DefaultParcelTemplateUpdateRequest,
    ) -> Result<DefaultParcelTemplate, Error> {
        self.client
            .json(
                self.client
                    .write(Method::PUT, DEFAULT_TEMPLATE, Some(request))?,
            )
            .await
    }

    /// `DELETE /live-rates/settings/parcel-template` (DeleteDefaultParcelTemplate): answers 204.
    pub async fn clear_default_parcel_template(&self) -> Result<(), Error> {
        self.client
            .empty(
                self.client
                    .write::<()>(Method::DELETE, DEFAULT_TEMPLATE, None)?,
            )
            .await
    }
}

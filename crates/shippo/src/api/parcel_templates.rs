//! `/parcel-templates` (carrier boxes) and `/user-parcel-templates` (the account's own boxes).
//! Both lists come back as a bare `{results}` without pagination.

use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{
    CarrierParcelTemplate, CarrierParcelTemplateListParams, ListParams, UserParcelTemplate,
    UserParcelTemplateRequest,
};
use crate::Error;

/// Handler for `/parcel-templates`, from [`Client::carrier_parcel_templates`].
#[derive(Debug, Clone, Copy)]
pub struct CarrierParcelTemplates<'c> {
    pub(crate) client: &'c Client,
}

impl CarrierParcelTemplates<'_> {
    /// `GET /parcel-templates` (ListCarrierParcelTemplates): every template at once.
    pub async fn list(
        &self,
        params: &CarrierParcelTemplateListParams,
    ) -> Result<Vec<CarrierParcelTemplate>, Error> {
        Ok(self
            .client
            .page(self.client.get_list("/parcel-templates", params)?)
            .await?
            .results)
    }

    /// `GET /parcel-templates/{token}` (GetCarrierParcelTemplate), e.g. `USPS_FlatRateEnvelope`.
    pub async fn get(&self, token: &str) -> Result<CarrierParcelTemplate, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/parcel-templates/{}", seg(token)))?,
            )
            .await
    }
}

/// Handler for `/user-parcel-templates`, from [`Client::user_parcel_templates`].
#[derive(Debug, Clone, Copy)]
pub struct UserParcelTemplates<'c> {
    pub(crate) client: &'c Client,
}

impl UserParcelTemplates<'_> {
    /// `GET /user-parcel-templates` (ListUserParcelTemplates): every template at once
    /// (`results: null` is an empty list).
    pub async fn list(&self) -> Result<Vec<UserParcelTemplate>, Error> {
        Ok(self
            .client
            .page(
                self.client
                    .get_list("/user-parcel-templates", &ListParams::default())?,
            )
            .await?
            .results)
    }

    /// `POST /user-parcel-templates` (CreateUserParcelTemplate). Answers 200.
    pub async fn create(
        &self,
        request: &UserParcelTemplateRequest,
    ) -> Result<UserParcelTemplate, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/user-parcel-templates", Some(request))?,
            )
            .await
    }

    /// `GET /user-parcel-templates/{id}` (GetUserParcelTemplate).
    pub async fn get(&self, id: &str) -> Result<UserParcelTemplate, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/user-parcel-templates/{}", seg(id)))?,
            )
            .await
    }

    /// `PUT /user-parcel-templates/{id}` (UpdateUserParcelTemplate).
    pub async fn update(
        &self,
        id: &str,
        request: &UserParcelTemplateRequest,
    ) -> Result<UserParcelTemplate, Error> {
        self.client
            .json(self.client.write(
                Method::PUT,
                &format!("/user-parcel-templates/{}", seg(id)),
                Some(request),
            )?)
            .await
    }

    /// `DELETE /user-parcel-templates/{id}` (DeleteUserParcelTemplate): answers 204.
    pub async fn delete(&self, id: &str) -> Result<(), Error> {
        self.client
            .empty(self.client.write::<()>(
                Method::DELETE,
                &format!("/user-parcel-templates/{}", seg(id)),
                None,
            )?)
            .await
    }
}

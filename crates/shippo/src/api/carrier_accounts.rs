//! `/carrier_accounts`: connected and Shippo-managed carrier accounts.

use futures::Stream;
use reqwest::Method;
use serde::Serialize;

use crate::client::{seg, Client};
use crate::models::{
    CarrierAccount, CarrierAccountCreateRequest, CarrierAccountListParams,
    CarrierAccountRegisterRequest, CarrierAccountRegistrationStatus, CarrierAccountUpdateRequest,
    OauthRedirect,
};
use crate::page::{ListShape, Page};
use crate::Error;

#[derive(Serialize)]
struct ListQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    service_levels: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    carrier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<u32>,
}

impl<'a> From<&'a CarrierAccountListParams> for ListQuery<'a> {
    fn from(p: &'a CarrierAccountListParams) -> Self {
        ListQuery {
            service_levels: p.service_levels,
            carrier: p.carrier.as_deref(),
            account_id: p.account_id.as_deref(),
            page: p.page,
            results: p.results,
        }
    }
}

#[derive(Serialize)]
struct SigninQuery<'a> {
    redirect_uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
}

/// Handler for `/carrier_accounts`, from [`Client::carrier_accounts`].
#[derive(Debug, Clone, Copy)]
pub struct CarrierAccounts<'c> {
    pub(crate) client: &'c Client,
}

impl CarrierAccounts<'_> {
    /// `GET /carrier_accounts` (ListCarrierAccounts): one page. `service_levels: Some(true)` is
    /// the only way to see each account's service levels.
    pub async fn list(
        &self,
        params: &CarrierAccountListParams,
    ) -> Result<Page<CarrierAccount>, Error> {
        self.client
            .page(
                self.client
                    .get_list("/carrier_accounts", &ListQuery::from(params))?,
            )
            .await
    }

    /// Every carrier account, following `next` links.
    pub fn stream(
        &self,
        params: &CarrierAccountListParams,
    ) -> Result<impl Stream<Item = Result<CarrierAccount, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client
                .get_list("/carrier_accounts", &ListQuery::from(params))?,
            ListShape::Paged,
        ))
    }

    /// `POST /carrier_accounts` (CreateCarrierAccount): connect an account you own.
    pub async fn create(
        &self,
        request: &CarrierAccountCreateRequest,
    ) -> Result<CarrierAccount, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/carrier_accounts", Some(request))?,
            )
            .await
    }

    /// `GET /carrier_accounts/{id}` (GetCarrierAccount).
    pub async fn get(&self, id: &str) -> Result<CarrierAccount, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/carrier_accounts/{}", seg(id)))?,
            )
            .await
    }

    /// `PUT /carrier_accounts/{id}` (UpdateCarrierAccount).
    pub async fn update(
        &self,
        id: &str,
        request: &CarrierAccountUpdateRequest,
    ) -> Result<CarrierAccount, Error> {
        self.client
            .json(self.client.write(
                Method::PUT,
                &format!("/carrier_accounts/{}", seg(id)),
                Some(request),
            )?)
            .await
    }

    /// `GET /carrier_accounts/{id}/signin/initiate` (InitiateOauth2Signin): the carrier's login
    /// URL to open in a browser (Shippo answers with a 302 redirect, which is not followed).
    pub async fn initiate_oauth2_signin(
        &self,
        id: &str,
        redirect_uri: &str,
        state: Option<&str>,
    ) -> Result<OauthRedirect, Error> {
        let query = SigninQuery {
            redirect_uri,
            state,
        };
        let mut call = self.client.get_list(
            &format!("/carrier_accounts/{}/signin/initiate", seg(id)),
            &query,
        )?;
        call.class = crate::pacer::RateClass::GetOne;
        let answer = self.client.execute(&call).await?;
        let location = answer
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(OauthRedirect {
            status: answer.status.as_u16(),
            location,
        })
    }

    /// `POST /carrier_accounts/register/new` (RegisterCarrierAccount): a new Shippo-managed account.
    pub async fn register(
        &self,
        request: &CarrierAccountRegisterRequest,
    ) -> Result<CarrierAccount, Error> {
        self.client
            .json(self.client.write(
                Method::POST,
                "/carrier_accounts/register/new",
                Some(request),
            )?)
            .await
    }

    /// `GET /carrier_accounts/reg-status/?carrier=` (GetCarrierRegistrationStatus). The trailing
    /// slash is required by the live API.
    pub async fn registration_status(
        &self,
        carrier: &str,
    ) -> Result<CarrierAccountRegistrationStatus, Error> {
        let mut call = self
            .client
            .get_list("/carrier_accounts/reg-status/", &[("carrier", carrier)])?;
        call.class = crate::pacer::RateClass::GetOne;
        self.client.json(call).await
    }
}

//! `/customs/items` and `/customs/declarations`.

use futures::Stream;
use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{
    CustomsDeclaration, CustomsDeclarationCreateRequest, CustomsItem, CustomsItemCreateRequest,
    ListParams,
};
use crate::page::{ListShape, Page};
use crate::Error;

/// Handler for `/customs/items`, from [`Client::customs_items`].
#[derive(Debug, Clone, Copy)]
pub struct CustomsItems<'c> {
    pub(crate) client: &'c Client,
}

impl CustomsItems<'_> {
    /// `POST /customs/items` (CreateCustomsItem).
    pub async fn create(&self, request: &CustomsItemCreateRequest) -> Result<CustomsItem, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/customs/items", Some(request))?,
            )
            .await
    }

    /// `GET /customs/items/{id}` (GetCustomsItem).
    pub async fn get(&self, id: &str) -> Result<CustomsItem, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/customs/items/{}", seg(id)))?,
            )
            .await
    }

    /// `GET /customs/items` (ListCustomsItems): one page.
    pub async fn list(&self, params: &ListParams) -> Result<Page<CustomsItem>, Error> {
        self.client
            .page(self.client.get_list("/customs/items", params)?)
            .await
    }

    /// Every customs item, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<CustomsItem, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/customs/items", params)?,
            ListShape::Paged,
        ))
    }
}

/// Handler for `/customs/declarations`, from [`Client::customs_declarations`].
#[derive(Debug, Clone, Copy)]
pub struct CustomsDeclarations<'c> {
    pub(crate) client: &'c Client,
}

impl CustomsDeclarations<'_> {
    /// `POST /customs/declarations` (CreateCustomsDeclaration).
    pub async fn create(
        &self,
        request: &CustomsDeclarationCreateRequest,
    ) -> Result<CustomsDeclaration, Error> {
        self.client
            .json(
                self.client
                    .write(Method::POST, "/customs/declarations", Some(request))?,
            )
            .await
    }

    /// `GET /customs/declarations/{id}` (GetCustomsDeclaration).
    pub async fn get(&self, id: &str) -> Result<CustomsDeclaration, Error> {
        self.client
            .json(
                self.client
                    .get_one(&format!("/customs/declarations/{}", seg(id)))?,
            )
            .await
    }

    /// `GET /customs/declarations` (ListCustomsDeclarations): one page.
    pub async fn list(&self, params: &ListParams) -> Result<Page<CustomsDeclaration>, Error> {
        self.client
            .page(self.client.get_list("/customs/declarations", params)?)
            .await
    }

    /// Every customs declaration, following `next` links.
    pub fn stream(
        &self,
        params: &ListParams,
    ) -> Result<impl Stream<Item = Result<CustomsDeclaration, Error>> + Send + 'static, Error> {
        Ok(self.client.stream(
            self.client.get_list("/customs/declarations", params)?,
            ListShape::Paged,
        ))
    }
}

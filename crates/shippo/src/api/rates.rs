//! `/rates/{id}`.

use crate::client::{seg, Client};
use crate::models::Rate;
use crate::Error;

/// Handler for `/rates`, from [`Client::rates`]. Lists of rates hang off shipments
/// ([`crate::api::shipments::Shipments::rates`]).
#[derive(Debug, Clone, Copy)]
pub struct Rates<'c> {
    pub(crate) client: &'c Client,
}

impl Rates<'_> {
    /// `GET /rates/{id}` (GetRate).
    pub async fn get(&self, id: &str) -> Result<Rate, Error> {
        self.client
            .json(self.client.get_one(&format!("/rates/{}", seg(id)))?)
            .await
    }
}

//! `/pickups`. There is no cancel endpoint.

use reqwest::Method;

use crate::client::Client;
use crate::models::{Pickup, PickupCreateRequest};
use crate::Error;

/// Handler for `/pickups`, from [`Client::pickups`].
#[derive(Debug, Clone, Copy)]
pub struct Pickups<'c> {
    pub(crate) client: &'c Client,
}

impl Pickups<'_> {
    /// `POST /pickups` (CreatePickup). Not retried.
    pub async fn create(&self, request: &PickupCreateRequest) -> Result<Pickup, Error> {
        self.client
            .json(self.client.write(Method::POST, "/pickups", Some(request))?)
            .await
    }
}

//! `/tracks`: tracking status and history.

use reqwest::Method;

use crate::client::{seg, Client};
use crate::models::{Track, TrackCreateRequest};
use crate::pacer::RateClass;
use crate::Error;

/// Handler for `/tracks`, from [`Client::tracks`].
#[derive(Debug, Clone, Copy)]
pub struct Tracks<'c> {
    pub(crate) client: &'c Client,
}

impl Tracks<'_> {
    /// `POST /tracks` (CreateTrack): register a number for `track_updated` webhooks. Answers 200.
    pub async fn register(&self, request: &TrackCreateRequest) -> Result<Track, Error> {
        let mut call = self.client.write(Method::POST, "/tracks", Some(request))?;
        call.class = RateClass::TrackWrite;
        self.client.json(call).await
    }

    /// `GET /tracks/{carrier}/{number}` (GetTrack). In test mode use carrier `shippo` and a
    /// `SHIPPO_*` number such as `SHIPPO_DELIVERED`.
    pub async fn get(&self, carrier: &str, tracking_number: &str) -> Result<Track, Error> {
        let mut call = self.client.get_one(&format!(
            "/tracks/{}/{}",
            seg(carrier),
            seg(tracking_number)
        ))?;
        call.class = RateClass::TrackGet;
        self.client.json(call).await
    }
}

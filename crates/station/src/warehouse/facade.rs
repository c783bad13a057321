//! The station's warehouse calls (for the CLI and the window).

use crate::error::Result;
use crate::station::Station;

use super::{link, profile, LinkStatus, ProfileInfo, SharedLabel, WarehouseLink};

impl Station {
    /// The warehouse this bench is linked to, if any.
    pub fn warehouse(&self) -> Option<&WarehouseLink> {
        self.warehouse.as_ref()
    }

    /// How the warehouse is: reachable or not, benches, purchases pending elsewhere, purchases
    /// made here without its check (reported now when it answers).
    pub async fn warehouse_status(&self) -> Result<LinkStatus> {
        link::status(&self.store, self.warehouse.as_ref()).await
    }

    /// The warehouse's settings profiles, the one this bench follows marked.
    pub async fn warehouse_profiles(&self) -> Result<Vec<ProfileInfo>> {
        let l = self.warehouse.as_ref().ok_or_else(profile::not_connected)?;
        profile::list(&self.store, &l.warehouse).await
    }

    /// Publishes this bench's senders, rate rule and parcel as profile `name`.
    pub async fn warehouse_profile_save(&self, name: &str) -> Result<ProfileInfo> {
        let l = self.warehouse.as_ref().ok_or_else(profile::not_connected)?;
        profile::save(&self.store, &l.warehouse, name).await
    }

    /// This bench follows profile `name` from now on.
    pub async fn warehouse_profile_use(&self, name: &str) -> Result<ProfileInfo> {
        let l = self.warehouse.as_ref().ok_or_else(profile::not_connected)?;
        Ok(profile::follow(&self.store, &l.warehouse, name).await?.info())
    }

    /// Stops following a profile (the bench's own settings are in force again); the profile it
    /// followed, if any.
    pub async fn warehouse_profile_leave(&self) -> Result<Option<ProfileInfo>> {
        Ok(profile::leave(&self.store).await?.map(|f| f.info()))
    }

    /// The latest labels of every bench of the warehouse (who bought what, and when), newest
    /// first. Empty without a warehouse.
    pub async fn warehouse_labels(&self, limit: i64) -> Result<Vec<SharedLabel>> {
        match &self.warehouse {
            Some(l) => Ok(l.warehouse.labels(limit).await?),
            None => Ok(Vec::new()),
        }
    }
}

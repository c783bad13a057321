//! The station's warehouse calls (for the CLI and the window).

use crate::error::Result;
use crate::station::Station;

use super::{link, LinkStatus, SharedLabel, WarehouseLink};

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

    /// The latest labels of every bench of the warehouse (who bought what, and when), newest
    /// first. Empty without a warehouse.
    pub async fn warehouse_labels(&self, limit: i64) -> Result<Vec<SharedLabel>> {
        match &self.warehouse {
            Some(l) => Ok(l.warehouse.labels(limit).await?),
            None => Ok(Vec::new()),
        }
    }
}

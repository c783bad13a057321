//! What a workflow works with: the store, the Shippo client, the print queue and the bench's
//! choices. The [`crate::station::Station`] facade lends one out per call; workflow functions
//! never see the facade itself.

use std::time::Duration;

use crate::printq::PrintQueue;
use crate::store::Store;

use super::rules::RatePick;

/// How long an order lock lasts unless renewed. A running purchase renews it (see
/// [`super::lock::OrderLock`]); a crashed holder blocks the order at most this long, and a holder
/// on this computer whose process is gone is taken over at once.
pub const DEFAULT_LOCK_TTL: Duration = Duration::from_secs(120);

/// The parts one workflow call uses, borrowed from the station.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The store.
    pub store: &'a Store,
    /// The Shippo client (the only door to Shippo).
    pub client: &'a shippo::Client,
    /// The print queue.
    pub printq: &'a PrintQueue,
    /// Demo mode: demo sender when none is set.
    pub demo: bool,
    /// Settle window of the purchase journal.
    pub settle: Duration,
    /// A fixed carrier account and service: purchases go through Instalabel.
    pub fixed_service: Option<&'a RatePick>,
    /// How long an order lock lasts between renewals.
    pub lock_ttl: Duration,
    /// Warehouse mode: the shared database, when one is set up.
    pub warehouse: Option<&'a crate::warehouse::WarehouseLink>,
}

impl Ctx<'_> {
    /// The rate rule in force: the caller's, else the bench's fixed service, else the settings'.
    pub fn rate_pick(&self, chosen: Option<&RatePick>, settings: &crate::store::settings::Settings) -> RatePick {
        chosen
            .or(self.fixed_service)
            .cloned()
            .unwrap_or_else(|| RatePick::from(&settings.rate_rule))
    }
}

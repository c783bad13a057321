//! What the shell keeps while the window is open: the options it started with, the order cache
//! (opened without network, for offline review) and, once something needs Shippo, the station.

use std::sync::atomic::{AtomicBool, Ordering};

use shipbench_cli::buy::{open_station, Opened};
use shipbench_cli::context::{open_offline, StationContext};
use shipbench_cli::GlobalOpts;
use tokio::sync::OnceCell;

use crate::CommandError;

/// Managed Tauri state.
pub struct AppState {
    /// Global command-line options (data dir, API base, demo).
    pub global: GlobalOpts,
    /// The profile and its order cache, opened without network (offline review works from it).
    offline: OnceCell<StationContext>,
    /// The station (store, Shippo client, printers; in demo mode the embedded simulator), opened
    /// on first use. A failed open is retried by the next command.
    online: OnceCell<Opened>,
    /// Set once the operator confirmed the first LIVE purchase since start-up.
    live_confirmed: AtomicBool,
}

impl AppState {
    /// State for a window started with these options.
    pub fn new(global: GlobalOpts) -> Self {
        AppState { global, offline: OnceCell::new(), online: OnceCell::new(), live_confirmed: AtomicBool::new(false) }
    }

    /// The profile and its cache, without network.
    pub async fn offline(&self) -> Result<&StationContext, CommandError> {
        Ok(self.offline.get_or_try_init(|| open_offline(&self.global)).await?)
    }

    /// The station, opened (and its interrupted purchases settled) on first use.
    pub async fn station(&self) -> Result<&Opened, CommandError> {
        Ok(self.online.get_or_try_init(|| open_station(&self.global)).await?)
    }

    /// True once the first LIVE purchase was confirmed.
    pub fn live_confirmed(&self) -> bool {
        self.live_confirmed.load(Ordering::SeqCst)
    }

    /// Records the operator's confirmation of LIVE purchases for this run.
    pub fn confirm_live(&self) {
        self.live_confirmed.store(true, Ordering::SeqCst);
    }
}

//! What the shell keeps while the window is open: the options it started with and the current
//! session — the profile's order cache (opened without network, for offline review) and, once
//! something needs Shippo, the station. Saving or removing the token starts a new session, so the
//! window switches account and mode without a restart.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use shipbench_cli::buy::{open_station, Opened};
use shipbench_cli::context::{open_offline, StationContext};
use shipbench_cli::GlobalOpts;
use tokio::sync::{OnceCell, RwLock};

use crate::CommandError;

/// Managed Tauri state.
pub struct AppState {
    /// Global command-line options (data dir, API base, demo).
    pub global: GlobalOpts,
    /// The account in use; replaced when the token changes.
    session: RwLock<Arc<Session>>,
}

/// One account's cache and station, opened lazily.
pub struct Session {
    /// The options the account is opened with.
    global: GlobalOpts,
    /// The profile and its order cache, opened without network (offline review works from it).
    offline: OnceCell<StationContext>,
    /// The station (store, Shippo client, printers; in demo mode the embedded simulator), opened
    /// on first use. A failed open is retried by the next command.
    online: OnceCell<Opened>,
    /// Set once the operator confirmed the first LIVE purchase of this session.
    live_confirmed: AtomicBool,
}

impl AppState {
    /// State for a window started with these options.
    pub fn new(global: GlobalOpts) -> Self {
        let session = RwLock::new(Arc::new(Session::new(global.clone())));
        AppState { global, session }
    }

    /// The current session. Commands hold it for their whole run, so a token change never pulls
    /// the station from under a purchase.
    pub async fn session(&self) -> Arc<Session> {
        self.session.read().await.clone()
    }

    /// Starts a new session (after the token was saved or removed): the next command opens the
    /// account the keyring now selects, and the first LIVE purchase asks again.
    pub async fn restart(&self) {
        *self.session.write().await = Arc::new(Session::new(self.global.clone()));
    }
}

impl Session {
    fn new(global: GlobalOpts) -> Self {
        Session { global, offline: OnceCell::new(), online: OnceCell::new(), live_confirmed: AtomicBool::new(false) }
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

    /// Records the operator's confirmation of LIVE purchases for this session.
    pub fn confirm_live(&self) {
        self.live_confirmed.store(true, Ordering::SeqCst);
    }
}

//! What the shell keeps while the window is open: the options it started with and the current
//! [`Session`] (opened by `station::session` on first use). Saving or removing the token starts a
//! new session, so the window switches account and mode without a restart, and the first LIVE
//! purchase asks again.

use std::sync::Arc;

use station::{Session, SessionOptions};
use tokio::sync::{OnceCell, RwLock};

use crate::CommandError;

/// Managed Tauri state.
pub struct AppState {
    /// How the window opens the bench (data dir, API base, demo).
    pub options: SessionOptions,
    /// The account in use; replaced when the token changes.
    current: RwLock<Arc<LazySession>>,
}

/// A session opened on first use. A failed open is tried again by the next command.
pub struct LazySession {
    options: SessionOptions,
    session: OnceCell<Session>,
}

impl LazySession {
    /// The session, opened (offline: profile and store) on first use.
    pub async fn get(&self) -> Result<&Session, CommandError> {
        Ok(self.session.get_or_try_init(|| Session::open(self.options.clone())).await?)
    }
}

impl AppState {
    /// State for a window started with these options.
    pub fn new(options: SessionOptions) -> Self {
        let current = RwLock::new(Arc::new(LazySession { options: options.clone(), session: OnceCell::new() }));
        AppState { options, current }
    }

    /// The current session. Commands hold it for their whole run, so a token change never pulls
    /// the station from under a purchase.
    pub async fn session(&self) -> Arc<LazySession> {
        self.current.read().await.clone()
    }

    /// Starts a new session (after the token was saved or removed): the next command opens the
    /// account the keyring now selects.
    pub async fn restart(&self) {
        *self.current.write().await = Arc::new(LazySession { options: self.options.clone(), session: OnceCell::new() });
    }
}

//! Secrets: the Shippo token in the OS keyring, and nowhere else.
//!
//! * [`Keyring`] picks the backend explicitly and reports it ([`Backend`]); with no usable keyring
//!   it is an error ([`SecretsError::NoKeyring`]), never a silent in-memory fallback.
//! * [`TokenStore`] reads, saves and removes the token: one keyring entry per bench profile,
//!   service [`SERVICE`], user [`TokenStore::user`] (`shippo-token` for the default profile).
//! * [`check_token`] asks Shippo whether a token is accepted before it is saved
//!   ([`save_checked`] does both, and stores nothing that Shippo refused).
//! * [`secrecy_scan`] looks for a token in every file of a data directory; tests use it to prove
//!   the token never reaches SQLite, logs or caches.
//!
//! The token is always a [`shippo::Token`], whose `Debug`/`Display` print only `shippo_test_…a1b2`.

mod backend;
mod error;
mod scan;
mod validate;
mod warehouse_password;

pub use backend::{Backend, Keyring, BACKEND_ENV};
pub use error::SecretsError;
pub use scan::secrecy_scan;
pub use validate::{check_token, CHECK_PATH};
pub use warehouse_password::WarehousePassword;

use shippo::Token;

use crate::account::Profile;

/// The keyring service name every Shipbench entry is filed under.
pub const SERVICE: &str = "dev.shipbench.station";

/// The environment variable naming the bench profile whose token is used (default: `default`).
pub const PROFILE_ENV: &str = "SHIPBENCH_PROFILE";

/// The name of the default bench profile.
pub const DEFAULT_PROFILE: &str = "default";

/// The token of one bench profile in the keyring.
#[derive(Debug)]
pub struct TokenStore {
    keyring: Keyring,
    profile: String,
}

impl TokenStore {
    /// The token entry of `profile` in `keyring`.
    pub fn new(keyring: Keyring, profile: impl Into<String>) -> Self {
        let profile = profile.into();
        let profile = if profile.trim().is_empty() {
            DEFAULT_PROFILE.to_owned()
        } else {
            profile.trim().to_owned()
        };
        TokenStore { keyring, profile }
    }

    /// The detected keyring and the profile named by `SHIPBENCH_PROFILE` (or the default one).
    pub fn from_env() -> Result<Self, SecretsError> {
        let profile = std::env::var(PROFILE_ENV).unwrap_or_default();
        Ok(TokenStore::new(Keyring::detect()?, profile))
    }

    /// The keyring in use.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// The bench profile name.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// The keyring user name of this profile's entry: `shippo-token`, or `shippo-token:<profile>`.
    pub fn user(&self) -> String {
        if self.profile == DEFAULT_PROFILE {
            "shippo-token".to_owned()
        } else {
            format!("shippo-token:{}", self.profile)
        }
    }

    fn entry(&self, action: &'static str) -> Result<keyring::Entry, SecretsError> {
        self.keyring
            .entry(&self.user())
            .map_err(|reason| self.failure(action, reason))
    }

    fn failure(&self, action: &'static str, reason: String) -> SecretsError {
        SecretsError::Keyring {
            backend: self.keyring.backend().to_string(),
            action,
            reason,
        }
    }

    /// The stored token, or `None` when there is none (DEMO mode).
    pub fn load(&self) -> Result<Option<Token>, SecretsError> {
        match self.entry("read")?.get_password() {
            Ok(raw) => match Token::parse(&raw) {
                Ok(token) => Ok(Some(token)),
                Err(shippo::TokenError::Empty) => Ok(None),
                Err(e) => Err(SecretsError::BadToken(e)),
            },
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(keyring::Error::BadEncoding(_)) => Err(SecretsError::BadEntry),
            Err(e) => Err(self.failure("read", e.to_string())),
        }
    }

    /// Stores `token`, replacing any earlier one. Use [`save_checked`] to ask Shippo first.
    pub fn save(&self, token: &Token) -> Result<(), SecretsError> {
        if token.expose().is_empty() {
            return Err(SecretsError::EmptyToken);
        }
        self.entry("store")?
            .set_password(token.expose())
            .map_err(|e| self.failure("store", e.to_string()))?;
        tracing::info!(backend = %self.keyring.backend(), token = %token, "Shippo token saved");
        Ok(())
    }

    /// Removes the token. Returns false when there was none.
    pub fn remove(&self) -> Result<bool, SecretsError> {
        match self.entry("remove")?.delete_credential() {
            Ok(()) => {
                tracing::info!(backend = %self.keyring.backend(), "Shippo token removed");
                Ok(true)
            }
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(self.failure("remove", e.to_string())),
        }
    }

    /// The profile (mode and account) the stored token selects: DEMO without a token.
    pub fn current_profile(&self) -> Result<Profile, SecretsError> {
        Ok(Profile::detect(self.load()?.as_ref())?)
    }
}

/// Checks `token` with Shippo at `api_base` (see [`check_token`]) and, only when Shippo accepts it,
/// saves it. Returns the profile the token selects.
pub async fn save_checked(
    store: &TokenStore,
    api_base: &str,
    token: &Token,
) -> Result<Profile, SecretsError> {
    if token.expose().is_empty() {
        return Err(SecretsError::EmptyToken);
    }
    let profile = Profile::for_token(token)?;
    check_token(api_base, token).await?;
    store.save(token)?;
    Ok(profile)
}

//! The warehouse database's password in the OS keyring, beside the token (never in SQLite, logs
//! or the stored URL).

use super::{Keyring, SecretsError, DEFAULT_PROFILE};

/// The warehouse password entry of one bench profile.
#[derive(Debug)]
pub struct WarehousePassword {
    keyring: Keyring,
    profile: String,
}

impl WarehousePassword {
    /// The entry of `profile` (empty: the default profile) in `keyring`.
    pub fn new(keyring: Keyring, profile: &str) -> Self {
        let profile = if profile.trim().is_empty() { DEFAULT_PROFILE } else { profile.trim() };
        WarehousePassword { keyring, profile: profile.to_owned() }
    }

    /// The keyring user name: `warehouse-password`, or `warehouse-password:<profile>`.
    pub fn user(&self) -> String {
        if self.profile == DEFAULT_PROFILE {
            "warehouse-password".to_owned()
        } else {
            format!("warehouse-password:{}", self.profile)
        }
    }

    fn failure(&self, action: &'static str, reason: String) -> SecretsError {
        SecretsError::Keyring { backend: self.keyring.backend().to_string(), action, reason }
    }

    /// The stored password, if any.
    pub fn load(&self) -> Result<Option<String>, SecretsError> {
        let entry = self.keyring.entry(&self.user()).map_err(|r| self.failure("read", r))?;
        match entry.get_password() {
            Ok(p) => Ok(Some(p).filter(|p| !p.is_empty())),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(self.failure("read", e.to_string())),
        }
    }

    /// Stores the password, replacing any earlier one.
    pub fn save(&self, password: &str) -> Result<(), SecretsError> {
        let entry = self.keyring.entry(&self.user()).map_err(|r| self.failure("store", r))?;
        entry.set_password(password).map_err(|e| self.failure("store", e.to_string()))?;
        tracing::info!(backend = %self.keyring.backend(), "warehouse password saved");
        Ok(())
    }

    /// Removes the password. Returns false when there was none.
    pub fn remove(&self) -> Result<bool, SecretsError> {
        let entry = self.keyring.entry(&self.user()).map_err(|r| self.failure("remove", r))?;
        match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(self.failure("remove", e.to_string())),
        }
    }
}

//! Choosing the keyring backend explicitly, and saying which one is in use.
//!
//! `keyring` silently falls back to an in-memory mock when it is built without platform features;
//! Shipbench never relies on its default. It builds every credential itself from the backend chosen
//! here:
//!
//! * Linux: the Secret Service (GNOME Keyring, KWallet…) when a session bus is there and the
//!   service answers; otherwise the kernel keyring (keyutils: the session keyring, linked to the
//!   user's persistent keyring, both cleared on reboot). Neither: [`SecretsError::NoKeyring`].
//! * macOS: the login Keychain. Windows: the Credential Manager.
//!
//! `SHIPBENCH_KEYRING=secret-service|keyutils` forces one backend; it is then used or refused, never
//! swapped for another.

use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

use keyring::credential::{CredentialBuilder, CredentialPersistence};
use keyring::Entry;
use serde::Serialize;

use super::{SecretsError, SERVICE};

/// The environment variable that forces a backend (`secret-service` or `keyutils`).
pub const BACKEND_ENV: &str = "SHIPBENCH_KEYRING";

/// How long the Secret Service may take to answer the first question before it counts as absent.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The user name of the entry the probes look for (it never exists; only the answer matters).
const PROBE_USER: &str = "shipbench-probe";

/// A keyring backend Shipbench can keep the token in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Backend {
    /// The freedesktop Secret Service over D-Bus (GNOME Keyring, KWallet, KeePassXC).
    SecretService,
    /// The Linux kernel key retention service (keyutils), session keyring.
    Keyutils,
    /// The macOS login Keychain.
    MacosKeychain,
    /// The Windows Credential Manager.
    WindowsCredentialManager,
}

impl Backend {
    /// The short identifier used in JSON output and in `SHIPBENCH_KEYRING`.
    pub fn id(self) -> &'static str {
        match self {
            Backend::SecretService => "secret-service",
            Backend::Keyutils => "keyutils",
            Backend::MacosKeychain => "macos-keychain",
            Backend::WindowsCredentialManager => "windows-credential-manager",
        }
    }

    /// Parses an identifier as [`Backend::id`] writes it.
    pub fn from_id(id: &str) -> Option<Backend> {
        [
            Backend::SecretService,
            Backend::Keyutils,
            Backend::MacosKeychain,
            Backend::WindowsCredentialManager,
        ]
        .into_iter()
        .find(|b| b.id() == id.trim())
    }

    /// The credential builder of this backend, when this build and platform have it.
    fn builder(self) -> Option<Box<CredentialBuilder>> {
        match self {
            #[cfg(target_os = "linux")]
            Backend::SecretService => Some(keyring::secret_service::default_credential_builder()),
            #[cfg(target_os = "linux")]
            Backend::Keyutils => Some(keyring::keyutils::default_credential_builder()),
            #[cfg(target_os = "macos")]
            Backend::MacosKeychain => Some(keyring::macos::default_credential_builder()),
            #[cfg(target_os = "windows")]
            Backend::WindowsCredentialManager => Some(keyring::windows::default_credential_builder()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Backend::SecretService => "Secret Service",
            Backend::Keyutils => "kernel keyring (keyutils)",
            Backend::MacosKeychain => "macOS Keychain",
            Backend::WindowsCredentialManager => "Windows Credential Manager",
        })
    }
}

/// The keyring backend in use, with the builder that makes its credentials.
pub struct Keyring {
    backend: Backend,
    builder: Box<CredentialBuilder>,
    note: Option<String>,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("backend", &self.backend)
            .field("note", &self.note)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    /// Finds the keyring to use: the one `SHIPBENCH_KEYRING` forces, else the platform's first
    /// choice that answers (see the module documentation). Errors when none answers.
    pub fn detect() -> Result<Keyring, SecretsError> {
        match std::env::var(BACKEND_ENV) {
            Ok(forced) if !forced.trim().is_empty() => {
                let backend =
                    Backend::from_id(&forced)
                    .ok_or_else(|| SecretsError::UnknownBackend(forced.clone()))?;
                Keyring::with_backend(backend).map_err(|reason| {
                    SecretsError::ForcedBackendUnavailable {
                        backend: backend.to_string(),
                        reason,
                    }
                })
            }
            _ => Keyring::detect_platform(),
        }
    }

    /// Uses exactly `backend`, after checking that it answers. The error is the reason it does not.
    pub fn with_backend(backend: Backend) -> Result<Keyring, String> {
        let builder = backend
            .builder()
            .ok_or_else(|| format!("the {backend} does not exist on this platform"))?;
        if backend == Backend::SecretService && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        {
            return Err("there is no session bus (DBUS_SESSION_BUS_ADDRESS is not set)".to_owned());
        }
        let keyring = Keyring {
            backend,
            builder,
            note: None,
        };
        keyring.probe()?;
        Ok(keyring)
    }

    #[cfg(target_os = "linux")]
    fn detect_platform() -> Result<Keyring, SecretsError> {
        let ss_reason = match Keyring::with_backend(Backend::SecretService) {
            Ok(keyring) => return Ok(keyring),
            Err(reason) => reason,
        };
        match Keyring::with_backend(Backend::Keyutils) {
            Ok(mut keyring) => {
                tracing::info!(why = %ss_reason, "Secret Service unusable; using the kernel keyring");
                keyring.note = Some(format!(
                    "chosen because the Secret Service is unusable ({ss_reason}); the kernel keyring \
                     forgets the token on reboot"
                ));
                Ok(keyring)
            }
            Err(reason) => Err(SecretsError::NoKeyring {
                tried: format!("Secret Service: {ss_reason}; kernel keyring (keyutils): {reason}"),
            }),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn detect_platform() -> Result<Keyring, SecretsError> {
        let backend = if cfg!(target_os = "macos") {
            Backend::MacosKeychain
        } else {
            Backend::WindowsCredentialManager
        };
        Keyring::with_backend(backend).map_err(|reason| SecretsError::NoKeyring {
            tried: format!("{backend}: {reason}"),
        })
    }

    /// Which backend holds the token.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Why this backend was chosen when it is not the platform's first choice.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// True if the credentials this keyring makes would live only in memory (keyring's mock store).
    /// Always false for the backends above; tests assert it.
    pub fn is_mock(&self) -> bool {
        self.builder
            .as_any()
            .is::<keyring::mock::MockCredentialBuilder>()
            || matches!(self.builder.persistence(), CredentialPersistence::EntryOnly)
            || matches!(self.builder.persistence(), CredentialPersistence::ProcessOnly)
    }

    /// The entry for `user` under the Shipbench service, built by this backend's builder.
    pub(crate) fn entry(&self, user: &str) -> Result<Entry, String> {
        self.builder
            .build(None, SERVICE, user)
            .map(Entry::new_with_credential)
            .map_err(|e| e.to_string())
    }

    /// Asks the backend for an entry that does not exist: "no entry" means it answers.
    fn probe(&self) -> Result<(), String> {
        let entry = self.entry(PROBE_USER)?;
        let (tx, rx) = mpsc::channel();
        // The Secret Service may hang on a half-dead bus; the probe runs on its own thread so the
        // answer can be abandoned after a timeout.
        let spawned = std::thread::Builder::new()
            .name("keyring-probe".into())
            .spawn(move || {
                let _ = tx.send(entry.get_password().map(drop));
            });
        if let Err(e) = spawned {
            return Err(format!("could not start the probe thread: {e}"));
        }
        match rx.recv_timeout(PROBE_TIMEOUT) {
            Ok(Ok(())) | Ok(Err(keyring::Error::NoEntry)) => Ok(()),
            Ok(Err(keyring::Error::Ambiguous(_))) => Ok(()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!(
                "it did not answer within {} seconds",
                PROBE_TIMEOUT.as_secs()
            )),
        }
    }
}

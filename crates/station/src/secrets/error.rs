//! What can go wrong with the token and the keyring, as sentences an operator can act on.
//!
//! No variant holds the token, and no message quotes it: at most the masked form
//! (`shippo_test_…a1b2`) appears.

/// A failure of the keyring or of checking a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretsError {
    /// No keyring backend answers on this machine. Shipbench never falls back to keeping the token
    /// in memory or in a file.
    #[error(
        "No usable keyring was found, so Shipbench cannot keep the Shippo token safely: {tried}. \
         Start a desktop session with a Secret Service (GNOME Keyring, KWallet), or make the kernel \
         keyring available (keyutils), then try again."
    )]
    NoKeyring {
        /// What was tried and why each failed.
        tried: String,
    },
    /// A backend was forced with `SHIPBENCH_KEYRING` but does not answer.
    #[error("The keyring backend {backend} chosen with SHIPBENCH_KEYRING cannot be used: {reason}.")]
    ForcedBackendUnavailable {
        /// The forced backend.
        backend: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// `SHIPBENCH_KEYRING` names a backend this build does not know.
    #[error(
        "SHIPBENCH_KEYRING is set to '{0}', which is not a keyring backend Shipbench knows \
         (use secret-service or keyutils on Linux, or unset it)."
    )]
    UnknownBackend(String),
    /// The keyring refused or failed an operation.
    #[error("The {backend} could not {action} the Shippo token: {reason}.")]
    Keyring {
        /// The backend, e.g. "Secret Service".
        backend: String,
        /// "store", "read" or "remove".
        action: &'static str,
        /// What the keyring said.
        reason: String,
    },
    /// The stored entry is not text (written by another program?).
    #[error(
        "The keyring entry for the Shippo token does not hold text; remove it with \
         `shipbench token clear` and set the token again."
    )]
    BadEntry,
    /// The token has characters no Shippo token has (the sentence never repeats the token).
    #[error(transparent)]
    BadToken(#[from] shippo::TokenError),
    /// The token is empty.
    #[error("No token was given: paste the Shippo API token (Shippo dashboard > Settings > API).")]
    EmptyToken,
    /// The token is neither a test nor a live Shippo API token.
    #[error(
        "This does not look like a Shippo API token: it should start with shippo_test_ or \
         shippo_live_ (find it in the Shippo dashboard under Settings > API)."
    )]
    NotAShippoToken,
    /// Shippo answered 401/403: the token is wrong, revoked or for another environment.
    #[error(
        "Shippo refused the token {masked} (HTTP {status}): it is wrong or has been revoked. \
         It was not saved; copy it again from the Shippo dashboard."
    )]
    TokenRefused {
        /// The masked token.
        masked: String,
        /// The HTTP status.
        status: u16,
    },
    /// Shippo could not be reached to check the token.
    #[error(
        "Shippo could not be reached at {api_base} to check the token ({reason}). The token was not \
         saved; check the network connection and try again."
    )]
    Unreachable {
        /// The API base URL.
        api_base: String,
        /// What went wrong, without the token.
        reason: String,
    },
    /// Shippo answered something else than yes or no.
    #[error(
        "Shippo answered HTTP {status} while checking the token, so it could not be confirmed and \
         was not saved. Try again in a minute."
    )]
    UnexpectedAnswer {
        /// The HTTP status.
        status: u16,
    },
    /// Reading a directory or file during a scan failed.
    #[error("Shipbench could not read {path}: {source}.")]
    Io {
        /// The path.
        path: std::path::PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

impl From<crate::account::NotAShippoToken> for SecretsError {
    fn from(_: crate::account::NotAShippoToken) -> Self {
        SecretsError::NotAShippoToken
    }
}

//! The one error the UI sees: the station's typed kind and one sentence for the operator.

use serde::Serialize;
use station::secrets::SecretsError;
use station::{ErrorKind, StationError};

/// An error returned by a command: `kind` for the UI to branch on (a union of string literals in
/// TypeScript), `message` to show.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    /// What kind of failure: [`StationError::kind`].
    pub kind: ErrorKind,
    /// One sentence the operator can act on.
    pub message: String,
}

impl From<StationError> for CommandError {
    fn from(e: StationError) -> CommandError {
        CommandError { kind: e.kind(), message: e.to_string() }
    }
}

impl From<SecretsError> for CommandError {
    fn from(e: SecretsError) -> CommandError {
        StationError::from(e).into()
    }
}

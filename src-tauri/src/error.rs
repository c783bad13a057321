//! The one error the UI sees: a machine-readable kind and one sentence for the operator.

use serde::Serialize;

/// An error returned by a command: `kind` for the UI to branch on, `message` to show.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    /// A stable code, e.g. `offline`, `token_refused`, `printer_offline`.
    pub kind: String,
    /// One sentence the operator can act on.
    pub message: String,
}

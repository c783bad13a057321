//! The one error the UI sees: a machine-readable kind and one sentence for the operator.

use serde::Serialize;
use station::StationError;

/// An error returned by a command: `kind` for the UI to branch on, `message` to show.
#[derive(Debug, Clone, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    /// A stable code: `not_found`, `already_labelled`, `shipped_elsewhere`, `busy`, `unresolved`,
    /// `shippo`, `printer`, `workflow`, `storage` or `internal`.
    pub kind: String,
    /// One sentence the operator can act on.
    pub message: String,
}

impl CommandError {
    pub(crate) fn new(kind: &str, message: impl Into<String>) -> CommandError {
        CommandError { kind: kind.into(), message: message.into() }
    }
}

impl From<StationError> for CommandError {
    fn from(e: StationError) -> CommandError {
        let kind = match &e {
            StationError::NotFound { .. } => "not_found",
            StationError::AlreadyLabelled { .. } => "already_labelled",
            StationError::ShippedElsewhere { .. } => "shipped_elsewhere",
            StationError::OrderLocked { .. } => "busy",
            StationError::PurchaseUnresolved { .. } => "unresolved",
            StationError::Shippo(_) => "shippo",
            StationError::Print(_) => "printer",
            StationError::Workflow(_) | StationError::InvalidOrder(_) => "workflow",
            _ => "storage",
        };
        CommandError::new(kind, e.to_string())
    }
}

impl From<anyhow::Error> for CommandError {
    fn from(e: anyhow::Error) -> CommandError {
        match e.downcast::<StationError>() {
            Ok(station) => station.into(),
            // anyhow's alternate form joins the context chain into one line.
            Err(other) => CommandError::new("internal", format!("{other:#}")),
        }
    }
}

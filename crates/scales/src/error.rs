//! The scales crate's one error type.

/// What can go wrong with a scale, as a sentence an operator can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// The serial port could not be opened.
    #[error("The scale on {port} could not be opened: {reason}. Check the cable, the port name and that no other program uses it.")]
    SerialOpen {
        /// The port, e.g. /dev/ttyUSB0 or COM3.
        port: String,
        /// What the system said.
        reason: String,
    },
    /// The USB scale could not be opened.
    #[error("The USB scale {name} could not be opened: {reason}. Unplug it, plug it in again, and check its permissions.")]
    HidOpen {
        /// The scale's name or path.
        name: String,
        /// What the system said.
        reason: String,
    },
    /// No USB scale matches the settings.
    #[error("No USB scale {0} is connected. Plug it in, or choose another scale in Settings > Scale.")]
    HidNotFound(String),
    /// A weight or unit given by a person could not be read.
    #[error("\"{0}\" is not a weight: write a number and a unit, for example 2.5lb, 40oz, 1.2kg or 850g.")]
    BadWeight(String),
    /// A protocol name could not be read.
    #[error("\"{0}\" is not a scale protocol: choose nci or sics.")]
    BadProtocol(String),
    /// The virtual scale's file could not be read or written.
    #[error("The virtual scale's file {path} could not be used: {reason}.")]
    VirtualFile {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

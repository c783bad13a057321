//! The one error type of the printing crate. Every message says what happened and what the operator
//! can do about it.

/// What can go wrong while sending a job or asking about it.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// TCP connect timed out.
    #[error("Printer '{printer}' at {addr} did not answer — is it on and on the network?")]
    NotAnswering {
        /// Configured printer name.
        printer: String,
        /// host:port.
        addr: String,
    },
    /// TCP connection refused.
    #[error("Printer '{printer}' at {addr} refused the connection — check the port (usually 9100) and that no other program holds the printer.")]
    Refused {
        /// Configured printer name.
        printer: String,
        /// host:port.
        addr: String,
    },
    /// The host name does not resolve.
    #[error("Printer '{printer}': the address '{host}' was not found — check the printer's IP address in the settings.")]
    UnknownHost {
        /// Configured printer name.
        printer: String,
        /// The host as configured.
        host: String,
    },
    /// The connection broke while sending.
    #[error("Printer '{printer}' at {addr} stopped taking the job after {sent} of {total} bytes ({reason}) — check the printer, then print again.")]
    SendFailed {
        /// Configured printer name.
        printer: String,
        /// host:port.
        addr: String,
        /// Bytes written before the failure.
        sent: usize,
        /// Job size.
        total: usize,
        /// What the system said.
        reason: String,
    },
    /// The system queue does not exist.
    #[error("The system printer '{queue}' was not found — pick one of: {available}.")]
    QueueNotFound {
        /// The configured queue.
        queue: String,
        /// Queues that do exist, comma-separated (or "none installed").
        available: String,
    },
    /// The spooler refused the job.
    #[error("The system spooler did not accept the job for '{queue}' ({reason}) — check that the printer is enabled and accepting jobs.")]
    SpoolerRejected {
        /// The queue.
        queue: String,
        /// What the spooler said.
        reason: String,
    },
    /// The printer takes another language than the document is in.
    #[error("Printer '{printer}' takes {wants} but this {doc} is {got} — choose a {got} printer for it, or buy labels as {wants}.")]
    WrongLanguage {
        /// Configured printer name.
        printer: String,
        /// What the printer takes.
        wants: &'static str,
        /// What the document is.
        got: &'static str,
        /// Document kind ("label", "packing slip", "manifest").
        doc: &'static str,
    },
    /// Converting the document for the printer failed.
    #[error("The document could not be prepared for printer '{printer}': {source}")]
    Convert {
        /// Configured printer name.
        printer: String,
        /// What the label library said.
        #[source]
        source: labels::LabelError,
    },
    /// The virtual printer could not write its folder.
    #[error("The demo printer could not write into '{dir}' ({reason}) — choose a folder you can write to.")]
    VirtualDir {
        /// The folder.
        dir: String,
        /// What the system said.
        reason: String,
    },
    /// System printing does not exist on this platform.
    #[error("System printers are not supported on this operating system — use a network (TCP 9100) printer.")]
    Unsupported,
}

//! The one error type of this crate, worded for the operator at the packing bench.

/// What can go wrong while reading, converting or previewing a label document.
#[derive(Debug, thiserror::Error)]
pub enum LabelError {
    /// The bytes are none of ZPL, PDF or PNG.
    #[error("This label is not ZPL, PDF or PNG (it starts with {start:?}); ask for ZPL or PDF labels.")]
    UnknownFormat {
        /// The first bytes, for the log.
        start: String,
    },
    /// The PDF could not be opened.
    #[error("The PDF label could not be read ({reason}); download the label again.")]
    BadPdf {
        /// What the PDF reader said.
        reason: String,
    },
    /// The PDF has no page.
    #[error("The PDF label has no page; download the label again.")]
    EmptyPdf,
    /// The image could not be decoded.
    #[error("The PNG label could not be read ({0}); download the label again.")]
    BadImage(#[from] image::ImageError),
    /// The ZPL is not framed by `^XA … ^XZ`.
    #[error("The ZPL label is incomplete: {0}. Download the label again.")]
    BadZpl(String),
    /// The requested label size or resolution cannot be used.
    #[error("The label size {width_in} x {height_in} in at {dpi} dpi is not usable; check the printer settings.")]
    BadSize {
        /// Label width in inches.
        width_in: f32,
        /// Label height in inches.
        height_in: f32,
        /// Printer resolution.
        dpi: u32,
    },
    /// The ZPL renderer used for previews and rescaling failed.
    #[error("The ZPL label could not be drawn for a preview ({0}).")]
    Render(String),
    /// Compressing the bitmap failed (out of memory, in practice).
    #[error("The label bitmap could not be compressed ({0}).")]
    Compress(#[from] std::io::Error),
}

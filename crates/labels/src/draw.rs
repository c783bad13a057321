//! Drawing shipping labels from scratch: a 4x6 in label with the addresses, the service, the weight
//! and a Code 128 barcode of the tracking number, as ZPL II (203 dpi), PDF (288 x 432 pt) or PNG.
//!
//! The simulator serves these at `label_url`; the printer test label uses them too.

/// An address block as printed on a label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelAddress {
    /// Person or company name.
    pub name: String,
    /// Street lines, in order.
    pub lines: Vec<String>,
    /// City, state and postcode as one line, e.g. "San Francisco, CA 94117".
    pub city_line: String,
    /// ISO country code.
    pub country: String,
}

/// Everything a 4x6 shipping label shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShippingLabel {
    /// The carrier's tracking number; the Code 128 barcode encodes exactly this.
    pub tracking_number: String,
    /// Carrier name, e.g. "USPS".
    pub carrier: String,
    /// Service level name, e.g. "Priority Mail".
    pub service: String,
    /// Sender.
    pub from: LabelAddress,
    /// Recipient.
    pub to: LabelAddress,
    /// Weight as printed, e.g. "2.5 lb".
    pub weight: String,
    /// An optional reference line (order number).
    pub reference: Option<String>,
}

/// The label as ZPL II for a 203-dpi printer: `^XA … ^XZ` with `^PW812 ^LL1218`.
///
/// Placeholder drawing until the full layout lands; the signature is stable.
pub fn zpl_4x6(label: &ShippingLabel) -> Vec<u8> {
    format!(
        "^XA^PW812^LL1218^CI28\n^FO40,40^A0N,40,40^FD{}^FS\n^FO40,900^BY3^BCN,200,Y,N,N^FD{}^FS\n^XZ\n",
        label.carrier, label.tracking_number
    )
    .into_bytes()
}

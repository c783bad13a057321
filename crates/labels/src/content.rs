//! What a shipping label shows: the addresses, the carrier and service, the weight, the tracking
//! number. [`crate::layout`] places it; [`crate::draw`] writes it as ZPL, PDF or PNG.

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

impl ShippingLabel {
    /// A realistic USPS Priority Mail label with `tracking` as its tracking number: the one sample
    /// that tests, benchmarks and demo prints share.
    pub fn sample(tracking: &str) -> ShippingLabel {
        ShippingLabel {
            tracking_number: tracking.into(),
            carrier: "USPS".into(),
            service: "Priority Mail".into(),
            from: LabelAddress {
                name: "Shipbench Test Shop".into(),
                lines: vec!["215 Clayton St.".into()],
                city_line: "San Francisco, CA 94117".into(),
                country: "US".into(),
            },
            to: LabelAddress {
                name: "Mrs Hippo".into(),
                lines: vec!["965 Mission St".into(), "Suite 480".into()],
                city_line: "San Francisco, CA 94103".into(),
                country: "US".into(),
            },
            weight: "2.5 lb".into(),
            reference: Some("Order #1042".into()),
        }
    }
}

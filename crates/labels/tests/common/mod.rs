//! Shared helpers for the labels integration tests.
#![allow(dead_code)]

use image::GrayImage;
use labels::ShippingLabel;
use rxing::BarcodeFormat;

/// A realistic label with the given tracking number.
pub fn label(tracking: &str) -> ShippingLabel {
    ShippingLabel::sample(tracking)
}

/// Tracking numbers of the shapes carriers use: USPS (22 digits), UPS (alphanumeric), FedEx (12).
pub const TRACKING: [&str; 3] = ["9400111899223456789012", "1Z999AA10123456784", "794612345678"];

/// Decodes the Code 128 barcode in a grayscale image.
pub fn decode(gray: &GrayImage) -> Option<String> {
    let (w, h) = gray.dimensions();
    rxing::helpers::detect_in_luma(gray.as_raw().clone(), w, h, Some(BarcodeFormat::CODE_128))
        .ok()
        .map(|r| r.getText().to_string())
}

/// Renders ZPL the way a printer would and returns the image.
pub fn render(zpl: &[u8], dpi: labels::Dpi) -> GrayImage {
    labels::preview::zpl_to_gray(zpl, dpi, labels::LabelSize::default()).expect("ZPL renders")
}

/// Whether the ZPL contains `needle`.
pub fn contains(zpl: &[u8], needle: &str) -> bool {
    zpl.windows(needle.len()).any(|w| w == needle.as_bytes())
}

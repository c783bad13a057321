//! PNG previews of labels for the UI and for tests: PDF through hayro, ZPL through labelize, PNG as is.

use image::GrayImage;
#[cfg(feature = "labelize")]
use image::ImageFormat;

use crate::error::LabelError;
use crate::raster::{gray_to_png, pdf_to_gray, png_to_gray, Dpi, LabelSize, RasterOptions};
use crate::zpl::{require_format, validate_framing, DocFormat};

/// Renders the first ZPL format to grayscale the way a `dpi` printer with `size` stock would print it
/// (labelize; 1-bit output, so pixels are black or white).
#[cfg(feature = "labelize")]
pub fn zpl_to_gray(zpl: &[u8], dpi: Dpi, size: LabelSize) -> Result<GrayImage, LabelError> {
    validate_framing(zpl)?;
    // labelize counts whole dots per mm (8 or 12); give it the size that makes the canvas exactly the
    // printer's dots (812 x 1218 at 203 dpi, 1200 x 1800 at 300 dpi for 4x6).
    let dpmm = dpi.dots_per_mm() as f64;
    let opts = RasterOptions { dpi, size, ..RasterOptions::default() };
    let (w, h) = opts.dots()?;
    let options = labelize::RenderOptions {
        language: Some(labelize::Language::Zpl),
        width_mm: Some(w as f64 / dpmm),
        height_mm: Some(h as f64 / dpmm),
        dpmm: dpmm as i32,
        antialias: false,
    };
    let rendered = labelize::render_png(zpl, options).map_err(|e| LabelError::Render(e.to_string()))?;
    let img = image::load_from_memory_with_format(&rendered.bytes, ImageFormat::Png)?;
    Ok(img.into_luma8())
}

/// Without the `labelize` feature ZPL cannot be rendered.
#[cfg(not(feature = "labelize"))]
pub fn zpl_to_gray(zpl: &[u8], _dpi: Dpi, _size: LabelSize) -> Result<GrayImage, LabelError> {
    validate_framing(zpl)?;
    Err(LabelError::Render("this build has no ZPL renderer (feature `labelize`)".into()))
}

/// A PNG preview of a ZPL, PDF or PNG label at the printer's resolution on `size` stock.
///
/// ZPL is rendered as the printer would (labelize), PDF is rasterised (hayro, with gray edges
/// kept for a readable preview), PNG is brought to the label size.
pub fn preview_png(doc: &[u8], dpi: Dpi, size: LabelSize) -> Result<Vec<u8>, LabelError> {
    let opts = RasterOptions { dpi, size, ..RasterOptions::default() };
    let gray = match require_format(doc)? {
        DocFormat::Zpl => zpl_to_gray(doc, dpi, size)?,
        DocFormat::Pdf => pdf_to_gray(doc, &opts)?,
        DocFormat::Png => png_to_gray(doc, &opts)?,
    };
    Ok(gray_to_png(&gray))
}

//! Making any label printable on a ZPL printer: PDF and PNG become one `^GF` bitmap at the printer's
//! resolution; ZPL written for another resolution is adapted.
//!
//! ## 203-dpi ZPL on a 300-dpi printer
//! Carrier ZPL is written for 203 dpi. On a 300-dpi head it prints at two thirds of the size. Two
//! remedies, chosen per format by [`ZplRescale::Auto`]:
//! - no bitmap in the format (`^GF`/`^XG`/`^IM` absent): insert `^MUD,200,300` after `^XA`. The printer
//!   scales every coordinate, font and barcode module itself and renders them natively at 300 dpi:
//!   sharpest text and bars, and the job stays a few hundred bytes.
//! - a bitmap in the format: `^MU` does not scale `^GF` (the logo or a whole-label image would print
//!   small), so the format is rendered at 203 dpi (labelize), scaled to 300 dpi and sent as one `^GF`.
//!
//! [`ZplRescale::Rasterize`] forces the second way for every format.

use image::imageops::{self, FilterType};

use crate::error::LabelError;
use crate::gf::{graphic_label, GfEncoding};
use crate::preview::zpl_to_gray;
use crate::raster::{pdf_to_mono, png_to_mono, Dpi, MonoBitmap, RasterOptions};
use crate::zpl::{has_graphics, require_format, validate_framing, with_mu_prefix, DocFormat};

/// How ZPL written for another resolution is adapted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZplRescale {
    /// `^MU` when the format has no bitmap, otherwise render and re-encode as `^GF`.
    #[default]
    Auto,
    /// Always render and re-encode as `^GF`.
    Rasterize,
}

/// Everything a conversion for one printer needs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ConvertOptions {
    /// The printer: resolution, stock, threshold or dithering.
    pub raster: RasterOptions,
    /// `^GF` data encoding (Z64 by default; hex for old firmware).
    pub encoding: GfEncoding,
    /// The resolution incoming ZPL was written for (203 unless the operator says otherwise).
    pub zpl_source_dpi: Dpi,
    /// How ZPL for another resolution is adapted.
    pub rescale: ZplRescale,
}

/// Turns a ZPL, PDF or PNG label into ZPL for the printer described by `opts`.
///
/// ZPL at the printer's resolution passes through byte for byte (after a framing check).
pub fn to_printer_zpl(doc: &[u8], opts: &ConvertOptions) -> Result<Vec<u8>, LabelError> {
    match require_format(doc)? {
        DocFormat::Pdf => pdf_to_zpl(doc, opts),
        DocFormat::Png => png_to_zpl(doc, opts),
        DocFormat::Zpl => rescale_zpl(doc, opts),
    }
}

/// A PDF label as `^XA^PW…^LL…^FO0,0^GFA,…^FS^XZ` at the printer's resolution.
pub fn pdf_to_zpl(pdf: &[u8], opts: &ConvertOptions) -> Result<Vec<u8>, LabelError> {
    let mono = pdf_to_mono(pdf, &opts.raster)?;
    graphic_label(&mono, opts.encoding)
}

/// A PNG label as `^XA^PW…^LL…^FO0,0^GFA,…^FS^XZ` at the printer's resolution.
pub fn png_to_zpl(png: &[u8], opts: &ConvertOptions) -> Result<Vec<u8>, LabelError> {
    let mono = png_to_mono(png, &opts.raster)?;
    graphic_label(&mono, opts.encoding)
}

/// ZPL written for `opts.zpl_source_dpi` made right for `opts.raster.dpi` (see the module docs).
pub fn rescale_zpl(zpl: &[u8], opts: &ConvertOptions) -> Result<Vec<u8>, LabelError> {
    validate_framing(zpl)?;
    let (from, to) = (opts.zpl_source_dpi, opts.raster.dpi);
    if from == to {
        return Ok(zpl.to_vec());
    }
    let mut out = Vec::new();
    for format in split_formats(zpl) {
        if opts.rescale == ZplRescale::Auto && !has_graphics(format) {
            out.extend_from_slice(&with_mu_prefix(format, from.value(), to.value()));
        } else {
            let mono = rerender(format, from, &opts.raster)?;
            out.extend_from_slice(&graphic_label(&mono, opts.encoding)?);
        }
    }
    Ok(out)
}

/// Renders one format at its own resolution and resamples it to the printer's.
fn rerender(format: &[u8], from: Dpi, target: &RasterOptions) -> Result<MonoBitmap, LabelError> {
    let (w, h) = target.dots()?;
    let gray = zpl_to_gray(format, from, target.size)?;
    let scaled = imageops::resize(&gray, w, h, FilterType::Triangle);
    Ok(MonoBitmap::from_gray(&scaled, target.mono))
}

/// The `^XA … ^XZ` formats, each with what precedes it since the previous one (e.g. `~` commands).
fn split_formats(zpl: &[u8]) -> Vec<&[u8]> {
    let mut formats = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 3 <= zpl.len() {
        if zpl[i] == b'^' && zpl[i + 1..i + 3].eq_ignore_ascii_case(b"XZ") {
            let mut end = i + 3;
            // Keep the line break that follows ^XZ with its format.
            while end < zpl.len() && (zpl[end] == b'\r' || zpl[end] == b'\n') {
                end += 1;
            }
            formats.push(&zpl[start..end]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < zpl.len() && !zpl[start..].iter().all(u8::is_ascii_whitespace) {
        formats.push(&zpl[start..]);
    }
    formats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_split_after_xz() {
        let parts = split_formats(b"~SD20^XA^FDa^XZ\r\n^XA^FDb^XZ");
        assert_eq!(parts, vec![&b"~SD20^XA^FDa^XZ\r\n"[..], &b"^XA^FDb^XZ"[..]]);
    }

    #[test]
    fn zpl_at_the_printer_resolution_passes_through() {
        let zpl = b"^XA^FO10,10^A0N,30,30^FDhello^FS^XZ\n";
        assert_eq!(to_printer_zpl(zpl, &ConvertOptions::default()).ok().as_deref(), Some(&zpl[..]));
    }
}

//! From a PDF or PNG label to a 1-bit bitmap at the printer's resolution: rasterise (hayro), grayscale,
//! rotate landscape pages, scale to the label, threshold or dither.

use std::io::Cursor;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use image::imageops::{self, FilterType};
use image::{GrayImage, ImageFormat, Luma};

use crate::error::LabelError;

/// Printer head resolution. With the `serde` feature it reads and writes as the number (203 or 300).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub enum Dpi {
    /// 203 dpi (8 dots/mm), the common thermal printer.
    #[default]
    D203,
    /// 300 dpi (12 dots/mm).
    D300,
}

impl Dpi {
    /// Dots per inch.
    pub fn value(self) -> u32 {
        match self {
            Dpi::D203 => 203,
            Dpi::D300 => 300,
        }
    }

    /// Dots per millimetre, as ZPL renderers count them (8 or 12).
    pub fn dots_per_mm(self) -> u32 {
        match self {
            Dpi::D203 => 8,
            Dpi::D300 => 12,
        }
    }

    /// The resolution for a dpi figure: 300 and above is 300, anything else 203.
    pub fn from_value(dpi: u32) -> Dpi {
        if dpi >= 300 {
            Dpi::D300
        } else {
            Dpi::D203
        }
    }

    /// Whole dots for a length in inches.
    pub fn dots(self, inches: f32) -> u32 {
        (inches * self.value() as f32).round().max(0.0) as u32
    }
}

impl TryFrom<u32> for Dpi {
    type Error = String;

    /// The resolution a printer reports: 200 to 203 is 203 dpi, 300 is 300; anything else is
    /// refused with a sentence (thermal printers have one of the two).
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        match v {
            200..=203 => Ok(Dpi::D203),
            300 => Ok(Dpi::D300),
            other => Err(format!("{other} dpi is not supported; thermal printers have 203 or 300 dpi")),
        }
    }
}

impl From<Dpi> for u32 {
    fn from(d: Dpi) -> u32 {
        d.value()
    }
}

/// Label stock size in inches (portrait: width is the printed width). With the `serde` feature it
/// reads and writes as `{"width_in": 4.0, "height_in": 6.0}`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LabelSize {
    /// Width in inches.
    pub width_in: f32,
    /// Height (feed length) in inches.
    pub height_in: f32,
}

impl Default for LabelSize {
    /// The 4 x 6 in shipping label.
    fn default() -> Self {
        LabelSize { width_in: 4.0, height_in: 6.0 }
    }
}

/// How grays become black or white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Monochrome {
    /// Black where luma is below the threshold (0–255). Keeps barcode edges sharp: the default.
    Threshold(u8),
    /// Floyd–Steinberg error diffusion: better photos, worse barcodes.
    FloydSteinberg,
}

impl Default for Monochrome {
    fn default() -> Self {
        Monochrome::Threshold(127)
    }
}

/// How to rasterise a label for a printer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RasterOptions {
    /// The printer's resolution.
    pub dpi: Dpi,
    /// The label stock.
    pub size: LabelSize,
    /// Threshold (default) or dithering.
    pub mono: Monochrome,
}

impl RasterOptions {
    /// Label width and height in dots; an error for sizes no printer takes (over 32000 dots or zero).
    pub fn dots(&self) -> Result<(u32, u32), LabelError> {
        let (w, h) = (self.dpi.dots(self.size.width_in), self.dpi.dots(self.size.height_in));
        if w == 0 || h == 0 || w > 32000 || h > 32000 {
            return Err(LabelError::BadSize {
                width_in: self.size.width_in,
                height_in: self.size.height_in,
                dpi: self.dpi.value(),
            });
        }
        Ok((w, h))
    }
}

/// A 1-bit bitmap, rows packed MSB first, 1 = black (the layout of ZPL `^GF`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonoBitmap {
    /// Width in dots.
    pub width: u32,
    /// Height in dots.
    pub height: u32,
    /// Bytes per row (`ceil(width / 8)`).
    pub bytes_per_row: u32,
    /// `bytes_per_row * height` bytes.
    pub data: Vec<u8>,
}

impl MonoBitmap {
    /// An all-white bitmap.
    pub fn new(width: u32, height: u32) -> MonoBitmap {
        let bytes_per_row = width.div_ceil(8);
        MonoBitmap { width, height, bytes_per_row, data: vec![0; (bytes_per_row * height) as usize] }
    }

    /// Whether the dot at (x, y) is black.
    pub fn get(&self, x: u32, y: u32) -> bool {
        let byte = self.data[(y * self.bytes_per_row + x / 8) as usize];
        byte & (0x80 >> (x % 8)) != 0
    }

    /// Makes the dot at (x, y) black.
    pub fn set(&mut self, x: u32, y: u32) {
        self.data[(y * self.bytes_per_row + x / 8) as usize] |= 0x80 >> (x % 8);
    }

    /// One packed row.
    pub fn row(&self, y: u32) -> &[u8] {
        let start = (y * self.bytes_per_row) as usize;
        &self.data[start..start + self.bytes_per_row as usize]
    }

    /// Packs a grayscale image: black where `black(x, y)` says so.
    pub fn from_gray(gray: &GrayImage, mono: Monochrome) -> MonoBitmap {
        let (w, h) = gray.dimensions();
        let mut out = MonoBitmap::new(w, h);
        match mono {
            Monochrome::Threshold(t) => {
                for (x, y, p) in gray.enumerate_pixels() {
                    if p.0[0] < t {
                        out.set(x, y);
                    }
                }
            }
            Monochrome::FloydSteinberg => {
                let (wu, hu) = (w as usize, h as usize);
                let mut err: Vec<i16> = gray.as_raw().iter().map(|&v| v as i16).collect();
                for y in 0..hu {
                    for x in 0..wu {
                        let old = err[y * wu + x];
                        let new = if old < 128 { 0 } else { 255 };
                        if new == 0 {
                            out.set(x as u32, y as u32);
                        }
                        let e = old - new;
                        let mut spread = |dx: isize, dy: usize, num: i16| {
                            let nx = x as isize + dx;
                            if nx >= 0 && (nx as usize) < wu && y + dy < hu {
                                let i = (y + dy) * wu + nx as usize;
                                err[i] = err[i].saturating_add(e * num / 16);
                            }
                        };
                        spread(1, 0, 7);
                        spread(-1, 1, 3);
                        spread(0, 1, 5);
                        spread(1, 1, 1);
                    }
                }
            }
        }
        out
    }

    /// The bitmap as a black-and-white grayscale image.
    pub fn to_gray(&self) -> GrayImage {
        GrayImage::from_fn(self.width, self.height, |x, y| {
            Luma([if self.get(x, y) { 0 } else { 255 }])
        })
    }

    /// The bitmap as a PNG (8-bit gray, only black and white).
    pub fn to_png(&self) -> Vec<u8> {
        gray_to_png(&self.to_gray())
    }
}

/// Encodes a grayscale image as PNG bytes.
pub fn gray_to_png(gray: &GrayImage) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    // Writing PNG into memory only fails on allocation failure.
    if let Err(e) = gray.write_to(&mut out, ImageFormat::Png) {
        tracing::error!("PNG encoding failed: {e}");
    }
    out.into_inner()
}

/// Luma of an RGB pixel: (299 R + 587 G + 114 B) / 1000.
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * r as u32 + 587 * g as u32 + 114 * b as u32) / 1000) as u8
}

/// Renders the first page of a PDF to grayscale at the printer's resolution, rotated upright when the
/// page is landscape on portrait stock, scaled to fit the label and centred on a white label-sized
/// canvas.
pub fn pdf_to_gray(pdf_bytes: &[u8], opts: &RasterOptions) -> Result<GrayImage, LabelError> {
    let (label_w, label_h) = opts.dots()?;
    let pdf = Pdf::new(pdf_bytes.to_vec()).map_err(|e| LabelError::BadPdf { reason: format!("{e:?}") })?;
    let pages = pdf.pages();
    let page = pages.first().ok_or(LabelError::EmptyPdf)?;
    let (pw, ph) = page.render_dimensions();
    if pw <= 0.0 || ph <= 0.0 {
        return Err(LabelError::EmptyPdf);
    }
    let rotate = (pw > ph) != (label_w > label_h);
    let (fit_w, fit_h) = if rotate { (ph, pw) } else { (pw, ph) };
    let scale = (label_w as f32 / fit_w).min(label_h as f32 / fit_h);
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE },
    );
    let (w, h) = (pixmap.width() as u32, pixmap.height() as u32);
    let rgba = pixmap.data_as_u8_slice();
    // Premultiplied over an opaque white background: the alpha is 255 everywhere.
    let luma_bytes: Vec<u8> = rgba.chunks_exact(4).map(|px| luma(px[0], px[1], px[2])).collect();
    let gray = GrayImage::from_raw(w, h, luma_bytes).ok_or(LabelError::EmptyPdf)?;
    let gray = if rotate { imageops::rotate90(&gray) } else { gray };
    Ok(place(gray, label_w, label_h))
}

/// Decodes a PNG and brings it to the label: grayscale (over white), rotated when landscape on portrait
/// stock, scaled to fit, centred.
pub fn png_to_gray(png: &[u8], opts: &RasterOptions) -> Result<GrayImage, LabelError> {
    let (label_w, label_h) = opts.dots()?;
    let img = image::load_from_memory_with_format(png, ImageFormat::Png)?.into_rgba8();
    let mut gray = GrayImage::new(img.width(), img.height());
    for (dst, p) in gray.pixels_mut().zip(img.pixels()) {
        let [r, g, b, a] = p.0;
        let over_white = |c: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
        dst.0[0] = luma(over_white(r), over_white(g), over_white(b));
    }
    let rotate = (gray.width() > gray.height()) != (label_w > label_h);
    let gray = if rotate { imageops::rotate90(&gray) } else { gray };
    let scale = (label_w as f32 / gray.width() as f32).min(label_h as f32 / gray.height() as f32);
    let (nw, nh) = (
        ((gray.width() as f32 * scale).round() as u32).clamp(1, label_w),
        ((gray.height() as f32 * scale).round() as u32).clamp(1, label_h),
    );
    let gray = if (nw, nh) == gray.dimensions() {
        gray
    } else {
        imageops::resize(&gray, nw, nh, FilterType::Triangle)
    };
    Ok(place(gray, label_w, label_h))
}

/// Centres `gray` on a white `w` x `h` canvas (cropping what sticks out).
fn place(gray: GrayImage, w: u32, h: u32) -> GrayImage {
    if gray.dimensions() == (w, h) {
        return gray;
    }
    let mut canvas = GrayImage::from_pixel(w, h, Luma([255]));
    let x = (w as i64 - gray.width() as i64) / 2;
    let y = (h as i64 - gray.height() as i64) / 2;
    imageops::overlay(&mut canvas, &gray, x, y);
    canvas
}

/// A PDF label as a 1-bit bitmap for the printer.
pub fn pdf_to_mono(pdf: &[u8], opts: &RasterOptions) -> Result<MonoBitmap, LabelError> {
    Ok(MonoBitmap::from_gray(&pdf_to_gray(pdf, opts)?, opts.mono))
}

/// A PNG label as a 1-bit bitmap for the printer.
pub fn png_to_mono(png: &[u8], opts: &RasterOptions) -> Result<MonoBitmap, LabelError> {
    Ok(MonoBitmap::from_gray(&png_to_gray(png, opts)?, opts.mono))
}

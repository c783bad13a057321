//! # labels — label documents
//!
//! Its job: write and read ZPL II, write 4x6 PDF labels, rasterise PDF/PNG to 1-bit at 203 or 300 dpi
//! and encode it as `^GF` (hex or Z64), and render previews as PNG.
//!
//! It must never import: the network (no HTTP), SQLite, printers, the station or Tauri. It is pure
//! document work, used by the simulator to draw labels and by the station to convert them.

pub mod content;
pub mod draw;
pub mod error;
pub mod gf;
pub mod layout;
pub mod convert;
pub mod preview;
pub mod raster;
pub mod zpl;

pub use content::{LabelAddress, ShippingLabel};
pub use draw::{pdf_4x6, png_4x6, zpl_4x6};
pub use error::LabelError;
pub use gf::GfEncoding;
pub use raster::{Dpi, LabelSize, MonoBitmap, Monochrome, RasterOptions};

//! Label files and documents the simulator serves itself (no auth, as Shippo's file URLs):
//! `/files/labels/<transaction>.zpl|pdf|png`, merged batch files and PDF documents.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use labels::{LabelAddress, ShippingLabel};
use serde_json::Value;

use crate::error::ApiError;
use crate::server::Shared;

/// The file format of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// ZPL II text.
    Zpl,
    /// A 4x6 in PDF.
    Pdf,
    /// A PNG image.
    Png,
}

impl FileKind {
    /// The format a `label_file_type` maps to (PDF for every PDF size, PNG for both PNG sizes).
    pub fn from_label_type(t: &str) -> FileKind {
        match t {
            "ZPLII" => FileKind::Zpl,
            "PNG" | "PNG_2.3x7.5" => FileKind::Png,
            _ => FileKind::Pdf,
        }
    }
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            FileKind::Zpl => "zpl",
            FileKind::Pdf => "pdf",
            FileKind::Png => "png",
        }
    }
    fn content_type(self) -> &'static str {
        match self {
            FileKind::Zpl => "application/zpl",
            FileKind::Pdf => "application/pdf",
            FileKind::Png => "image/png",
        }
    }
}

/// A label to draw on request.
#[derive(Debug, Clone)]
pub struct LabelFile {
    /// What the label shows.
    pub label: ShippingLabel,
    /// Its format.
    pub kind: FileKind,
}

fn text(v: &Value, k: &str) -> String {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// An address as a label prints it.
pub fn label_address(v: &Value) -> LabelAddress {
    let mut lines = Vec::new();
    let company = text(v, "company");
    // A shop that is both the sender's name and company prints once.
    if !company.is_empty() && !company.eq_ignore_ascii_case(&text(v, "name")) {
        lines.push(company);
    }
    for k in ["street1", "street2", "street3"] {
        let l = text(v, k);
        if !l.is_empty() {
            lines.push(l);
        }
    }
    let city_line = [
        text(v, "city"),
        format!("{} {}", text(v, "state"), text(v, "zip"))
            .trim()
            .to_string(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    LabelAddress {
        name: text(v, "name"),
        lines,
        city_line,
        country: text(v, "country"),
    }
}

/// The label of a shipment bought with a carrier and service.
pub fn label_for(
    shipment: &Value,
    carrier: &str,
    service: &str,
    tracking: &str,
    reference: Option<String>,
) -> ShippingLabel {
    let parcels = shipment["parcels"].as_array().cloned().unwrap_or_default();
    let weight = match parcels.first() {
        Some(p) => {
            let w: f64 = text(p, "weight").parse().unwrap_or(0.0);
            format!("{} {}", trim_number(w), text(p, "mass_unit"))
        }
        None => String::new(),
    };
    ShippingLabel {
        tracking_number: tracking.to_string(),
        carrier: carrier.to_string(),
        service: service.to_string(),
        from: label_address(&shipment["address_from"]),
        to: label_address(&shipment["address_to"]),
        weight,
        reference,
    }
}

fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Draws a label in its format.
pub fn render(f: &LabelFile) -> Vec<u8> {
    match f.kind {
        FileKind::Zpl => labels::draw::zpl_4x6(&f.label),
        FileKind::Pdf => pdf_label(&f.label),
        FileKind::Png => png_label(&f.label),
    }
}

/// The 4x6 PDF label (288 x 432 pt).
fn pdf_label(l: &ShippingLabel) -> Vec<u8> {
    labels::draw::pdf_4x6(l)
}

/// The 4x6 PNG label (812 x 1218 at 203 dpi).
fn png_label(l: &ShippingLabel) -> Vec<u8> {
    labels::draw::png_4x6(l)
}

/// A label's text lines (for text documents).
pub fn label_lines(l: &ShippingLabel) -> Vec<String> {
    let mut lines = vec![
        format!("{} - {}", l.carrier, l.service),
        String::new(),
        "FROM:".into(),
        l.from.name.clone(),
    ];
    lines.extend(l.from.lines.iter().cloned());
    lines.push(format!("{} {}", l.from.city_line, l.from.country));
    lines.extend([String::new(), "SHIP TO:".into(), l.to.name.clone()]);
    lines.extend(l.to.lines.iter().cloned());
    lines.push(format!("{} {}", l.to.city_line, l.to.country));
    lines.extend([
        String::new(),
        format!("Weight: {}", l.weight),
        format!("Tracking: {}", l.tracking_number),
    ]);
    if let Some(r) = &l.reference {
        lines.push(format!("Ref: {r}"));
    }
    lines
}

async fn slow(s: &Shared) {
    let ms = s.lock().faults.config.slow_labels_ms;
    if let Some(ms) = ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// `GET /files/labels/{file}`: one label, drawn on request.
pub async fn label(
    State(s): State<Shared>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    slow(&s).await;
    let (stem, ext) = file.rsplit_once('.').ok_or_else(ApiError::not_found)?;
    let f = s
        .lock()
        .label_files
        .get(stem)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    if f.kind.ext() != ext {
        return Err(ApiError::not_found());
    }
    let kind = f.kind;
    let bytes = tokio::task::spawn_blocking(move || render(&f))
        .await
        .map_err(|_| {
            ApiError::detail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The label could not be drawn.",
            )
        })?;
    Ok(([(header::CONTENT_TYPE, kind.content_type())], bytes).into_response())
}

/// `GET /files/merged/{file}`: a batch's merged label file (ZPL labels concatenated; PDF one page per label).
pub async fn merged(
    State(s): State<Shared>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    slow(&s).await;
    let (stem, ext) = file.rsplit_once('.').ok_or_else(ApiError::not_found)?;
    let files = s
        .lock()
        .merged_files
        .get(stem)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let kind = files.first().map(|f| f.kind).unwrap_or(FileKind::Pdf);
    if kind.ext() != ext {
        return Err(ApiError::not_found());
    }
    let bytes = tokio::task::spawn_blocking(move || match kind {
        FileKind::Zpl => files.iter().flat_map(render).collect::<Vec<u8>>(),
        _ => crate::documents::text_pdf(
            &files
                .iter()
                .map(|f| label_lines(&f.label))
                .collect::<Vec<_>>(),
            288.0,
            432.0,
        ),
    })
    .await
    .map_err(|_| {
        ApiError::detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The merged label file could not be drawn.",
        )
    })?;
    Ok(([(header::CONTENT_TYPE, kind.content_type())], bytes).into_response())
}

/// `GET /files/docs/{name}.pdf`: packing slips and manifests.
pub async fn document(
    State(s): State<Shared>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let stem = file.strip_suffix(".pdf").ok_or_else(ApiError::not_found)?;
    let lines = s
        .lock()
        .documents
        .get(stem)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let bytes = crate::documents::text_pdf(&[lines], 612.0, 792.0);
    Ok(([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response())
}

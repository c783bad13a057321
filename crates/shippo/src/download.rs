//! Downloading label files, batch merged labels and manifest documents, with a size limit and
//! checks that the bytes are what the server and the order say they are.

use futures::StreamExt;
use reqwest::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use url::Url;

use crate::error::DownloadProblem;
use crate::models::LabelFileType;
use crate::{Client, Error};

/// The family of a downloaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelFormat {
    /// ZPL II text for Zebra-compatible printers.
    Zpl,
    /// A PDF document.
    Pdf,
    /// A PNG image.
    Png,
}

impl LabelFormat {
    /// The family a `label_file_type` belongs to.
    pub fn of(file_type: &LabelFileType) -> Option<LabelFormat> {
        let s = file_type.as_str();
        if s.starts_with("ZPL") {
            Some(LabelFormat::Zpl)
        } else if s.starts_with("PDF") {
            Some(LabelFormat::Pdf)
        } else if s.starts_with("PNG") {
            Some(LabelFormat::Png)
        } else {
            None
        }
    }

    /// Reads the format from the first bytes.
    pub fn detect(bytes: &[u8]) -> Option<LabelFormat> {
        if bytes.starts_with(b"%PDF") {
            return Some(LabelFormat::Pdf);
        }
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(LabelFormat::Png);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let start = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let first = start
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|i| start[i]);
        let has_xa = start.windows(3).any(|w| w.eq_ignore_ascii_case(b"^XA"));
        if matches!(first, Some(b'^' | b'~')) && has_xa {
            return Some(LabelFormat::Zpl);
        }
        None
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            LabelFormat::Zpl => "ZPL",
            LabelFormat::Pdf => "PDF",
            LabelFormat::Png => "PNG",
        }
    }

    fn accepts(self, content_type: &str) -> bool {
        match self {
            LabelFormat::Zpl => {
                matches!(
                    content_type,
                    "text/plain"
                        | "application/octet-stream"
                        | "application/zpl"
                        | "application/x-zpl"
                )
            }
            LabelFormat::Pdf => content_type == "application/pdf",
            LabelFormat::Png => content_type == "image/png",
        }
    }
}

/// A downloaded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelFile {
    /// The file's bytes, exactly as served.
    pub bytes: Vec<u8>,
    /// What the bytes are.
    pub format: LabelFormat,
    /// The `Content-Type` the server declared.
    pub content_type: Option<String>,
}

impl Client {
    /// Downloads a label from a transaction's `label_url` (or a batch's merged `label_url`).
    /// `expected` is the `label_file_type` that was ordered; a file of another family is refused.
    pub async fn download_label(
        &self,
        url: &str,
        expected: Option<&LabelFileType>,
    ) -> Result<LabelFile, Error> {
        let file = self.download(url).await?;
        if let Some(want) = expected.and_then(LabelFormat::of) {
            if want != file.format {
                return Err(Error::Download {
                    host: host_of(url),
                    problem: DownloadProblem::WrongFormat {
                        expected: expected.map(|e| e.to_string()).unwrap_or_default(),
                        detected: file.format.name(),
                    },
                });
            }
        }
        Ok(file)
    }

    /// Downloads a document (manifest PDF, packing slip, commercial invoice): any of ZPL, PDF, PNG.
    pub async fn download_document(&self, url: &str) -> Result<LabelFile, Error> {
        self.download(url).await
    }

    async fn download(&self, url: &str) -> Result<LabelFile, Error> {
        let host = host_of(url);
        let fail = |problem| Error::Download {
            host: host.clone(),
            problem,
        };
        let parsed = Url::parse(url).map_err(|_| fail(DownloadProblem::BadUrl))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(fail(DownloadProblem::BadUrl));
        }
        let cfg = &self.inner.config;
        let limit = cfg.max_download_bytes;
        let mut req = self.inner.http.get(parsed.clone());
        // Labels live on a storage host; the token goes only to Shippo's own origin.
        if parsed.origin() == cfg.base_url.origin() {
            let mut auth = reqwest::header::HeaderValue::from_str(&cfg.token.authorization())
                .map_err(|_| Error::Config("the API token cannot be sent in a header".into()))?;
            auth.set_sensitive(true);
            req = req.header(AUTHORIZATION, auth);
        }
        let resp = req.send().await.map_err(unreachable_error)?;
        let status = resp.status();
        if !status.is_success() {
            return Err(fail(DownloadProblem::Http(status.as_u16())));
        }
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or(v).trim().to_ascii_lowercase());
        let declared_len = resp
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared_len.is_some_and(|n| n > limit) {
            return Err(fail(DownloadProblem::TooLarge { limit }));
        }
        let mut bytes = Vec::with_capacity(declared_len.unwrap_or(0));
        let mut body = resp.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(unreachable_error)?;
            if bytes.len() + chunk.len() > limit {
                return Err(fail(DownloadProblem::TooLarge { limit }));
            }
            bytes.extend_from_slice(&chunk);
        }
        let format =
            LabelFormat::detect(&bytes).ok_or_else(|| fail(DownloadProblem::UnknownFormat))?;
        if let Some(ct) = &content_type {
            if !format.accepts(ct) {
                return Err(fail(DownloadProblem::ContentType {
                    declared: ct.clone(),
                    detected: format.name(),
                }));
            }
        }
        tracing::debug!(host = %host, format = format.name(), size = bytes.len(), "downloaded a file");
        Ok(LabelFile {
            bytes,
            format,
            content_type,
        })
    }
}

fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "an unknown host".to_owned())
}

fn unreachable_error(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    Error::Unreachable { detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_magic() {
        assert_eq!(LabelFormat::detect(b"%PDF-1.4\n"), Some(LabelFormat::Pdf));
        assert_eq!(
            LabelFormat::detect(b"\x89PNG\r\n\x1a\n...."),
            Some(LabelFormat::Png)
        );
        assert_eq!(
            LabelFormat::detect(b"\n^XA^FO50,50^FDhi^FS^XZ"),
            Some(LabelFormat::Zpl)
        );
        assert_eq!(LabelFormat::detect(b"<html>nope</html>"), None);
        assert_eq!(
            LabelFormat::of(&LabelFileType::PDF_4x6),
            Some(LabelFormat::Pdf)
        );
    }
}

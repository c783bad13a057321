//! The demo printer: each job becomes a file in a folder, plus a PNG preview of what a real printer
//! would have printed, so the UI can show it.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::driver::{Document, JobState, JobTicket, PrinterDriver};
use crate::error::PrintError;

/// Writes jobs as `<dir>/<UTC timestamp>-<n>.<zpl|pdf|png>` and previews as `<same name>.preview.png`.
#[derive(Debug)]
pub struct VirtualDriver {
    name: String,
    dir: PathBuf,
    dpi: labels::Dpi,
    size: labels::LabelSize,
    sequence: AtomicU64,
}

impl VirtualDriver {
    /// A virtual printer writing into `dir` (created on first job); previews at `dpi` on `size`.
    pub fn new(name: String, dir: PathBuf, dpi: labels::Dpi, size: labels::LabelSize) -> VirtualDriver {
        VirtualDriver { name, dir, dpi, size, sequence: AtomicU64::new(0) }
    }

    /// The job file a ticket refers to.
    pub fn job_path(&self, ticket: &JobTicket) -> PathBuf {
        self.dir.join(&ticket.id)
    }

    /// The preview PNG of a job file.
    pub fn preview_path(job: &Path) -> PathBuf {
        job.with_extension(format!(
            "{}.preview.png",
            job.extension().and_then(|e| e.to_str()).unwrap_or("job")
        ))
    }

    fn dir_error(&self, e: std::io::Error) -> PrintError {
        PrintError::VirtualDir { dir: self.dir.display().to_string(), reason: e.to_string() }
    }
}

impl PrinterDriver for VirtualDriver {
    fn send(&self, doc: &Document) -> Result<JobTicket, PrintError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| self.dir_error(e))?;
        let stamp = utc_stamp(SystemTime::now());
        let (path, mut file) = loop {
            let n = self.sequence.fetch_add(1, Ordering::Relaxed) + 1;
            let path = self.dir.join(format!("{stamp}-{n}.{}", doc.format.extension()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(f) => break (path, f),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(self.dir_error(e)),
            }
        };
        file.write_all(&doc.bytes).map_err(|e| self.dir_error(e))?;
        file.sync_all().map_err(|e| self.dir_error(e))?;
        match labels::preview::preview_png(&doc.bytes, self.dpi, self.size) {
            Ok(png) => {
                std::fs::write(Self::preview_path(&path), png).map_err(|e| self.dir_error(e))?;
            }
            // The job itself is kept; only the picture is missing.
            Err(e) => tracing::warn!(printer = %self.name, "no preview for {}: {e}", path.display()),
        }
        let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        tracing::info!(printer = %self.name, job = %id, "job written by the virtual printer");
        Ok(JobTicket { printer: self.name.clone(), id, bytes: doc.bytes.len() })
    }

    /// Completed when the job file exists, otherwise unknown (deleted).
    fn job_state(&self, ticket: &JobTicket) -> Result<JobState, PrintError> {
        Ok(if self.job_path(ticket).is_file() { JobState::Completed } else { JobState::Unknown })
    }
}

/// `YYYYMMDDTHHMMSS.mmmZ` in UTC, sortable.
fn utc_stamp(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn stamps_are_utc_calendar_times() {
        let t = UNIX_EPOCH + Duration::from_millis(1_795_316_096_789);
        assert_eq!(utc_stamp(t), "20261122T025456.789Z");
        assert_eq!(utc_stamp(UNIX_EPOCH), "19700101T000000.000Z");
    }
}

//! Reading a file to print, with a size cap: a label, slip or manifest is small, so a huge file (or
//! a device such as `/dev/zero`) is refused after [`MAX_PRINT_FILE`] bytes instead of filling memory.

use std::io::Read;
use std::path::Path;

use crate::error::{Result, StationError};

/// The largest file Shipbench prints: 16 MiB.
pub const MAX_PRINT_FILE: u64 = 16 * 1024 * 1024;

/// Reads at most [`MAX_PRINT_FILE`] bytes of `path`; a longer file is refused with one sentence.
pub fn read_printable(path: &Path) -> Result<Vec<u8>> {
    read_capped(path, MAX_PRINT_FILE)
}

/// Reads at most `cap` bytes of `path` (never more than `cap + 1` are read from it).
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>> {
    let io = |source| StationError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(StationError::TooLarge(format!(
            "{} is larger than {} MiB, the most Shipbench prints; a label, packing slip or manifest is far smaller, so check that this is the right file.",
            path.display(),
            cap / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

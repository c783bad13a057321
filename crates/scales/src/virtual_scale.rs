//! The demo's virtual scale: its reading lives in a small JSON file in the profile's folder, so the
//! window and a separate `shipbench scale set 2.5lb` see the same scale.

use std::path::{Path, PathBuf};

use crate::error::ScaleError;
use crate::reading::{Reading, ScaleState};
use crate::weight::Weight;
use crate::Scale;

/// The file name of the virtual scale's reading, beside the profile's database.
pub const FILE_NAME: &str = "virtual-scale.json";

/// A scale whose reading is set by hand.
#[derive(Debug, Clone)]
pub struct VirtualScale {
    file: PathBuf,
}

impl VirtualScale {
    /// The virtual scale whose reading is kept in `file`.
    pub fn at(file: impl Into<PathBuf>) -> VirtualScale {
        VirtualScale { file: file.into() }
    }

    /// Puts a parcel of `weight` on the scale (a stable reading; zero reads as zero).
    pub fn set_weight(&self, weight: Weight) -> Result<(), ScaleError> {
        let state = if weight.is_positive() { ScaleState::Stable } else { ScaleState::Zero };
        self.set(&Reading::with_weight(state, weight))
    }

    /// Sets any reading (tests and the demo show every state this way).
    pub fn set(&self, reading: &Reading) -> Result<(), ScaleError> {
        let err = |e: &dyn std::fmt::Display| ScaleError::VirtualFile { path: self.file.display().to_string(), reason: e.to_string() };
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| err(&e))?;
        }
        let json = serde_json::to_vec(reading).map_err(|e| err(&e))?;
        let tmp = self.file.with_extension("json.tmp");
        std::fs::write(&tmp, json).map_err(|e| err(&e))?;
        std::fs::rename(&tmp, &self.file).map_err(|e| err(&e))
    }

    /// The file the reading is kept in.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl Scale for VirtualScale {
    fn read(&mut self) -> Reading {
        match std::fs::read(&self.file) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| Reading::state(ScaleState::Fault).detail(format!("unreadable virtual scale file: {e}"))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Reading::state(ScaleState::Zero),
            Err(e) => Reading::state(ScaleState::Fault).detail(e.to_string()),
        }
    }

    fn name(&self) -> String {
        "Virtual scale (demo)".into()
    }
}

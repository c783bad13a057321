//! What the shell keeps while the window is open.

use shipbench_cli::GlobalOpts;

/// Managed Tauri state: the options the app was started with.
pub struct AppState {
    /// Global command-line options (data dir, API base, demo).
    pub global: GlobalOpts,
}

impl AppState {
    /// State for a window started with these options.
    pub fn new(global: GlobalOpts) -> Self {
        AppState { global }
    }
}

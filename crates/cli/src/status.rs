//! `shipbench status`: the version, the data directory and the mode.

use serde::Serialize;

use crate::{output, GlobalOpts};

#[derive(Serialize)]
struct Status {
    version: &'static str,
    data_dir: String,
    api_base: String,
    mode: &'static str,
}

pub(crate) async fn run(global: &GlobalOpts) -> anyhow::Result<()> {
    let status = Status {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: global.data_dir().display().to_string(),
        api_base: global.api_base.clone(),
        mode: if global.demo { "DEMO" } else { "UNSET" },
    };
    output::print(global, &status, |s| {
        format!(
            "Shipbench {}\nmode:     {}\ndata dir: {}\napi base: {}",
            s.version, s.mode, s.data_dir, s.api_base
        )
    });
    Ok(())
}

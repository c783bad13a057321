//! `shipbench status`: the version, the data directory and the mode the bench opens in.

use serde::Serialize;
use station::account::Mode;

use crate::{open, output, GlobalOpts};

#[derive(Serialize)]
struct Status {
    version: &'static str,
    data_dir: String,
    api_base: String,
    mode: Mode,
    profile_dir: String,
}

pub(crate) async fn run(global: &GlobalOpts) -> anyhow::Result<()> {
    let session = open::offline(global).await?;
    let status = Status {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: session.options().data_dir.display().to_string(),
        api_base: session.options().api_base.clone(),
        mode: session.mode(),
        profile_dir: session.profile_dir().display().to_string(),
    };
    session.close().await;
    output::print(global, &status, |s| {
        format!(
            "Shipbench {}\nmode:     {}\ndata dir: {}\nprofile:  {}\napi base: {}",
            s.version, s.mode, s.data_dir, s.profile_dir, s.api_base
        )
    });
    Ok(())
}

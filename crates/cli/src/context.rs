//! Opening the station for the global options: which profile (DEMO/TEST/LIVE account), its
//! database, and — for commands that talk to Shippo — a client (in `--demo`, against the embedded
//! simulator). Every command that needs the store or Shippo goes through here.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::Store;

use crate::GlobalOpts;

/// The station opened for one command.
pub struct StationContext {
    /// Which account and mode.
    pub profile: Profile,
    /// The order cache of that profile.
    pub store: Store,
    /// The Shippo client, when the command asked for one.
    pub client: Option<Client>,
    /// The embedded simulator of `--demo` (kept alive while the command runs).
    sim: Option<Simulator>,
}

impl StationContext {
    /// The client; an error if the context was opened offline.
    pub fn client(&self) -> anyhow::Result<&Client> {
        self.client
            .as_ref()
            .context("this command needs Shippo, but the station was opened offline")
    }

    /// Stops the embedded simulator, if any.
    pub async fn close(mut self) {
        if let Some(sim) = self.sim.take() {
            sim.shutdown().await;
        }
    }
}

/// Which account/mode a command works in, and where its files live.
///
/// TODO(secrets): replace with `station::account::Profile` (same directory layout:
/// `<data>/demo/`, `<data>/test-<key>/`, `<data>/live-<key>/`) and read the token with
/// `station::secrets::TokenStore` once those modules are wired into `station/src/lib.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// `DEMO`, `TEST` or `LIVE`.
    pub mode: &'static str,
    dir_name: String,
}

impl Profile {
    /// The demo profile.
    pub fn demo() -> Profile {
        Profile { mode: "DEMO", dir_name: "demo".to_owned() }
    }

    /// This profile's directory under the data directory.
    pub fn dir(&self, data_dir: &Path) -> PathBuf {
        data_dir.join(&self.dir_name)
    }

    /// The SQLite database: `<data>/<profile>/shipbench.db`.
    pub fn db_path(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("shipbench.db")
    }

    /// The label cache: `<data>/<profile>/labels/`.
    pub fn label_cache_dir(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("labels")
    }

    /// Where the virtual printer writes: `<data>/<profile>/virtual-printer/`.
    pub fn virtual_printer_dir(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("virtual-printer")
    }
}

/// Which profile and token the global options select: `--demo` is the simulator's demo token.
/// Without `--demo` the token comes from the OS keyring, which is not wired here yet.
fn profile_and_token(global: &GlobalOpts) -> anyhow::Result<(Profile, Token)> {
    if global.demo {
        return Ok((Profile::demo(), Token::new(shippo_sim::DEMO_TOKEN)));
    }
    anyhow::bail!(
        "this build reads the Shippo token from the OS keyring only once token storage is wired in; \
         use --demo for now"
    )
}

/// Opens the profile's store without any network (offline review).
pub async fn open_offline(global: &GlobalOpts) -> anyhow::Result<StationContext> {
    let (profile, _token) = profile_and_token(global)?;
    let store = open_store(global, &profile)?;
    Ok(StationContext { profile, store, client: None, sim: None })
}

/// Opens the profile's store and a Shippo client (starting the simulator for `--demo`).
pub async fn open_online(global: &GlobalOpts) -> anyhow::Result<StationContext> {
    let (profile, token) = profile_and_token(global)?;
    let store = open_store(global, &profile)?;
    let (base_url, sim, pacing) = if global.demo {
        // Demo: the simulator's limits are off and so is pacing, so the demo is quick.
        let sim = Simulator::start(SimConfig { rate_limits: false, ..SimConfig::default() })
            .await
            .context("the embedded Shippo simulator could not start")?;
        (sim.base_url(), Some(sim), false)
    } else {
        (global.api_base.clone(), None, true)
    };
    let cfg = ClientConfig::new(token)
        .with_base_url(&base_url)
        .context("the Shippo API base URL is not valid")?
        .with_pacing(pacing);
    let client = Client::new(cfg).context("the Shippo client could not be set up")?;
    Ok(StationContext { profile, store, client: Some(client), sim })
}

fn open_store(global: &GlobalOpts, profile: &Profile) -> anyhow::Result<Store> {
    let path = profile.db_path(&global.data_dir());
    Ok(Store::open(&path)?)
}

//! Opening the station for the global options: which profile (DEMO/TEST/LIVE account), its
//! database, and — for commands that talk to Shippo — a client (in `--demo`, against the embedded
//! simulator). Every command that needs the store or Shippo goes through here.


use anyhow::Context as _;
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::account::Profile;
use station::secrets::TokenStore;
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

/// The environment variable a script or test may pass the token in instead of the keyring
/// (the keyring stays the only place the app itself keeps it).
pub const TOKEN_ENV: &str = "SHIPBENCH_TOKEN";

/// Which profile and token the global options select. `--demo` is the simulator's demo token;
/// otherwise `SHIPBENCH_TOKEN`, else the token in the OS keyring, else DEMO mode (as the app does
/// with no token).
fn profile_and_token(global: &GlobalOpts) -> anyhow::Result<(Profile, Token)> {
    if global.demo {
        return Ok((Profile::demo(), Token::new(shippo_sim::DEMO_TOKEN)));
    }
    let token = match std::env::var(TOKEN_ENV) {
        Ok(raw) if !raw.trim().is_empty() => Some(Token::new(raw.trim())),
        _ => match TokenStore::from_env().and_then(|store| store.load()) {
            Ok(token) => token,
            Err(e) => {
                eprintln!("The OS keyring could not be read ({e}); working in DEMO mode.");
                None
            }
        },
    };
    match token {
        Some(token) => Ok((Profile::for_token(&token)?, token)),
        None => Ok((Profile::demo(), Token::new(shippo_sim::DEMO_TOKEN))),
    }
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
    let (base_url, sim, pacing) = if profile.mode == station::account::Mode::Demo {
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

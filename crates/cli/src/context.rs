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

/// Which profile and token the global options select: `--demo` is the simulator's demo token;
/// otherwise the token in the OS keyring (none is an error that says what to do).
fn profile_and_token(global: &GlobalOpts) -> anyhow::Result<(Profile, Token)> {
    if global.demo {
        return Ok((Profile::demo(), Token::new(shippo_sim::DEMO_TOKEN)));
    }
    // Added by "workflow": scripts and tests (the crash test's child processes) pass a token in
    // SHIPBENCH_TOKEN instead of the keyring. It is only ever held as a masked `Token`.
    if let Some(raw) = std::env::var("SHIPBENCH_TOKEN").ok().filter(|t| !t.trim().is_empty()) {
        let token = Token::new(raw.trim());
        let profile = Profile::for_token(&token).context("SHIPBENCH_TOKEN is not a Shippo token")?;
        return Ok((profile, token));
    }
    let tokens = TokenStore::from_env().context("the OS keyring could not be opened")?;
    let token = tokens
        .load()
        .context("the Shippo token could not be read from the OS keyring")?
        .context("no Shippo token is set: run `shipbench token set` (reads it from standard input), or use --demo")?;
    let profile = Profile::for_token(&token).context("the stored token is not a Shippo token")?;
    Ok((profile, token))
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

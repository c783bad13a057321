//! `shipbench scale`: reads the bench scale. One stable reading (`shipbench scale`), readings as
//! they change (`shipbench scale watch`), or, for the demo, a weight put on the virtual scale
//! (`shipbench scale set 2.5lb`). `--port PATH --protocol nci|sics [--baud N]` reads a serial scale
//! without touching the settings.

use std::time::Duration;

use anyhow::{bail, Context as _};
use clap::{Args, Subcommand};
use scales::virtual_scale::{self, VirtualScale};
use scales::{Reading, Scale, ScaleConfig, SerialProtocol, Weight};

use crate::{open, output, GlobalOpts};

/// Options of `shipbench scale`.
#[derive(Debug, Clone, Args)]
pub struct ScaleArgs {
    /// What to do; without one, print one stable reading.
    #[command(subcommand)]
    pub action: Option<ScaleAction>,
    /// A serial port to read instead of the bench's scale (e.g. /dev/ttyUSB0, COM3).
    #[arg(long, value_name = "PATH", global = true)]
    pub port: Option<String>,
    /// The serial scale's protocol: nci or sics.
    #[arg(long, value_name = "NAME", default_value = "nci", global = true)]
    pub protocol: String,
    /// The serial port's speed.
    #[arg(long, value_name = "N", default_value_t = scales::config::DEFAULT_BAUD, global = true)]
    pub baud: u32,
    /// How long to wait for the weight to settle, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, global = true)]
    pub wait: f64,
}

/// `shipbench scale` subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum ScaleAction {
    /// Prints readings as they change until stopped (Ctrl-C), or `--count` readings.
    Watch {
        /// Stop after this many readings.
        #[arg(long, value_name = "N")]
        count: Option<usize>,
    },
    /// Puts a parcel of WEIGHT on the virtual scale (demo mode), e.g. `2.5lb`, `40oz`, `0` to clear.
    Set {
        /// The weight with its unit, or 0.
        weight: String,
    },
}

pub(crate) async fn run(global: &GlobalOpts, args: ScaleArgs) -> anyhow::Result<()> {
    let (config, profile_dir) = which_scale(global, &args).await?;
    if let Some(ScaleAction::Set { weight }) = &args.action {
        if config != ScaleConfig::Virtual {
            bail!("Only the virtual scale (demo mode) can be given a weight; a real scale weighs what is on it.");
        }
        let w: Weight = if weight.trim() == "0" { "0lb".parse()? } else { weight.parse()? };
        let file = profile_dir.join(virtual_scale::FILE_NAME);
        VirtualScale::at(&file).set_weight(w)?;
        output::print(global, &w, |w| format!("The virtual scale now shows {w}."));
        return Ok(());
    }
    let wait = Duration::from_secs_f64(args.wait.clamp(0.0, 600.0));
    let (action, json) = (args.action.clone(), global.json);
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut scale = scales::open(&config, &profile_dir)?;
        match action {
            Some(ScaleAction::Watch { count }) => {
                watch(&mut *scale, count, json);
                Ok(())
            }
            _ => one_stable(&mut *scale, wait, json),
        }
    })
    .await
    .context("the scale reader stopped unexpectedly")?
}

/// The scale the options name: `--port`, else the bench's setting, else (demo) the virtual scale.
async fn which_scale(global: &GlobalOpts, args: &ScaleArgs) -> anyhow::Result<(ScaleConfig, std::path::PathBuf)> {
    let session = open::offline(global).await?;
    let profile_dir = session.profile_dir();
    if let Some(port) = &args.port {
        let protocol: SerialProtocol = args.protocol.parse()?;
        return Ok((ScaleConfig::Serial { port: port.clone(), protocol, baud: args.baud }, profile_dir));
    }
    match session.bench_scale().await? {
        Some(c) => Ok((c, profile_dir)),
        None => bail!("No scale is set up for this bench. Choose one in Settings > Scale, or read a serial scale with --port PATH --protocol nci|sics."),
    }
}

/// Prints one reading; fails when the scale gives no stable weight in time (an empty scale is a
/// reading, not a failure).
fn one_stable(scale: &mut dyn Scale, wait: Duration, json: bool) -> anyhow::Result<()> {
    let r = scales::watch::read_stable(scale, wait);
    print_reading(&r, json);
    if r.usable().is_none() && r.state != scales::ScaleState::Zero {
        bail!("{} gave no stable weight: {}", scale.name(), r.state);
    }
    Ok(())
}

/// Prints readings as they change, `count` of them or until stopped.
fn watch(scale: &mut dyn Scale, count: Option<usize>, json: bool) {
    let mut seen = 0;
    scales::watch::watch(scale, scales::watch::POLL, |r| {
        print_reading(r, json);
        seen += 1;
        count.is_none_or(|n| seen < n)
    });
}

fn print_reading(r: &Reading, json: bool) {
    if json {
        println!("{}", serde_json::to_string(r).unwrap_or_default());
    } else {
        println!("{r}");
    }
}

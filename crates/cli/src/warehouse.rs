//! `shipbench warehouse connect|status|labels|disconnect`: warehouse mode (several benches, one
//! shared PostgreSQL). The URL is stored without its password; the password goes to the OS
//! keyring, like the token.

use std::io::{IsTerminal, Read};

use anyhow::Context;
use clap::{Args, Subcommand};
use serde::Serialize;
use station::warehouse::{link, profile, LinkStatus, ProfileInfo, SharedLabel};

use crate::{open, output, GlobalOpts};

/// `shipbench warehouse …`
#[derive(Debug, Clone, Args)]
pub struct WarehouseArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: WarehouseCommand,
}

/// What to do with the warehouse link.
#[derive(Debug, Clone, Subcommand)]
pub enum WarehouseCommand {
    /// Connects this bench to the warehouse's PostgreSQL (the first bench sets up the shared
    /// tables). URL: postgresql://user@host[:port]/database; a password in it goes to the OS
    /// keyring, never to disk.
    Connect {
        /// The PostgreSQL URL.
        url: String,
        /// This bench's name in the warehouse (default: the computer's name).
        #[arg(long)]
        bench: Option<String>,
        /// Read the password from standard input instead of the URL.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Shows whether the warehouse answers, the benches and what waits to be reported.
    Status,
    /// Lists the latest labels of every bench (who bought what, and when).
    Labels {
        /// How many.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Disconnects this bench from the warehouse (it works alone again, with its own settings).
    Disconnect,
    /// Settings profiles: senders, rate rule and parcel the same at every bench.
    Profile {
        /// What to do with profiles.
        #[command(subcommand)]
        action: ProfileCommand,
    },
}

/// `shipbench warehouse profile …`
#[derive(Debug, Clone, Subcommand)]
pub enum ProfileCommand {
    /// Lists the warehouse's profiles (the one this bench follows marked).
    List,
    /// Publishes this bench's senders, rate rule and parcel as profile NAME (replacing it).
    /// Benches that follow NAME pick the change up at their next buy.
    Save {
        /// The profile's name, e.g. default.
        name: String,
    },
    /// This bench follows profile NAME: it buys with its senders, rate rule and parcel (a copy
    /// is kept here, used when the warehouse is down).
    Use {
        /// The profile's name.
        name: String,
    },
    /// This bench stops following its profile and uses its own settings again.
    Leave,
}

#[derive(Debug, Serialize)]
struct Connected {
    url: String,
    bench: String,
    password_in_keyring: bool,
}

fn default_bench() -> String {
    std::env::var("HOSTNAME").ok().filter(|h| !h.trim().is_empty()).unwrap_or_else(|| "bench".into())
}

pub(crate) async fn run(global: &GlobalOpts, args: WarehouseArgs) -> anyhow::Result<()> {
    let session = open::offline(global).await?;
    let store = session.store().clone();
    match args.action {
        WarehouseCommand::Connect { url, bench, password_stdin } => {
            let password = if password_stdin {
                let mut s = String::new();
                if std::io::stdin().is_terminal() {
                    eprintln!("Type the warehouse password, then press Enter and Ctrl-D:");
                }
                std::io::stdin().read_to_string(&mut s).context("reading the password from standard input")?;
                Some(s.trim_end_matches(['\n', '\r']).to_owned())
            } else {
                None
            };
            let bench = bench.unwrap_or_else(default_bench);
            let l = link::connect(&store, &url, password, &bench).await?;
            let out = Connected { url: l.url, bench: l.bench, password_in_keyring: l.has_password };
            output::print(global, &out, |c| {
                format!(
                    "This bench ({}) is connected to the warehouse at {}{}. Every order is now claimed there before it is bought.",
                    c.bench,
                    c.url,
                    if c.password_in_keyring { " (password kept in the OS keyring)" } else { "" }
                )
            });
        }
        WarehouseCommand::Status => {
            let w = link::open(&store).await?;
            let s = link::status(&store, w.as_ref()).await?;
            output::print(global, &s, status_text);
        }
        WarehouseCommand::Labels { limit } => {
            let Some(w) = link::open(&store).await? else {
                anyhow::bail!("This bench is not connected to a warehouse: `shipbench warehouse connect URL` first.");
            };
            let labels = w.warehouse.labels(limit).await.map_err(station::StationError::from)?;
            output::print(global, &labels, |ls| labels_text(ls));
        }
        WarehouseCommand::Profile { action } => run_profile(global, &store, action).await?,
        WarehouseCommand::Disconnect => {
            let had = link::disconnect(&store).await?;
            output::print(global, &serde_json::json!({ "disconnected": had }), |_| {
                if had {
                    "This bench is no longer connected to the warehouse; it works alone.".to_owned()
                } else {
                    "This bench was not connected to a warehouse.".to_owned()
                }
            });
        }
    }
    Ok(())
}

async fn connected(store: &station::Store) -> anyhow::Result<station::warehouse::Warehouse> {
    match link::open(store).await? {
        Some(l) => Ok(l.warehouse),
        None => Err(profile::not_connected().into()),
    }
}

async fn run_profile(global: &GlobalOpts, store: &station::Store, action: ProfileCommand) -> anyhow::Result<()> {
    match action {
        ProfileCommand::List => {
            let list = profile::list(store, &connected(store).await?).await?;
            output::print(global, &list, |l| profiles_text(l));
        }
        ProfileCommand::Save { name } => {
            let p = profile::save(store, &connected(store).await?, &name).await?;
            output::print(global, &p, |p| {
                format!(
                    "Saved the warehouse profile '{}' from this bench ({}). Benches that follow it use it from their next buy.",
                    p.name,
                    profile_summary(p)
                )
            });
        }
        ProfileCommand::Use { name } => {
            let p = profile::follow(store, &connected(store).await?, &name).await?.info();
            output::print(global, &p, |p| {
                format!(
                    "This bench follows the warehouse profile '{}' (saved by bench {}): {}. Changes are picked up at each buy; a copy is kept for when the warehouse is down.",
                    p.name,
                    p.updated_by,
                    profile_summary(p)
                )
            });
        }
        ProfileCommand::Leave => {
            let was = profile::leave(store).await?;
            output::print(global, &was, |w| match w {
                Some(p) => format!(
                    "This bench no longer follows the warehouse profile '{}': it uses its own senders, rate rule and parcel again.",
                    p.name
                ),
                None => "This bench follows no warehouse profile; it uses its own settings.".to_owned(),
            });
        }
    }
    Ok(())
}

fn profile_summary(p: &ProfileInfo) -> String {
    format!(
        "sender {}, rate rule {}, parcel {}",
        p.sender.as_deref().unwrap_or("none"),
        p.rate_rule,
        p.parcel.as_deref().unwrap_or("none")
    )
}

fn profiles_text(l: &[ProfileInfo]) -> String {
    if l.is_empty() {
        return "The warehouse has no profiles yet. Save this bench's settings as one with `shipbench warehouse profile save NAME`.".into();
    }
    l.iter()
        .map(|p| {
            format!(
                "{} {}  ({}; saved by bench {} at {})",
                if p.followed { "*" } else { " " },
                p.name,
                profile_summary(p),
                p.updated_by,
                p.updated_at
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn status_text(s: &LinkStatus) -> String {
    if !s.configured {
        return "No warehouse: this bench works alone. Connect one with `shipbench warehouse connect URL`.".into();
    }
    let mut lines = vec![format!(
        "Warehouse {} as bench {}: {}.",
        s.url.clone().unwrap_or_default(),
        s.bench.clone().unwrap_or_default(),
        if s.reachable { "reachable".to_owned() } else { format!("NOT reachable ({})", s.problem.clone().unwrap_or_default()) }
    )];
    if s.reachable {
        lines.push(format!("Benches: {}.", s.benches.join(", ")));
        if s.pending_elsewhere > 0 {
            lines.push(format!("{} purchases of other benches are not settled yet.", s.pending_elsewhere));
        }
    }
    if let Some(p) = &s.profile {
        lines.push(format!("Follows the profile '{}' ({}).", p.name, profile_summary(p)));
    }
    if s.reported_now > 0 {
        lines.push(format!("{} purchases made without the warehouse check were reported to it now.", s.reported_now));
    }
    if s.unreported > 0 {
        lines.push(format!("{} purchases made without the warehouse check wait to be reported.", s.unreported));
    }
    lines.join("\n")
}

fn labels_text(ls: &[SharedLabel]) -> String {
    if ls.is_empty() {
        return "No labels in the warehouse yet.".into();
    }
    ls.iter()
        .map(|l| {
            format!(
                "{}  {}  {}  bench {}{}",
                l.bought_at.format("%Y-%m-%d %H:%M:%S"),
                l.order_number.clone().unwrap_or_else(|| l.order_id.clone()),
                l.tracking_number.clone().unwrap_or_else(|| l.transaction_id.clone()),
                l.bench,
                if l.unchecked { "  (bought without the warehouse check)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

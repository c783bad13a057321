//! `shipbench settings`: shows the bench's settings, changes one (`set KEY VALUE`), and exports or
//! imports them as a JSON file (never the token). Works offline: only the local database is used.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use station::store::settings::{self, edit, Settings};

use crate::{open, output, GlobalOpts};

/// Options of `shipbench settings`.
#[derive(Debug, Clone, Args)]
pub struct SettingsArgs {
    /// What to do; none shows the settings.
    #[command(subcommand)]
    pub action: Option<SettingsCommand>,
}

/// `shipbench settings …`.
#[derive(Debug, Clone, Subcommand)]
pub enum SettingsCommand {
    /// Shows every setting (`--json` for scripts).
    Show,
    /// Changes one setting, e.g. `label-format PDF_4x6`, `rate-rule cheapest-within:3`,
    /// `printer labels "Zebra GK420d"`, `sender "label=Warehouse; street1=…; city=…; country=US"`,
    /// `default-parcel "Small box: 10x8x4 in"`, `default-weight 1.5lb`, `sounds off`,
    /// `auto-buy on`, `theme dark`, `packing-slip-with-label on`, `sender-default LABEL`,
    /// `sender-remove LABEL`, `setup done`.
    Set {
        /// The setting: label-format, rate-rule, printer, sender, sender-default, sender-remove,
        /// default-parcel, default-weight, sounds, auto-buy, theme, packing-slip-with-label, setup.
        key: String,
        /// The value (for `printer`: the role, then the printer's name).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        value: Vec<String>,
    },
    /// Writes every setting to a JSON file (never the token).
    Export {
        /// The file to write.
        file: PathBuf,
    },
    /// Reads a settings file written by `export` and saves it (all or nothing).
    Import {
        /// The file to read.
        file: PathBuf,
    },
}

/// The settings as `show` says them, one line each.
pub fn describe(s: &Settings) -> Vec<String> {
    let mut out = vec![
        format!("label-format    {}", edit::label_format_name(s.label_format)),
        format!("rate-rule       {}", edit::rate_rule_arg(&s.rate_rule)),
    ];
    for role in edit::Role::ALL {
        let p = s.printer_mapping.get(role.mapping_key()).map(String::as_str).unwrap_or("(the first printer that takes them)");
        out.push(format!("printer {:<8}{p}", role.name().split('-').next().unwrap_or_default()));
    }
    if s.sender_addresses.is_empty() {
        out.push("sender          (none)".to_owned());
    }
    for a in &s.sender_addresses {
        let x = &a.address;
        let place = [x.street1.as_deref(), x.city.as_deref(), x.state.as_deref(), x.zip.as_deref(), Some(x.country.as_str())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        out.push(format!("sender          {}: {place}{}", a.label, if a.is_default { " (default)" } else { "" }));
    }
    out.push(match &s.default_parcel {
        Some(p) => format!("default-parcel  {}: {}x{}x{} {}", p.name, p.length, p.width, p.height, p.distance_unit),
        None => "default-parcel  (none: a 10x8x4 in box)".to_owned(),
    });
    out.push(match &s.bench.default_weight {
        Some(w) => format!("default-weight  {w}{}", s.bench.default_weight_unit),
        None => "default-weight  none".to_owned(),
    });
    let onoff = |b: bool| if b { "on" } else { "off" };
    out.push(format!("sounds          {}", onoff(s.bench.sounds)));
    out.push(format!("auto-buy        {}", onoff(s.bench.auto_buy)));
    out.push(format!("theme           {}", edit::theme_name(s.bench.theme)));
    out.push(format!("packing-slip-with-label  {}", onoff(s.bench.packing_slip_with_label)));
    out
}

pub(crate) async fn run(global: &GlobalOpts, args: SettingsArgs) -> anyhow::Result<()> {
    let session = open::offline(global).await?;
    let store = session.store().clone();
    let result: anyhow::Result<()> = async {
        match args.action.unwrap_or(SettingsCommand::Show) {
            SettingsCommand::Show => {
                let s = store.read_async(settings::effective).await?;
                output::print(global, &s, |s| describe(s).join("\n"));
            }
            SettingsCommand::Set { key, value } => {
                let printers: Vec<String> = session.offline_print_queue().await?.printers().into_iter().map(|p| p.name).collect();
                let value = value.join(" ");
                let (s, said) = store.write_async(move |tx| edit::set(tx, &key, &value, &printers)).await?;
                output::print(global, &s, |_| said);
            }
            SettingsCommand::Export { file } => {
                let f = file.clone();
                store.read_async(move |c| settings::export_file(c, &f)).await?;
                output::print(global, &serde_json::json!({ "exported": file }), |_| {
                    format!("Settings written to {} (the token is never in it).", file.display())
                });
            }
            SettingsCommand::Import { file } => {
                let f = file.clone();
                let s = store.write_async(move |tx| settings::import_file(tx, &f)).await?;
                output::print(global, &s, |_| format!("Settings read from {} and saved.", file.display()));
            }
        }
        Ok(())
    }
    .await;
    session.close().await;
    result
}

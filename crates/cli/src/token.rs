//! `shipbench token set|status|clear`: the Shippo token in the OS keyring.
//!
//! The token is read from standard input only (never from the command line, where it would land in
//! the shell history and the process list) and is only ever printed masked (`shippo_test_…a1b2`).

use std::io::{IsTerminal, Read};

use anyhow::Context;
use clap::Subcommand;
use serde::Serialize;
use shippo::Token;
use station::account::{Mode, Profile};
use station::secrets::{self, TokenStore};

use crate::{output, GlobalOpts};

/// What to do with the token.
#[derive(Debug, Clone, Subcommand)]
pub enum TokenCommand {
    /// Reads a Shippo API token from standard input, checks it with Shippo, and saves it in the
    /// OS keyring. A token Shippo refuses is not saved.
    Set,
    /// Shows the mode (DEMO, TEST or LIVE), the masked token and the keyring backend.
    Status,
    /// Removes the token from the keyring; Shipbench then starts in DEMO mode.
    Clear,
}

/// What `token status` reports (also after `set` and `clear`).
#[derive(Debug, Serialize)]
struct TokenStatus {
    mode: Mode,
    /// Masked, e.g. `shippo_test_…a1b2`; `None` without a token.
    token: Option<String>,
    /// The account key (hash prefix) of the token, naming its data directory.
    account_key: Option<String>,
    backend: &'static str,
    backend_name: String,
    backend_note: Option<String>,
    keyring_service: &'static str,
    keyring_user: String,
    profile_dir: String,
}

impl TokenStatus {
    fn new(global: &GlobalOpts, store: &TokenStore, token: Option<&Token>, profile: &Profile) -> Self {
        let keyring = store.keyring();
        TokenStatus {
            mode: profile.mode,
            token: token.map(Token::masked),
            account_key: profile.account_key.as_ref().map(|k| k.to_string()),
            backend: keyring.backend().id(),
            backend_name: keyring.backend().to_string(),
            backend_note: keyring.note().map(str::to_owned),
            keyring_service: secrets::SERVICE,
            keyring_user: store.user(),
            profile_dir: profile.dir(&global.data_dir()).display().to_string(),
        }
    }

    fn human(&self) -> String {
        let mut text = format!(
            "mode:     {}{}\ntoken:    {}\nkeyring:  {} (service {}, entry {})",
            self.mode,
            if self.mode.is_live() { " — real labels, real money" } else { "" },
            self.token.as_deref().unwrap_or("none (demo mode)"),
            self.backend_name,
            self.keyring_service,
            self.keyring_user,
        );
        if let Some(note) = &self.backend_note {
            text.push_str(&format!("\n          {note}"));
        }
        text.push_str(&format!("\ndata:     {}", self.profile_dir));
        text
    }
}

/// Runs one `token` subcommand.
pub(crate) async fn run(global: &GlobalOpts, command: TokenCommand) -> anyhow::Result<()> {
    let store = TokenStore::from_env()?;
    match command {
        TokenCommand::Set => set(global, &store).await,
        TokenCommand::Status => {
            let token = store.load()?;
            let profile = Profile::detect(token.as_ref())?;
            let status = TokenStatus::new(global, &store, token.as_ref(), &profile);
            output::print(global, &status, TokenStatus::human);
            Ok(())
        }
        TokenCommand::Clear => {
            let removed = store.remove()?;
            let backend = store.keyring().backend();
            let status = TokenStatus::new(global, &store, None, &Profile::demo());
            output::print(global, &Cleared { removed, status }, |c| {
                if c.removed {
                    format!("Removed the Shippo token from the {backend}. Shipbench now starts in DEMO mode.")
                } else {
                    format!("There was no Shippo token in the {backend}; nothing to remove.")
                }
            });
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct Cleared {
    removed: bool,
    #[serde(flatten)]
    status: TokenStatus,
}

async fn set(global: &GlobalOpts, store: &TokenStore) -> anyhow::Result<()> {
    let token = read_token_from_stdin()?;
    let profile = secrets::save_checked(store, &global.api_base, &token).await?;
    let status = TokenStatus::new(global, store, Some(&token), &profile);
    output::print(global, &status, |s| {
        let mut text = format!(
            "Shippo accepted the token {}; it is saved in the {}.\nShipbench now works in {} mode; \
             this account's data lives in {}.",
            s.token.as_deref().unwrap_or_default(),
            s.backend_name,
            s.mode,
            s.profile_dir
        );
        if s.mode.is_live() {
            text.push_str("\nLIVE mode buys real labels with real money: the first purchase of each run asks to confirm.");
        }
        if let Some(note) = &s.backend_note {
            text.push_str(&format!("\nKeyring: {note}."));
        }
        text
    });
    Ok(())
}

/// Reads the whole of standard input (one line when it is a terminal) as the token, trimmed.
fn read_token_from_stdin() -> anyhow::Result<Token> {
    let mut stdin = std::io::stdin();
    let mut raw = String::new();
    if stdin.is_terminal() {
        eprintln!("Paste the Shippo API token (Shippo dashboard > Settings > API) and press Enter:");
        stdin
            .read_line(&mut raw)
            .context("Shipbench could not read the token from the terminal")?;
    } else {
        stdin
            .read_to_string(&mut raw)
            .context("Shipbench could not read the token from standard input")?;
    }
    match Token::parse(&raw) {
        Ok(token) => Ok(token),
        Err(shippo::TokenError::Empty) => Err(secrets::SecretsError::EmptyToken.into()),
        Err(e) => Err(secrets::SecretsError::BadToken(e).into()),
    }
}

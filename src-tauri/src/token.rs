//! Token commands: the Shippo token is saved to, shown from (masked) and removed from the OS
//! keyring. The token comes in once, from the settings form; no response ever carries it back.

use serde::Serialize;
use shippo::Token;
use station::account::{Mode, Profile};
use station::secrets::{self, SecretsError, TokenStore};
use station::StationError;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// The token as the settings form shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct TokenInfo {
    /// The mode the window works in now.
    pub mode: Mode,
    /// The stored token, masked (`shippo_test_…a1b2`); `None` when the keyring holds none.
    pub token: Option<String>,
    /// The keyring that keeps it, e.g. "Secret Service".
    pub keyring: String,
    /// True when Shipbench was started with `--demo`: the window stays in DEMO mode whatever
    /// token is stored.
    pub demo_forced: bool,
}

/// Opens the keyring entry (blocking D-Bus / keyutils work runs off the async threads).
async fn token_store() -> Result<TokenStore, CommandError> {
    tokio::task::spawn_blocking(TokenStore::from_env)
        .await
        .map_err(|e| StationError::Worker(format!("the keyring check stopped: {e}")))?
        .map_err(CommandError::from)
}

async fn info(state: &AppState, store: &TokenStore, token: Option<&Token>) -> Result<TokenInfo, CommandError> {
    let lazy = state.session().await;
    let mode = lazy.get().await?.mode();
    Ok(TokenInfo {
        mode,
        token: token.map(Token::masked),
        keyring: store.keyring().backend().to_string(),
        demo_forced: state.options.demo,
    })
}

/// The stored token (masked), its keyring and the mode the window works in.
#[tauri::command]
#[specta::specta]
pub async fn token_status(state: State<'_, AppState>) -> Result<TokenInfo, CommandError> {
    let store = token_store().await?;
    let token = store.load()?;
    info(&state, &store, token.as_ref()).await
}

/// Checks `token` with Shippo and, only when Shippo accepts it, saves it in the OS keyring; the
/// window then works in the token's mode (TEST or LIVE) with that account's cache.
#[tauri::command]
#[specta::specta]
pub async fn save_token(state: State<'_, AppState>, token: String) -> Result<TokenInfo, CommandError> {
    let token = match Token::parse(&token) {
        Ok(t) => t,
        Err(shippo::TokenError::Empty) => return Err(SecretsError::EmptyToken.into()),
        Err(e) => return Err(SecretsError::BadToken(e).into()),
    };
    // The shape is checked before the keyring or the network are touched.
    Profile::for_token(&token).map_err(SecretsError::from)?;
    let store = token_store().await?;
    secrets::save_checked(&store, &state.options.api_base, &token).await?;
    state.restart().await;
    info(&state, &store, Some(&token)).await
}

/// Removes the token from the OS keyring; the window goes back to DEMO mode.
#[tauri::command]
#[specta::specta]
pub async fn clear_token(state: State<'_, AppState>) -> Result<TokenInfo, CommandError> {
    let store = token_store().await?;
    store.remove()?;
    state.restart().await;
    info(&state, &store, None).await
}

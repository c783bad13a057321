//! Warehouse settings profiles: what a warehouse wants the same at every bench (sender
//! addresses, rate rule, parcel), kept in the shared database by name.
//!
//! * `save NAME`: this bench publishes its senders, rate rule and parcel under NAME (replacing
//!   that profile). It does not follow it: it is where the profile is changed.
//! * `use NAME`: this bench follows NAME. It keeps a copy ([`crate::store::settings::profile`]),
//!   buys and rates with it, refuses local changes of those three settings, and still buys with
//!   the copy when the server is down.
//! * Changes are picked up at each buy (right after the order's claim, one indexed look-up that
//!   returns the body only when it changed) and at each status probe (the window's banner).
//! * `leave`: the bench's own senders, rate rule and parcel are in force again.

use crate::error::{Result, StationError};
use crate::store::settings::profile::{self, Followed, ProfileBody};
use crate::store::{time, Store};

use super::Warehouse;

/// One profile in the warehouse, as `profile list` and Settings show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileInfo {
    /// Its name.
    pub name: String,
    /// The bench that saved it last.
    pub updated_by: String,
    /// When (RFC 3339).
    pub updated_at: String,
    /// True when this bench follows it.
    pub followed: bool,
    /// Its rate rule as `settings set rate-rule` takes it, e.g. `preferred:UPS`.
    pub rate_rule: String,
    /// Its default sender's name (or label), if any.
    pub sender: Option<String>,
    /// Its parcel's name, if any.
    pub parcel: Option<String>,
}

fn check_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.len() > 64 || n.chars().any(char::is_control) {
        return Err(StationError::BadSetting(
            "A profile needs a name of 1 to 64 characters, e.g. default or packing-line-2.".into(),
        ));
    }
    Ok(n.to_owned())
}

fn info(name: &str, body: &ProfileBody, updated_by: &str, updated_at: &str, followed: bool) -> ProfileInfo {
    let sender = body
        .sender_addresses
        .iter()
        .find(|s| s.is_default)
        .or(body.sender_addresses.first())
        .map(|s| s.address.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| s.label.clone()));
    ProfileInfo {
        name: name.to_owned(),
        updated_by: updated_by.to_owned(),
        updated_at: updated_at.to_owned(),
        followed,
        rate_rule: crate::store::settings::edit::rate_rule_arg(&body.rate_rule),
        sender,
        parcel: body.default_parcel.as_ref().map(|p| p.name.clone()),
    }
}

impl Followed {
    /// As `profile list` shows it.
    pub fn info(&self) -> ProfileInfo {
        info(&self.name, &self.body, &self.updated_by, &self.updated_at, true)
    }
}

/// Publishes this bench's senders, rate rule and parcel (the ones in force) as profile `name`.
pub async fn save(store: &Store, w: &Warehouse, name: &str) -> Result<ProfileInfo> {
    let name = check_name(name)?;
    let (body, following) =
        store.read_async(|c| Ok((ProfileBody::of(&crate::store::settings::effective(c)?), profile::followed(c)?))).await?;
    let saved = w.put_profile(&name, &serde_json::to_value(&body)?).await?;
    tracing::info!(profile = %name, bench = %w.bench(), "warehouse profile saved");
    let at = saved.updated_at.to_rfc3339();
    let followed = following.as_ref().is_some_and(|f| f.name == name);
    if followed {
        // Saved from a bench that follows it: its copy is this version.
        let f = Followed { name: name.clone(), body: body.clone(), updated_by: saved.updated_by.clone(), updated_at: at.clone(), fetched_at: time::now() };
        store.write_async(move |tx| profile::keep(tx, &f)).await?;
    }
    Ok(info(&name, &body, &saved.updated_by, &at, followed))
}

/// This bench follows profile `name` from now on (its copy kept here).
pub async fn follow(store: &Store, w: &Warehouse, name: &str) -> Result<Followed> {
    let name = check_name(name)?;
    let Some(p) = w.profile_entry(&name).await? else {
        let known = w.profile_names().await?;
        return Err(StationError::BadSetting(if known.is_empty() {
            format!("The warehouse has no profile '{name}' (none yet: save one with shipbench warehouse profile save NAME); nothing was changed.")
        } else {
            format!("The warehouse has no profile '{name}' (it has {}); nothing was changed.", known.join(", "))
        }));
    };
    let f = Followed {
        body: ProfileBody::from_json(&name, &p.body)?,
        name,
        updated_by: p.updated_by,
        updated_at: p.updated_at.to_rfc3339(),
        fetched_at: time::now(),
    };
    let kept = f.clone();
    store.write_async(move |tx| profile::keep(tx, &kept)).await?;
    tracing::info!(profile = %f.name, "this bench follows the warehouse profile");
    Ok(f)
}

/// Stops following; the bench's own senders, rate rule and parcel are in force again.
pub async fn leave(store: &Store) -> Result<Option<Followed>> {
    store.write_async(profile::forget).await
}

/// The warehouse's profiles, the followed one marked.
pub async fn list(store: &Store, w: &Warehouse) -> Result<Vec<ProfileInfo>> {
    let following = store.read_async(profile::followed).await?;
    let mut out = Vec::new();
    for p in w.profiles().await? {
        let followed = following.as_ref().is_some_and(|f| f.name == p.name);
        match ProfileBody::from_json(&p.name, &p.body) {
            Ok(body) => out.push(info(&p.name, &body, &p.updated_by, &p.updated_at.to_rfc3339(), followed)),
            Err(e) => tracing::warn!(profile = %p.name, "skipped: {e}"),
        }
    }
    Ok(out)
}

/// Picks up a change of the followed profile: one look-up that returns the profile only when it
/// was saved since this bench's copy. Returns the new copy when it changed. Without a followed
/// profile nothing is asked. A profile removed from the warehouse leaves the copy in force.
pub async fn refresh(store: &Store, w: &Warehouse) -> Result<Option<Followed>> {
    let Some(f) = store.read_async(profile::followed).await? else { return Ok(None) };
    let known = time::parse(&f.updated_at).ok_or_else(|| StationError::BadSetting("The followed profile's copy has no date.".into()))?;
    let Some(p) = w.profile_if_changed(&f.name, known).await? else { return Ok(None) };
    let new = Followed {
        body: ProfileBody::from_json(&f.name, &p.body)?,
        name: f.name.clone(),
        updated_by: p.updated_by,
        updated_at: p.updated_at.to_rfc3339(),
        fetched_at: time::now(),
    };
    let kept = new.clone();
    store.write_async(move |tx| profile::keep(tx, &kept)).await?;
    tracing::info!(profile = %new.name, by = %new.updated_by, "the followed warehouse profile changed: picked up");
    Ok(Some(new))
}

/// [`refresh`] where a failure must not stop the caller (a buy, a status probe): the copy stays
/// in force and the reason is logged.
pub async fn refresh_quietly(store: &Store, w: &Warehouse) {
    if let Err(e) = refresh(store, w).await {
        match e {
            StationError::Warehouse(ref we) if we.is_down() => {
                tracing::info!("the followed profile was not checked (the warehouse is down): its copy is used")
            }
            e => tracing::warn!("the followed profile was not checked: {e}; its copy is used"),
        }
    }
}

/// The error when no warehouse is set up.
pub fn not_connected() -> StationError {
    StationError::BadSetting(
        "This bench is not connected to a warehouse: connect it first (Settings > Warehouse, or shipbench warehouse connect URL).".into(),
    )
}


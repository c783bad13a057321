//! The warehouse settings profile this bench follows, as kept here: the local copy of the
//! profile's sender addresses, rate rule and parcel (so the bench still buys with them when the
//! warehouse server is down), and the settings in force ([`effective`]): this bench's own, with
//! the followed profile's three over them.
//!
//! The copy is one row of the settings table under [`FOLLOWED`]; it is not a setting an operator
//! sets, exports or imports (it is not in [`super::KNOWN_KEYS`]). The bench's own senders, rate
//! rule and parcel stay as they were under it, and are in force again when it leaves the profile.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{load, ParcelTemplate, RateRule, SenderAddress, Settings};
use crate::error::{Result, StationError};
use crate::store::time;

/// The settings row holding the followed profile's copy.
pub const FOLLOWED: &str = "warehouse_profile";

/// The `set` keys a followed profile decides (refused while following).
pub const PROFILE_SET_KEYS: [&str; 5] = ["sender", "sender-default", "sender-remove", "rate-rule", "default-parcel"];

/// What a profile holds: what a warehouse wants the same at every bench.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileBody {
    /// Format marker (1).
    pub shipbench_profile: u32,
    /// Sender addresses (one is the default).
    pub sender_addresses: Vec<SenderAddress>,
    /// The rate rule.
    pub rate_rule: RateRule,
    /// The parcel used when the order names none.
    pub default_parcel: Option<ParcelTemplate>,
}

impl ProfileBody {
    /// The profile part of these settings.
    pub fn of(s: &Settings) -> ProfileBody {
        ProfileBody {
            shipbench_profile: 1,
            sender_addresses: s.sender_addresses.clone(),
            rate_rule: s.rate_rule.clone(),
            default_parcel: s.default_parcel.clone(),
        }
    }

    /// A body from the warehouse's JSON; one sentence when it is not a Shipbench profile.
    pub fn from_json(name: &str, v: &serde_json::Value) -> Result<ProfileBody> {
        if v.get("shipbench_profile").and_then(|m| m.as_u64()) != Some(1) {
            return Err(StationError::BadSetting(format!(
                "The warehouse profile '{name}' was not saved by this version of Shipbench; nothing was changed."
            )));
        }
        serde_json::from_value(v.clone())
            .map_err(|e| StationError::BadSetting(format!("The warehouse profile '{name}' cannot be read ({e}); nothing was changed.")))
    }

    /// These settings with the profile's sender addresses, rate rule and parcel.
    pub fn apply(&self, s: &mut Settings) {
        s.sender_addresses = self.sender_addresses.clone();
        s.rate_rule = self.rate_rule.clone();
        s.default_parcel = self.default_parcel.clone();
    }
}

/// The local copy of the followed profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Followed {
    /// The profile's name in the warehouse.
    pub name: String,
    /// Its settings, as last fetched.
    pub body: ProfileBody,
    /// The bench that saved that version.
    pub updated_by: String,
    /// When that version was saved (the server's clock, RFC 3339): compared at each buy.
    pub updated_at: String,
    /// When this bench last fetched it (RFC 3339).
    pub fetched_at: String,
}

/// The followed profile's copy, if this bench follows one.
pub fn followed(c: &Connection) -> Result<Option<Followed>> {
    let v: Option<String> = c
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([FOLLOWED], |r| r.get(0))
        .optional()?;
    Ok(match v {
        Some(v) => Some(serde_json::from_str(&v)?),
        None => None,
    })
}

/// Keeps (or replaces) the followed profile's copy.
pub fn keep(tx: &Transaction<'_>, f: &Followed) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![FOLLOWED, serde_json::to_string(f)?, time::now()],
    )?;
    Ok(())
}

/// Stops following: the bench's own senders, rate rule and parcel are in force again. Returns
/// the profile it followed.
pub fn forget(tx: &Transaction<'_>) -> Result<Option<Followed>> {
    let was = followed(tx)?;
    tx.execute("DELETE FROM settings WHERE key = ?1", [FOLLOWED])?;
    Ok(was)
}

/// The settings in force: this bench's own, with the followed profile's over them. Rating and
/// buying read these.
pub fn effective(c: &Connection) -> Result<Settings> {
    let mut s = load(c)?;
    if let Some(f) = followed(c)? {
        f.body.apply(&mut s);
    }
    Ok(s)
}

/// Refuses a change of what the followed profile decides, in one sentence that says the way out.
pub fn refuse_if_followed(c: &Connection, key: &str) -> Result<()> {
    let key = key.trim().to_ascii_lowercase().replace('_', "-");
    if !PROFILE_SET_KEYS.contains(&key.as_str()) {
        return Ok(());
    }
    if let Some(f) = followed(c)? {
        return Err(StationError::BadSetting(format!(
            "This bench follows the warehouse profile '{}' (saved by bench {}), which decides the senders, rate rule and parcel; nothing was changed. \
             Change them on the bench that saves the profile and save it again (shipbench warehouse profile save {}), \
             or leave the profile first (shipbench warehouse profile leave).",
            f.name, f.updated_by, f.name
        )));
    }
    Ok(())
}

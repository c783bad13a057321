//! Accounts and modes: which Shippo account the bench works for, and where its data lives.
//!
//! The mode follows from the token in the keyring:
//!
//! | token            | mode   | what runs                                                    |
//! |------------------|--------|--------------------------------------------------------------|
//! | none             | DEMO   | the embedded simulator and the virtual printer               |
//! | `shippo_test_…`  | TEST   | Shippo's test mode: labels cost nothing                      |
//! | `shippo_live_…`  | LIVE   | real money; the first purchase of a run asks to confirm once |
//!
//! Data of different accounts and modes never mix: every [`Profile`] has its own directory under the
//! data directory (`demo/`, `test-<key>/`, `live-<key>/`) holding its database, label cache and
//! virtual printer output.
//!
//! ## The account key is a hash, not the token
//! The `<key>` is the first 12 hex digits of the SHA-256 of the whole token ([`AccountKey::of`]). It
//! tells two tokens apart on disk without storing either: SHA-256 cannot be turned back into the token,
//! and 48 bits are plenty to separate the handful of accounts one bench ever sees. A token that is
//! replaced (rotated) gets a new key and therefore a fresh directory; that is deliberate, since a new
//! token may well belong to another Shippo account.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shippo::token::TokenMode;
use shippo::Token;

use crate::error::StationError;

/// A token that is neither a test nor a live Shippo API token. (The secrets module turns it into
/// [`crate::secrets::SecretsError::NotAShippoToken`]; this module imports nothing of secrets.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "This does not look like a Shippo API token: it should start with shippo_test_ or \
     shippo_live_ (find it in the Shippo dashboard under Settings > API)."
)]
pub struct NotAShippoToken;

/// How the bench is working: against the simulator, Shippo's test mode, or for real. The one
/// mode type of Shipbench: the CLI prints it and the window receives it (`"DEMO" | "TEST" | "LIVE"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum Mode {
    /// No token: the embedded simulator and the virtual printer. Nothing leaves the machine.
    Demo,
    /// A `shippo_test_` token: Shippo's test mode; labels are free and not valid for shipping.
    Test,
    /// A `shippo_live_` token: real labels, real money.
    Live,
}

impl Mode {
    /// The mode a token's prefix names, or an error for a token that is neither test nor live.
    pub fn of_token(token: &Token) -> Result<Mode, NotAShippoToken> {
        match token.mode() {
            TokenMode::Test => Ok(Mode::Test),
            TokenMode::Live => Ok(Mode::Live),
            TokenMode::Other => Err(NotAShippoToken),
        }
    }

    /// The upper-case name shown to operators: `DEMO`, `TEST` or `LIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Demo => "DEMO",
            Mode::Test => "TEST",
            Mode::Live => "LIVE",
        }
    }

    /// True when purchases cost real money.
    pub fn is_live(self) -> bool {
        self == Mode::Live
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A short name for one Shippo account that does not reveal its token: the first 12 hex digits of
/// the SHA-256 of the token (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountKey(String);

impl AccountKey {
    /// Number of hex digits kept from the hash.
    pub const LEN: usize = 12;

    /// Derives the key of a token. The token itself is not kept.
    pub fn of(token: &Token) -> AccountKey {
        let digest = Sha256::digest(token.expose().as_bytes());
        let mut hex = hex::encode(digest);
        hex.truncate(Self::LEN);
        AccountKey(hex)
    }

    /// The key as lowercase hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One mode of one account: the unit whose data is kept apart from every other.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Profile {
    /// DEMO, TEST or LIVE.
    pub mode: Mode,
    /// Which account; `None` only in DEMO mode.
    pub account_key: Option<AccountKey>,
}

impl Profile {
    /// The demo profile: no token, the simulator, the virtual printer.
    pub fn demo() -> Profile {
        Profile {
            mode: Mode::Demo,
            account_key: None,
        }
    }

    /// The profile of a token: its mode from the prefix, its account key from its hash.
    pub fn for_token(token: &Token) -> Result<Profile, NotAShippoToken> {
        Ok(Profile {
            mode: Mode::of_token(token)?,
            account_key: Some(AccountKey::of(token)),
        })
    }

    /// The profile for an optional token: DEMO without one.
    pub fn detect(token: Option<&Token>) -> Result<Profile, NotAShippoToken> {
        match token {
            Some(token) => Profile::for_token(token),
            None => Ok(Profile::demo()),
        }
    }

    /// The name of this profile's directory: `demo`, `test-<key>` or `live-<key>`.
    pub fn dir_name(&self) -> String {
        match (&self.mode, &self.account_key) {
            (Mode::Demo, _) | (_, None) => "demo".to_owned(),
            (Mode::Test, Some(key)) => format!("test-{key}"),
            (Mode::Live, Some(key)) => format!("live-{key}"),
        }
    }

    /// This profile's directory under the data directory.
    pub fn dir(&self, data_dir: &Path) -> PathBuf {
        data_dir.join(self.dir_name())
    }

    /// The SQLite database: `<data>/<profile>/shipbench.db`.
    pub fn db_path(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("shipbench.db")
    }

    /// The label cache: `<data>/<profile>/labels/`.
    pub fn label_cache_dir(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("labels")
    }

    /// Where the virtual printer writes what it "prints": `<data>/<profile>/virtual-printer/`.
    pub fn virtual_printer_dir(&self, data_dir: &Path) -> PathBuf {
        self.dir(data_dir).join("virtual-printer")
    }

    /// True when a purchase in this profile needs the operator's one-time confirmation for this run
    /// (LIVE mode, not yet confirmed).
    pub fn requires_live_confirmation(&self, confirmation: &LiveConfirmation) -> bool {
        self.mode.is_live() && !confirmation.is_confirmed()
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.account_key {
            Some(key) if self.mode != Mode::Demo => write!(f, "{} (account {key})", self.mode),
            _ => f.write_str(self.mode.as_str()),
        }
    }
}

/// "The operator confirmed live purchases in this run": kept in memory only, so every start of the
/// app asks once more before the first LIVE purchase.
#[derive(Debug, Default)]
pub struct LiveConfirmation {
    confirmed: AtomicBool,
}

impl LiveConfirmation {
    /// A fresh, unconfirmed flag (what every start-up begins with).
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the operator confirmed buying real labels for the rest of this run.
    pub fn confirm(&self) {
        self.confirmed.store(true, Ordering::SeqCst);
    }

    /// Whether the operator has confirmed in this run.
    pub fn is_confirmed(&self) -> bool {
        self.confirmed.load(Ordering::SeqCst)
    }

    /// The rule before every purchase in `profile`: outside LIVE mode, or once confirmed, it goes
    /// on. The first LIVE purchase of a run goes on only with the operator's yes (`said_yes`),
    /// which is then remembered for the rest of the run; without it the answer is
    /// [`StationError::ConfirmLive`], whose sentence asks the question.
    pub fn gate(&self, profile: &Profile, said_yes: bool) -> Result<(), StationError> {
        if !profile.requires_live_confirmation(self) {
            return Ok(());
        }
        if !said_yes {
            return Err(StationError::ConfirmLive);
        }
        self.confirm();
        Ok(())
    }
}

/// True when a purchase in `profile` must first ask the operator to confirm (see
/// [`Profile::requires_live_confirmation`]).
pub fn requires_live_confirmation(profile: &Profile, confirmation: &LiveConfirmation) -> bool {
    profile.requires_live_confirmation(confirmation)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: &str = "shippo_test_0123456789abcdef0123456789abcdef0123a1b2";
    const LIVE: &str = "shippo_live_0123456789abcdef0123456789abcdef0123a1b2";

    #[test]
    fn account_key_is_the_first_12_hex_of_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(AccountKey::of(&Token::new("abc")).as_str(), "ba7816bf8f01");
        let key = AccountKey::of(&Token::new(TEST));
        assert_eq!(key.as_str().len(), 12);
        assert!(!TEST.contains(key.as_str()));
    }

    #[test]
    fn modes_follow_the_prefix() {
        assert_eq!(Profile::detect(None).unwrap(), Profile::demo());
        assert_eq!(Profile::for_token(&Token::new(TEST)).unwrap().mode, Mode::Test);
        assert_eq!(Profile::for_token(&Token::new(LIVE)).unwrap().mode, Mode::Live);
        assert!(matches!(
            Profile::for_token(&Token::new("oauth.abc")),
            Err(NotAShippoToken)
        ));
    }

    #[test]
    fn profiles_get_separate_directories() {
        let data = Path::new("/data");
        let test = Profile::for_token(&Token::new(TEST)).unwrap();
        let live = Profile::for_token(&Token::new(LIVE)).unwrap();
        let key = AccountKey::of(&Token::new(TEST));
        assert_eq!(Profile::demo().db_path(data), Path::new("/data/demo/shipbench.db"));
        assert_eq!(test.db_path(data), data.join(format!("test-{key}/shipbench.db")));
        assert!(live.db_path(data).to_string_lossy().starts_with("/data/live-"), "{:?}", live.db_path(data));
        assert_ne!(test.dir(data), live.dir(data));
        assert_eq!(test.label_cache_dir(data), test.dir(data).join("labels"));
        assert_eq!(
            Profile::demo().virtual_printer_dir(data),
            Path::new("/data/demo/virtual-printer")
        );
    }

    #[test]
    fn live_asks_once_per_run() {
        let live = Profile::for_token(&Token::new(LIVE)).unwrap();
        let test = Profile::for_token(&Token::new(TEST)).unwrap();
        let run = LiveConfirmation::new();
        assert!(requires_live_confirmation(&live, &run));
        assert!(!requires_live_confirmation(&test, &run));
        assert!(!requires_live_confirmation(&Profile::demo(), &run));
        run.confirm();
        assert!(!requires_live_confirmation(&live, &run));
        assert!(requires_live_confirmation(&live, &LiveConfirmation::new()));
    }

    #[test]
    fn the_gate_asks_once_then_lets_live_purchases_through() {
        let live = Profile::for_token(&Token::new(LIVE)).unwrap();
        let test = Profile::for_token(&Token::new(TEST)).unwrap();
        let run = LiveConfirmation::new();
        assert!(run.gate(&test, false).is_ok());
        assert!(run.gate(&Profile::demo(), false).is_ok());
        let asked = run.gate(&live, false).expect_err("the first LIVE purchase asks");
        assert_eq!(asked.kind(), crate::error::ErrorKind::ConfirmLive);
        assert!(asked.to_string().contains("costs real money"), "{asked}");
        assert!(!run.is_confirmed(), "a question is not a yes");
        assert!(run.gate(&live, true).is_ok());
        assert!(run.gate(&live, false).is_ok(), "confirmed for the rest of the run");
    }
}

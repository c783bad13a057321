//! The Shippo API token as a secret type: it never prints.

use std::fmt;

/// Which kind of account a token belongs to, read from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenMode {
    /// `shippo_test_…`: labels cost nothing.
    Test,
    /// `shippo_live_…`: real money.
    Live,
    /// Any other token (OAuth / partner tokens are passed through as they are).
    Other,
}

/// A Shippo API token. `Debug` and `Display` print only a masked form such as
/// `shippo_test_…a1b2`; the whole secret is reachable only through [`Token::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a token, trimming surrounding white space (pasted tokens often carry a newline).
    pub fn new(raw: impl Into<String>) -> Self {
        Token(raw.into().trim().to_owned())
    }

    /// The whole secret. Call it only where the token leaves for Shippo or the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The mode the token's prefix names.
    pub fn mode(&self) -> TokenMode {
        if self.0.starts_with("shippo_test_") {
            TokenMode::Test
        } else if self.0.starts_with("shippo_live_") {
            TokenMode::Live
        } else {
            TokenMode::Other
        }
    }

    /// True for `shippo_test_<40 hex>` or `shippo_live_<40 hex>`.
    pub fn is_well_formed(&self) -> bool {
        let rest = self
            .0
            .strip_prefix("shippo_test_")
            .or_else(|| self.0.strip_prefix("shippo_live_"));
        matches!(rest, Some(hex) if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    /// The masked form shown to people: the prefix, an ellipsis and the last four characters.
    pub fn masked(&self) -> String {
        let prefix = match self.mode() {
            TokenMode::Test => "shippo_test_",
            TokenMode::Live => "shippo_live_",
            TokenMode::Other => "",
        };
        let tail: String = if self.0.len() >= prefix.len() + 8 {
            self.0[self.0.len() - 4..].to_owned()
        } else {
            String::new()
        };
        format!("{prefix}…{tail}")
    }

    /// The value of the `Authorization` header.
    pub fn authorization(&self) -> String {
        if self.0.starts_with("shippo_") {
            format!("ShippoToken {}", self.0)
        } else {
            self.0.clone()
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({})", self.masked())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "shippo_test_0123456789abcdef0123456789abcdef0123a1b2";

    #[test]
    fn never_prints_the_secret() {
        let t = Token::new(T);
        assert_eq!(format!("{t}"), "shippo_test_…a1b2");
        assert_eq!(format!("{t:?}"), "Token(shippo_test_…a1b2)");
        assert!(!format!("{t:?}{t}").contains("0123456789abcdef"));
        assert!(t.is_well_formed());
        assert_eq!(t.mode(), TokenMode::Test);
        assert_eq!(t.authorization(), format!("ShippoToken {T}"));
    }

    #[test]
    fn short_or_foreign_tokens_show_no_tail() {
        assert_eq!(Token::new("shippo_live_ab").masked(), "shippo_live_…");
        assert!(!Token::new("shippo_live_ab").is_well_formed());
        assert_eq!(Token::new("JWT abc").mode(), TokenMode::Other);
    }
}

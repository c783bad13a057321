//! The Shippo API token as a secret type: it never prints, and a token that could not be sent
//! as typed (non-ASCII, control characters, white space inside) is refused before any use.

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

/// Why a pasted or stored token was refused by [`Token::parse`]. The sentences never contain
/// any part of the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Nothing but white space.
    #[error("No API token was given; paste the token from the Shippo dashboard (Settings > API).")]
    Empty,
    /// A character outside ASCII (often a typographic quote or a character from another layout).
    #[error("The API token contains a character that is not plain ASCII, so it cannot be a Shippo token; copy it again from the Shippo dashboard (Settings > API).")]
    NotAscii,
    /// A control character (an escape, a tab, a carriage return inside the token).
    #[error("The API token contains a control character, so it cannot be a Shippo token; copy it again from the Shippo dashboard (Settings > API).")]
    ControlCharacter,
    /// A space inside the token (two tokens pasted together, or a word with it).
    #[error("The API token contains a space, so it cannot be a Shippo token; paste the token alone, copied again from the Shippo dashboard (Settings > API).")]
    InnerWhitespace,
}

impl Token {
    /// Wraps a token, trimming surrounding white space (pasted tokens often carry a newline).
    /// It does not check the characters: use it for known-good literals, and [`Token::parse`] for
    /// anything typed, pasted, read from the environment or from a keyring.
    pub fn new(raw: impl Into<String>) -> Self {
        Token(raw.into().trim().to_owned())
    }

    /// Reads a token typed or pasted by a person: surrounding white space is trimmed, then a token
    /// that is empty or holds a non-ASCII character, a control character or a space is refused
    /// with one sentence that never echoes it.
    pub fn parse(raw: &str) -> Result<Token, TokenError> {
        let t = raw.trim();
        if t.is_empty() {
            return Err(TokenError::Empty);
        }
        if !t.is_ascii() {
            return Err(TokenError::NotAscii);
        }
        if t.chars().any(|c| c.is_ascii_control()) {
            return Err(TokenError::ControlCharacter);
        }
        if t.chars().any(|c| c == ' ') {
            return Err(TokenError::InnerWhitespace);
        }
        Ok(Token(t.to_owned()))
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
    /// Counted in characters, never bytes; the tail is left out when the token is short or the
    /// tail holds anything but printable ASCII.
    pub fn masked(&self) -> String {
        let prefix = match self.mode() {
            TokenMode::Test => "shippo_test_",
            TokenMode::Live => "shippo_live_",
            TokenMode::Other => "",
        };
        let chars = self.0.chars().count();
        let mut tail: Vec<char> = self.0.chars().rev().take(4).collect();
        tail.reverse();
        let printable = tail.iter().all(|c| c.is_ascii_graphic());
        let tail: String = if chars >= prefix.len() + 8 && printable {
            tail.into_iter().collect()
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

    /// `printf 'shippo_test_€€€' | shipbench token set` panicked here (byte slicing inside a `€`)
    /// and the panic message held the whole token.
    #[test]
    fn masking_counts_characters_not_bytes() {
        let euro = Token::new("shippo_test_€€€");
        assert_eq!(euro.masked(), "shippo_test_…");
        let long = Token::new("shippo_test_abcdefgh€€€€");
        assert_eq!(long.masked(), "shippo_test_…", "a non-ASCII tail is not shown");
        let ok = Token::new("shippo_live_abcdefghwxyz");
        assert_eq!(ok.masked(), "shippo_live_…wxyz");
        let escape = Token::new("shippo_test_abcdefgh\u{1b}[2J");
        assert!(!escape.masked().contains('\u{1b}'), "{:?}", escape.masked());
    }

    #[test]
    fn parse_refuses_what_cannot_be_a_token_without_echoing_it() {
        let cases = [
            ("shippo_test_€€€", TokenError::NotAscii),
            ("shippo_test_abc\u{7f}def", TokenError::ControlCharacter),
            ("shippo_test_abc\tdef", TokenError::ControlCharacter),
            ("shippo_test_abc\u{1b}def", TokenError::ControlCharacter),
            ("shippo_test_abc def", TokenError::InnerWhitespace),
            ("shippo_test_abc\u{a0}def", TokenError::NotAscii),
            (" \n\t", TokenError::Empty),
        ];
        for (raw, expected) in cases {
            let err = Token::parse(raw).unwrap_err();
            assert_eq!(err, expected, "{raw:?}");
            let text = format!("{err} {err:?}");
            assert!(!text.contains("shippo_test"), "echoed: {text}");
            assert!(!text.contains("abc"), "echoed: {text}");
            assert!(text.ends_with(')') || text.contains('.'), "one sentence: {text}");
        }
        let t = Token::parse(&format!("  {T}\r\n")).expect("a pasted token with a newline");
        assert_eq!(t.expose(), T);
        assert!(t.is_well_formed());
    }
}

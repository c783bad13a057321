//! The one error type of the client. Every Display is a sentence an operator can act on; none of
//! them ever contains the API token (server bodies are scrubbed of it before they are kept).

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::models::ResponseMessage;

/// Everything that can go wrong talking to Shippo.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No connection could be made, or it broke before an answer arrived.
    #[error("Shippo could not be reached: {detail}. Check the internet connection (and any proxy or firewall), then try again.")]
    Unreachable {
        /// What the network layer said.
        detail: String,
    },
    /// Shippo accepted the connection but did not answer in time.
    #[error("Shippo did not answer {method} {path} within the time limit; it may be slow or down. Try again in a moment.")]
    Timeout {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
    },
    /// The request was sent but the connection broke before the whole answer arrived: the
    /// request may have been carried out. Only calls that are never repeated (POSTs) report this.
    #[error("Shippo's answer to {method} {path} was lost ({detail}); the request may have gone through.")]
    AnswerLost {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// What the network layer said.
        detail: String,
    },
    /// HTTP 401: the token was refused.
    #[error("Shippo refused the API token (HTTP 401: {message}). Check the token in Settings: it may be mistyped, revoked, or a test token used for live work.")]
    Unauthorized {
        /// What Shippo said, e.g. "Token does not exist".
        message: String,
    },
    /// HTTP 429: too many requests for this account (a safe call gets here only after waiting
    /// out the limit as often as the retry policy allows).
    #[error("Shippo is rate-limiting this account (HTTP 429 on {method} {path}). {}", wait_advice(retry_after))]
    RateLimited {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// The server's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
    /// Any other non-success HTTP status, with the server's body.
    #[error("{}", api_sentence(*status, method, path, body))]
    Api {
        /// HTTP status code.
        status: u16,
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// What Shippo said.
        body: ApiErrorBody,
    },
    /// Shippo answered 2xx but the object says `status: ERROR` (for example a failed label purchase).
    #[error(
        "Shippo could not complete the {what}{}: {}",
        id_suffix(object_id),
        join_messages(messages)
    )]
    Rejected {
        /// What was attempted ("label purchase", "refund", …).
        what: &'static str,
        /// The object that failed.
        object_id: Option<String>,
        /// Shippo's `messages[]`.
        messages: Vec<ResponseMessage>,
    },
    /// A 2xx answer whose body this client could not read.
    #[error("Shippo's answer to {method} {path} could not be read ({detail}). The API may have changed; please report this.")]
    Decode {
        /// HTTP method.
        method: String,
        /// Request path.
        path: String,
        /// The parser's complaint.
        detail: String,
    },
    /// A polling helper gave up waiting.
    #[error("The {what} {id} was still {last_status} after {} s. Shippo is slow right now; check it again later before retrying.", waited.as_secs())]
    StillPending {
        /// What was waited for.
        what: &'static str,
        /// Its object id.
        id: String,
        /// The last status seen.
        last_status: String,
        /// How long the helper waited.
        waited: Duration,
    },
    /// A label or document download failed its checks.
    #[error("The file from {host} could not be used: {problem}")]
    Download {
        /// The host the file came from.
        host: String,
        /// What was wrong.
        problem: DownloadProblem,
    },
    /// The client was configured with something unusable.
    #[error("The Shippo client is misconfigured: {0}")]
    Config(String),
    /// A token that cannot be a Shippo token was refused before use (never echoed).
    #[error(transparent)]
    InvalidToken(#[from] crate::token::TokenError),
}

impl Error {
    /// The HTTP status, when the error came from an HTTP answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized { .. } => Some(401),
            Error::RateLimited { .. } => Some(429),
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the request may have reached Shippo and been carried out although no usable answer
    /// came back ("answer lost"): a timeout after sending, a connection broken mid-answer, HTTP 5xx
    /// or 408, an unreadable 2xx body, a purchase still pending. False when it surely was not
    /// carried out ("not sent" or refused): no connection could be made, the token could not be
    /// sent, the client is misconfigured, or Shippo answered 4xx or `status: ERROR`.
    ///
    /// For a purchase this decides between "nothing was bought" and "look at Shippo first".
    pub fn may_have_committed(&self) -> bool {
        match self {
            Error::Timeout { .. }
            | Error::AnswerLost { .. }
            | Error::Decode { .. }
            | Error::StillPending { .. } => true,
            Error::Api { status, .. } => *status >= 500 || *status == 408,
            Error::Unreachable { .. }
            | Error::Unauthorized { .. }
            | Error::RateLimited { .. }
            | Error::Rejected { .. }
            | Error::Download { .. }
            | Error::InvalidToken(_)
            | Error::Config(_) => false,
        }
    }

    /// True for failures that a later attempt of a *safe* call may not see again.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Unreachable { .. }
            | Error::AnswerLost { .. }
            | Error::Timeout { .. }
            | Error::RateLimited { .. } => true,
            Error::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// Why a downloaded file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DownloadProblem {
    /// The server answered with an HTTP error.
    Http(u16),
    /// The file is bigger than the configured limit.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The bytes are not ZPL, PDF or PNG.
    UnknownFormat,
    /// The `Content-Type` does not match the bytes.
    ContentType {
        /// What the server declared.
        declared: String,
        /// What the bytes are.
        detected: &'static str,
    },
    /// The format is not the one that was ordered.
    WrongFormat {
        /// What was ordered.
        expected: String,
        /// What arrived.
        detected: &'static str,
    },
    /// The URL is not an http(s) URL.
    BadUrl,
}

impl fmt::Display for DownloadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DownloadProblem::Http(s) => write!(f, "the server answered HTTP {s}; the link may have expired, fetch the object again for a fresh one"),
            DownloadProblem::TooLarge { limit } => write!(f, "it is larger than the {limit}-byte limit"),
            DownloadProblem::UnknownFormat => f.write_str("it is not a ZPL, PDF or PNG file"),
            DownloadProblem::ContentType { declared, detected } => {
                write!(f, "the server called it {declared:?} but it is {detected}")
            }
            DownloadProblem::WrongFormat { expected, detected } => {
                write!(f, "{expected} was ordered but the file is {detected}")
            }
            DownloadProblem::BadUrl => f.write_str("the link is not an http(s) URL"),
        }
    }
}

/// The body of an error answer, in the shapes Shippo is known to send.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ApiErrorBody {
    /// DRF field errors: `{"parcel": ["This field is required."]}`.
    Fields(BTreeMap<String, Vec<String>>),
    /// `{"detail": "Not found."}` (with `title` on the OAuth endpoint).
    Detail {
        /// The detail text.
        detail: String,
        /// A title, when sent.
        title: Option<String>,
    },
    /// `{"message": "...", "details": "..."}` (live rates).
    Message {
        /// The message.
        message: String,
        /// More detail, when sent.
        details: Option<String>,
    },
    /// A bare JSON string, or a non-JSON body (trimmed).
    Text(String),
    /// Any other JSON.
    Other(serde_json::Value),
    /// No body.
    Empty,
}

impl ApiErrorBody {
    /// Reads an error body. Never fails: unreadable bodies become [`ApiErrorBody::Text`].
    pub fn parse(bytes: &[u8]) -> ApiErrorBody {
        let text = String::from_utf8_lossy(bytes);
        if text.trim().is_empty() {
            return ApiErrorBody::Empty;
        }
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(_) => return ApiErrorBody::Text(shorten(text.trim(), 300)),
        };
        match value {
            serde_json::Value::String(s) => ApiErrorBody::Text(s),
            serde_json::Value::Object(map) => {
                if let Some(detail) = map.get("detail").and_then(|d| d.as_str()) {
                    return ApiErrorBody::Detail {
                        detail: detail.to_owned(),
                        title: map.get("title").and_then(|t| t.as_str()).map(str::to_owned),
                    };
                }
                if let Some(message) = map.get("message").and_then(|d| d.as_str()) {
                    return ApiErrorBody::Message {
                        message: message.to_owned(),
                        details: map.get("details").map(value_text),
                    };
                }
                if map.is_empty() {
                    return ApiErrorBody::Other(serde_json::Value::Object(map));
                }
                let fields = map
                    .into_iter()
                    .map(|(k, v)| {
                        let msgs = match v {
                            serde_json::Value::Array(items) => {
                                items.iter().map(value_text).collect()
                            }
                            other => vec![value_text(&other)],
                        };
                        (k, msgs)
                    })
                    .collect();
                ApiErrorBody::Fields(fields)
            }
            other => ApiErrorBody::Other(other),
        }
    }
}

impl fmt::Display for ApiErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiErrorBody::Fields(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(field, msgs)| format!("{field}: {}", msgs.join(" ")))
                    .collect();
                f.write_str(&parts.join("; "))
            }
            ApiErrorBody::Detail {
                detail,
                title: Some(title),
            } => write!(f, "{title}: {detail}"),
            ApiErrorBody::Detail {
                detail,
                title: None,
            } => f.write_str(detail),
            ApiErrorBody::Message {
                message,
                details: Some(d),
            } => write!(f, "{message} ({d})"),
            ApiErrorBody::Message {
                message,
                details: None,
            } => f.write_str(message),
            ApiErrorBody::Text(t) => f.write_str(t),
            ApiErrorBody::Other(v) => f.write_str(&shorten(&v.to_string(), 300)),
            ApiErrorBody::Empty => f.write_str("no explanation given"),
        }
    }
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn api_sentence(status: u16, method: &str, path: &str, body: &ApiErrorBody) -> String {
    let body = body.to_string();
    let body = body.trim_end_matches('.');
    match status {
        400 | 422 => format!("Shippo rejected {method} {path} (HTTP {status}): {body}. Correct these fields and try again."),
        403 => format!("Shippo does not allow {method} {path} for this account (HTTP 403): {body}."),
        404 => format!("Shippo has no such object at {path} (HTTP 404): {body}. Check the id."),
        s if s >= 500 => format!("Shippo had an internal problem with {method} {path} (HTTP {status}): {body}. Try again later."),
        _ => format!("Shippo answered {method} {path} with HTTP {status}: {body}."),
    }
}

fn wait_advice(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) if d.as_secs() > 0 => format!("Shippo asks to wait {} s before trying again.", d.as_secs()),
        _ => "Wait a minute before trying again.".to_owned(),
    }
}

fn id_suffix(id: &Option<String>) -> String {
    id.as_deref().map(|i| format!(" ({i})")).unwrap_or_default()
}

fn join_messages(messages: &[ResponseMessage]) -> String {
    if messages.is_empty() {
        return "no reason given".to_owned();
    }
    messages
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_known_error_shape() {
        let f = ApiErrorBody::parse(br#"{"parcel": ["This field is required."]}"#);
        assert_eq!(f.to_string(), "parcel: This field is required.");
        let d = ApiErrorBody::parse(br#"{"detail": "Not found."}"#);
        assert_eq!(d.to_string(), "Not found.");
        let t = ApiErrorBody::parse(br#""Unauthorized to create accounts""#);
        assert_eq!(
            t,
            ApiErrorBody::Text("Unauthorized to create accounts".into())
        );
        let h = ApiErrorBody::parse(b"<html>Bad gateway</html>");
        assert_eq!(h.to_string(), "<html>Bad gateway</html>");
        assert_eq!(ApiErrorBody::parse(b"  "), ApiErrorBody::Empty);
    }
}

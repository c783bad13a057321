//! Shippo's messages in the operator's words.

/// Shippo's messages as one sentence.
pub fn messages_sentence(m: &[shippo::ResponseMessage]) -> String {
    if m.is_empty() {
        "Shippo gave no reason".into()
    } else {
        m.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; ")
    }
}


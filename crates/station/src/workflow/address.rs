//! The address check before the first purchase for an order: Shippo validates the destination, the
//! answer is cached per address in the store, and its messages come back in plain words with a
//! suggested correction the caller may accept.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::address_cache;
use crate::store::orders::Address;
use crate::store::Store;

use super::shipment::address_request;

/// The outcome of one address check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressCheck {
    /// Whether Shippo calls the address deliverable.
    pub valid: bool,
    /// Shippo's messages, in plain words.
    pub messages: Vec<String>,
    /// Shippo's corrected address, when it differs from the one entered.
    pub suggestion: Option<Address>,
    /// True when the answer came from the local cache.
    pub cached: bool,
}

fn from_api(a: &shippo::Address, country: &str) -> Address {
    Address {
        name: a.name.clone(),
        company: a.company.clone().filter(|c| !c.is_empty()),
        street1: a.street1.clone(),
        street2: a.street2.clone().filter(|c| !c.is_empty()),
        street3: a.street3.clone().filter(|c| !c.is_empty()),
        city: a.city.clone(),
        state: a.state.clone(),
        zip: a.zip.clone(),
        country: a.country.clone().unwrap_or_else(|| country.to_owned()),
        phone: a.phone.clone().filter(|c| !c.is_empty()),
        email: a.email.clone().filter(|c| !c.is_empty()),
    }
}

fn differs(a: &Address, b: &Address) -> bool {
    let n = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_uppercase();
    n(&a.street1) != n(&b.street1)
        || n(&a.street2) != n(&b.street2)
        || n(&a.city) != n(&b.city)
        || n(&a.state) != n(&b.state)
        || n(&a.zip) != n(&b.zip)
        || !a.country.trim().eq_ignore_ascii_case(b.country.trim())
}

fn check_of(input: &Address, result: &shippo::Address, cached: bool) -> AddressCheck {
    let results = result.validation_results.clone().unwrap_or_default();
    let messages: Vec<String> = results
        .messages
        .iter()
        .filter_map(|m| m.text.clone().filter(|t| !t.trim().is_empty()))
        .collect();
    let corrected = from_api(result, &input.country);
    let suggestion = (result.street1.is_some() && differs(input, &corrected)).then(|| Address {
        // Keep the recipient as the shop has it; only the postal part is corrected.
        name: input.name.clone(),
        company: input.company.clone(),
        phone: input.phone.clone(),
        email: input.email.clone(),
        ..corrected
    });
    AddressCheck {
        valid: results.is_valid.unwrap_or(true),
        messages,
        suggestion,
        cached,
    }
}

/// Validates an address with Shippo, using the cache when this address was checked before.
pub async fn check(client: &shippo::Client, store: &Store, input: &Address) -> Result<AddressCheck> {
    let key_input = input.clone();
    let cached = store
        .read_async(move |c| address_cache::get(c, &key_input))
        .await?;
    if let Some(hit) = cached {
        if let Ok(result) = serde_json::from_value::<shippo::Address>(hit.result.clone()) {
            return Ok(check_of(input, &result, true));
        }
    }
    let mut req = address_request(input);
    req.validate = Some(true);
    let result = client.addresses().create(&req).await?;
    let check = check_of(input, &result, false);
    let (input2, json, valid) = (input.clone(), serde_json::to_value(&result)?, check.valid);
    store
        .write_async(move |tx| address_cache::put(tx, &input2, &json, valid))
        .await?;
    Ok(check)
}

/// The address on one line, for messages.
pub fn one_line(a: &Address) -> String {
    [&a.street1, &a.street2, &a.city, &a.state, &a.zip]
        .iter()
        .filter_map(|s| s.as_deref().filter(|s| !s.trim().is_empty()))
        .chain(std::iter::once(a.country.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

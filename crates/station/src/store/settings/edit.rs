//! One setting changed by name, as the CLI (`shipbench settings set KEY VALUE`) and the window
//! both say it: the value is checked first, then saved in one transaction, so a bad value leaves
//! every setting as it was and gets one sentence naming what is allowed.

use rusqlite::Transaction;

use super::{load, put, LabelFormat, ParcelTemplate, RateRule, SenderAddress, Settings, Theme};
use crate::error::{Result, StationError};
use crate::store::orders::Address;

/// The keys `set` takes, in the order `show` lists them.
pub const SET_KEYS: [&str; 13] = [
    "label-format",
    "rate-rule",
    "printer",
    "sender",
    "sender-default",
    "sender-remove",
    "default-parcel",
    "default-weight",
    "sounds",
    "auto-buy",
    "theme",
    "packing-slip-with-label",
    "setup",
];

/// A printer role: which documents a printer prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Shipping labels.
    Labels,
    /// Packing slips.
    PackingSlips,
    /// End-of-day manifests.
    Manifests,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Labels, Role::PackingSlips, Role::Manifests];

    /// The mapping key of the print queue (`label`, `packing_slip`, `manifest`).
    pub fn mapping_key(self) -> &'static str {
        match self {
            Role::Labels => "label",
            Role::PackingSlips => "packing_slip",
            Role::Manifests => "manifest",
        }
    }

    /// As typed: `labels`, `packing-slips`, `manifests`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Labels => "labels",
            Role::PackingSlips => "packing-slips",
            Role::Manifests => "manifests",
        }
    }

    /// Reads a role (singular, plural, `-` or `_`).
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "labels" | "label" => Some(Role::Labels),
            "packing-slips" | "packing-slip" | "slips" => Some(Role::PackingSlips),
            "manifests" | "manifest" => Some(Role::Manifests),
            _ => None,
        }
    }
}

fn bad(msg: impl Into<String>) -> StationError {
    StationError::BadSetting(msg.into())
}

fn on_off(key: &str, v: &str) -> Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(bad(format!("{key} takes on or off, not '{}'.", v.trim()))),
    }
}

/// A positive decimal number as written ("1.5", "10").
fn positive(v: &str) -> Option<String> {
    let n: f64 = v.trim().parse().ok()?;
    (n.is_finite() && n > 0.0).then(|| v.trim().to_owned())
}

/// Reads a label format: `ZPLII` (or `zpl`) or `PDF_4x6` (or `pdf`).
pub fn parse_label_format(v: &str) -> Result<LabelFormat> {
    match v.trim().to_ascii_lowercase().as_str() {
        "zplii" | "zpl" | "zpl2" => Ok(LabelFormat::Zpl),
        "pdf_4x6" | "pdf" | "pdf4x6" => Ok(LabelFormat::Pdf4x6),
        _ => Err(bad(format!("label-format takes ZPLII or PDF_4x6, not '{}'.", v.trim()))),
    }
}

/// The spelling of a label format (Shippo's file type).
pub fn label_format_name(f: LabelFormat) -> &'static str {
    match f {
        LabelFormat::Zpl => "ZPLII",
        LabelFormat::Pdf4x6 => "PDF_4x6",
    }
}

const RULES_ALLOWED: &str =
    "rate-rule takes cheapest, fastest, cheapest-within:DAYS, preferred:CARRIER[/SERVICELEVEL] or fixed:CARRIER_ACCOUNT_ID/SERVICELEVEL";

/// Reads a rate rule: `cheapest`, `fastest`, `cheapest-within:3`, `preferred:USPS[/usps_priority]`,
/// `fixed:ACCOUNT_ID/usps_priority`.
pub fn parse_rate_rule(v: &str) -> Result<RateRule> {
    let v = v.trim();
    let (head, rest) = match v.split_once(':') {
        Some((h, r)) => (h.trim().to_ascii_lowercase(), Some(r.trim())),
        None => (v.to_ascii_lowercase(), None),
    };
    let not = || bad(format!("{RULES_ALLOWED}, not '{v}'."));
    match (head.as_str(), rest) {
        ("cheapest", None) => Ok(RateRule::Cheapest),
        ("fastest", None) => Ok(RateRule::Fastest),
        ("cheapest-within" | "within", Some(days)) => match days.trim_end_matches("days").trim().parse::<u32>() {
            Ok(d) if (1..=60).contains(&d) => Ok(RateRule::CheapestWithin { days: d }),
            _ => Err(bad(format!("cheapest-within takes a number of days from 1 to 60, e.g. cheapest-within:3, not '{v}'."))),
        },
        ("preferred", Some(r)) if !r.is_empty() => {
            let (carrier, level) = match r.split_once('/') {
                Some((c, l)) => (c.trim(), Some(l.trim()).filter(|l| !l.is_empty())),
                None => (r, None),
            };
            if carrier.is_empty() {
                return Err(not());
            }
            Ok(RateRule::Preferred { carrier: carrier.to_owned(), servicelevel: level.map(str::to_owned) })
        }
        ("fixed", Some(r)) => match r.split_once('/') {
            Some((a, l)) if !a.trim().is_empty() && !l.trim().is_empty() => {
                Ok(RateRule::Fixed { carrier_account: a.trim().to_owned(), servicelevel: l.trim().to_owned() })
            }
            _ => Err(bad(format!("fixed takes a carrier account id and a service level token, e.g. fixed:ACCOUNT_ID/usps_priority, not '{v}'."))),
        },
        _ => Err(not()),
    }
}

/// The rule as `set` takes it (round trip of [`parse_rate_rule`]).
pub fn rate_rule_arg(r: &RateRule) -> String {
    match r {
        RateRule::Cheapest => "cheapest".into(),
        RateRule::Fastest => "fastest".into(),
        RateRule::CheapestWithin { days } => format!("cheapest-within:{days}"),
        RateRule::Preferred { carrier, servicelevel: Some(l) } => format!("preferred:{carrier}/{l}"),
        RateRule::Preferred { carrier, servicelevel: None } => format!("preferred:{carrier}"),
        RateRule::Fixed { carrier_account, servicelevel } => format!("fixed:{carrier_account}/{servicelevel}"),
    }
}

/// Reads a weight with its unit: `1.5lb`, `500 g`, or `none`. Returns (value, unit).
pub fn parse_weight(v: &str) -> Result<Option<(String, String)>> {
    let t = v.trim().to_ascii_lowercase();
    if t == "none" || t.is_empty() {
        return Ok(None);
    }
    let split = t.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(t.len());
    let (n, unit) = (t[..split].trim(), t[split..].trim());
    let unit = if unit.is_empty() { "lb" } else { unit };
    match (positive(n), ["g", "kg", "oz", "lb"].contains(&unit)) {
        (Some(n), true) => Ok(Some((n, unit.to_owned()))),
        _ => Err(bad(format!(
            "default-weight takes a positive weight with g, kg, oz or lb (e.g. 1.5lb), or none, not '{}'.",
            v.trim()
        ))),
    }
}

/// Reads a default parcel: `[NAME:] LxWxH UNIT` (e.g. `Small box: 10x8x4 in`) or `none`.
pub fn parse_parcel(v: &str) -> Result<Option<ParcelTemplate>> {
    let t = v.trim();
    if t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let (name, dims) = match t.rsplit_once(':') {
        Some((n, d)) => (n.trim(), d.trim()),
        None => ("Default box", t),
    };
    let not = || bad(format!("default-parcel takes [NAME:] LENGTHxWIDTHxHEIGHT in|cm (e.g. Small box: 10x8x4 in), or none, not '{t}'."));
    let lower = dims.to_ascii_lowercase();
    let split = lower.find(|c: char| c.is_ascii_alphabetic() && c != 'x').unwrap_or(lower.len());
    let (nums, unit) = (lower[..split].trim(), lower[split..].trim());
    let unit = if unit.is_empty() { "in" } else { unit };
    if !["in", "cm", "mm", "ft", "m", "yd"].contains(&unit) {
        return Err(not());
    }
    let parts: Vec<Option<String>> = nums.split('x').map(positive).collect();
    match parts.as_slice() {
        [Some(l), Some(w), Some(h)] if !name.is_empty() => Ok(Some(ParcelTemplate {
            name: name.to_owned(),
            length: l.clone(),
            width: w.clone(),
            height: h.clone(),
            distance_unit: unit.to_owned(),
            weight: None,
            mass_unit: "lb".into(),
        })),
        _ => Err(not()),
    }
}

const SENDER_ALLOWED: &str = "sender takes fields as NAME=VALUE separated by ';': label, name, company, street1, street2, city, state, zip, country (2 letters), phone, email, default=yes; label, street1, city and country are needed";

/// Reads a sender: `label=Warehouse; name=Jane Doe; street1=215 Clayton St.; city=San Francisco;
/// state=CA; zip=94117; country=US[; default=yes]`, or the same as JSON (`{"label": …, "address": {…}}`).
pub fn parse_sender(v: &str) -> Result<SenderAddress> {
    let t = v.trim();
    if t.starts_with('{') {
        let s: SenderAddress = serde_json::from_str(t).map_err(|e| bad(format!("{SENDER_ALLOWED} (the JSON did not read: {e}).")))?;
        return check_sender(s);
    }
    let mut s = SenderAddress { label: String::new(), address: Address::default(), is_default: false };
    for field in t.split(';').map(str::trim).filter(|f| !f.is_empty()) {
        let Some((k, val)) = field.split_once('=') else {
            return Err(bad(format!("{SENDER_ALLOWED}; '{field}' has no '='.")));
        };
        let val = val.trim().to_owned();
        let opt = Some(val.clone()).filter(|x| !x.is_empty());
        let a = &mut s.address;
        match k.trim().to_ascii_lowercase().as_str() {
            "label" => s.label = val,
            "name" => a.name = opt,
            "company" => a.company = opt,
            "street1" | "street" => a.street1 = opt,
            "street2" => a.street2 = opt,
            "city" => a.city = opt,
            "state" => a.state = opt,
            "zip" => a.zip = opt,
            "country" => a.country = val.to_ascii_uppercase(),
            "phone" => a.phone = opt,
            "email" => a.email = opt,
            "default" => s.is_default = on_off("default", &val)?,
            other => return Err(bad(format!("{SENDER_ALLOWED}; '{other}' is not one of them."))),
        }
    }
    check_sender(s)
}

/// Checks a sender's required fields.
pub fn check_sender(s: SenderAddress) -> Result<SenderAddress> {
    let a = &s.address;
    let missing: Vec<&str> = [
        ("label", s.label.trim().is_empty()),
        ("street1", a.street1.as_deref().is_none_or(|x| x.trim().is_empty())),
        ("city", a.city.as_deref().is_none_or(|x| x.trim().is_empty())),
        ("country", a.country.len() != 2 || !a.country.chars().all(|c| c.is_ascii_alphabetic())),
    ]
    .into_iter()
    .filter_map(|(n, m)| m.then_some(n))
    .collect();
    if !missing.is_empty() {
        return Err(bad(format!("{SENDER_ALLOWED}; missing or wrong: {}.", missing.join(", "))));
    }
    Ok(s)
}

/// Adds or replaces (by label) a sender; the first one, or one marked default, becomes the default.
pub fn upsert_sender(list: &mut Vec<SenderAddress>, s: SenderAddress) {
    let make_default = s.is_default || list.iter().all(|x| x.label.eq_ignore_ascii_case(&s.label));
    list.retain(|x| !x.label.eq_ignore_ascii_case(&s.label));
    list.push(s);
    if make_default {
        let label = list.last().map(|x| x.label.clone()).unwrap_or_default();
        for x in list.iter_mut() {
            x.is_default = x.label == label;
        }
    }
}

/// Applies `set KEY VALUE` to `s`. `printers` are the configured printers' names (a role must
/// name one of them). Returns the sentence saying what changed.
pub fn apply(s: &mut Settings, key: &str, value: &str, printers: &[String]) -> Result<String> {
    let key = key.trim().to_ascii_lowercase();
    match key.as_str() {
        "label-format" => {
            s.label_format = parse_label_format(value)?;
            Ok(format!("Labels are bought as {}.", label_format_name(s.label_format)))
        }
        "rate-rule" => {
            s.rate_rule = parse_rate_rule(value)?;
            Ok(format!("The rate rule is {}.", rate_rule_arg(&s.rate_rule)))
        }
        "printer" | "printer-labels" | "printer-packing-slips" | "printer-manifests" => {
            let (role, name) = match key.strip_prefix("printer-") {
                Some(r) => (r, value.trim()),
                None => value.trim().split_once(char::is_whitespace).map(|(r, n)| (r, n.trim())).unwrap_or((value.trim(), "")),
            };
            let role = Role::parse(role)
                .ok_or_else(|| bad(format!("printer takes a role (labels, packing-slips or manifests) and a printer name, not '{}'.", value.trim())))?;
            let name = name.trim_matches('"');
            if name.is_empty() || name.eq_ignore_ascii_case("none") {
                s.printer_mapping.remove(role.mapping_key());
                if role == Role::Labels {
                    s.printer_mapping.remove("ZPLII");
                    s.printer_mapping.remove("PDF_4x6");
                }
                return Ok(format!("No printer is chosen for {} now (the first one that takes them prints them).", role.name()));
            }
            let Some(found) = printers.iter().find(|p| p.eq_ignore_ascii_case(name)) else {
                let list = if printers.is_empty() { "none is set up yet".to_owned() } else { printers.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ") };
                return Err(bad(format!("There is no printer called '{name}'; the printers are: {list}.")));
            };
            s.printer_mapping.insert(role.mapping_key().to_owned(), found.clone());
            if role == Role::Labels {
                // The role wins over older per-file-type mappings.
                s.printer_mapping.remove("ZPLII");
                s.printer_mapping.remove("PDF_4x6");
            }
            Ok(format!("'{found}' prints {}.", role.name()))
        }
        "sender" => {
            let sender = parse_sender(value)?;
            let label = sender.label.clone();
            upsert_sender(&mut s.sender_addresses, sender);
            Ok(format!("Sender '{label}' saved."))
        }
        "sender-default" | "sender-remove" => {
            let label = value.trim();
            let Some(i) = s.sender_addresses.iter().position(|x| x.label.eq_ignore_ascii_case(label)) else {
                let list: Vec<String> = s.sender_addresses.iter().map(|x| format!("'{}'", x.label)).collect();
                return Err(bad(format!(
                    "{key} takes the label of a sender; there is no '{label}' (senders: {}).",
                    if list.is_empty() { "none".to_owned() } else { list.join(", ") }
                )));
            };
            if key == "sender-remove" {
                let removed = s.sender_addresses.remove(i);
                if removed.is_default {
                    if let Some(first) = s.sender_addresses.first_mut() {
                        first.is_default = true;
                    }
                }
                return Ok(format!("Sender '{}' removed.", removed.label));
            }
            for (j, x) in s.sender_addresses.iter_mut().enumerate() {
                x.is_default = j == i;
            }
            Ok(format!("'{}' is the default sender.", s.sender_addresses[i].label))
        }
        "default-parcel" => {
            s.default_parcel = parse_parcel(value)?;
            Ok(match &s.default_parcel {
                Some(p) => format!("The default parcel is {}: {} x {} x {} {}.", p.name, p.length, p.width, p.height, p.distance_unit),
                None => "No default parcel now (a 10 x 8 x 4 in box is used).".to_owned(),
            })
        }
        "default-weight" => {
            match parse_weight(value)? {
                Some((n, unit)) => {
                    s.bench.default_weight = Some(n.clone());
                    s.bench.default_weight_unit = unit.clone();
                    Ok(format!("The default weight is {n} {unit}."))
                }
                None => {
                    s.bench.default_weight = None;
                    Ok("No default weight now: the operator weighs.".to_owned())
                }
            }
        }
        "sounds" => {
            s.bench.sounds = on_off("sounds", value)?;
            Ok(format!("Sounds are {}.", if s.bench.sounds { "on" } else { "off" }))
        }
        "auto-buy" => {
            s.bench.auto_buy = on_off("auto-buy", value)?;
            Ok(format!("Auto mode is {}.", if s.bench.auto_buy { "on" } else { "off" }))
        }
        "theme" => {
            s.bench.theme = match value.trim().to_ascii_lowercase().as_str() {
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                "system" | "os" => Theme::System,
                _ => return Err(bad(format!("theme takes light, dark or system, not '{}'.", value.trim()))),
            };
            Ok(format!("The theme is {}.", theme_name(s.bench.theme)))
        }
        "packing-slip-with-label" => apply_slip_with_label(s, value),
        _ => Err(bad(format!("'{key}' is not a setting; the settings are: {}.", SET_KEYS[..SET_KEYS.len() - 1].join(", ")))),
    }
}

/// `packing-slip-with-label on|off`: print the order's packing slip after each label.
fn apply_slip_with_label(s: &mut Settings, value: &str) -> Result<String> {
    s.bench.packing_slip_with_label = on_off("packing-slip-with-label", value)?;
    Ok(if s.bench.packing_slip_with_label {
        "A packing slip is printed with each label (on the packing-slips printer).".to_owned()
    } else {
        "No packing slip is printed with the labels now.".to_owned()
    })
}

/// `light`, `dark` or `system`.
pub fn theme_name(t: Theme) -> &'static str {
    match t {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::System => "system",
    }
}

/// Changes one setting in one transaction: load, apply, save. Nothing is written on a bad value.
pub fn set(tx: &Transaction<'_>, key: &str, value: &str, printers: &[String]) -> Result<(Settings, String)> {
    if key.trim().eq_ignore_ascii_case("setup") {
        let done = match value.trim().to_ascii_lowercase().as_str() {
            "done" | "skipped" | "on" => true,
            "again" | "off" => false,
            _ => return Err(bad(format!("setup takes done, skipped or again, not '{}'.", value.trim()))),
        };
        put(tx, super::SETUP_DONE, &done)?;
        return Ok((load(tx)?, if done { "The first-run setup is done.".into() } else { "The setup opens at the next start.".into() }));
    }
    super::profile::refuse_if_followed(tx, key)?;
    let mut s = load(tx)?;
    let said = apply(&mut s, key, value, printers)?;
    super::save(tx, &s)?;
    Ok((s, said))
}

/// True once the first-run setup was finished or skipped.
pub fn setup_done(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(super::get::<bool>(conn, super::SETUP_DONE)?.unwrap_or(false))
}

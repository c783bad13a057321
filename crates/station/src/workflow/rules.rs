//! The bench's rate rule: which of Shippo's rates to buy when the operator does not choose.

use serde::{Deserialize, Serialize};
use shippo::Rate;

use crate::store::settings::RateRule;

/// How a rate is picked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RatePick {
    /// The cheapest rate.
    #[default]
    Cheapest,
    /// The fewest estimated days (cheapest among equals).
    Fastest,
    /// The cheapest rate estimated to arrive within `days` days (else the fastest).
    CheapestWithin {
        /// Most days in transit.
        days: i64,
    },
    /// The cheapest rate of a preferred carrier and/or service level (else the cheapest of all).
    Preferred {
        /// Carriers (provider names, any case), e.g. ["USPS", "UPS"]; empty means any.
        carriers: Vec<String>,
        /// Service level tokens, e.g. ["usps_priority"]; empty means any.
        servicelevels: Vec<String>,
    },
    /// A fixed carrier account and service level: bought in one call (Instalabel), no rating.
    Fixed {
        /// The carrier account object id.
        carrier_account: String,
        /// The service level token, e.g. `usps_priority`.
        servicelevel: String,
    },
}

impl From<&RateRule> for RatePick {
    fn from(r: &RateRule) -> RatePick {
        match r {
            RateRule::Cheapest => RatePick::Cheapest,
            RateRule::Fastest => RatePick::Fastest,
            RateRule::Preferred { carrier, servicelevel } => RatePick::Preferred {
                carriers: vec![carrier.clone()],
                servicelevels: servicelevel.iter().cloned().collect(),
            },
            RateRule::CheapestWithin { days } => RatePick::CheapestWithin { days: i64::from(*days) },
            RateRule::Fixed { carrier_account, servicelevel } => RatePick::Fixed {
                carrier_account: carrier_account.clone(),
                servicelevel: servicelevel.clone(),
            },
        }
    }
}

impl RatePick {
    /// Reads a rule as typed on the command line: `cheapest`, `fastest`, `within:3`,
    /// `carrier:usps,ups`, `service:usps_priority` (carrier and service may be joined with `+`).
    pub fn parse(s: &str) -> Result<RatePick, String> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "cheapest" => return Ok(RatePick::Cheapest),
            "fastest" => return Ok(RatePick::Fastest),
            _ => {}
        }
        if lower.starts_with("fixed:") {
            let mut parts = s.splitn(3, ':').skip(1);
            if let (Some(a), Some(l)) = (parts.next(), parts.next()) {
                if !a.is_empty() && !l.is_empty() {
                    return Ok(RatePick::Fixed { carrier_account: a.to_owned(), servicelevel: l.to_owned() });
                }
            }
            return Err(format!("'{s}': write fixed:CARRIER_ACCOUNT_ID:SERVICELEVEL_TOKEN"));
        }
        if let Some(days) = lower.strip_prefix("within:") {
            let days: i64 = days.trim().parse().map_err(|_| {
                format!("'{s}': write the days as a number, e.g. within:3")
            })?;
            return Ok(RatePick::CheapestWithin { days });
        }
        let mut carriers = Vec::new();
        let mut servicelevels = Vec::new();
        for part in lower.split('+') {
            let list = |v: &str| v.split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect::<Vec<_>>();
            if let Some(v) = part.strip_prefix("carrier:") {
                carriers.extend(list(v));
            } else if let Some(v) = part.strip_prefix("service:") {
                servicelevels.extend(list(v));
            } else {
                return Err(format!(
                    "'{s}' is not a rate rule: use cheapest, fastest, within:DAYS, carrier:NAME[,NAME], service:TOKEN or fixed:ACCOUNT:SERVICE"
                ));
            }
        }
        Ok(RatePick::Preferred { carriers, servicelevels })
    }

    /// Picks a rate. `None` only when there are no priced rates at all.
    pub fn pick<'a>(&self, rates: &'a [Rate]) -> Option<&'a Rate> {
        let priced: Vec<&Rate> = rates
            .iter()
            .filter(|r| r.amount.is_some() && r.object_id.is_some())
            .collect();
        let cheapest = |v: &[&'a Rate]| v.iter().copied().min_by_key(|r| (r.amount, r.estimated_days.unwrap_or(i64::MAX)));
        let fastest = |v: &[&'a Rate]| {
            v.iter()
                .copied()
                .min_by_key(|r| (r.estimated_days.unwrap_or(i64::MAX), r.amount))
        };
        match self {
            RatePick::Cheapest => cheapest(&priced),
            RatePick::Fastest => fastest(&priced),
            RatePick::CheapestWithin { days } => {
                let within: Vec<&Rate> = priced
                    .iter()
                    .copied()
                    .filter(|r| r.estimated_days.is_some_and(|d| d <= *days))
                    .collect();
                cheapest(&within).or_else(|| fastest(&priced))
            }
            RatePick::Preferred { carriers, servicelevels } => {
                let matches = |r: &&Rate| {
                    let provider = r.provider.as_deref().unwrap_or_default();
                    let token = r
                        .servicelevel
                        .as_ref()
                        .and_then(|s| s.token.as_deref())
                        .unwrap_or_default();
                    (carriers.is_empty() || carriers.iter().any(|c| c.eq_ignore_ascii_case(provider)))
                        && (servicelevels.is_empty()
                            || servicelevels.iter().any(|s| s.eq_ignore_ascii_case(token)))
                };
                let preferred: Vec<&Rate> = priced.iter().copied().filter(matches).collect();
                cheapest(&preferred).or_else(|| cheapest(&priced))
            }
            RatePick::Fixed { carrier_account, servicelevel } => {
                let fixed: Vec<&Rate> = priced
                    .iter()
                    .copied()
                    .filter(|r| {
                        r.carrier_account.as_deref() == Some(carrier_account.as_str())
                            && r.servicelevel.as_ref().and_then(|l| l.token.as_deref()) == Some(servicelevel.as_str())
                    })
                    .collect();
                cheapest(&fixed).or_else(|| cheapest(&priced))
            }
        }
    }
}

/// "USPS Priority Mail" for a rate.
pub fn service_name(r: &Rate) -> String {
    let provider = r.provider.clone().unwrap_or_default();
    let level = r.servicelevel.as_ref().and_then(|s| s.name.clone()).unwrap_or_default();
    format!("{provider} {level}").trim().to_owned()
}

/// "7.58 USD" for a rate.
pub fn price(r: &Rate) -> Option<String> {
    r.amount.map(|a| format!("{} {}", a.0, r.currency.clone().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(id: &str, provider: &str, token: &str, amount: &str, days: i64) -> Rate {
        Rate {
            object_id: Some(id.into()),
            provider: Some(provider.into()),
            amount: Some(amount.parse().expect("money")),
            currency: Some("USD".into()),
            estimated_days: Some(days),
            servicelevel: Some(shippo::ServiceLevel {
                token: Some(token.into()),
                name: Some(token.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn rules_pick_the_rate_an_operator_expects() {
        let rates = vec![
            rate("a", "USPS", "usps_ground_advantage", "5.10", 5),
            rate("b", "USPS", "usps_priority", "8.20", 2),
            rate("c", "UPS", "ups_next_day_air", "31.00", 1),
            rate("d", "UPS", "ups_ground", "9.00", 3),
        ];
        let id = |p: &RatePick| p.pick(&rates).and_then(|r| r.object_id.clone()).unwrap_or_default();
        assert_eq!(id(&RatePick::Cheapest), "a");
        assert_eq!(id(&RatePick::Fastest), "c");
        assert_eq!(id(&RatePick::parse("within:3").expect("rule")), "b");
        assert_eq!(id(&RatePick::parse("carrier:ups").expect("rule")), "d");
        assert_eq!(id(&RatePick::parse("service:ups_next_day_air").expect("rule")), "c");
        assert_eq!(id(&RatePick::parse("carrier:fedex").expect("rule")), "a");
        assert!(RatePick::parse("bogus").is_err());

        // The stored rules (settings) pick the same way.
        let stored = |r: &str| RatePick::from(&crate::store::settings::edit::parse_rate_rule(r).expect("rule"));
        assert_eq!(id(&stored("cheapest-within:3")), "b");
        assert_eq!(id(&stored("preferred:UPS")), "d");
        assert_eq!(id(&stored("preferred:ups/ups_next_day_air")), "c");
        assert_eq!(
            stored("fixed:ca_1/usps_priority"),
            RatePick::Fixed { carrier_account: "ca_1".into(), servicelevel: "usps_priority".into() }
        );
    }
}

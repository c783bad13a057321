//! Manifests (scan forms): SUCCESS with a real PDF in `documents[]`, or ERROR when no label of the
//! carrier account is eligible.

use serde_json::{json, Value};

use crate::auth::Auth;
use crate::crud::Resource;
use crate::error::ApiError;
use crate::http::str_field;
use crate::world::{Account, Store, World};

/// `/manifests`.
pub struct Manifests;

impl Resource for Manifests {
    const PATH: &'static str = "/manifests";

    fn store(acct: &mut Account) -> &mut Store<Value> {
        &mut acct.manifests
    }

    fn create(w: &mut World, a: &Auth, body: &Value) -> Result<Value, ApiError> {
        let carrier_account = str_field(body, "carrier_account")
            .ok_or_else(|| ApiError::required("carrier_account"))?;
        let date =
            str_field(body, "shipment_date").ok_or_else(|| ApiError::required("shipment_date"))?;
        let from = body
            .get("address_from")
            .cloned()
            .ok_or_else(|| ApiError::required("address_from"))?;
        let carrier = crate::carriers::by_object_id(w.seed, &carrier_account).ok_or_else(|| {
            ApiError::field(
                "carrier_account",
                format!("Account with object_id {carrier_account} was not found."),
            )
        })?;
        let from = crate::addresses::resolve(w, a, &from, "address_from")?;
        let wanted: Option<Vec<String>> =
            body.get("transactions").and_then(Value::as_array).map(|x| {
                x.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            });
        let labels: Vec<(String, String)> = w
            .account(a)
            .transactions
            .iter_oldest()
            .filter(|t| t.status == "SUCCESS" && t.carrier == carrier.token)
            .filter(|t| wanted.as_ref().is_none_or(|ids| ids.contains(&t.id)))
            .map(|t| (t.id.clone(), t.tracking_number.clone()))
            .collect();
        let id = w.new_id();
        let now = w.now_str();
        let (status, documents, errors) = if labels.is_empty() {
            (
                "ERROR",
                Vec::new(),
                vec![
                    "No eligible labels were found for this carrier account and shipment date."
                        .to_string(),
                ],
            )
        } else {
            let name = format!("manifest-{id}");
            let mut lines = vec![
                format!("{} SCAN FORM / MANIFEST", carrier.provider),
                format!("Shipment date: {date}"),
                format!(
                    "From: {} {}",
                    from["name"].as_str().unwrap_or_default(),
                    from["street1"].as_str().unwrap_or_default()
                ),
                String::new(),
            ];
            lines.extend(labels.iter().map(|(_, n)| format!("  {n}")));
            lines.push(format!("Total packages: {}", labels.len()));
            w.documents.insert(name.clone(), lines);
            (
                "SUCCESS",
                vec![format!("{}/files/docs/{name}.pdf", w.base_url)],
                Vec::new(),
            )
        };
        Ok(json!({
            "object_id": id, "object_owner": w.account(a).owner, "object_created": now, "object_updated": now, "status": status,
            "carrier_account": carrier_account, "shipment_date": date, "address_from": from["object_id"].as_str().unwrap_or_default(),
            "transactions": labels.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(), "documents": documents, "errors": errors, "test": a.test,
        }))
    }
}

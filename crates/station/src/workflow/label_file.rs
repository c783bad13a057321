//! The label file of a bought transaction: the transaction stored, its label downloaded once
//! (stored by content hash) and fetched again on reprint when the first download failed.

use shippo::TransactionStatus;

use crate::error::{Result, StationError};
use crate::store::labels::{self, LabelInfo, NewLabel};
use crate::store::transactions::{self, TransactionRecord};
use crate::store::Store;
use crate::sync::convert;

/// Stores a transaction bought (or found) for an order, and its label file when it has one.
/// A label that cannot be downloaded now is fetched again on reprint.
pub async fn store_bought(
    client: &shippo::Client,
    store: &Store,
    order_id: &str,
    t: &shippo::Transaction,
) -> Result<(TransactionRecord, Option<LabelInfo>)> {
    let mut record = convert::transaction(t, Some(order_id.to_owned())).ok_or_else(|| {
        StationError::Workflow("Shippo answered the purchase without a transaction id.".into())
    })?;
    if record.carrier.is_none() {
        // A purchase names its rate by id only; the carrier (needed to track the label) comes from
        // the rate stored when the shipment was rated.
        if let Some(rate_id) = record.rate_id.clone() {
            let rate = store.read_async(move |c| crate::store::shipments::get_rate(c, &rate_id)).await?;
            record.carrier = rate.map(|r| carrier_token(&r.provider));
        }
    }
    let r2 = record.clone();
    store.write_async(move |tx| transactions::upsert(tx, &r2)).await?;
    if t.status != Some(TransactionStatus::Success) {
        return Ok((record, None));
    }
    let label = fetch_label(client, store, &record).await?;
    Ok((record, label))
}

/// Downloads and stores the label of a stored transaction (once per content), unless stored.
pub async fn fetch_label(
    client: &shippo::Client,
    store: &Store,
    record: &TransactionRecord,
) -> Result<Option<LabelInfo>> {
    let id = record.object_id.clone();
    let existing = store
        .read_async(move |c| labels::list_for_transaction(c, &id))
        .await?;
    if let Some(l) = existing.into_iter().next() {
        return Ok(Some(l));
    }
    let Some(url) = record.label_url.clone() else { return Ok(None) };
    let expected = record.label_file_type.as_deref().map(shippo::LabelFileType::from);
    let file = match client.download_label(&url, expected.as_ref()).await {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!(transaction = %record.object_id, "label download failed: {e}");
            return Err(e.into());
        }
    };
    let file_type = record
        .label_file_type
        .clone()
        .unwrap_or_else(|| file.format.name().to_owned());
    let (tx_id, order_id) = (record.object_id.clone(), record.order_id.clone());
    let info = store
        .write_async(move |tx| {
            labels::put(
                tx,
                &NewLabel {
                    transaction_id: Some(&tx_id),
                    order_id: order_id.as_deref(),
                    file_type: &file_type,
                    source_url: Some(&url),
                },
                &file.bytes,
            )
        })
        .await?;
    Ok(Some(info))
}

/// Shippo's tracking token for a carrier named by a rate's provider: "USPS" -> `usps`,
/// "DHL Express" -> `dhl_express`.
pub fn carrier_token(provider: &str) -> String {
    provider.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

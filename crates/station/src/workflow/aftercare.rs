//! After the purchase: reprint from the label cache (offline), void (refund), tracking refresh with
//! exception alerts, the end-of-day manifest and packing slips.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use printing::DocType;
use serde::{Deserialize, Serialize};
use shippo::{ManifestStatus, RefundCreateRequest, TransactionStatus};

use crate::error::{Result, StationError};
use crate::store::history::{self, LocalDay};
use crate::store::labels::{self, LabelInfo};
use crate::store::manifests::{self, ManifestRecord};
use crate::store::print_jobs::{NewPrintJob, PrintJob};
use crate::store::tracking::{self, TrackingRecord};
use crate::store::transactions::{self, TransactionRecord};
use crate::store::{orders, settings, time};
use crate::sync::convert;

use super::context::Ctx;
use super::guard::{find_order, is_live_label};
use super::label_file::fetch_label;
use super::shipment::{address_request, order_label, sender};

/// Finds a label's transaction: by transaction id, tracking number, label row id, or order.
async fn find_transaction(st: &Ctx<'_>, key: &str) -> Result<TransactionRecord> {
    let k = key.trim().to_owned();
    let found = st
        .store
        .read_async(move |c| {
            if let Some(t) = transactions::get(c, &k)? {
                return Ok(Some(t));
            }
            if let Some(t) = transactions::find_by_tracking(c, &k)?.into_iter().next() {
                return Ok(Some(t));
            }
            if let Ok(id) = k.parse::<i64>() {
                if let Some(l) = labels::get(c, id)? {
                    if let Some(tid) = l.transaction_id {
                        return transactions::get(c, &tid);
                    }
                }
            }
            if let Some(o) = orders::find(c, &k)? {
                let all = transactions::list_for_order(c, &o.object_id)?;
                return Ok(all.iter().rev().find(|t| is_live_label(t)).or(all.last()).cloned());
            }
            Ok(None)
        })
        .await?;
    found.ok_or_else(|| StationError::NotFound {
        what: format!("A label for '{key}' (tracking number, transaction, label number or order)"),
    })
}

/// Reprints a label from the cache: a new print job (works offline when the file is cached).
pub async fn reprint(st: &Ctx<'_>, key: &str, printer: Option<&str>) -> Result<PrintJob> {
    let k = key.trim().to_owned();
    let direct: Option<LabelInfo> = match k.parse::<i64>() {
        Ok(id) => st.store.read_async(move |c| labels::get(c, id)).await?,
        Err(_) => None,
    };
    let info = match direct {
        Some(l) => l,
        None => {
            let t = find_transaction(st, key).await?;
            let tid = t.object_id.clone();
            let cached = st.store.read_async(move |c| labels::list_for_transaction(c, &tid)).await?;
            match cached.into_iter().next() {
                Some(l) => l,
                None => fetch_label(st.client, st.store, &t).await?.ok_or_else(|| {
                    StationError::Workflow(format!(
                        "Label {} has no file yet (Shippo has not made it). Try again in a moment.",
                        t.tracking_number.clone().unwrap_or(t.object_id)
                    ))
                })?,
            }
        }
    };
    let cfg = match printer {
        Some(p) => st.printq.printer(p)?,
        None => st.printq.printer_for(DocType::Label, Some(&info.file_type))?,
    };
    let job = st
        .printq
        .enqueue(NewPrintJob {
            label_id: Some(info.id),
            document_sha256: info.sha256,
            document_type: "label".into(),
            printer_name: cfg.name,
            reprint_of: None,
        })
        .await?;
    st.printq.print_now(job.id).await
}

/// What voiding did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidOutcome {
    /// The transaction voided.
    pub transaction_id: String,
    /// Its tracking number.
    pub tracking_number: Option<String>,
    /// Shippo's refund.
    pub refund_id: Option<String>,
    /// REFUNDED, REFUNDREJECTED, or REFUNDPENDING when Shippo has not decided yet.
    pub status: String,
    /// A sentence for the operator.
    pub message: String,
}

/// Voids a label: asks Shippo for a refund and follows it until REFUNDED or rejected.
pub async fn void(st: &Ctx<'_>, key: &str) -> Result<VoidOutcome> {
    let t = find_transaction(st, key).await?;
    let what = t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone());
    if t.status == "REFUNDED" {
        return Ok(VoidOutcome {
            transaction_id: t.object_id.clone(),
            tracking_number: t.tracking_number.clone(),
            refund_id: None,
            status: t.status.clone(),
            message: format!("Label {what} is already refunded."),
        });
    }
    let refund = st
        .client
        .refunds()
        .create(&RefundCreateRequest { transaction: t.object_id.clone(), is_async: Some(false) })
        .await?;
    let refund = match (&refund.object_id, refund.is_pending()) {
        (Some(id), true) => st
            .client
            .refunds()
            .wait(id, shippo::PollOptions::with_deadline(Duration::from_secs(60)), |_| {})
            .await
            .unwrap_or(refund),
        _ => refund,
    };
    // Follow the label until Shippo settles it.
    let mut latest = st.client.transactions().get(&t.object_id).await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while latest.status == Some(TransactionStatus::RefundPending) && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(500)).await;
        latest = st.client.transactions().get(&t.object_id).await?;
    }
    if let Some(mut r) = convert::transaction(&latest, t.order_id.clone()) {
        if r.carrier.is_none() {
            r.carrier = t.carrier.clone();
        }
        st.store.write_async(move |tx| transactions::upsert(tx, &r)).await?;
    }
    let status = latest.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_default();
    let message = match status.as_str() {
        "REFUNDED" => format!("Label {what} is void; Shippo refunded it."),
        "REFUNDREJECTED" => format!("The carrier rejected the refund of label {what} (it may have been scanned already)."),
        "REFUNDPENDING" => format!("The refund of label {what} is pending with the carrier; check again later with `shipbench void {what}`."),
        _ if refund.status == Some(shippo::RefundStatus::Error) => format!("Shippo refused to refund label {what}."),
        other => format!("Label {what} is now {other}."),
    };
    Ok(VoidOutcome {
        transaction_id: t.object_id.clone(),
        tracking_number: t.tracking_number.clone(),
        refund_id: refund.object_id.clone(),
        status,
        message,
    })
}

/// Tracking of one label after a refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackReport {
    /// The order, when known.
    pub order: Option<String>,
    /// Carrier token.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// UNKNOWN, PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED or FAILURE.
    pub status: String,
    /// The carrier's words.
    pub details: Option<String>,
    /// An alert sentence for exceptions (FAILURE, RETURNED).
    pub alert: Option<String>,
}

/// Refreshes tracking for an order's labels, or for every label still on its way.
pub async fn track(st: &Ctx<'_>, order: Option<&str>) -> Result<Vec<TrackReport>> {
    let list: Vec<TransactionRecord> = match order {
        Some(o) => {
            let o = find_order(st, o).await?;
            st.store
                .read_async(move |c| transactions::list_for_order(c, &o.object_id))
                .await?
                .into_iter()
                .filter(|t| t.tracking_number.as_deref().is_some_and(|n| !n.is_empty()))
                .collect()
        }
        None => st.store.read_async(|c| transactions::list_in_transit(c, 500)).await?,
    };
    let mut out = Vec::new();
    for mut t in list {
        let number = t.tracking_number.clone().unwrap_or_default();
        let carrier = t.carrier.clone().unwrap_or_else(|| "shippo".into()).to_ascii_lowercase();
        let track = st.client.tracks().get(&carrier, &number).await?;
        let status = track
            .tracking_status
            .as_ref()
            .and_then(|s| s.status.as_ref())
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "UNKNOWN".into());
        let details = track.tracking_status.as_ref().and_then(|s| s.status_details.clone());
        let order_label = match &t.order_id {
            Some(id) => {
                let id = id.clone();
                st.store.read_async(move |c| orders::get(c, &id)).await?.map(|o| order_label(&o))
            }
            None => None,
        };
        let alert = match status.as_str() {
            "FAILURE" => Some(format!(
                "Delivery problem for {} ({number}): {}. Contact the carrier or the customer.",
                order_label.clone().unwrap_or_else(|| "a parcel".into()),
                details.clone().unwrap_or_else(|| "no details".into())
            )),
            "RETURNED" => Some(format!(
                "{} ({number}) is being returned to sender: {}.",
                order_label.clone().unwrap_or_else(|| "A parcel".into()),
                details.clone().unwrap_or_else(|| "no details".into())
            )),
            _ => None,
        };
        let rec = TrackingRecord {
            carrier: carrier.clone(),
            tracking_number: number.clone(),
            status: status.clone(),
            status_details: details.clone(),
            history: serde_json::to_value(&track.tracking_history)?,
            updated_at: time::now(),
        };
        t.tracking_status = Some(status.clone());
        st.store
            .write_async(move |tx| {
                tracking::upsert(tx, &rec)?;
                transactions::upsert(tx, &t)
            })
            .await?;
        if let Some(a) = &alert {
            tracing::warn!("{a}");
        }
        out.push(TrackReport { order: order_label, carrier, tracking_number: number, status, details, alert });
    }
    Ok(out)
}

/// What the manifest step did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestOutcome {
    /// Manifests created (one per carrier account).
    pub manifests: Vec<String>,
    /// Print jobs of their documents.
    pub print_jobs: Vec<i64>,
    /// A sentence for the operator.
    pub message: String,
}

/// Creates today's manifest (the bench's **local** day) for a carrier account (by default, each
/// account used today) and prints its documents on the document printer.
pub async fn manifest(st: &Ctx<'_>, carrier_account: Option<&str>, no_print: bool) -> Result<ManifestOutcome> {
    manifest_for_day(st, &LocalDay::today(), carrier_account, no_print).await
}

/// Creates the manifest of one local day: per carrier account, the labels kept (not voided) that
/// were bought between the day's local midnights. Each manifest is kept in the store.
pub async fn manifest_for_day(
    st: &Ctx<'_>,
    day: &LocalDay,
    carrier_account: Option<&str>,
    no_print: bool,
) -> Result<ManifestOutcome> {
    let settings = st.store.read_async(settings::effective).await?;
    let from = sender(&settings, None, st.demo)?;
    let d = day.clone();
    let labels = st.store.read_async(move |c| history::labels_of_day(c, &d)).await?;
    // The day's kept labels per carrier account.
    let mut by_account: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in labels.iter().filter(|l| l.status == "SUCCESS") {
        if let Some(acc) = &l.carrier_account {
            by_account.entry(acc.clone()).or_default().push(l.transaction_id.clone());
        }
    }
    let accounts: BTreeSet<String> = match carrier_account {
        Some(a) => BTreeSet::from([a.to_owned()]),
        None => by_account.keys().cloned().collect(),
    };
    if accounts.is_empty() {
        return Err(StationError::Workflow(
            "No labels were bought here today, so there is nothing to manifest. Name a carrier account with --carrier-account to manifest labels bought elsewhere.".into(),
        ));
    }
    let date = day.date;
    let mut out = ManifestOutcome { manifests: Vec::new(), print_jobs: Vec::new(), message: String::new() };
    for account in accounts {
        let m = st
            .client
            .manifests()
            .create(&shippo::ManifestCreateRequest {
                carrier_account: account.clone(),
                shipment_date: format!("{date}T00:00:00Z"),
                address_from: address_request(&from).into(),
                // The local day's labels: Shippo's own choice would follow its (UTC) date.
                transactions: by_account.get(&account).cloned(),
                is_async: Some(false),
            })
            .await?;
        let mut m = m;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while m.status == Some(ManifestStatus::Queued) && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(500)).await;
            m = st.client.manifests().get(m.object_id.as_deref().unwrap_or_default()).await?;
        }
        if m.status == Some(ManifestStatus::Error) {
            return Err(StationError::Workflow(format!(
                "Shippo could not make the manifest for carrier account {account}: {}.",
                m.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
            )));
        }
        let id = m.object_id.clone().unwrap_or_default();
        out.manifests.push(id.clone());
        let mut jobs = Vec::new();
        if !no_print {
            for url in &m.documents {
                let file = st.client.download_document(url).await?;
                let job = st.printq.enqueue_bytes(file.bytes, DocType::Manifest, Some("PDF"), None, None).await?;
                jobs.push(st.printq.print_now(job.id).await?.id);
            }
        }
        out.print_jobs.extend(&jobs);
        let rec = ManifestRecord {
            object_id: id,
            carrier_account: account.clone(),
            local_day: date.to_string(),
            status: m.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_else(|| "SUCCESS".into()),
            documents: m.documents.clone(),
            print_jobs: jobs,
            created_at: String::new(),
        };
        st.store.write_async(move |tx| manifests::upsert(tx, &rec)).await?;
    }
    out.message = format!(
        "{} manifest(s) made{}.",
        out.manifests.len(),
        if no_print { String::new() } else { format!(", {} document(s) sent to the document printer", out.print_jobs.len()) }
    );
    Ok(out)
}

/// Prints an order's packing slip on the document printer.
pub async fn packing_slip(st: &Ctx<'_>, order: &str) -> Result<PrintJob> {
    let o = find_order(st, order).await?;
    let slip = st.client.orders().packing_slip(&o.object_id).await?;
    let url = slip.slip_url.ok_or_else(|| {
        StationError::Workflow(format!("Shippo gave no packing slip for order {}.", order_label(&o)))
    })?;
    let file = st.client.download_document(&url).await?;
    let job = st.printq.enqueue_bytes(file.bytes, DocType::PackingSlip, Some("PDF"), None, None).await?;
    st.printq.print_now(job.id).await
}

//! Buy & print one order: guard, reconcile, look at the order at Shippo, check the address, rate,
//! pick, buy exactly once, download, store, print.

use printing::DocType;
use shippo::{LabelFileType, OrderStatus as ApiOrderStatus, Rate, TransactionStatus};

use crate::error::{Result, StationError};
use crate::station::Station;
use crate::store::orders::{self, Address, Order};
use crate::store::print_jobs::NewPrintJob;
use crate::store::purchases::{self, PurchaseTarget};
use crate::store::settings::{self, LabelFormat, Settings};
use crate::store::shipments::{self, RateRecord, ShipmentRecord};
use crate::store::transactions::{self, TransactionRecord};
use crate::store::labels::LabelInfo;
use crate::store::time;
use crate::sync::convert;

use super::address::{self, one_line};
use super::journal::{self, OrderLock, Settled};
use super::purchase_http::{post_transaction, PostOutcome};
use super::rules::{price, service_name, RatePick};
use super::shipment::{self, order_label};
use super::{AddressChoice, BuyOptions, BuyOutcome, ProgressSink, Step};

/// The label file type to buy.
pub fn file_type(s: &Settings) -> LabelFileType {
    match s.label_format {
        LabelFormat::Zpl => LabelFileType::ZPLII,
        LabelFormat::Pdf4x6 => LabelFileType::PDF_4x6,
    }
}

/// Finds an order in the cache by number ("#1001", "1001") or object id.
pub async fn find_order(st: &Station, order_ref: &str) -> Result<Order> {
    let key = order_ref.to_owned();
    st.store
        .read_async(move |c| orders::find(c, &key))
        .await?
        .ok_or_else(|| StationError::OrderNotFound { order: order_ref.to_owned() })
}

/// True for a transaction that is a live label (bought, not refunded).
pub fn is_live_label(t: &TransactionRecord) -> bool {
    matches!(t.status.as_str(), "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED")
}

/// Looks at the order at Shippo: another bench may have shipped it. Labels found there that the
/// cache lacks are stored (info and file). Returns a sentence when the order is shipped elsewhere.
async fn shipped_elsewhere(st: &Station, order: &Order) -> Result<Option<String>> {
    let remote = st.client.orders().get(&order.object_id).await?;
    let known: Vec<String> = {
        let id = order.object_id.clone();
        st.store
            .read_async(move |c| transactions::list_for_order(c, &id))
            .await?
            .into_iter()
            .map(|t| t.object_id)
            .collect()
    };
    let mut foreign = Vec::new();
    for t in &remote.transactions {
        let Some(id) = t.id().map(str::to_owned).or_else(|| t.object().and_then(|x| x.object_id.clone())) else {
            continue;
        };
        if known.contains(&id) {
            continue;
        }
        let full = match t.object() {
            Some(x) if x.status.is_some() => x.clone(),
            _ => st.client.transactions().get(&id).await?,
        };
        if matches!(full.status, Some(TransactionStatus::Success | TransactionStatus::Queued | TransactionStatus::Waiting)) {
            let (record, _) = journal::store_bought(&st.client, &st.store, &order.object_id, &full)
                .await
                .or_else(|e| {
                    tracing::warn!("label of {id} not stored: {e}");
                    convert::transaction(&full, Some(order.object_id.clone()))
                        .map(|r| (r, None))
                        .ok_or(e)
                })?;
            foreign.push(record);
        }
    }
    if let Some(t) = foreign.first() {
        let oid = order.object_id.clone();
        st.store
            .write_async(move |tx| orders::set_status(tx, &oid, orders::OrderStatus::Shipped).map(|_| ()))
            .await?;
        return Ok(Some(format!(
            "Shippo shows a label bought elsewhere, tracking {}",
            t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone())
        )));
    }
    if remote.order_status == Some(ApiOrderStatus::Shipped) && known.is_empty() {
        return Ok(Some("the shop marks it as shipped".into()));
    }
    Ok(None)
}

/// Rates the order's shipment (stored with its rates) and returns them.
pub async fn rate_order(st: &Station, order: &Order, to: &Address, settings: &Settings) -> Result<Vec<Rate>> {
    let req = shipment::build(order, settings, st.demo, to)?;
    let s = st.client.shipments().create(&req).await?;
    let sid = s.object_id.clone().unwrap_or_default();
    let record = ShipmentRecord {
        object_id: sid.clone(),
        order_id: Some(order.object_id.clone()),
        status: s.status.as_ref().map(|x| x.as_str().to_owned()).unwrap_or_else(|| "UNKNOWN".into()),
        address_from: serde_json::to_string(&req.address_from).ok(),
        address_to: serde_json::to_string(&req.address_to).ok(),
        parcels: serde_json::to_string(&req.parcels).ok(),
        created_at: time::now(),
    };
    let rates: Vec<RateRecord> = s
        .rates
        .iter()
        .filter_map(|r| {
            Some(RateRecord {
                object_id: r.object_id.clone()?,
                shipment_id: sid.clone(),
                provider: r.provider.clone().unwrap_or_default(),
                servicelevel_token: r.servicelevel.as_ref().and_then(|l| l.token.clone()).unwrap_or_default(),
                servicelevel_name: r.servicelevel.as_ref().and_then(|l| l.name.clone()),
                amount: r.amount.map(|a| a.0.to_string()).unwrap_or_default(),
                currency: r.currency.clone().unwrap_or_default(),
                estimated_days: r.estimated_days,
                attributes: r.attributes.iter().map(|a| a.as_str().to_owned()).collect(),
                carrier_account: r.carrier_account.clone(),
                created_at: time::now(),
            })
        })
        .collect();
    if !sid.is_empty() {
        st.store
            .write_async(move |tx| {
                shipments::upsert_shipment(tx, &record)?;
                shipments::upsert_rates(tx, &rates)
            })
            .await?;
    }
    if s.rates.is_empty() {
        return Err(StationError::NoRates(format!(
            "Shippo has no rates for order {}: {}. Check the address, weight and parcel, then try again.",
            order_label(order),
            journal::messages_sentence(&s.messages)
        )));
    }
    Ok(s.rates)
}

/// The destination after the address check, and its messages.
async fn checked_destination(
    st: &Station,
    order: &Order,
    choice: AddressChoice,
    progress: &ProgressSink,
) -> Result<(Address, Vec<String>)> {
    let label = order_label(order);
    let to = order.to_address.clone();
    if choice == AddressChoice::Skip {
        return Ok((to, Vec::new()));
    }
    let id = order.object_id.clone();
    let bought_before = !st.store.read_async(move |c| purchases::list_for_order(c, &id)).await?.is_empty();
    if bought_before {
        return Ok((to, Vec::new()));
    }
    progress.step(Step::ValidatingAddress, &label, format!("Checking the address {}.", one_line(&to)));
    let check = address::check(&st.client, &st.store, &to).await?;
    let mut messages = check.messages.clone();
    if !check.valid && choice == AddressChoice::StopIfInvalid {
        return Err(StationError::Workflow(format!(
            "Shippo says the address of order {label} is not deliverable: {}. Fix it in the shop (or accept Shippo's suggestion), then buy again.",
            if messages.is_empty() { "no details given".to_owned() } else { messages.join("; ") }
        )));
    }
    if let Some(s) = &check.suggestion {
        if choice == AddressChoice::AcceptSuggestion {
            messages.push(format!("Using Shippo's corrected address: {}.", one_line(s)));
            return Ok((s.clone(), messages));
        }
        messages.push(format!("Shippo suggests {} (not used).", one_line(s)));
    }
    Ok((to, messages))
}

/// Buy & print one order.
pub async fn buy_and_print(st: &Station, order_ref: &str, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
    let order = find_order(st, order_ref).await?;
    let label = order_label(&order);
    let result = buy_locked(st, &order, opts, progress).await;
    match &result {
        Ok(o) => progress.step(Step::Done, &label, o.sentence()),
        Err(e) => progress.step(Step::Failed, &label, e.to_string()),
    }
    result
}

async fn buy_locked(st: &Station, order: &Order, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
    let label = order_label(order);
    let _lock = OrderLock::take(&st.store, &order.object_id).await?;
    let settings = st.store.read_async(settings::load).await?;

    // 1. Settle any interrupted purchase for this order first.
    let id = order.object_id.clone();
    let has_pending = st
        .store
        .read_async(move |c| purchases::list_for_order(c, &id))
        .await?
        .iter()
        .any(|p| p.state == purchases::PurchaseState::Pending);
    if has_pending {
        progress.step(Step::Reconciling, &label, "Checking with Shippo whether an interrupted purchase went through.");
        let adopted = journal::settle_order(&st.client, &st.store, &order.object_id, &label, st.settle).await?;
        if let Some(t) = adopted.into_iter().last() {
            return finish(st, order, t, None, true, Vec::new(), opts, progress).await;
        }
    }

    // 2. The "already has a label" guard.
    let id = order.object_id.clone();
    let existing: Vec<TransactionRecord> = st
        .store
        .read_async(move |c| transactions::list_for_order(c, &id))
        .await?
        .into_iter()
        .filter(is_live_label)
        .collect();
    if let (Some(t), false) = (existing.first(), opts.another) {
        return Err(StationError::AlreadyLabelled {
            order: label,
            detail: format!("tracking {}", t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone())),
        });
    }

    // 3. Another bench may have shipped it.
    if !opts.another {
        if let Some(detail) = shipped_elsewhere(st, order).await? {
            return Err(StationError::ShippedElsewhere { order: label, detail });
        }
    }

    // 4. Address check, then rates and the pick (or Instalabel).
    let (to, address_messages) = checked_destination(st, order, opts.address, progress).await?;
    let pick = opts
        .rule
        .clone()
        .or_else(|| st.fixed_service.clone())
        .unwrap_or_else(|| RatePick::from(&settings.rate_rule));
    let file_type = file_type(&settings);
    let (target, body, chosen) = if let (Some((account, level)), None) = (instalabel_of(&pick), &opts.rate_id) {
        progress.step(Step::Buying, &label, format!("Buying a {level} label in one call (Instalabel)."));
        let req = shippo::InstantTransactionCreateRequest {
            shipment: shipment::build(order, &settings, st.demo, &to)?,
            carrier_account: account.clone(),
            servicelevel_token: level.clone(),
            label_file_type: Some(file_type.clone()),
            metadata: None,
            is_async: Some(false),
        };
        let spec = serde_json::to_value(&req)?;
        (PurchaseTarget::Instalabel(spec.clone()), spec, None)
    } else {
        let rate = match &opts.rate_id {
            Some(id) => {
                progress.step(Step::Rating, &label, format!("Using the chosen rate {id}."));
                st.client.rates().get(id).await?
            }
            None => {
                progress.step(Step::Rating, &label, "Asking Shippo for rates.");
                let rates = rate_order(st, order, &to, &settings).await?;
                pick.pick(&rates).cloned().ok_or_else(|| {
                    StationError::NoRates(format!("Shippo returned no priced rate for order {label}."))
                })?
            }
        };
        let rate_id = rate.object_id.clone().unwrap_or_default();
        progress.step(
            Step::Buying,
            &label,
            format!("Buying {} for {}.", service_name(&rate), price(&rate).unwrap_or_default()),
        );
        let body = serde_json::json!({
            "rate": rate_id,
            "label_file_type": file_type,
            "async": false,
        });
        (PurchaseTarget::Rate(rate_id), body, Some(rate))
    };

    // 5. The purchase, exactly once: journal row first, key in metadata.
    let (oid, tgt) = (order.object_id.clone(), target.clone());
    let p = st.store.write_async(move |tx| purchases::begin(tx, &oid, &tgt)).await?;
    let mut body = body;
    if let Some(obj) = body.as_object_mut() {
        obj.insert("metadata".into(), journal::metadata_for(&p.key).into());
        obj.insert("order".into(), order.object_id.clone().into());
    }
    let t = match post_transaction(&st.client, &body).await {
        PostOutcome::Answered(t) => {
            let mut t = *t;
            if t.is_pending() {
                if let Some(id) = t.object_id.clone() {
                    match st.client.transactions().wait(&id, shippo::PollOptions::with_deadline(std::time::Duration::from_secs(60)), |_| {}).await {
                        Ok(done) => t = done,
                        Err(e) => {
                            return Err(StationError::PurchaseUnresolved { order: label, detail: e.to_string() });
                        }
                    }
                }
            }
            if t.status == Some(TransactionStatus::Error) {
                let why = journal::messages_sentence(&t.messages);
                let (key, w) = (p.key.clone(), why.clone());
                st.store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
                return Err(StationError::PurchaseRefused(format!(
                    "Shippo could not buy the label for order {label}: {why}. Nothing was charged; fix the cause and buy again."
                )));
            }
            let tid = t.object_id.clone().unwrap_or_default();
            let (record, _) = journal::store_bought(&st.client, &st.store, &order.object_id, &t)
                .await
                .or_else(|e| convert::transaction(&t, Some(order.object_id.clone())).map(|r| (r, None)).ok_or(e))?;
            let key = p.key.clone();
            st.store.write_async(move |tx| purchases::succeed(tx, &key, &tid)).await?;
            record
        }
        PostOutcome::Refused(why) => {
            let (key, w) = (p.key.clone(), why.clone());
            st.store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
            return Err(StationError::PurchaseRefused(format!("The label for order {label} was not bought: {why}.")));
        }
        PostOutcome::Unknown(why) => {
            progress.step(Step::Reconciling, &label, format!("Shippo's answer was lost ({why}); checking whether the label was bought."));
            match journal::settle(&st.client, &st.store, &p, st.settle, true).await? {
                Settled::Adopted(r) => *r,
                Settled::Failed(w) => {
                    return Err(StationError::PurchaseRefused(format!("The label for order {label} was not bought: {w}. Try again.")))
                }
                Settled::Unknown(detail) => return Err(StationError::PurchaseUnresolved { order: label, detail }),
            }
        }
    };
    finish(st, order, t, chosen, false, address_messages, opts, progress).await
}

fn instalabel_of(p: &RatePick) -> Option<(String, String)> {
    match p {
        RatePick::Fixed { carrier_account, servicelevel } => Some((carrier_account.clone(), servicelevel.clone())),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    st: &Station,
    order: &Order,
    t: TransactionRecord,
    rate: Option<Rate>,
    adopted: bool,
    address_messages: Vec<String>,
    opts: &BuyOptions,
    progress: &ProgressSink,
) -> Result<BuyOutcome> {
    let label = order_label(order);
    progress.step(
        Step::Downloading,
        &label,
        format!("Downloading the label {}.", t.tracking_number.clone().unwrap_or_default()),
    );
    let info: Option<LabelInfo> = journal::fetch_label(&st.client, &st.store, &t).await?;
    let mut print_job_id = None;
    if let (Some(info), false) = (&info, opts.no_print) {
        let cfg = st.printq.printer_for(DocType::Label, Some(&info.file_type))?;
        progress.step(Step::Printing, &label, format!("Printing on '{}'.", cfg.name));
        let job = st
            .printq
            .enqueue(NewPrintJob {
                label_id: Some(info.id),
                document_sha256: info.sha256.clone(),
                document_type: "label".into(),
                printer_name: cfg.name.clone(),
                reprint_of: None,
            })
            .await?;
        let job = st.printq.print_now(job.id).await?;
        if job.state == crate::store::print_jobs::PrintJobState::Queued
            || job.state == crate::store::print_jobs::PrintJobState::Failed
        {
            progress.step(Step::Printing, &label, crate::printq::job_sentence(&job));
        }
        print_job_id = Some(job.id);
    }
    let key = {
        let tid = t.object_id.clone();
        let oid = order.object_id.clone();
        st.store
            .read_async(move |c| purchases::list_for_order(c, &oid))
            .await?
            .into_iter()
            .find(|p| p.transaction_id.as_deref() == Some(tid.as_str()))
            .map(|p| p.key)
            .unwrap_or_default()
    };
    Ok(BuyOutcome {
        order_id: order.object_id.clone(),
        order_number: order.order_number.clone(),
        transaction_id: t.object_id.clone(),
        tracking_number: t.tracking_number.clone(),
        service: rate.as_ref().map(service_name).or(t.carrier.clone()),
        price: rate.as_ref().and_then(price),
        label_id: info.as_ref().map(|i| i.id),
        label_sha256: info.as_ref().map(|i| i.sha256.clone()),
        print_job_id,
        adopted,
        address_messages,
        journal_key: key,
    })
}

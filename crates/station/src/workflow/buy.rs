//! Buy & print one order, in the steps an operator would name: guard (interrupted purchase,
//! existing label, the order at Shippo), address, rate, buy (exactly once), the look for a second
//! bench's label, download, print.

use printing::DocType;
use shippo::{InstantTransactionCreateRequest, LabelFileType, Rate, TransactionCreateRequest};

use crate::error::{Result, StationError};
use crate::store::labels::LabelInfo;
use crate::store::orders::{Address, Order};
use crate::store::print_jobs::{NewPrintJob, PrintJob, PrintJobState};
use crate::store::purchases;
use crate::store::settings::{self, LabelFormat, Settings};
use crate::store::shipments::{self, RateRecord, ShipmentRecord};
use crate::store::time;
use crate::store::transactions::TransactionRecord;

use super::address::{self, one_line};
use super::claim;
use super::context::Ctx;
use super::duplicates::{self, Verdict};
use super::guard::{self, Guarded};
use super::label_file::fetch_label;
use super::lock::OrderLock;
use super::messages::messages_sentence;
use super::purchase::{buy_once, PurchaseRequest};
use super::rules::{price, service_name, RatePick};
use super::card::resolve_spec;
use super::shipment::{self, order_label, ShipmentSpec};
use super::{AddressChoice, BuyOptions, BuyOutcome, ProgressSink, Step};

pub use super::guard::{find_order, is_live_label};

/// The label file type to buy.
pub fn file_type(s: &Settings) -> LabelFileType {
    match s.label_format {
        LabelFormat::Zpl => LabelFileType::ZPLII,
        LabelFormat::Pdf4x6 => LabelFileType::PDF_4x6,
    }
}

/// Rates the order's shipment (stored with its rates) and returns them.
pub async fn rate_order(cx: &Ctx<'_>, order: &Order, to: &Address, settings: &Settings, spec: &ShipmentSpec) -> Result<Vec<Rate>> {
    let (req, _) = shipment::build_with(order, settings, cx.demo, to, spec)?;
    let s = cx.client.shipments().create(&req).await?;
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
        cx.store
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
            messages_sentence(&s.messages)
        )));
    }
    Ok(s.rates)
}

/// The destination after the address check, and its messages.
async fn checked_destination(
    cx: &Ctx<'_>,
    order: &Order,
    opts: &BuyOptions,
    progress: &ProgressSink,
) -> Result<(Address, Vec<String>)> {
    let label = order_label(order);
    let choice = opts.address;
    let edited = opts.address_override.is_some();
    let to = opts.address_override.clone().unwrap_or_else(|| order.to_address.clone());
    if choice == AddressChoice::Skip {
        return Ok((to, Vec::new()));
    }
    let id = order.object_id.clone();
    let bought_before = !cx.store.read_async(move |c| purchases::list_for_order(c, &id)).await?.is_empty();
    if bought_before && !edited {
        return Ok((to, Vec::new()));
    }
    progress.step(Step::ValidatingAddress, &label, format!("Checking the address {}.", one_line(&to)));
    let check = address::check(cx.client, cx.store, &to).await?;
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
pub async fn buy_and_print(cx: &Ctx<'_>, order_ref: &str, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
    let order = find_order(cx, order_ref).await?;
    let label = order_label(&order);
    let result = buy_locked(cx, &order, opts, progress).await;
    match &result {
        Ok(o) => progress.step(Step::Done, &label, o.sentence()),
        Err(e) => progress.step(Step::Failed, &label, e.to_string()),
    }
    result
}

/// A label in hand, before download and print.
struct Bought {
    record: TransactionRecord,
    rate: Option<Rate>,
    adopted: bool,
    address_messages: Vec<String>,
    weight: Option<scales::Weight>,
}

/// Buys one order under its lock: guard, address, rate, buy, the two-bench check, download and
/// print (unless `opts.no_print`).
pub(super) async fn buy_locked(cx: &Ctx<'_>, order: &Order, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
    let lock = OrderLock::take(cx.store, &order.object_id, cx.lock_ttl).await?;
    // Warehouse mode: the order's claim in the shared database, released on every path.
    let mut hold = claim::take(cx, order, opts, progress).await?;
    let result = buy_held(cx, order, opts, progress, &lock, &mut hold).await;
    hold.finish(cx, order, &result).await;
    result
}

async fn buy_held(
    cx: &Ctx<'_>,
    order: &Order,
    opts: &BuyOptions,
    progress: &ProgressSink,
    lock: &OrderLock,
    hold: &mut claim::Hold,
) -> Result<BuyOutcome> {
    if let Guarded::Adopted(record) = guard::check(cx, order, opts.another, progress).await? {
        one_label(cx, order, &record, opts, progress).await?;
        let bought = Bought { record: *record, rate: None, adopted: true, address_messages: Vec::new(), weight: None };
        return deliver(cx, order, bought, opts, progress).await;
    }
    let settings = cx.store.read_async(settings::effective).await?;
    if !opts.no_print && !opts.print_when_back {
        super::printer_check::label_printer_ready(cx.printq, &settings).await?;
    }
    let (to, address_messages) = checked_destination(cx, order, opts, progress).await?;
    let spec = resolve_spec(cx, order, opts, &settings).await?;
    let (request, rate, weight) = choose(cx, order, &to, &settings, &spec, opts, progress).await?;
    hold.buying(order).await?;
    let record = buy_once(cx, order, request, lock, progress).await?;
    one_label(cx, order, &record, opts, progress).await?;
    deliver(cx, order, Bought { record, rate, adopted: false, address_messages, weight }, opts, progress).await
}

/// The look for a second bench's label, before anything prints (skipped when the operator asked
/// for another label on purpose).
async fn one_label(cx: &Ctx<'_>, order: &Order, record: &TransactionRecord, opts: &BuyOptions, progress: &ProgressSink) -> Result<()> {
    if opts.another {
        return Ok(());
    }
    if let Verdict::Stays { other } = duplicates::keep_one(cx, order, record).await? {
        progress.step(
            Step::Buying,
            &order_label(order),
            format!("Another bench bought label {other} for this order at the same moment; this label stays and that one is voided there."),
        );
    }
    Ok(())
}

/// The rate step: Instalabel for a fixed service, else the chosen rate or the rule's pick.
async fn choose(
    cx: &Ctx<'_>,
    order: &Order,
    to: &Address,
    settings: &Settings,
    spec: &ShipmentSpec,
    opts: &BuyOptions,
    progress: &ProgressSink,
) -> Result<(PurchaseRequest, Option<Rate>, Option<scales::Weight>)> {
    let label = order_label(order);
    let pick = cx.rate_pick(opts.rule.as_ref(), settings);
    let file_type = file_type(settings);
    if let (RatePick::Fixed { carrier_account, servicelevel }, None) = (&pick, &opts.rate_id) {
        progress.step(Step::Buying, &label, format!("Buying a {servicelevel} label in one call (Instalabel)."));
        let (shipment, weight) = shipment::build_with(order, settings, cx.demo, to, spec)?;
        let req = InstantTransactionCreateRequest {
            shipment,
            carrier_account: carrier_account.clone(),
            servicelevel_token: servicelevel.clone(),
            label_file_type: Some(file_type),
            order: None,
            metadata: None,
            is_async: Some(false),
        };
        return Ok((PurchaseRequest::Instalabel(Box::new(req)), None, Some(weight)));
    }
    // The weight this parcel declares (the chosen rate was rated with the same spec).
    let weight = shipment::build_with(order, settings, cx.demo, to, spec).ok().map(|(_, w)| w);
    let rate = match &opts.rate_id {
        Some(id) if same_place(to, &order.to_address) => {
            progress.step(Step::Rating, &label, format!("Using the chosen rate {id}."));
            cx.client.rates().get(id).await?
        }
        Some(id) => {
            // The address changed after rating (a correction accepted, an edit): the chosen
            // service is rated again for the new address and bought there.
            let chosen = cx.client.rates().get(id).await?;
            let token = |r: &Rate| r.servicelevel.as_ref().and_then(|l| l.token.clone());
            progress.step(Step::Rating, &label, format!("Rating {} again for the corrected address.", service_name(&chosen)));
            let rates = rate_order(cx, order, to, settings, spec).await?;
            rates
                .iter()
                .find(|r| r.provider == chosen.provider && token(r) == token(&chosen) && r.object_id.is_some())
                .cloned()
                .ok_or_else(|| {
                    StationError::NoRates(format!(
                        "Shippo offers no {} for the corrected address of order {label}. Get rates again and choose another.",
                        service_name(&chosen)
                    ))
                })?
        }
        None => {
            progress.step(Step::Rating, &label, "Asking Shippo for rates.");
            let rates = rate_order(cx, order, to, settings, spec).await?;
            pick.pick(&rates)
                .cloned()
                .ok_or_else(|| StationError::NoRates(format!("Shippo returned no priced rate for order {label}.")))?
        }
    };
    progress.step(
        Step::Buying,
        &label,
        format!("Buying {} for {}.", service_name(&rate), price(&rate).unwrap_or_default()),
    );
    let req = TransactionCreateRequest {
        rate: rate.object_id.clone().unwrap_or_default(),
        label_file_type: Some(file_type),
        order: None,
        metadata: None,
        is_async: Some(false),
    };
    Ok((PurchaseRequest::Rate(req), Some(rate), weight))
}

/// True when two addresses are the same place (what a rating depends on).
fn same_place(a: &Address, b: &Address) -> bool {
    let n = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_uppercase();
    n(&a.street1) == n(&b.street1)
        && n(&a.street2) == n(&b.street2)
        && n(&a.city) == n(&b.city)
        && n(&a.state) == n(&b.state)
        && n(&a.zip) == n(&b.zip)
        && a.country.trim().eq_ignore_ascii_case(b.country.trim())
}

/// Download and print, then the outcome.
async fn deliver(cx: &Ctx<'_>, order: &Order, bought: Bought, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
    let label = order_label(order);
    let t = &bought.record;
    progress.step(
        Step::Downloading,
        &label,
        format!("Downloading the label {}.", t.tracking_number.clone().unwrap_or_default()),
    );
    let info = fetch_label(cx.client, cx.store, t).await?;
    let print = match (&info, opts.no_print) {
        (Some(info), false) => Some(crate::printq::PrintOutcome::of(&print_label(cx, &label, info, progress).await?)),
        _ => None,
    };
    // The packing slip follows a label that went to its printer (printed or waiting there).
    let label_sent = print.as_ref().is_some_and(|p| !matches!(p.status, crate::printq::PrintStatus::Failed { .. }));
    let slip = if label_sent && super::slip::wanted(cx).await {
        Some(super::slip::print_with_label(cx, order, progress).await)
    } else {
        None
    };
    let key = {
        let (tid, oid) = (t.object_id.clone(), order.object_id.clone());
        cx.store
            .read_async(move |c| purchases::list_for_order(c, &oid))
            .await?
            .into_iter()
            .find(|p| p.transaction_id.as_deref() == Some(tid.as_str()))
            .map(|p| p.key)
            .unwrap_or_default()
    };
    if let (Some(w), false) = (bought.weight, key.is_empty()) {
        let k = key.clone();
        cx.store.write_async(move |tx| crate::store::order_edits::set_purchase_weight(tx, &k, &w)).await?;
    }
    let rate = bought.rate.as_ref();
    Ok(BuyOutcome {
        order_id: order.object_id.clone(),
        order_number: order.order_number.clone(),
        transaction_id: t.object_id.clone(),
        tracking_number: t.tracking_number.clone(),
        service: rate.map(service_name).or(t.carrier.clone()),
        price: rate.and_then(price),
        label_id: info.as_ref().map(|i| i.id),
        label_sha256: info.as_ref().map(|i| i.sha256.clone()),
        print_job_id: print.as_ref().map(|p| p.job_id),
        print,
        slip,
        adopted: bought.adopted,
        address_messages: bought.address_messages,
        journal_key: key,
        weight: bought.weight.map(|w| w.to_string()),
    })
}

/// The print step: queue the label on the label printer and send it now.
pub(super) async fn print_label(cx: &Ctx<'_>, label: &str, info: &LabelInfo, progress: &ProgressSink) -> Result<PrintJob> {
    let cfg = cx.printq.printer_for(DocType::Label, Some(&info.file_type))?;
    progress.step(Step::Printing, label, format!("Printing on '{}'.", cfg.name));
    let job = cx
        .printq
        .enqueue(NewPrintJob {
            label_id: Some(info.id),
            document_sha256: info.sha256.clone(),
            document_type: "label".into(),
            printer_name: cfg.name.clone(),
            reprint_of: None,
        })
        .await?;
    let job = cx.printq.print_now(job.id).await?;
    if matches!(job.state, PrintJobState::Queued | PrintJobState::Failed) {
        progress.step(Step::Printing, label, crate::printq::job_sentence(&job));
    }
    Ok(job)
}

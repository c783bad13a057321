//! The labels history against the simulator: a reprint is the cached bytes again, a void is
//! followed until REFUNDED, and the day's figures and manifests follow.

mod workflow_support;

use station::store::history::LocalDay;
use station::workflow::{BuyOptions, ProgressSink};
use workflow_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_lists_reprints_voids_and_closes_the_day() {
    let b = bench(40).await;
    let orders = waiting_orders(&b.client, 2).await;
    let mut bought = Vec::new();
    for o in &orders {
        bought.push(b.station.buy_and_print(o, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought"));
    }
    let printed = b.printer.wait_for(2);
    assert_eq!(printed.len(), 2);

    // Both labels are listed first (newest first), with price, service and a cached file; the
    // labels the shop bought before (found at Shippo for synced orders) follow.
    let all = b.station.label_history(100).await.expect("history");
    assert!(all.len() > 2, "{all:?}");
    assert!(all.windows(2).all(|w| w[0].created_at >= w[1].created_at), "not newest first");
    let list = &all[..2];
    assert_eq!(list[0].transaction_id, bought[1].transaction_id);
    assert_eq!(list[1].transaction_id, bought[0].transaction_id);
    for l in list {
        assert!(l.amount.is_some() && l.carrier.is_some() && l.service.is_some(), "{l:?}");
        assert!(l.label_id.is_some() && l.order_number.is_some(), "{l:?}");
        assert_eq!(l.status, "SUCCESS");
        assert_eq!(l.exception, None);
    }

    // A reprint puts the same bytes on the printer again (from the cache).
    b.station.reprint(&bought[0].transaction_id, None).await.expect("reprint");
    let printed = b.printer.wait_for(3);
    assert_eq!(printed[2], printed[0], "the reprint's bytes differ");

    // A void is followed until Shippo refunds it; the history says so.
    let v = b.station.void(&bought[0].transaction_id).await.expect("void");
    assert_eq!(v.status, "REFUNDED", "{v:?}");
    let entry = b.station.label_entry(&bought[0].transaction_id).await.expect("entry");
    assert_eq!(entry.status, "REFUNDED");

    // Today: two bought, one voided; the kept one's price is the cost.
    let day = LocalDay::today();
    let summary = b.station.day_summary(&day).await.expect("summary");
    assert_eq!((summary.bought, summary.voided), (2, 1), "{summary:?}");
    let kept = list.iter().find(|l| l.transaction_id == bought[1].transaction_id).expect("kept");
    let cost: f64 = summary.carriers.iter().map(|c| c.cost.parse::<f64>().expect("cost")).sum();
    assert!((cost - kept.amount.clone().expect("amount").parse::<f64>().expect("amount")).abs() < 0.001, "{summary:?}");
    assert_eq!(summary.carrier_accounts.len(), 1, "{summary:?}");

    // The manifest covers the kept label's account and is kept with the local day.
    let m = b.station.manifest_for_day(&day, None, true).await.expect("manifest");
    assert_eq!(m.manifests.len(), 1, "{m:?}");
    let made = b.station.manifests(10).await.expect("manifests");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].local_day, day.date.to_string());
    assert_eq!(made[0].carrier_account, summary.carrier_accounts[0]);
    assert_eq!(made[0].status, "SUCCESS");
}

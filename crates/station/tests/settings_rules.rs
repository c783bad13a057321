//! The bench's stored rate rule at work: a fixed carrier account and service level buys in one
//! Instalabel call through the purchase journal.

mod workflow_support;

use station::store::purchases;
use station::store::settings::edit;
use station::workflow::{BuyOptions, ProgressSink};
use workflow_support::*;

/// The stored rule "fixed carrier account + service level" buys in one call (Instalabel): the
/// journal records an Instalabel request, not a rate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fixed_account_and_service_level_buys_with_one_instalabel_call() {
    let b = bench(20).await;
    let accounts = b.client.carrier_accounts().list(&Default::default()).await.expect("accounts");
    let usps = accounts
        .results
        .iter()
        .find(|a| a.carrier.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("usps")))
        .and_then(|a| a.object_id.clone())
        .expect("a USPS account in the simulator");
    let rule = format!("fixed:{usps}/usps_priority");
    b.store.write(move |tx| edit::set(tx, "rate-rule", &rule, &[])).expect("rule");
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let out = b.station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    assert!(out.tracking_number.is_some());
    let o = order.clone();
    let journal = b.store.read(move |c| purchases::list_for_order(c, &o)).expect("journal");
    assert_eq!(journal.len(), 1);
    match &journal[0].target {
        purchases::PurchaseTarget::Instalabel(req) => {
            assert_eq!(req["carrier_account"], usps.as_str());
            assert_eq!(req["servicelevel_token"], "usps_priority");
        }
        other => panic!("bought by rate, not Instalabel: {other:?}"),
    }
    assert_eq!(b.printer.wait_for(1).len(), 1, "the label printed");
}

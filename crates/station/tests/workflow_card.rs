//! The bench's order card against the simulator: card data, kept edits, rates before money with
//! the rule's pick, the address question, and buying a chosen rate for a corrected address.

mod workflow_support;

use station::store::order_edits;
use station::workflow::card::parse_parcel;
use station::workflow::{AddressChoice, BuyOptions, ProgressSink};
use workflow_support::*;

fn lb(s: &str) -> scales::Weight {
    s.parse().expect("weight")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_shows_the_order_and_keeps_the_operators_weight() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let card = b.station.order_card(&order).await.expect("card");
    assert!(card.order_number.starts_with('#'));
    assert!(!card.items.is_empty() && card.items.iter().all(|i| i.quantity >= 1));
    assert!(!card.international && card.customs.is_empty());
    let w = card.weight.clone().expect("the seeded order has a weight");
    assert_eq!(w.source, station::workflow::card::WeightSource::Order);
    assert_eq!(card.parcel.name, "Medium box");

    b.station.save_order_edits(&order, Some(lb("2.5lb")), None).await.expect("kept");
    let card = b.station.order_card(&order).await.expect("card");
    let w = card.weight.expect("weight");
    assert_eq!((w.value.as_str(), w.unit.as_str(), w.source), ("2.5", "lb", station::workflow::card::WeightSource::Edited));

    // Rates use the kept weight; nothing is bought.
    let list = b.station.rate_list(&order, &BuyOptions::default()).await.expect("rates");
    assert_eq!(list.weight, "2.5 lb");
    assert!(list.rates.len() >= 2);
    assert_eq!(list.rates.iter().filter(|r| r.picked).count(), 1);
    assert_eq!(list.pick.as_deref(), Some(list.rates[0].id.as_str()), "cheapest first, and the rule (cheapest) picks it");
    assert!(b.sim.inspect_transactions().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_international_order_lists_its_customs_items() {
    let b = bench(60).await;
    let id = b
        .store
        .read(|c| {
            Ok(c.query_row(
                "SELECT o.object_id FROM orders o JOIN order_addresses a ON a.order_id = o.object_id AND a.role = 'to' WHERE a.country <> 'US' LIMIT 1",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .expect("an order abroad");
    let card = b.station.order_card(&id).await.expect("card");
    assert!(card.international);
    assert_eq!(card.customs.len(), card.items.len());
    assert!(card.customs.iter().all(|c| c.value.is_some() && c.weight.is_some()), "{:?}", card.customs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrected_address_is_asked_about_and_a_chosen_rate_is_bought_for_it() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    // A plain address: Shippo only adds the ZIP+4, which is no question for the operator.
    let plain = b.station.check_address(&order, None).await.expect("check");
    assert!(plain.valid && !plain.needs_decision, "{plain:?}");

    let o = order.clone();
    b.store
        .write(move |tx| {
            tx.execute("UPDATE order_addresses SET street1 = '77 Lakeview Road' WHERE role = 'to' AND order_id = ?1", [&o])?;
            Ok(())
        })
        .expect("edit");
    let report = b.station.check_address(&order, None).await.expect("check");
    assert!(report.needs_decision, "{report:?}");
    assert_eq!(report.suggestion.as_ref().and_then(|s| s.street1.as_deref()), Some("77 Lakeview Rd"));

    // Rated with the original address, the operator chooses a rate that is not the pick, then
    // accepts the correction: the same service is bought for the corrected address.
    let list = b.station.rate_list(&order, &BuyOptions { weight: Some(lb("1lb")), ..Default::default() }).await.expect("rates");
    let chosen = list.rates.iter().find(|r| !r.picked).expect("another rate").clone();
    let opts = BuyOptions {
        rate_id: Some(chosen.id.clone()),
        weight: Some(lb("1lb")),
        address: AddressChoice::AcceptSuggestion,
        no_print: true,
        ..Default::default()
    };
    let out = b.station.buy_and_print(&order, &opts, &ProgressSink::none()).await.expect("bought");
    assert_eq!(out.service.as_deref(), Some(chosen.name.as_str()));
    assert_eq!(out.weight.as_deref(), Some("1 lb"));
    let key = out.journal_key.clone();
    assert_eq!(b.store.read(move |c| order_edits::purchase_weight(c, &key)).expect("read").as_deref(), Some("1 lb"));
    let sold = b.sim.inspect_transactions();
    assert_eq!(sold.len(), 1);
    let to: String = {
        let rate = sold[0].rate.clone();
        b.store
            .read(move |c| {
                Ok(c.query_row(
                    "SELECT s.address_to FROM shipments s JOIN rates r ON r.shipment_id = s.object_id WHERE r.object_id = ?1",
                    [&rate],
                    |r| r.get::<_, String>(0),
                )?)
            })
            .expect("the bought rate's shipment")
    };
    assert!(to.contains("77 Lakeview Rd") && !to.contains("Road"), "{to}");

    // Refused: StopIfInvalid on an address Shippo cannot find buys nothing.
    let other = waiting_orders(&b.client, 2).await.remove(1);
    let o = other.clone();
    b.store
        .write(move |tx| {
            tx.execute("UPDATE order_addresses SET street1 = 'Nowhere' WHERE role = 'to' AND order_id = ?1", [&o])?;
            Ok(())
        })
        .expect("edit");
    let err = b
        .station
        .buy_and_print(&other, &BuyOptions { address: AddressChoice::StopIfInvalid, no_print: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("not deliverable"), "{err}");
    assert_eq!(b.sim.inspect_transactions().len(), 1, "nothing more was bought");
}

#[test]
fn parcels_are_templates_or_dimensions() {
    let s = station::store::settings::Settings::default();
    assert_eq!(parse_parcel("medium box", &s).expect("template").name, "Medium box");
    let p = parse_parcel("12x9x3in", &s).expect("dims");
    assert_eq!((p.length.as_str(), p.width.as_str(), p.height.as_str(), p.distance_unit.as_str()), ("12", "9", "3", "in"));
    assert!(parse_parcel("12x9in", &s).is_err());
    assert!(parse_parcel("shoebox", &s).is_err());
}

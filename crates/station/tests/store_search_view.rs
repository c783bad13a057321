//! The orders view's search on a real SQLite file: filters, sort, paging by offset and the count.

use station::store::orders::{self, Address, Order, OrderStatus};
use station::store::search::{self, LabelFilter, OrderQuery, OrderSort};
use station::Store;

fn order(i: u32, status: OrderStatus, country: &str, day: u32, name: &str) -> Order {
    Order {
        object_id: format!("id{i:04}"),
        order_number: Some(format!("#{}", 1000 + i)),
        status,
        placed_at: format!("2026-11-{day:02}T10:00:{:02}Z", i % 60),
        shop_app: Some("Shippo".into()),
        weight: None,
        weight_unit: None,
        total_price: None,
        subtotal_price: None,
        total_tax: None,
        currency: None,
        shipping_cost: None,
        shipping_cost_currency: None,
        shipping_method: None,
        notes: None,
        to_address: Address { name: Some(name.into()), city: Some("Town".into()), country: country.into(), ..Default::default() },
        from_address: None,
        line_items: vec![],
        transaction_ids: vec![],
    }
}

/// 300 orders: every third shipped, every fifth to GB, placed over days 1..=30.
fn cache() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");
    store
        .write(|tx| {
            for i in 0..300u32 {
                let status = if i % 3 == 0 { OrderStatus::Shipped } else { OrderStatus::Paid };
                let country = if i % 5 == 0 { "GB" } else { "US" };
                let name = format!("{} Buyer", ["Ada", "Zed", "Mia"][(i % 3) as usize]);
                orders::upsert(tx, &order(i, status, country, 1 + i / 10, &name))?;
            }
            Ok(())
        })
        .expect("seed");
    (dir, store)
}

fn run(store: &Store, q: OrderQuery) -> search::OrderPage {
    store.read(move |c| search::search(c, &q)).expect("search")
}

#[test]
fn filters_combine_and_count_every_match() {
    let (_d, store) = cache();
    let shipped = run(&store, OrderQuery { statuses: vec![OrderStatus::Shipped], limit: Some(500), ..Default::default() });
    assert_eq!((shipped.total, shipped.total_is_exact), (100, true));
    assert!(shipped.orders.iter().all(|o| o.status == OrderStatus::Shipped));
    let awaiting = run(&store, OrderQuery { label: Some(LabelFilter::AwaitingShipment), limit: Some(10), ..Default::default() });
    assert_eq!(awaiting.total, 200);
    // Past the page's cap, the full count still counts every match.
    let every = store.read(|c| search::count(c, &OrderQuery { limit: Some(1), ..Default::default() })).expect("count");
    assert_eq!(every, 300);
    let capped = run(&store, OrderQuery { limit: Some(1), ..Default::default() });
    assert_eq!(capped.orders.len(), 1);
    let gb = run(&store, OrderQuery { country: Some("gb".into()), ..Default::default() });
    assert_eq!(gb.total, 60);
    assert!(gb.orders.iter().all(|o| o.country.as_deref() == Some("GB")));
    // Days 5..=6 (placed_to exclusive): orders 40..=59.
    let days = run(&store, OrderQuery {
        placed_from: Some("2026-11-05T00:00:00Z".into()),
        placed_to: Some("2026-11-07T00:00:00Z".into()),
        ..Default::default()
    });
    assert_eq!(days.total, 20);
    let both = run(&store, OrderQuery { country: Some("GB".into()), statuses: vec![OrderStatus::Shipped], ..Default::default() });
    assert_eq!(both.total, 20, "every 15th order");
}

#[test]
fn pages_by_offset_cover_the_list_once_in_sort_order() {
    let (_d, store) = cache();
    let mut seen = Vec::new();
    for page in 0..4 {
        let p = run(&store, OrderQuery { sort: OrderSort::Oldest, limit: Some(100), offset: page * 100, ..Default::default() });
        seen.extend(p.orders.into_iter().map(|o| o.object_id));
    }
    assert_eq!(seen.len(), 300);
    let want: Vec<String> = (0..300).map(|i| format!("id{i:04}")).collect();
    assert_eq!(seen, want, "oldest first, no row twice or missing");
    let newest = run(&store, OrderQuery { limit: Some(1), ..Default::default() });
    assert_eq!(newest.orders[0].object_id, "id0299");
    let by_name = run(&store, OrderQuery { sort: OrderSort::Name, limit: Some(500), ..Default::default() });
    let names: Vec<String> = by_name.orders.iter().map(|o| o.name.clone().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn text_search_pages_and_filters_too() {
    let (_d, store) = cache();
    let ada = run(&store, OrderQuery { text: Some("ada".into()), limit: Some(50), ..Default::default() });
    assert_eq!(ada.total, 100);
    let second = run(&store, OrderQuery { text: Some("ada".into()), limit: Some(50), offset: 50, ..Default::default() });
    assert_eq!(second.orders.len(), 50);
    assert!(ada.orders.iter().all(|o| !second.orders.contains(o)));
    // "Ada" orders are the shipped ones (i % 3 == 0).
    let ada_paid = run(&store, OrderQuery { text: Some("ada".into()), statuses: vec![OrderStatus::Paid], ..Default::default() });
    assert_eq!(ada_paid.total, 0);
}

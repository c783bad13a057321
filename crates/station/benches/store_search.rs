//! Offline search over 100k cached orders.
//!
//! Prints `BENCH|<name>|<value with unit>|<goal>` lines for `cargo xtask bench`.
//! Run: `cargo bench -p station --bench store_search`.

use std::time::{Duration, Instant};

use station::store::orders::{self, Address, LineItem, Order, OrderStatus};
use station::store::search::{self, LabelFilter, OrderQuery};
use station::Store;

const ORDERS: usize = 100_000;
const FIRST: [&str; 16] = ["Ann", "Bob", "Carla", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Mateo", "Nora", "Oskar", "Priya"];
const LAST: [&str; 16] = ["Lee", "Smith", "Müller", "Okafor", "Rossi", "Tanaka", "Nguyen", "Garcia", "Kowalski", "Dubois", "Andersen", "Silva", "Cohen", "Ivanova", "Brown", "Schmidt"];
const CITIES: [(&str, &str, &str); 8] = [("Austin", "78701", "US"), ("Denver", "80202", "US"), ("Berlin", "10115", "DE"), ("Paris", "75001", "FR"), ("London", "SW1A 1AA", "GB"), ("Toronto", "M5H 2N2", "CA"), ("Boston", "02108", "US"), ("Madrid", "28013", "ES")];
const PRODUCTS: [(&str, &str); 8] = [("Coffee Mug", "MUG"), ("Tea Towel", "TOWEL"), ("Poster", "POSTER"), ("Scarf", "SCARF"), ("Notebook", "NOTE"), ("Cap", "CAP"), ("Candle", "CANDLE"), ("Socks", "SOCKS")];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn order(i: usize, rng: &mut Rng) -> Order {
    let (city, zip, country) = rng.pick(&CITIES);
    let first = rng.pick(&FIRST);
    let last = rng.pick(&LAST);
    let items = (0..1 + rng.next() % 3)
        .map(|_| {
            let (title, sku) = rng.pick(&PRODUCTS);
            LineItem {
                title: Some(title.into()),
                sku: Some(format!("{sku}-{}", rng.next() % 50)),
                quantity: 1 + (rng.next() % 2) as i64,
                weight: Some("0.5".into()),
                weight_unit: Some("lb".into()),
                ..Default::default()
            }
        })
        .collect();
    let secs = 1_700_000_000 + i as i64 * 60;
    Order {
        object_id: format!("{:032x}", i as u128 * 0x9e37_79b9_7f4a_7c15),
        order_number: Some(format!("#{}", 10_000 + i)),
        status: match rng.next() % 10 {
            0 => OrderStatus::Shipped,
            1 => OrderStatus::Awaitpay,
            _ => OrderStatus::Paid,
        },
        placed_at: station::store::time::format(chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()),
        shop_app: Some("Shippo".into()),
        weight: None,
        weight_unit: None,
        total_price: Some("20.00".into()),
        subtotal_price: None,
        total_tax: None,
        currency: Some("USD".into()),
        shipping_cost: None,
        shipping_cost_currency: None,
        shipping_method: None,
        notes: None,
        to_address: Address {
            name: Some(format!("{first} {last}")),
            street1: Some(format!("{} Main St", 1 + rng.next() % 999)),
            city: Some(city.into()),
            zip: Some(zip.into()),
            country: country.into(),
            email: Some(format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase(), i)),
            ..Default::default()
        },
        from_address: None,
        line_items: items,
        transaction_ids: vec![],
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path().join("bench.db"))?;
    let mut rng = Rng(0x5eed);
    let orders: Vec<Order> = (0..ORDERS).map(|i| order(i, &mut rng)).collect();
    let t = Instant::now();
    store.write(|tx| {
        for o in &orders {
            orders::upsert(tx, o)?;
        }
        Ok(())
    })?;
    let insert = t.elapsed();
    println!("BENCH|store_insert_100k_orders|{:.2} s|one transaction, informational", insert.as_secs_f64());

    // What an operator types and clicks: numbers (scanner), name/city/SKU prefixes as they type,
    // e-mails, filters with and without text, later pages.
    let mut queries: Vec<OrderQuery> = Vec::new();
    for k in 0..40 {
        let n = 10_000 + (k * 2_477) % ORDERS;
        queries.push(OrderQuery { text: Some(format!("#{n}")), ..Default::default() });
        queries.push(OrderQuery { text: Some(format!("{}", n / 10)), ..Default::default() });
    }
    for name in ["a", "an", "ann", "mül", "okaf", "tanaka", "ann lee", "priya s", "grace ng"] {
        queries.push(OrderQuery { text: Some(name.into()), ..Default::default() });
    }
    for text in ["berlin", "78701", "sw1a", "mug-1", "towel", "candle-4", "nora.cohen", "example.com"] {
        queries.push(OrderQuery { text: Some(text.into()), ..Default::default() });
    }
    queries.push(OrderQuery::default());
    queries.push(OrderQuery { statuses: vec![OrderStatus::Awaitpay], ..Default::default() });
    queries.push(OrderQuery { country: Some("DE".into()), ..Default::default() });
    queries.push(OrderQuery { label: Some(LabelFilter::AwaitingShipment), ..Default::default() });
    queries.push(OrderQuery { text: Some("paris".into()), statuses: vec![OrderStatus::Paid], ..Default::default() });
    queries.push(OrderQuery { placed_from: Some("2023-12-01".into()), placed_to: Some("2023-12-08".into()), ..Default::default() });
    queries.push(OrderQuery { offset: 5_000, ..Default::default() });

    let mut times = Vec::new();
    let mut worst: Vec<(Duration, usize)> = Vec::new();
    for round in 0..5 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let page = store.read(|c| search::search(c, q))?;
            let e = t.elapsed();
            std::hint::black_box(page);
            if round > 0 {
                times.push(e);
                worst.push((e, i));
            }
        }
    }
    worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (d, i) in worst.iter().take(8) {
        eprintln!("slow: {d:?} {:?}", queries[*i]);
    }
    times.sort();
    let p50 = percentile(&times, 0.50);
    let p95 = percentile(&times, 0.95);
    let max = times.last().copied().unwrap_or_default();
    eprintln!("{} searches: p50 {:?}, p95 {:?}, max {:?}", times.len(), p50, p95, max);
    println!("BENCH|order_search_p95_100k|{:.2} ms|<= 10 ms", p95.as_secs_f64() * 1000.0);
    println!("BENCH|order_search_p50_100k|{:.2} ms|informational", p50.as_secs_f64() * 1000.0);

    let t = Instant::now();
    let detail = store.read(|c| search::detail(c, "#55555"))?;
    std::hint::black_box(detail);
    println!("BENCH|order_detail_100k|{:.2} ms|informational", t.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}

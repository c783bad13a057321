//! Shared test helpers: a real simulator on 127.0.0.1 and a real client for it.
#![allow(dead_code)]

use shippo::{Client, ClientConfig, RetryPolicy, Token};
use shippo_sim::{SimConfig, Simulator};

/// Starts the simulator with `orders` demo orders and rate limits off.
pub async fn sim(orders: usize) -> Simulator {
    Simulator::start(SimConfig {
        orders,
        rate_limits: false,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

/// A client for a base URL (pacing off: the simulator's limits are off too).
pub fn client(base_url: &str) -> Client {
    let cfg = ClientConfig::new(Token::new(shippo_sim::DEMO_TOKEN))
        .with_base_url(base_url)
        .expect("base url")
        .with_pacing(false);
    Client::new(cfg).expect("client")
}

/// A client that never retries (so an injected fault surfaces at once).
pub fn client_no_retry(base_url: &str) -> Client {
    let cfg = ClientConfig::new(Token::new(shippo_sim::DEMO_TOKEN))
        .with_base_url(base_url)
        .expect("base url")
        .with_pacing(false)
        .with_retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        });
    Client::new(cfg).expect("client")
}

/// Row counts that would show duplicates: (orders, search rows, addresses, line items).
pub fn counts(store: &station::Store) -> (i64, i64, i64, i64) {
    store
        .read(|c| {
            let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
            Ok((
                n("SELECT COUNT(*) FROM orders")?,
                n("SELECT COUNT(*) FROM order_search")?,
                n("SELECT COUNT(*) FROM order_addresses")?,
                n("SELECT COUNT(*) FROM order_line_items")?,
            ))
        })
        .expect("counts")
}

/// Starts the simulator with `orders` demo orders and Shippo's rate limits ON, counted in fixed
/// windows of `window` (a minute at Shippo; shorter here so the test takes seconds).
pub async fn sim_limited(orders: usize, window: std::time::Duration) -> Simulator {
    let sim = Simulator::start(SimConfig {
        orders,
        rate_limits: true,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    sim.set_rate_window(window);
    sim
}

/// A client that paces itself to Shippo's limits counted per `window` (the production pacer,
/// with the window the simulator uses).
pub fn client_paced(base_url: &str, window: std::time::Duration) -> Client {
    let cfg = ClientConfig::new(Token::new(shippo_sim::DEMO_TOKEN))
        .with_base_url(base_url)
        .expect("base url")
        .with_pacing(true)
        .with_pacing_window(window);
    Client::new(cfg).expect("client")
}

/// Orders in the cache that still need a label, and the others.
pub fn awaiting_and_rest(store: &station::Store) -> (i64, i64) {
    store
        .read(|c| {
            let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
            Ok((
                n("SELECT COUNT(*) FROM orders WHERE order_status IN ('UNKNOWN','AWAITPAY','PAID','PARTIALLY_FULFILLED')")?,
                n("SELECT COUNT(*) FROM orders WHERE order_status NOT IN ('UNKNOWN','AWAITPAY','PAID','PARTIALLY_FULFILLED')")?,
            ))
        })
        .expect("counts by status")
}

//! The simulator's whole state: the seeded shop, one account per token, the clock and the queue of
//! pending state changes (applied lazily, on the next request, when their time has come).

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::auth::Auth;
use crate::batches::Batch;
use crate::faults::FaultState;
use crate::orders::Order;
use crate::refunds::Refund;
use crate::shipments::{Rate, Shipment};
use crate::transactions::Transaction;

/// A 32-hex id derived from a text (stable across runs).
pub fn stable_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex::encode(&digest[..16])
}

/// An ISO-8601 UTC timestamp with milliseconds, as Shippo writes them.
pub fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Objects of one kind, in creation order, by id.
#[derive(Debug)]
pub struct Store<T> {
    order: Vec<String>,
    map: HashMap<String, T>,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store {
            order: Vec::new(),
            map: HashMap::new(),
        }
    }
}

impl<T> Store<T> {
    /// Adds an object.
    pub fn insert(&mut self, id: String, value: T) {
        if self.map.insert(id.clone(), value).is_none() {
            self.order.push(id);
        }
    }
    /// Replaces an existing object (no-op when absent).
    pub fn replace(&mut self, id: &str, value: T) {
        if let Some(slot) = self.map.get_mut(id) {
            *slot = value;
        }
    }
    /// One object.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.map.get(id)
    }
    /// One object, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        self.map.get_mut(id)
    }
    /// Removes an object.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let v = self.map.remove(id)?;
        self.order.retain(|x| x != id);
        Some(v)
    }
    /// Newest first, as the API lists.
    pub fn iter_newest(&self) -> impl Iterator<Item = &T> {
        self.order.iter().rev().filter_map(|id| self.map.get(id))
    }
    /// Oldest first.
    pub fn iter_oldest(&self) -> impl Iterator<Item = &T> {
        self.order.iter().filter_map(|id| self.map.get(id))
    }
    /// How many objects.
    pub fn len(&self) -> usize {
        self.order.len()
    }
}

/// Everything one token owns.
#[derive(Debug, Default)]
pub struct Account {
    /// Test mode (`shippo_test_`) or live.
    pub test: bool,
    /// `object_owner` of its objects.
    pub owner: String,
    pub addresses: Store<Value>,
    pub parcels: Store<Value>,
    pub shipments: Store<Shipment>,
    pub rates: HashMap<String, Rate>,
    pub transactions: Store<Transaction>,
    pub refunds: Store<Refund>,
    pub batches: Store<Batch>,
    pub manifests: Store<Value>,
    pub webhooks: Store<Value>,
    pub customs_items: Store<Value>,
    pub customs_declarations: Store<Value>,
    pub orders: Store<Order>,
    /// Seeded orders this account has shipped: order id -> its transaction ids.
    pub order_links: HashMap<String, Vec<String>>,
    pub user_templates: Store<Value>,
    pub default_template: Option<String>,
    pub service_groups: Store<Value>,
    pub shippo_accounts: Store<Value>,
    pub pickups: Store<Value>,
    pub own_carriers: Store<Value>,
    pub tracks: HashMap<(String, String), String>,
}

/// A state change due at a time.
#[derive(Debug, Clone)]
pub enum Event {
    /// An async label purchase finishes.
    TransactionDone { token: String, id: String },
    /// A refund moves to PENDING.
    RefundPending { token: String, id: String },
    /// A refund finishes; its label becomes REFUNDED.
    RefundDone { token: String, id: String },
    /// A batch finishes validating.
    BatchValidated { token: String, id: String },
    /// A batch finishes purchasing.
    BatchPurchased { token: String, id: String },
}

/// One label sold by the simulator, as `GET /__sim/transactions` lists it (crash tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoldTransaction {
    /// Transaction object_id.
    pub object_id: String,
    /// `metadata` as sent with the purchase.
    pub metadata: String,
    /// The order id the purchase named, if any.
    pub order: Option<String>,
    /// The rate object_id bought.
    pub rate: String,
    /// Transaction status now.
    pub status: String,
    /// Tracking number (empty while queued or on error).
    pub tracking_number: String,
    /// Whether a test token bought it.
    pub test: bool,
}

/// The whole simulated world.
pub struct World {
    /// Seed of all generated values.
    pub seed: u64,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    rng: ChaCha8Rng,
    /// Added to the real clock (tests move time forward, e.g. to expire rates).
    pub clock_offset: Duration,
    /// Accepted tokens; empty means any well-formed one.
    pub tokens: Vec<String>,
    /// Rate limits on (config), unless a fault overrides.
    pub rate_limits: bool,
    /// The shop's seeded orders, newest first, shared by every token.
    pub shop: Vec<Order>,
    /// Seeded order id -> index in `shop`.
    pub shop_index: HashMap<String, usize>,
    /// Transactions of seeded SHIPPED orders, shared by every token.
    pub shop_transactions: Store<Transaction>,
    /// The rates those transactions were bought at, shared by every token.
    pub shop_rates: HashMap<String, crate::shipments::Rate>,
    /// Per-token accounts.
    pub accounts: HashMap<String, Account>,
    events: Vec<(Instant, Event)>,
    /// Tracking numbers handed out (unique).
    pub tracking_numbers: HashSet<String>,
    /// Tracking number -> (owning token, or None for the shop's seeded labels; transaction id).
    pub sold_index: HashMap<String, (Option<String>, String)>,
    /// Label files served without auth: file stem -> label.
    pub label_files: HashMap<String, crate::files::LabelFile>,
    /// Merged batch label files: file stem -> labels.
    pub merged_files: HashMap<String, Vec<crate::files::LabelFile>>,
    /// Other documents (packing slips, manifests): file name -> PDF lines.
    pub documents: HashMap<String, Vec<String>>,
    /// Fault injection.
    pub faults: FaultState,
    /// Rate-limit windows: (token, bucket) -> (window number, requests counted in it).
    pub limits: HashMap<(String, &'static str), (u64, u32)>,
    /// How long one rate-limit window lasts (Shippo's minute; tests shorten it).
    pub rate_window: Duration,
    /// How many requests the rate limits answered with 429.
    pub throttled: u64,
    next_owner: usize,
}

impl World {
    /// A world with the seeded shop.
    pub fn new(cfg: &crate::SimConfig, base_url: String) -> World {
        let seeded = crate::seed::generate(cfg.seed, cfg.orders);
        let (shop, shop_transactions) = (seeded.orders, seeded.transactions);
        let shop_index = shop
            .iter()
            .enumerate()
            .map(|(i, o)| (o.object_id.clone(), i))
            .collect();
        World {
            seed: cfg.seed,
            base_url,
            rng: ChaCha8Rng::seed_from_u64(cfg.seed ^ 0x5151_0000_aaaa_0001),
            clock_offset: Duration::ZERO,
            tokens: cfg.tokens.clone(),
            rate_limits: cfg.rate_limits,
            shop,
            shop_index,
            shop_transactions,
            shop_rates: seeded.rates,
            accounts: HashMap::new(),
            events: Vec::new(),
            tracking_numbers: seeded.tracking_numbers,
            sold_index: seeded.sold_index,
            label_files: seeded.label_files,
            merged_files: HashMap::new(),
            documents: HashMap::new(),
            faults: FaultState::default(),
            limits: HashMap::new(),
            rate_window: crate::limits::DEFAULT_WINDOW,
            throttled: 0,
            next_owner: 0,
        }
    }

    /// The simulated monotonic time.
    pub fn instant(&self) -> Instant {
        Instant::now() + self.clock_offset
    }

    /// The simulated wall-clock time.
    pub fn utc(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::from_std(self.clock_offset).unwrap_or_default()
    }

    /// The simulated wall-clock time as an API timestamp.
    pub fn now_str(&self) -> String {
        iso(self.utc())
    }

    /// A fresh 32-hex object id (deterministic from the seed and the order of requests).
    pub fn new_id(&mut self) -> String {
        let v: u128 = self.rng.gen();
        format!("{v:032x}")
    }

    /// A random number in a range (deterministic from the seed).
    pub fn rand_range(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.gen_range(lo..hi)
    }

    /// A fresh tracking number that looks like the carrier's and was never handed out.
    pub fn new_tracking_number(&mut self, carrier: &str) -> String {
        loop {
            let n = crate::tracking::tracking_number(&mut self.rng, carrier);
            if self.tracking_numbers.insert(n.clone()) {
                return n;
            }
        }
    }

    /// The account of a token (created on first use).
    pub fn account(&mut self, a: &Auth) -> &mut Account {
        if !self.accounts.contains_key(&a.token) {
            self.next_owner += 1;
            let owner = format!("account{}@shipbench.example", self.next_owner);
            self.accounts.insert(
                a.token.clone(),
                Account {
                    test: a.test,
                    owner,
                    ..Account::default()
                },
            );
        }
        self.accounts.get_mut(&a.token).expect("inserted above")
    }

    /// Queues a state change `after` from now.
    pub fn schedule(&mut self, after: Duration, e: Event) {
        let at = self.instant() + after;
        self.events.push((at, e));
    }

    /// Applies every state change whose time has come, oldest first.
    pub fn tick(&mut self) {
        loop {
            let now = self.instant();
            let due = self
                .events
                .iter()
                .enumerate()
                .filter(|(_, (at, _))| *at <= now)
                .min_by_key(|(_, (at, _))| *at)
                .map(|(i, _)| i);
            let Some(i) = due else { break };
            let (_, e) = self.events.remove(i);
            match e {
                Event::TransactionDone { token, id } => {
                    crate::transactions::finish_async(self, &token, &id)
                }
                Event::RefundPending { token, id } => crate::refunds::to_pending(self, &token, &id),
                Event::RefundDone { token, id } => crate::refunds::finish(self, &token, &id),
                Event::BatchValidated { token, id } => {
                    crate::batches::finish_validation(self, &token, &id)
                }
                Event::BatchPurchased { token, id } => {
                    crate::batches::finish_purchase(self, &token, &id)
                }
            }
        }
    }

    /// Every label sold, across all tokens, oldest first.
    pub fn sold(&self) -> Vec<SoldTransaction> {
        let mut out: Vec<(String, SoldTransaction)> = Vec::new();
        for acct in self.accounts.values() {
            for t in acct.transactions.iter_oldest() {
                out.push((
                    t.created.clone(),
                    SoldTransaction {
                        object_id: t.id.clone(),
                        metadata: t.metadata.clone(),
                        order: t.order.clone(),
                        rate: t.rate_id.clone(),
                        status: t.status.clone(),
                        tracking_number: t.tracking_number.clone(),
                        test: acct.test,
                    },
                ));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.into_iter().map(|(_, t)| t).collect()
    }
}

//! The demo shop: orders generated from the seed (fast enough for 100,000), with line items,
//! addresses in several countries, statuses, and labels for the orders already shipped.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, Timelike, Utc};
use labels::{LabelAddress, ShippingLabel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::files::{FileKind, LabelFile};
use crate::orders::{Addr, LineItem, Order};
use crate::shipments::Rate;
use crate::transactions::Transaction;
use crate::world::{iso, Store};

/// What the seed produces.
pub struct Seeded {
    /// Orders, newest first.
    pub orders: Vec<Order>,
    /// Labels of the shipped orders.
    pub transactions: Store<Transaction>,
    /// Their tracking numbers.
    pub tracking_numbers: HashSet<String>,
    /// Tracking number -> (None, transaction id).
    pub sold_index: HashMap<String, (Option<String>, String)>,
    /// Their label files.
    pub label_files: HashMap<String, LabelFile>,
    /// The rates those labels were bought at (`GET /rates/{id}` answers them, as Shippo does
    /// for every label an account bought, wherever it was bought).
    pub rates: HashMap<String, Rate>,
}

const PRODUCTS: &[(&str, &str, i64, f64)] = &[
    ("Ceramic Pour-Over Coffee Dripper", "CER-DRIP-01", 2800, 0.9),
    ("Stoneware Mug, 12 oz", "MUG-STN-12", 1800, 0.8),
    ("Organic Cotton Tote Bag", "TOTE-ORG-01", 2200, 0.4),
    ("Beeswax Candle, Large", "CNDL-BW-L", 3400, 1.6),
    ("Linen Tea Towel Set", "LIN-TT-2", 2600, 0.5),
    ("Cast Iron Skillet 10in", "CI-SKL-10", 4900, 5.2),
    ("Walnut Cutting Board", "WAL-CB-M", 6500, 3.1),
    ("Hand-thrown Bowl", "BWL-HT-S", 3900, 1.2),
    ("Wool Throw Blanket", "WOOL-THR-01", 12900, 3.8),
    ("Loose Leaf Tea Sampler", "TEA-SMP-6", 2400, 0.6),
    ("Glass Water Carafe", "GLS-CRF-1", 3200, 1.9),
    ("Enamel Pin Set", "PIN-EN-3", 1500, 0.1),
    ("Leather Notebook Cover", "LTH-NB-A5", 4500, 0.7),
    ("Bamboo Utensil Set", "BMB-UT-4", 1900, 0.3),
    ("Soy Wax Melts (6 pack)", "SOY-WM-6", 1400, 0.5),
    ("Stainless Travel Tumbler", "SS-TMB-16", 3000, 1.0),
    ("Handmade Soap Bar", "SOAP-HM-1", 900, 0.3),
    ("Terracotta Wall Planter", "TER-WP-1", 3600, 2.4),
    ("Knitted Beanie", "KNT-BN-01", 2800, 0.3),
    ("Print: Coastal Map 18x24", "PRT-MAP-1824", 4000, 0.9),
];

const FIRST: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Lucas", "Mia", "Ethan", "Amelia",
    "Leo", "Harper", "Kai", "Nora", "Elijah", "Chloe", "Omar", "Priya", "Hannah", "Jonas", "Aiko",
    "Fatima", "Diego",
];
const LAST: &[&str] = &[
    "Smith", "Johnson", "Garcia", "Brown", "Nguyen", "Miller", "Davis", "Lopez", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King",
    "Wright", "Schmidt", "Tanaka", "Okafor", "Patel",
];
const US_STREETS: &[&str] = &[
    "Main St",
    "Oak Ave",
    "Maple Dr",
    "Cedar Ln",
    "Pine St",
    "Elm St",
    "Washington Blvd",
    "Lakeview Rd",
    "Market St",
    "Park Ave",
    "Highland Ave",
    "Church St",
    "Broadway",
    "Mill Rd",
    "Sunset Blvd",
];
const US_CITIES: &[(&str, &str, &str)] = &[
    ("San Francisco", "CA", "94117"),
    ("Los Angeles", "CA", "90012"),
    ("Seattle", "WA", "98101"),
    ("Portland", "OR", "97205"),
    ("Denver", "CO", "80202"),
    ("Austin", "TX", "78701"),
    ("Chicago", "IL", "60611"),
    ("New York", "NY", "10001"),
    ("Brooklyn", "NY", "11201"),
    ("Boston", "MA", "02116"),
    ("Miami", "FL", "33130"),
    ("Atlanta", "GA", "30303"),
    ("Nashville", "TN", "37203"),
    ("Minneapolis", "MN", "55401"),
    ("Phoenix", "AZ", "85004"),
    ("Philadelphia", "PA", "19103"),
    ("Columbus", "OH", "43215"),
    ("Salt Lake City", "UT", "84111"),
    ("Raleigh", "NC", "27601"),
    ("Madison", "WI", "53703"),
];
/// (country, city, state, postcode, street)
const ABROAD: &[(&str, &str, &str, &str, &str)] = &[
    ("CA", "Toronto", "ON", "M5V 2T6", "King St W"),
    ("CA", "Vancouver", "BC", "V6B 1A1", "Granville St"),
    ("CA", "Montréal", "QC", "H2Y 1C6", "Rue Notre-Dame O"),
    ("GB", "London", "", "SW1A 1AA", "High Street"),
    ("GB", "Manchester", "", "M1 1AE", "Station Road"),
    ("GB", "Edinburgh", "", "EH1 1YZ", "Royal Mile"),
    ("DE", "Berlin", "", "10115", "Hauptstraße"),
    ("DE", "München", "", "80331", "Bahnhofstraße"),
    ("DE", "Hamburg", "", "20095", "Mönckebergstraße"),
    ("AU", "Sydney", "NSW", "2000", "George St"),
    ("AU", "Melbourne", "VIC", "3000", "Collins St"),
    ("AU", "Brisbane", "QLD", "4000", "Queen St"),
];

/// The shop's own address (orders' from_address).
pub fn shop_address() -> Addr {
    Addr {
        name: "Shipbench Demo Shop".into(),
        company: "Shipbench Demo Shop".into(),
        street1: "215 Clayton St".into(),
        city: "San Francisco".into(),
        state: "CA".into(),
        zip: "94117".into(),
        country: "US".into(),
        phone: "+1 555 341 9393".into(),
        email: "shop@shipbench.example".into(),
        ..Addr::default()
    }
}

/// The service the shop's past labels used for a carrier.
pub fn service_of(carrier: &str) -> &'static str {
    match carrier {
        "dhl_express" => "dhl_express_worldwide",
        _ => "usps_ground_advantage",
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.gen_range(0..xs.len())]
}

fn hex_id(rng: &mut ChaCha8Rng) -> String {
    format!("{:032x}", rng.gen::<u128>())
}

fn address(rng: &mut ChaCha8Rng) -> Addr {
    let (first, last) = (*pick(rng, FIRST), *pick(rng, LAST));
    let number = rng.gen_range(1..9000);
    let roll = rng.gen_range(0..100);
    let mut a = Addr {
        name: format!("{first} {last}"),
        email: format!(
            "{}.{}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        ..Addr::default()
    };
    if roll < 80 {
        let (city, state, zip) = *pick(rng, US_CITIES);
        a.street1 = format!("{number} {}", pick(rng, US_STREETS));
        if rng.gen_ratio(1, 6) {
            a.street2 = format!("Apt {}", rng.gen_range(1..40));
        }
        (a.city, a.state, a.zip, a.country) = (city.into(), state.into(), zip.into(), "US".into());
        a.phone = format!(
            "+1 555 {:03} {:04}",
            rng.gen_range(100..999),
            rng.gen_range(0..9999)
        );
    } else {
        let idx = match roll {
            80..=86 => rng.gen_range(0..3),
            87..=91 => rng.gen_range(3..6),
            92..=95 => rng.gen_range(6..9),
            _ => rng.gen_range(9..12),
        };
        let (country, city, state, zip, street) = ABROAD[idx];
        a.street1 = if country == "DE" {
            format!("{street} {}", number % 120 + 1)
        } else {
            format!("{} {street}", number % 300 + 1)
        };
        (a.city, a.state, a.zip, a.country) =
            (city.into(), state.into(), zip.into(), country.into());
        a.phone = format!(
            "+{} 20 {:04} {:04}",
            if country == "GB" {
                44
            } else if country == "DE" {
                49
            } else {
                1
            },
            rng.gen_range(0..9999),
            rng.gen_range(0..9999)
        );
    }
    a
}

/// The rate a seeded label was bought at: the carrier's cheapest service for its region, priced
/// like rating prices it. Its shipment id comes from the rate id (no draw from the seed's stream,
/// so every other seeded value stays as it was).
fn bought_rate(
    seed: u64,
    rate_id: &str,
    carrier: &str,
    weight_lb: f64,
    bought: chrono::DateTime<Utc>,
) -> Option<Rate> {
    let token = if carrier == "usps" { "usps_ground_advantage" } else { "dhl_express_worldwide" };
    let (c, svc) = crate::carriers::service_by_token(token)?;
    let pounds = weight_lb.ceil().max(1.0) as i64;
    Some(Rate {
        id: rate_id.to_owned(),
        shipment: crate::world::stable_id(&format!("seeded-shipment:{rate_id}")),
        created: bought - Duration::minutes(5),
        carrier: c,
        service: svc,
        cents: svc.base_cents + svc.per_lb_cents * pounds,
        days: svc.days,
        zone: if svc.international { 9 } else { 5 },
        attributes: Vec::new(),
        carrier_account: crate::carriers::account_object_id(seed, c),
        owner: "shop@shipbench.example".into(),
        test: true,
    })
}

fn money(c: i64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

fn label_addr(a: &Addr) -> LabelAddress {
    let mut lines = vec![a.street1.clone()];
    if !a.street2.is_empty() {
        lines.push(a.street2.clone());
    }
    LabelAddress {
        name: a.name.clone(),
        lines,
        city_line: format!("{}, {} {}", a.city, a.state, a.zip),
        country: a.country.clone(),
    }
}

/// Generates the shop for a seed.
pub fn generate(seed: u64, count: usize) -> Seeded {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Whole seconds, strictly apart: placed_at round-trips through its text and never ties.
    let now = Utc::now().with_nanosecond(0).unwrap_or_else(Utc::now);
    let mut offsets: Vec<i64> = (0..count)
        .map(|_| rng.gen_range(0..60 * 24 * 3600))
        .collect();
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    for i in 1..offsets.len() {
        if offsets[i] >= offsets[i - 1] {
            offsets[i] = offsets[i - 1] - 1;
        }
    }
    let shop = shop_address();
    let mut out = Seeded {
        orders: Vec::with_capacity(count),
        transactions: Store::default(),
        tracking_numbers: HashSet::new(),
        sold_index: HashMap::new(),
        label_files: HashMap::new(),
        rates: HashMap::new(),
    };
    for (i, off) in offsets.iter().enumerate() {
        let placed_at = now - Duration::seconds(*off);
        let to = address(&mut rng);
        let mut items = Vec::new();
        let (mut subtotal, mut weight) = (0i64, 0f64);
        for _ in 0..rng.gen_range(1..=3) {
            let (title, sku, price, lb) = *pick(&mut rng, PRODUCTS);
            let qty = if rng.gen_ratio(1, 5) { 2 } else { 1 };
            subtotal += price * qty;
            weight += lb * qty as f64;
            let (w, unit) = if lb < 0.5 {
                (format!("{:.1}", lb * 16.0 * qty as f64), "oz")
            } else {
                (format!("{:.2}", lb * qty as f64), "lb")
            };
            items.push(LineItem {
                object_id: hex_id(&mut rng),
                title: title.into(),
                sku: sku.into(),
                quantity: qty,
                total_price: money(price * qty),
                currency: "USD".into(),
                weight: w,
                weight_unit: unit.into(),
            });
        }
        let shipping = if to.country == "US" { 795 } else { 2495 };
        let tax = subtotal * 8 / 100;
        let roll = rng.gen_range(0..100);
        let status = match roll {
            0..=2 => "AWAITPAY",
            3..=4 => "CANCELLED",
            5..=16 if *off > 2 * 24 * 3600 => "SHIPPED",
            _ => "PAID",
        };
        let id = hex_id(&mut rng);
        let mut o = Order {
            object_id: id,
            order_number: format!("#{}", 1001 + i),
            placed_at,
            status: status.into(),
            to,
            from: Some(shop.clone()),
            line_items: items,
            currency: "USD".into(),
            subtotal_price: money(subtotal),
            total_tax: money(tax),
            shipping_cost: money(shipping),
            shipping_method: if shipping == 795 {
                "Standard Shipping".into()
            } else {
                "International Shipping".into()
            },
            total_price: money(subtotal + tax + shipping),
            weight: format!("{weight:.2}"),
            weight_unit: "lb".into(),
            notes: String::new(),
            transactions: Vec::new(),
            shop_app: "Shippo",
        };
        if status == "SHIPPED" {
            let carrier = if o.to.country == "US" {
                "usps"
            } else {
                "dhl_express"
            };
            let tracking = loop {
                let n = crate::tracking::tracking_number(&mut rng, carrier);
                if out.tracking_numbers.insert(n.clone()) {
                    break n;
                }
            };
            let tid = hex_id(&mut rng);
            let bought = placed_at + Duration::hours(20);
            let (provider, service) = if carrier == "usps" {
                ("USPS", "Ground Advantage")
            } else {
                ("DHL Express", "Express Worldwide")
            };
            out.label_files.insert(
                tid.clone(),
                LabelFile {
                    label: ShippingLabel {
                        tracking_number: tracking.clone(),
                        carrier: provider.into(),
                        service: service.into(),
                        from: label_addr(&shop),
                        to: label_addr(&o.to),
                        weight: format!("{weight:.2} lb"),
                        reference: Some(o.order_number.clone()),
                    },
                    kind: FileKind::Pdf,
                },
            );
            out.sold_index.insert(tracking.clone(), (None, tid.clone()));
            let rate_id = hex_id(&mut rng);
            if let Some(rate) = bought_rate(seed, &rate_id, carrier, weight, bought) {
                out.rates.insert(rate_id.clone(), rate);
            }
            out.transactions.insert(
                tid.clone(),
                Transaction {
                    id: tid.clone(),
                    created: iso(bought),
                    updated: iso(bought),
                    status: "SUCCESS".into(),
                    rate_id,
                    rate_obj: None,
                    metadata: format!("Order {}", o.order_number),
                    order: Some(o.object_id.clone()),
                    parcel: None,
                    tracking_number: tracking,
                    carrier: carrier.into(),
                    kind: FileKind::Pdf,
                    messages: Vec::new(),
                    days: if carrier == "usps" { 4 } else { 5 },
                    bought,
                    owner: "shop@shipbench.example".into(),
                },
            );
            o.transactions.push(tid);
        }
        out.orders.push(o);
    }
    out.orders.reverse();
    out
}

//! How a simulator is started.

/// Settings of one simulator instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimConfig {
    /// Seed of every generated value (orders, ids, tracking numbers): the same seed and the same
    /// requests give the same answers.
    pub seed: u64,
    /// How many demo orders the shop has (300 by default, up to 100,000).
    pub orders: usize,
    /// The tokens accepted. Empty: any well-formed `shippo_test_`/`shippo_live_` token.
    pub tokens: Vec<String>,
    /// Whether Shippo's per-minute rate limits apply (429 when exceeded).
    pub rate_limits: bool,
    /// TCP port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 42,
            orders: 300,
            tokens: Vec::new(),
            rate_limits: true,
            port: 0,
        }
    }
}

-- The shared schema of warehouse mode: what every bench of one warehouse sees.

-- Benches that ever connected, and when they were last heard of.
CREATE TABLE IF NOT EXISTS benches (
    name        TEXT PRIMARY KEY,
    first_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One claim per order: the bench (and attempt) that may rate and buy it now. The lease is renewed
-- while the purchase runs; an expired claim may be taken by another bench.
CREATE TABLE IF NOT EXISTS claims (
    order_id    TEXT PRIMARY KEY,
    bench       TEXT NOT NULL,
    attempt     TEXT NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL
);

-- The shared purchase journal: one row per purchase attempt that got as far as buying. A PENDING
-- row whose claim expired is another bench's crash: any bench reconciles it from Shippo.
CREATE TABLE IF NOT EXISTS purchases (
    attempt        TEXT PRIMARY KEY,
    order_id       TEXT NOT NULL,
    order_number   TEXT,
    bench          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    transaction_id TEXT,
    detail         TEXT,
    unchecked      BOOLEAN NOT NULL DEFAULT FALSE,
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS purchases_order ON purchases (order_id);

-- Every label bought by any bench: who bought what and when.
CREATE TABLE IF NOT EXISTS labels (
    transaction_id  TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL,
    order_number    TEXT,
    bench           TEXT NOT NULL,
    tracking_number TEXT,
    service         TEXT,
    price           TEXT,
    status          TEXT NOT NULL,
    unchecked       BOOLEAN NOT NULL DEFAULT FALSE,
    bought_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS labels_order ON labels (order_id);

-- Settings profiles (sender, rate rule, parcels…) a warehouse wants the same at every bench.
CREATE TABLE IF NOT EXISTS settings_profiles (
    name        TEXT PRIMARY KEY,
    body        JSONB NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

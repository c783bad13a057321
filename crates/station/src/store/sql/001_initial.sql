-- Shipbench order cache, schema version 1.
-- Timestamps are ISO-8601 UTC text with milliseconds ("2026-11-22T02:24:20.000Z"): they sort as text.

CREATE TABLE orders (
    -- A stable integer id: it is the rowid of the order's full-text row in order_search.
    id               INTEGER PRIMARY KEY,
    object_id        TEXT NOT NULL UNIQUE,
    order_number     TEXT,
    order_status     TEXT NOT NULL DEFAULT 'UNKNOWN',
    placed_at        TEXT NOT NULL,
    shop_app         TEXT,
    weight           TEXT,
    weight_unit      TEXT,
    total_price      TEXT,
    subtotal_price   TEXT,
    total_tax        TEXT,
    currency         TEXT,
    shipping_cost    TEXT,
    shipping_cost_currency TEXT,
    shipping_method  TEXT,
    notes            TEXT,
    -- Denormalised from the ship-to address for filters and the list view.
    to_name          TEXT,
    to_country       TEXT,
    synced_at        TEXT NOT NULL
);
CREATE INDEX orders_placed_at ON orders(placed_at DESC);
CREATE INDEX orders_number ON orders(order_number);
CREATE INDEX orders_status_placed ON orders(order_status, placed_at DESC);
CREATE INDEX orders_country_placed ON orders(to_country, placed_at DESC);

CREATE TABLE order_addresses (
    order_id  TEXT NOT NULL REFERENCES orders(object_id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('to', 'from')),
    name      TEXT, company TEXT, street1 TEXT, street2 TEXT, street3 TEXT,
    city      TEXT, state TEXT, zip TEXT, country TEXT, phone TEXT, email TEXT,
    PRIMARY KEY (order_id, role)
);

CREATE TABLE order_line_items (
    order_id       TEXT NOT NULL REFERENCES orders(object_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    object_id      TEXT,
    title          TEXT,
    sku            TEXT,
    variant_title  TEXT,
    quantity       INTEGER NOT NULL DEFAULT 1,
    weight         TEXT,
    weight_unit    TEXT,
    total_price    TEXT,
    currency       TEXT,
    manufacture_country TEXT,
    PRIMARY KEY (order_id, position)
);
CREATE INDEX order_line_items_sku ON order_line_items(sku);

-- Which transactions (labels) Shippo says belong to an order. The transaction row may arrive later.
CREATE TABLE order_transactions (
    order_id        TEXT NOT NULL REFERENCES orders(object_id) ON DELETE CASCADE,
    transaction_id  TEXT NOT NULL,
    PRIMARY KEY (order_id, transaction_id)
);
CREATE INDEX order_transactions_tx ON order_transactions(transaction_id);

CREATE TABLE shipments (
    object_id     TEXT PRIMARY KEY,
    order_id      TEXT REFERENCES orders(object_id) ON DELETE SET NULL,
    status        TEXT NOT NULL,
    address_from  TEXT,  -- JSON
    address_to    TEXT,  -- JSON
    parcels       TEXT,  -- JSON
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX shipments_order ON shipments(order_id);

CREATE TABLE rates (
    object_id           TEXT PRIMARY KEY,
    shipment_id         TEXT NOT NULL REFERENCES shipments(object_id) ON DELETE CASCADE,
    provider            TEXT NOT NULL,
    servicelevel_token  TEXT NOT NULL,
    servicelevel_name   TEXT,
    amount              TEXT NOT NULL,
    currency            TEXT NOT NULL,
    estimated_days      INTEGER,
    attributes          TEXT NOT NULL DEFAULT '[]',  -- JSON array
    carrier_account     TEXT,
    created_at          TEXT NOT NULL
);
CREATE INDEX rates_shipment ON rates(shipment_id);

CREATE TABLE transactions (
    object_id        TEXT PRIMARY KEY,
    order_id         TEXT,
    rate_id          TEXT,
    status           TEXT NOT NULL,
    tracking_number  TEXT,
    tracking_status  TEXT,
    tracking_url     TEXT,
    carrier          TEXT,
    label_url        TEXT,
    label_file_type  TEXT,
    metadata         TEXT,
    messages         TEXT,  -- JSON array
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX transactions_order ON transactions(order_id);
CREATE INDEX transactions_rate ON transactions(rate_id);
CREATE INDEX transactions_tracking ON transactions(tracking_number);

-- Label files, kept once per content (sha256 of the bytes).
CREATE TABLE label_blobs (
    sha256      TEXT PRIMARY KEY,
    bytes       BLOB NOT NULL,
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE labels (
    id              INTEGER PRIMARY KEY,
    transaction_id  TEXT,
    order_id        TEXT,
    sha256          TEXT NOT NULL REFERENCES label_blobs(sha256),
    file_type       TEXT NOT NULL,
    source_url      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX labels_order ON labels(order_id);
CREATE UNIQUE INDEX labels_tx_type ON labels(transaction_id, file_type) WHERE transaction_id IS NOT NULL;

CREATE TABLE print_jobs (
    id               INTEGER PRIMARY KEY,
    label_id         INTEGER REFERENCES labels(id),
    document_sha256  TEXT NOT NULL REFERENCES label_blobs(sha256),
    document_type    TEXT NOT NULL,
    printer_name     TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('QUEUED','SENDING','SENT','COMPLETED','FAILED')),
    reason           TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    reprint_of       INTEGER REFERENCES print_jobs(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX print_jobs_due ON print_jobs(state, next_attempt_at);

CREATE TABLE purchases (
    key              TEXT PRIMARY KEY,  -- UUIDv7, also sent in the transaction's metadata
    order_id         TEXT NOT NULL,
    rate_id          TEXT,
    instalabel_spec  TEXT,  -- JSON, when bought without a rate
    state            TEXT NOT NULL CHECK (state IN ('PENDING','SUCCEEDED','FAILED')),
    transaction_id   TEXT,
    error            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (rate_id IS NOT NULL OR instalabel_spec IS NOT NULL)
);
CREATE INDEX purchases_order ON purchases(order_id, state);

CREATE TABLE order_locks (
    order_id    TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE tracking (
    carrier          TEXT NOT NULL,
    tracking_number  TEXT NOT NULL,
    status           TEXT NOT NULL,
    status_details   TEXT,
    history          TEXT NOT NULL DEFAULT '[]',  -- JSON array of events, oldest first
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (carrier, tracking_number)
);

CREATE TABLE address_validations (
    input_hash    TEXT PRIMARY KEY,  -- sha256 of the normalised input address JSON
    input         TEXT NOT NULL,
    result        TEXT NOT NULL,
    is_valid      INTEGER NOT NULL,
    validated_at  TEXT NOT NULL
);

CREATE TABLE sync_state (
    scope       TEXT PRIMARY KEY,
    value       TEXT NOT NULL,  -- JSON
    updated_at  TEXT NOT NULL
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,  -- JSON
    updated_at  TEXT NOT NULL
);

-- Full-text index for offline search. Maintained by the store code (store/search_index.rs):
-- one row per order, rowid = orders.id.
CREATE VIRTUAL TABLE order_search USING fts5(
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

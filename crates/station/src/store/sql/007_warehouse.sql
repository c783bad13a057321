-- Warehouse mode: where the shared PostgreSQL is (URL without password; the password is in the
-- OS keyring) and this bench's name there; and purchases made while it was down, to report.
CREATE TABLE warehouse_link (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    url           TEXT NOT NULL,
    bench         TEXT NOT NULL,
    has_password  INTEGER NOT NULL DEFAULT 0,
    connected_at  TEXT NOT NULL
);

CREATE TABLE warehouse_outbox (
    attempt         TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL,
    order_number    TEXT,
    transaction_id  TEXT,
    tracking_number TEXT,
    service         TEXT,
    price           TEXT,
    status          TEXT NOT NULL,
    bought_at       TEXT NOT NULL
);

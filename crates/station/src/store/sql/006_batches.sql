-- Batches bought from the window: each order's result as it comes, so a batch survives the
-- window closing (reopened, it is reported and the rest can be resumed; the buy guard and journal
-- keep any order from being bought twice).
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE batch_items (
    batch_id        INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    order_ref       TEXT NOT NULL,
    transaction_id  TEXT,
    tracking_number TEXT,
    print_job_id    INTEGER,
    error           TEXT,
    PRIMARY KEY (batch_id, position)
);

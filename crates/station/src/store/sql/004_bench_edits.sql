-- The bench's per-order edits (weight typed or read from the scale, parcel chosen), kept in the
-- cache until the order ships, and the weight each purchase declared.
CREATE TABLE order_edits (
    order_id     TEXT PRIMARY KEY,
    weight       TEXT,   -- exact decimal, e.g. "2.5"
    weight_unit  TEXT,   -- g, kg, oz, lb
    parcel       TEXT,   -- JSON ParcelTemplate, when the operator chose one
    updated_at   TEXT NOT NULL
);
ALTER TABLE purchases ADD COLUMN weight TEXT;  -- e.g. "2.5 lb": what the parcel declared

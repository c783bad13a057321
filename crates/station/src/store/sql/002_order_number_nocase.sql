-- Order numbers are looked up without regard to case (scanner input, "so-100" vs "SO-100").
CREATE INDEX orders_number_nocase ON orders(order_number COLLATE NOCASE);

-- Recency key: (placed_at in unix seconds << 20) | (id & 0xFFFFF). Newest-first lists walk its
-- index, and it is the rowid of the order's full-text row, so a text search walks FTS5's doclists
-- newest first and stops after one page even when a short prefix matches most orders.
ALTER TABLE orders ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX orders_search_key ON orders(search_key);
-- The full-text rows were keyed by orders.id; they are rebuilt (store::search_index::rebuild_missing).
DELETE FROM order_search;

-- Filtered lists sort by the recency key too.
CREATE INDEX orders_status_key ON orders(order_status, search_key);
CREATE INDEX orders_country_key ON orders(to_country, search_key);

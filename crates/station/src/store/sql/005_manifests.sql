-- End-of-day manifests (SCAN forms) made at this bench, so the window lists earlier ones.
CREATE TABLE manifests (
    object_id        TEXT PRIMARY KEY,
    carrier_account  TEXT NOT NULL,
    -- The bench's local day the manifest covers (YYYY-MM-DD).
    local_day        TEXT NOT NULL,
    status           TEXT NOT NULL,
    documents        TEXT NOT NULL DEFAULT '[]',  -- JSON array of document URLs
    print_jobs       TEXT NOT NULL DEFAULT '[]',  -- JSON array of print job ids
    created_at       TEXT NOT NULL
);
CREATE INDEX manifests_created ON manifests(created_at DESC);

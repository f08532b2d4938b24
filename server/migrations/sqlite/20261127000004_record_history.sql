-- Records staff edit: a version per catalog product, so two officers editing at once never
-- overwrite each other silently, and the history of every edit (who, when, which fields,
-- before and after).
ALTER TABLE products ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE record_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    -- the version the edit produced
    version INTEGER NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    at INTEGER NOT NULL,
    -- [{field, before, after}] as JSON
    changes TEXT NOT NULL
);
CREATE INDEX record_history_record ON record_history(record_kind, record_id, version);

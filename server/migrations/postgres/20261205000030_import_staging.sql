-- An import's rows, written in short batches and then published in one statement each for
-- producers and products: a long list no longer holds the write lock while all of it is
-- written, and the rows of an import killed midway are never seen (swept an hour later).
CREATE TABLE staged_producers (
    import_id TEXT NOT NULL,
    staged_at BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT,
    province_code TEXT NOT NULL,
    address_as_written TEXT NOT NULL,
    phone TEXT,
    website TEXT,
    identity_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX staged_producers_import ON staged_producers(import_id);
CREATE TABLE staged_products (
    import_id TEXT NOT NULL,
    staged_at BIGINT NOT NULL,
    -- the producer's identity_key: its id is known only once published
    producer_key TEXT NOT NULL,
    name TEXT NOT NULL,
    subgroup_code TEXT,
    province_code TEXT NOT NULL,
    commune_code TEXT,
    address_as_written TEXT NOT NULL,
    province_as_written TEXT NOT NULL,
    stars BIGINT NOT NULL,
    score_hundredths BIGINT,
    criteria_set TEXT NOT NULL,
    recognized_year BIGINT NOT NULL,
    decision_number TEXT,
    decision_date TEXT,
    certificate_number TEXT,
    expires_on TEXT,
    description TEXT,
    phone TEXT,
    website TEXT,
    source TEXT NOT NULL,
    identity_key TEXT NOT NULL,
    name_key TEXT NOT NULL,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    stamp_code TEXT NOT NULL
);
CREATE INDEX staged_products_import ON staged_products(import_id);

-- Reference data, producers and products. Dates are ISO text (YYYY-MM-DD) and flags are
-- integers so the same queries run through sqlx's Any driver on SQLite and PostgreSQL.

CREATE TABLE reference_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE criteria_sets (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    part_a_max INTEGER NOT NULL,
    part_b_max INTEGER NOT NULL,
    part_c_max INTEGER NOT NULL,
    note TEXT
);

CREATE TABLE provinces (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    full_name_en TEXT NOT NULL,
    unit_type TEXT NOT NULL,
    search_key TEXT NOT NULL UNIQUE
);

CREATE TABLE communes (
    code TEXT PRIMARY KEY,
    province_code TEXT NOT NULL REFERENCES provinces(code),
    name TEXT NOT NULL,
    full_name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    full_name_en TEXT NOT NULL,
    unit_type TEXT NOT NULL,
    search_key TEXT NOT NULL
);
CREATE INDEX communes_province ON communes(province_code);

-- The 63 provinces before 1 July 2025, each merged into one of the 34.
CREATE TABLE legacy_provinces (
    name TEXT PRIMARY KEY,
    search_key TEXT NOT NULL UNIQUE,
    province_code TEXT NOT NULL REFERENCES provinces(code)
);

CREATE TABLE industries (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE product_groups (
    code TEXT PRIMARY KEY,
    industry_code TEXT NOT NULL REFERENCES industries(code),
    name TEXT NOT NULL,
    position INTEGER NOT NULL
);

-- A subgroup is one score sheet of a criteria set; the full sheet is kept as JSON.
CREATE TABLE score_sheets (
    code TEXT PRIMARY KEY,
    criteria_set TEXT NOT NULL REFERENCES criteria_sets(code),
    group_code TEXT NOT NULL REFERENCES product_groups(code),
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    managing_agency TEXT NOT NULL,
    requires_sample_product INTEGER NOT NULL,
    position INTEGER NOT NULL,
    sheet_json TEXT NOT NULL
);

CREATE TABLE producers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT,
    province_code TEXT NOT NULL REFERENCES provinces(code),
    address_as_written TEXT NOT NULL,
    phone TEXT,
    website TEXT,
    -- folded name + province: how a re-import recognises a producer it already has
    identity_key TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    name TEXT NOT NULL,
    subgroup_code TEXT REFERENCES score_sheets(code),
    province_code TEXT NOT NULL REFERENCES provinces(code),
    commune_code TEXT REFERENCES communes(code),
    address_as_written TEXT NOT NULL,
    province_as_written TEXT NOT NULL,
    stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    score INTEGER CHECK (score BETWEEN 0 AND 100),
    criteria_set TEXT NOT NULL REFERENCES criteria_sets(code),
    recognized_year INTEGER NOT NULL,
    decision_number TEXT,
    decision_date TEXT,
    certificate_number TEXT,
    expires_on TEXT,
    revoked_on TEXT,
    revocation_ground TEXT,
    revocation_decision TEXT,
    description TEXT,
    phone TEXT,
    website TEXT,
    source TEXT NOT NULL,
    -- folded product, producer, province and year: a re-import of the same row is a no-op
    identity_key TEXT NOT NULL UNIQUE,
    -- folded name, and folded name, producer and places, both padded with spaces so that
    -- LIKE '% word%' matches word prefixes whatever the accents
    name_key TEXT NOT NULL,
    search_text TEXT NOT NULL,
    -- unguessable code printed as a QR code on the stamp, for public verification
    stamp_code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX products_province ON products(province_code);
CREATE INDEX products_producer ON products(producer_id);
CREATE INDEX products_stars ON products(stars DESC, name);

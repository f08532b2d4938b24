-- Products a producer registers in the portal and the dossiers filed for them. A portal product
-- joins the public catalog (catalog_product_id) only when a decision certifies it.
CREATE TABLE portal_products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    name TEXT NOT NULL,
    subgroup_code TEXT NOT NULL REFERENCES score_sheets(code),
    description TEXT,
    catalog_product_id INTEGER REFERENCES products(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX portal_products_producer ON portal_products(producer_id);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    portal_product_id INTEGER NOT NULL REFERENCES portal_products(id),
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    -- the producer's self-assessment (Mẫu 02): option chosen per criterion, as JSON
    self_assessment TEXT NOT NULL,
    -- bumped by every save, so a stale form cannot overwrite a newer one
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX dossiers_product ON dossiers(portal_product_id);

-- Every step of a dossier, for the timeline.
CREATE TABLE dossier_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    state TEXT NOT NULL,
    comment TEXT,
    account_id INTEGER REFERENCES accounts(id),
    at INTEGER NOT NULL
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id);

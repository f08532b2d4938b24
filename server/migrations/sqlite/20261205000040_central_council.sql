-- no-transaction
-- The central council's rounds belong to no province: province_code becomes optional (NULL for
-- the ministry's rounds). SQLite cannot drop a NOT NULL, so the table is rebuilt with the same
-- rows and ids, as SQLite's documentation sets out: with foreign keys off (which only works
-- outside a transaction, hence this migration runs without sqlx's), the other tables'
-- references keep naming "evaluation_rounds" and hold the new table once it is renamed; the
-- rebuild itself is one transaction.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE evaluation_rounds_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL: the central council's round (Ministry of Agriculture and Environment)
    province_code TEXT REFERENCES provinces(code),
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    -- no more seats, dossiers or sheets once set
    closed_at INTEGER,
    mode TEXT NOT NULL DEFAULT 'sitting'
);
INSERT INTO evaluation_rounds_rebuilt (id, province_code, name, starts_on, ends_on, created_by, created_at, closed_at, mode)
    SELECT id, province_code, name, starts_on, ends_on, created_by, created_at, closed_at, mode FROM evaluation_rounds;
DROP TABLE evaluation_rounds;
ALTER TABLE evaluation_rounds_rebuilt RENAME TO evaluation_rounds;
CREATE INDEX evaluation_rounds_province ON evaluation_rounds(province_code);
COMMIT;
PRAGMA foreign_keys = ON;

-- Evaluation rounds of a province, who sits in them, and each member's score sheet.

CREATE TABLE evaluation_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    province_code TEXT NOT NULL REFERENCES provinces(code),
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by INTEGER REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    -- no more seats, dossiers or sheets once set
    closed_at INTEGER
);
CREATE INDEX evaluation_rounds_province ON evaluation_rounds(province_code);

CREATE TABLE round_seats (
    round_id INTEGER NOT NULL REFERENCES evaluation_rounds(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    seat TEXT NOT NULL,
    PRIMARY KEY (round_id, account_id)
);
-- One chair a round, said by the database so two officers cannot seat two at once.
CREATE UNIQUE INDEX round_seats_one_chair ON round_seats(round_id) WHERE seat = 'chair';

ALTER TABLE dossiers ADD COLUMN round_id INTEGER REFERENCES evaluation_rounds(id);
-- the council's result (average, band, stars, referral) as JSON, fixed when scoring closes
ALTER TABLE dossiers ADD COLUMN council_result TEXT;

-- A member's sheet for one dossier: saved as they go (version), then submitted; the chair may
-- reopen it for re-scoring.
CREATE TABLE council_sheets (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    choices TEXT NOT NULL,
    notes TEXT NOT NULL,
    version INTEGER NOT NULL,
    submitted_at INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, account_id)
);

-- Staff posts, the commune's review, and notifications to the producer's people.

-- The place a dossier was filed at and when, fixed at submission: the commune's deadline runs
-- from it, and staff reach dossiers by it even if the producer moves later.
ALTER TABLE dossiers ADD COLUMN commune_code TEXT REFERENCES communes(code);
ALTER TABLE dossiers ADD COLUMN submitted_at INTEGER;
-- the commune's review report (Mẫu 03) as JSON, saved as the officer goes
ALTER TABLE dossiers ADD COLUMN commune_review TEXT;
CREATE INDEX dossiers_commune ON dossiers(commune_code, state);

-- One post per staff account: a role at a place. Deactivated accounts keep their post for the
-- record but can no longer act.
CREATE TABLE staff_posts (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    role TEXT NOT NULL,
    province_code TEXT REFERENCES provinces(code),
    commune_code TEXT REFERENCES communes(code),
    granted_by INTEGER REFERENCES accounts(id),
    granted_at INTEGER NOT NULL,
    deactivated_at INTEGER
);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    dossier_id INTEGER REFERENCES dossiers(id),
    message TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX notifications_account ON notifications(account_id, read_at);

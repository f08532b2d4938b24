-- What the province's people record while reviewing a dossier: advisory opinions, site visits,
-- requests for extra laboratory tests.
CREATE TABLE dossier_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id),
    at INTEGER NOT NULL
);
CREATE INDEX dossier_notes_dossier ON dossier_notes(dossier_id);

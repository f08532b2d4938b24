-- Documents attached to dossiers. The bytes live in the file store under storage_key; the name
-- the producer gave the file is kept for display only.
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    document_kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by INTEGER REFERENCES accounts(id),
    uploaded_at INTEGER NOT NULL
);
CREATE INDEX evidence_files_dossier ON evidence_files(dossier_id);

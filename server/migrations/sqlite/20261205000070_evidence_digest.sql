-- The SHA-256 of a document's bytes, so that the same file is not added twice to one dossier.
ALTER TABLE evidence_files ADD COLUMN content_sha256 TEXT;

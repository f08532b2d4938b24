-- A product record an officer deletes (a duplicate, an entry made in error) leaves the catalog,
-- the stamp check and every count, but stays here with who deleted it, when and why, so it can
-- be restored; record_history keeps every deletion and restoration.
ALTER TABLE products ADD COLUMN deleted_at INTEGER;
ALTER TABLE products ADD COLUMN deleted_by INTEGER REFERENCES accounts(id);
ALTER TABLE products ADD COLUMN deletion_reason TEXT;

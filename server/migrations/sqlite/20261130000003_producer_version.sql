-- A producer's record is edited like a product's: saved only from the version the form was
-- read at, each save in record_history (record_kind 'producer').
ALTER TABLE producers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

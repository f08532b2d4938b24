-- The central council's rounds belong to no province: province_code is NULL for the ministry's
-- rounds.
ALTER TABLE evaluation_rounds ALTER COLUMN province_code DROP NOT NULL;

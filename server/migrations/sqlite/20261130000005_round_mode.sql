-- How a round's council decides: 'sitting', or 'written_opinions' (each member sends a written
-- opinion, their sheet, without a sitting; re-ratings only).
ALTER TABLE evaluation_rounds ADD COLUMN mode TEXT NOT NULL DEFAULT 'sitting';

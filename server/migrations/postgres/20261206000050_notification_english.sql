-- A notification's words in English beside the Vietnamese, for a reader of the English pages
-- (empty for those written before).
ALTER TABLE notifications ADD COLUMN message_en TEXT;

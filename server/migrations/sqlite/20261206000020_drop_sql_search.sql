-- Search runs on the index each server holds in memory (server/src/db/catalog/index/), read
-- from the products' own columns: the full-text index, its vocabulary, the triggers keeping
-- them and the search text they were made of are no longer read, and cost every product write.
DROP TRIGGER IF EXISTS products_fts_insert;
DROP TRIGGER IF EXISTS products_fts_delete;
DROP TRIGGER IF EXISTS products_fts_update;
DROP TABLE IF EXISTS search_words;
DROP TABLE IF EXISTS products_fts;
ALTER TABLE products DROP COLUMN search_text;
ALTER TABLE staged_products DROP COLUMN search_text;

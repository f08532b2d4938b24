-- Search runs on the index each server holds in memory (server/src/db/catalog/index/), read
-- from the products' own columns: the trigram index, the table of words, the trigger keeping
-- it and the search text they were made of are no longer read, and cost every product write.
DROP TRIGGER IF EXISTS products_search_words ON products;
DROP FUNCTION IF EXISTS remember_search_words();
DROP TABLE IF EXISTS search_words;
DROP INDEX IF EXISTS products_search_trgm;
ALTER TABLE products DROP COLUMN search_text;
ALTER TABLE staged_products DROP COLUMN search_text;

-- A trigram index over the folded search text, so LIKE '% word%' finds word prefixes without
-- reading every product. pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX products_search_trgm ON products USING gin (search_text gin_trgm_ops);

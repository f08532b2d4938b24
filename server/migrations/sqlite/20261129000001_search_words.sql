-- The distinct words the catalog holds, kept by the full-text index itself: what a query word
-- that matches nothing as typed is compared with, to find the word meant despite one slip.
CREATE VIRTUAL TABLE search_words USING fts5vocab(products_fts, 'row');

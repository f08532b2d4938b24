-- A full-text index over the folded search text, so a search finds word prefixes ("mat*")
-- without reading every product. Triggers keep it in step with the products table.
CREATE VIRTUAL TABLE products_fts USING fts5(search_text, content='products', content_rowid='id', prefix='2 3');
INSERT INTO products_fts(products_fts) VALUES ('rebuild');

CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER products_fts_update AFTER UPDATE OF search_text ON products BEGIN
    INSERT INTO products_fts(products_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO products_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

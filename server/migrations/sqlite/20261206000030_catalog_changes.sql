-- Which products each catalog edition changed, so that a server's search index takes in those
-- products alone instead of reading the whole catalog again. Written by triggers, so that no
-- writer can forget it; a row's edition is set by the commit that bumps the catalog edition
-- (`Database::commit_catalog_change`), NULL until then.
CREATE TABLE catalog_changes (
    product_id INTEGER NOT NULL,
    edition INTEGER
);
CREATE INDEX catalog_changes_edition ON catalog_changes (edition);
-- The log holds every change after this edition (older ones are pruned).
ALTER TABLE catalog_edition ADD COLUMN changes_after INTEGER NOT NULL DEFAULT 0;
UPDATE catalog_edition SET changes_after = edition;

CREATE TRIGGER catalog_changes_product_insert AFTER INSERT ON products BEGIN
    INSERT INTO catalog_changes (product_id) VALUES (NEW.id);
END;
CREATE TRIGGER catalog_changes_product_update AFTER UPDATE ON products BEGIN
    INSERT INTO catalog_changes (product_id) VALUES (NEW.id);
END;
CREATE TRIGGER catalog_changes_product_delete AFTER DELETE ON products BEGIN
    INSERT INTO catalog_changes (product_id) VALUES (OLD.id);
END;
-- A producer's name and kind are on each of its products' cards and in their search words.
CREATE TRIGGER catalog_changes_producer_update AFTER UPDATE OF name, kind ON producers BEGIN
    INSERT INTO catalog_changes (product_id) SELECT id FROM products WHERE producer_id = NEW.id;
END;
-- A product's first photo is on its card.
CREATE TRIGGER catalog_changes_photo_insert AFTER INSERT ON product_photos BEGIN
    INSERT INTO catalog_changes (product_id) VALUES (NEW.product_id);
END;
CREATE TRIGGER catalog_changes_photo_delete AFTER DELETE ON product_photos BEGIN
    INSERT INTO catalog_changes (product_id) VALUES (OLD.product_id);
END;

-- Which products each catalog edition changed, so that a server's search index takes in those
-- products alone instead of reading the whole catalog again. Written by triggers, so that no
-- writer can forget it; a row's edition is set by the commit that bumps the catalog edition
-- (`Database::commit_catalog_change`), NULL until then.
CREATE TABLE catalog_changes (
    product_id BIGINT NOT NULL,
    edition BIGINT
);
CREATE INDEX catalog_changes_edition ON catalog_changes (edition);
-- The log holds every change after this edition (older ones are pruned).
ALTER TABLE catalog_edition ADD COLUMN changes_after BIGINT NOT NULL DEFAULT 0;
UPDATE catalog_edition SET changes_after = edition;

CREATE FUNCTION note_product_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_changes (product_id) VALUES (OLD.id);
    ELSE
        INSERT INTO catalog_changes (product_id) VALUES (NEW.id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_changes_product AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION note_product_change();

-- A producer's name and kind are on each of its products' cards and in their search words.
CREATE FUNCTION note_producer_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO catalog_changes (product_id) SELECT id FROM products WHERE producer_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_changes_producer AFTER UPDATE OF name, kind ON producers
    FOR EACH ROW EXECUTE FUNCTION note_producer_change();

-- A product's first photo is on its card.
CREATE FUNCTION note_photo_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO catalog_changes (product_id) VALUES (OLD.product_id);
    ELSE
        INSERT INTO catalog_changes (product_id) VALUES (NEW.product_id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_changes_photo AFTER INSERT OR DELETE ON product_photos
    FOR EACH ROW EXECUTE FUNCTION note_photo_change();

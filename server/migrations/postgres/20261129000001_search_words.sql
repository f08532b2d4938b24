-- The distinct words the catalog holds: what a query word that matches nothing as typed is
-- compared with, to find the word meant despite one slip. Kept by a trigger on every product
-- write; a word whose last product is gone stays, and merely finds nothing.
CREATE TABLE search_words (term TEXT PRIMARY KEY);

CREATE FUNCTION remember_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_words (term)
    SELECT DISTINCT word FROM unnest(string_to_array(NEW.search_text, ' ')) AS word WHERE word <> ''
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END
$$;

CREATE TRIGGER products_search_words AFTER INSERT OR UPDATE OF search_text ON products
    FOR EACH ROW EXECUTE FUNCTION remember_search_words();

INSERT INTO search_words (term)
SELECT DISTINCT word FROM products, unnest(string_to_array(search_text, ' ')) AS word WHERE word <> ''
ON CONFLICT DO NOTHING;

-- How many times the public catalog has changed: every change bumps it in its own transaction,
-- and every server compares it with the edition its cached catalog pages were counted under.
CREATE TABLE catalog_edition (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    edition BIGINT NOT NULL
);
INSERT INTO catalog_edition (id, edition) VALUES (1, 0);

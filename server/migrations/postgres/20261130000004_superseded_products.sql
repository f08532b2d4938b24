-- When a product is rated again (an upgrade or a re-rating), the new decision's certificate
-- replaces the old one: the old catalog entry points to the new, leaves the listings and
-- counts, and its stamp and page answer with the certificate now in force.
ALTER TABLE products ADD COLUMN superseded_by BIGINT REFERENCES products(id);

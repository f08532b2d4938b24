-- The product code a certificate gives (province-commune-number-year), and which catalog
-- product a dossier's decision made.
ALTER TABLE products ADD COLUMN product_code TEXT;
ALTER TABLE dossiers ADD COLUMN certified_product_id INTEGER REFERENCES products(id);

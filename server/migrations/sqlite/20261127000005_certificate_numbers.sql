-- Numbers the portal issues are unique: two decisions recorded at the same moment cannot take
-- the same certificate number or product code (the second is refused and tried again).
CREATE UNIQUE INDEX products_product_code ON products(product_code);
CREATE UNIQUE INDEX products_portal_certificate_number ON products(certificate_number) WHERE source = 'portal';

-- Where to buy a product: one point of sale a line, as its record keeper typed them.
ALTER TABLE products ADD COLUMN where_to_buy TEXT;

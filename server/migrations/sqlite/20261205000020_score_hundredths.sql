-- A product's score kept to the hundredth (89.67 points is 8967), as the council averages it and
-- provinces publish it; the whole scores recorded before become hundredths (71 is 7100).
ALTER TABLE products ADD COLUMN score_hundredths INTEGER CHECK (score_hundredths BETWEEN 0 AND 10000);
UPDATE products SET score_hundredths = score * 100 WHERE score IS NOT NULL;
ALTER TABLE products DROP COLUMN score;

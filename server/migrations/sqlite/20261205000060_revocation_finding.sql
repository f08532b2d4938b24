-- Art. 8 of Decision 26/2026: a certificate is revoked within 15 days of the finding that
-- grounds it. The finding awaiting its decision: the day it was found and its ground.
ALTER TABLE products ADD COLUMN finding_on TEXT;
ALTER TABLE products ADD COLUMN finding_ground TEXT;

-- Art. 12.3 of Decision 26/2026: a certificate whose holder filed re-rating in time stays in
-- force until the decision, at most 180 days past its last valid day. The last day it is kept,
-- set when the re-rating is filed within its window, cleared when the re-rating is decided.
ALTER TABLE products ADD COLUMN pending_rerating_until TEXT;

-- What a producer files under in the portal, and the people who act for it. Producers that
-- came from provincial lists have none of these until someone claims them.
ALTER TABLE producers ADD COLUMN tax_code TEXT;
ALTER TABLE producers ADD COLUMN legal_representative TEXT;
ALTER TABLE producers ADD COLUMN commune_code TEXT REFERENCES communes(code);
ALTER TABLE producers ADD COLUMN address_line TEXT;
ALTER TABLE producers ADD COLUMN email TEXT;
CREATE UNIQUE INDEX producers_tax_code ON producers(tax_code);

-- Several people may act for one producer; a person acts for one producer.
CREATE TABLE producer_members (
    producer_id BIGINT NOT NULL REFERENCES producers(id),
    account_id BIGINT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (producer_id, account_id)
);

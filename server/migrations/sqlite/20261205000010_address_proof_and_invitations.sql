-- An address is proven once its holder came back through a link sent to it (or set a password
-- through one). Accounts made before this proof existed keep working as they did.
ALTER TABLE accounts ADD COLUMN confirmed_at INTEGER;
UPDATE accounts SET confirmed_at = created_at;

-- One-time links that prove an address, sent at sign-up; only their SHA-256 hashes are kept.
CREATE TABLE address_confirmations (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX address_confirmations_account ON address_confirmations(account_id);

-- Who may remove others from a producer: the person who filed its profile.
ALTER TABLE producer_members ADD COLUMN is_owner INTEGER NOT NULL DEFAULT 0;
UPDATE producer_members SET is_owner = 1
WHERE account_id IN (
    SELECT (SELECT m2.account_id FROM producer_members m2 WHERE m2.producer_id = p.producer_id
            ORDER BY m2.added_at, m2.account_id LIMIT 1)
    FROM (SELECT DISTINCT producer_id FROM producer_members) p
);

-- Acting for a producer is offered, and taken only by the person holding the address asked.
-- Kept by sign-in name, so that asking tells nobody whether an account has that name.
CREATE TABLE producer_invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    sign_in_name TEXT NOT NULL,
    invited_by INTEGER NOT NULL REFERENCES accounts(id),
    invited_at INTEGER NOT NULL,
    UNIQUE (producer_id, sign_in_name)
);
CREATE INDEX producer_invitations_name ON producer_invitations(sign_in_name);

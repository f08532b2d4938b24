-- Sign-in throttling that locks nobody out: failures are counted by the name typed and by the
-- source address, each failure beyond the free ones makes the next attempt wait longer, and a
-- device a person signed in from before (its cookie's hash here) does not wait for failures
-- made elsewhere on their name. The count of a name is forgotten after a quiet quarter hour,
-- so its window now runs from the last failure.

ALTER TABLE sign_in_throttle RENAME COLUMN window_started_at TO last_failure_at;
ALTER TABLE sign_in_throttle RENAME COLUMN locked_until TO waiting_until;

CREATE TABLE sign_in_sources (
    address TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at INTEGER NOT NULL,
    waiting_until INTEGER
);

CREATE TABLE sign_in_devices (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    last_used_at INTEGER NOT NULL
);
CREATE INDEX sign_in_devices_account ON sign_in_devices(account_id);

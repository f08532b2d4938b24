-- Accounts, database sessions (any server instance can serve any request), one-time password
-- reset links and the sign-in throttle. Times are Unix seconds. Tokens are stored only as
-- SHA-256 hashes, so a copy of the database cannot be used to sign in.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- normalised e-mail address or phone number
    sign_in_name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX password_resets_account ON password_resets(account_id);

-- Keyed by the name typed, whether or not an account has it, so a lock reveals nothing.
CREATE TABLE sign_in_throttle (
    sign_in_name TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at INTEGER NOT NULL,
    locked_until INTEGER
);

-- Every seat given or taken back in a round, by whom and when: the record, on the round and on
-- each of its dossiers, of who was to judge them.
CREATE TABLE round_seat_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES evaluation_rounds(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    -- the seat given, or NULL when it was taken back
    seat TEXT,
    changed_by INTEGER NOT NULL REFERENCES accounts(id),
    changed_at INTEGER NOT NULL
);
CREATE INDEX round_seat_changes_round ON round_seat_changes(round_id);

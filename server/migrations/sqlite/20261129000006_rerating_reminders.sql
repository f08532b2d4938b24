-- Re-rating reminders sent, one row each, so that every reminder goes out once whichever
-- server sends it; a new certificate (a new expiry) starts its own.
CREATE TABLE rerating_reminders (
    product_id INTEGER NOT NULL REFERENCES products(id),
    expires_on TEXT NOT NULL,
    reminder TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (product_id, expires_on, reminder)
);

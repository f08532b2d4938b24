-- Lists an officer uploaded to import from the browser, kept between the preview (a dry run)
-- and the import itself. Once imported, the file is dropped and the outcome kept, so the page
-- can show it; a day later the row goes. Only the officer who uploaded one may use it.
CREATE TABLE pending_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    -- the ImportOutcome as JSON, once imported
    outcome TEXT,
    uploaded_at INTEGER NOT NULL
);

-- The officer's reading of an uploaded list's columns and choice of sheets (ImportMapping as
-- JSON), kept with the upload between the mapping step, the dry run and the import.
ALTER TABLE pending_imports ADD COLUMN mapping TEXT;

-- A reading that imported a list, remembered for the next list of the same layout from the
-- same office: its province's code, or '*' for the national office. The layout is the
-- SHA-256 of the header row's folded cells.
CREATE TABLE import_layouts (
    scope TEXT NOT NULL,
    signature TEXT NOT NULL,
    mapping TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (scope, signature)
);

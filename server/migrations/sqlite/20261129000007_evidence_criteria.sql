-- The criteria of the score sheet a document supports, as the producer marked them.
CREATE TABLE evidence_criteria (
    evidence_id INTEGER NOT NULL REFERENCES evidence_files(id),
    criterion_code TEXT NOT NULL,
    PRIMARY KEY (evidence_id, criterion_code)
);

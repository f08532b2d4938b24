-- A small JPEG of each image document, made on the server when it is uploaded.
ALTER TABLE evidence_files ADD COLUMN thumbnail_key TEXT;

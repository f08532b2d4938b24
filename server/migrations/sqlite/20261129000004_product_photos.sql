-- Photos of catalog products, each kept as JPEG files at a few widths (see domain::photo).
CREATE TABLE product_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL REFERENCES products(id),
    -- The size of the largest file kept, for the page's width and height attributes.
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    added_by INTEGER REFERENCES accounts(id),
    added_at INTEGER NOT NULL
);
CREATE INDEX product_photos_product ON product_photos(product_id);
CREATE TABLE product_photo_files (
    photo_id INTEGER NOT NULL REFERENCES product_photos(id) ON DELETE CASCADE,
    width INTEGER NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    PRIMARY KEY (photo_id, width)
);

//! Product photos in the database and the file store: a row per photo, a file per kept width.

use std::collections::HashMap;

use app::domain::{PhotoRefusal, ProductPhoto, MAX_PHOTOS};
use app::ports::{PhotoAdded, PhotoFile, PortError};

use super::{port_error, Database};
use crate::files::FileStore;

/// A photo of a product and one width a file of it is kept at.
#[derive(sqlx::FromRow)]
struct PhotoFileRow {
    product_id: i64,
    id: i64,
    width: i64,
    height: i64,
    file_width: i64,
}

/// The photos of each of `products`, oldest first; products without photos are absent.
pub async fn photos_of(db: &Database, products: &[i64]) -> Result<HashMap<i64, Vec<ProductPhoto>>, PortError> {
    if products.is_empty() {
        return Ok(HashMap::new());
    }
    // Ids are numbers the database gave, so writing them into the statement is safe.
    let ids = products.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    photos_where(db, &format!("ph.product_id IN ({ids})")).await
}

/// The photos of every product, oldest first, for the search index's cards.
pub async fn every_photo(db: &Database) -> Result<HashMap<i64, Vec<ProductPhoto>>, PortError> {
    photos_where(db, "1 = 1").await
}

async fn photos_where(db: &Database, condition: &str) -> Result<HashMap<i64, Vec<ProductPhoto>>, PortError> {
    let rows: Vec<PhotoFileRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT ph.product_id, ph.id, ph.width, ph.height, f.width AS file_width FROM product_photos ph
         JOIN product_photo_files f ON f.photo_id = ph.id
         WHERE {condition} ORDER BY ph.product_id, ph.id, f.width"
    )))
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let size = |pixels: i64| u32::try_from(pixels).unwrap_or_default();
    let mut photos: HashMap<i64, Vec<ProductPhoto>> = HashMap::new();
    for row in rows {
        let list = photos.entry(row.product_id).or_default();
        if list.last().is_none_or(|photo| photo.id != row.id) {
            list.push(ProductPhoto {
                id: row.id,
                widths: Vec::new(),
                width: size(row.width),
                height: size(row.height),
            });
        }
        if let Some(photo) = list.last_mut() {
            photo.widths.push(size(row.file_width));
        }
    }
    Ok(photos)
}

/// Stores the files first, then the rows in one transaction, so a row never points at a
/// missing file; the files of a failed transaction are removed again.
pub async fn add(
    db: &Database,
    files: &FileStore,
    account_id: i64,
    product_id: i64,
    sizes: Vec<PhotoFile>,
) -> Result<PhotoAdded, PortError> {
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM product_photos WHERE product_id = $1")
        .bind(product_id)
        .fetch_one(&db.pool)
        .await
        .map_err(port_error)?;
    if held as usize >= MAX_PHOTOS {
        return Ok(PhotoAdded::Refused(PhotoRefusal::Full));
    }
    let Some(largest) = sizes.iter().max_by_key(|size| size.width) else {
        return Ok(PhotoAdded::Refused(PhotoRefusal::NoFile));
    };
    let (width, height) = (largest.width, largest.height);
    let jpegs: Vec<&[u8]> = sizes.iter().map(|size| size.jpeg.as_slice()).collect();
    let keys = match files.put_all(&jpegs).await {
        Ok(keys) => keys,
        Err(err) if crate::files::is_full(&err) => return Ok(PhotoAdded::Refused(PhotoRefusal::StoreFull)),
        Err(err) => return Err(PortError::Unavailable(format!("file store: {err}"))),
    };
    let written = write_rows(db, account_id, product_id, (width, height), &sizes, &keys).await;
    if written.is_err() {
        files.discard(&keys).await;
    }
    written.map(PhotoAdded::Added)
}

/// The photo's rows, in one transaction with the catalog's edition.
async fn write_rows(
    db: &Database,
    account_id: i64,
    product_id: i64,
    (width, height): (u32, u32),
    sizes: &[PhotoFile],
    keys: &[String],
) -> Result<i64, PortError> {
    let mut tx = db.begin_write().await.map_err(port_error)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO product_photos (product_id, width, height, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(product_id)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(account_id)
    .bind(db.clock.timestamp())
    .fetch_one(&mut *tx)
    .await
    .map_err(port_error)?;
    for (size, key) in sizes.iter().zip(keys) {
        sqlx::query("INSERT INTO product_photo_files (photo_id, width, storage_key) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(i64::from(size.width))
            .bind(key)
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
    }
    db.commit_catalog_change(tx).await.map_err(port_error)?;
    Ok(id)
}

/// Removes the photo's rows, then its files.
pub async fn remove(db: &Database, files: &FileStore, product_id: i64, photo_id: i64) -> Result<bool, PortError> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT f.storage_key FROM product_photo_files f JOIN product_photos ph ON ph.id = f.photo_id
         WHERE ph.id = $1 AND ph.product_id = $2",
    )
    .bind(photo_id)
    .bind(product_id)
    .fetch_all(&db.pool)
    .await
    .map_err(port_error)?;
    let mut tx = db.begin_write().await.map_err(port_error)?;
    sqlx::query("DELETE FROM product_photo_files WHERE photo_id = $1")
        .bind(photo_id)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    let removed = sqlx::query("DELETE FROM product_photos WHERE id = $1 AND product_id = $2")
        .bind(photo_id)
        .bind(product_id)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?
        .rows_affected();
    if removed == 0 {
        return Ok(false);
    }
    db.commit_catalog_change(tx).await.map_err(port_error)?;
    for key in keys {
        // A file that cannot be removed is unreferenced bytes, not a broken page.
        if let Err(err) = files.remove(&key).await {
            tracing::warn!(error = %err, "a removed photo's file stays on disk");
        }
    }
    Ok(true)
}

/// The JPEG of `photo_id` at `width`, if it is kept at that width.
pub async fn file(db: &Database, files: &FileStore, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError> {
    let key: Option<String> =
        // A deleted product's photos leave the site with it (they come back when it is restored).
        sqlx::query_scalar(
            "SELECT f.storage_key FROM product_photo_files f JOIN product_photos ph ON ph.id = f.photo_id
             JOIN products p ON p.id = ph.product_id
             WHERE f.photo_id = $1 AND f.width = $2 AND p.deleted_at IS NULL",
        )
            .bind(photo_id)
            .bind(i64::from(width))
            .fetch_optional(&db.pool)
            .await
            .map_err(port_error)?;
    match key {
        Some(key) => Ok(Some(files.get(&key).await.map_err(|e| PortError::Unavailable(format!("file store: {e}")))?)),
        None => Ok(None),
    }
}

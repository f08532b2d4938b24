//! Writing producers and products in bulk, shared by the CSV import, the demo seed and the
//! synthetic catalog generator. Identity keys make every write idempotent.

use std::collections::HashMap;

use app::domain::{fold, Score};
use sqlx::AnyConnection;

use super::bulk::{insert_rows, Cell};
use super::Database;

#[derive(Debug, Clone, PartialEq)]
pub struct NewProducer {
    pub name: String,
    pub kind: Option<String>,
    pub province_code: String,
    pub address_as_written: String,
    pub phone: Option<String>,
    pub website: Option<String>,
}

impl NewProducer {
    /// The same producer written the same way in the same province is one producer.
    pub fn identity_key(&self) -> String {
        format!("{}|{}", fold(&self.name), self.province_code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewProduct {
    pub producer: NewProducer,
    pub name: String,
    pub subgroup_code: Option<String>,
    pub subgroup_name: Option<String>,
    pub province_code: String,
    pub province_name: String,
    pub commune_code: Option<String>,
    pub address_as_written: String,
    pub province_as_written: String,
    pub stars: u8,
    pub score: Option<Score>,
    pub criteria_set: String,
    pub recognized_year: i32,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub certificate_number: Option<String>,
    /// The certificate's LAST VALID DAY (ISO), an `app::domain::ValidUntil`: in force on it,
    /// expired from the day after. The column `products.expires_on` has held this day since the
    /// first migration (decision date + 36 months, or an imported list's expiry as written).
    pub expires_on: Option<String>,
    pub description: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub source: &'static str,
}

impl NewProduct {
    /// One rating of one product by one producer in one province and year.
    pub fn identity_key(&self) -> String {
        format!("{}|{}|{}|{}", fold(&self.name), fold(&self.producer.name), self.province_code, self.recognized_year)
    }
}

/// The producers of `products`, each once, by identity key.
fn producers_of(products: &[NewProduct]) -> HashMap<String, &NewProducer> {
    let mut producers: HashMap<String, &NewProducer> = HashMap::new();
    for product in products {
        producers.entry(product.producer.identity_key()).or_insert(&product.producer);
    }
    producers
}

const PRODUCER_COLUMNS: &str =
    "name, kind, province_code, address_as_written, phone, website, identity_key, created_at";

fn producer_cells(key: &str, producer: &NewProducer, created_at: &str) -> Vec<Cell> {
    vec![
        producer.name.as_str().into(),
        producer.kind.clone().into(),
        producer.province_code.as_str().into(),
        producer.address_as_written.as_str().into(),
        producer.phone.clone().into(),
        producer.website.clone().into(),
        key.into(),
        created_at.into(),
    ]
}

/// A product's columns after its producer's (an id, or a key while staged).
const PRODUCT_COLUMNS: &str = "name, subgroup_code, province_code, commune_code, address_as_written, \
     province_as_written, stars, score_hundredths, criteria_set, recognized_year, decision_number, decision_date, \
     certificate_number, expires_on, description, phone, website, source, identity_key, name_key, created_at, \
     stamp_code";

fn product_cells(producer: Cell, product: &NewProduct, created_at: &str) -> Vec<Cell> {
    vec![
        producer,
        product.name.as_str().into(),
        product.subgroup_code.clone().into(),
        product.province_code.as_str().into(),
        product.commune_code.clone().into(),
        product.address_as_written.as_str().into(),
        product.province_as_written.as_str().into(),
        i64::from(product.stars).into(),
        product.score.map(|s| i64::from(s.hundredths())).into(),
        product.criteria_set.as_str().into(),
        i64::from(product.recognized_year).into(),
        product.decision_number.clone().into(),
        product.decision_date.clone().into(),
        product.certificate_number.clone().into(),
        product.expires_on.clone().into(),
        product.description.clone().into(),
        product.phone.clone().into(),
        product.website.clone().into(),
        product.source.into(),
        product.identity_key().into(),
        format!(" {} ", fold(&product.name)).into(),
        created_at.into(),
        new_stamp_code().into(),
    ]
}

/// Writes producers then products, skipping any already stored; returns how many products are
/// new. The caller owns the transaction, so a failure leaves nothing half-written.
pub async fn insert_products(
    conn: &mut AnyConnection,
    products: &[NewProduct],
    created_at: &str,
) -> Result<u64, sqlx::Error> {
    let producers = producers_of(products);
    let producer_rows: Vec<Vec<Cell>> =
        producers.iter().map(|(key, producer)| producer_cells(key, producer, created_at)).collect();
    let head = format!("INSERT INTO producers ({PRODUCER_COLUMNS})");
    insert_rows(conn, &head, "ON CONFLICT (identity_key) DO NOTHING", &producer_rows).await?;
    let keys: Vec<&str> = producers.keys().map(String::as_str).collect();
    let producer_ids = producer_ids(conn, &keys).await?;
    let product_rows: Vec<Vec<Cell>> = products
        .iter()
        .map(|product| {
            let producer_id = producer_ids.get(&product.producer.identity_key()).copied().unwrap_or_default();
            product_cells(producer_id.into(), product, created_at)
        })
        .collect();
    let head = format!("INSERT INTO products (producer_id, {PRODUCT_COLUMNS})");
    insert_rows(conn, &head, "ON CONFLICT (identity_key) DO NOTHING", &product_rows).await
}

/// Rows staged in one short write transaction. The write lock is held a few tens of
/// milliseconds at a time, so sign-ins and saves meanwhile wait their turn instead of failing.
const STAGED_AT_ONCE: usize = 5_000;

/// How long a staging import stands back between batches on SQLite, for others to write.
const SQLITE_TURN: std::time::Duration = std::time::Duration::from_millis(100);

/// Staged rows older than this belong to an import that died midway: nobody will publish them.
const STALE_STAGING_SECONDS: i64 = 3600;

/// The same as [`insert_products`] for a long list, without holding the write lock while all of
/// it is written: the rows are staged in short batches, then published in one transaction of
/// two statements, so the list still appears whole or not at all. Returns how many products
/// are new.
pub async fn publish_in_batches(db: &Database, products: &[NewProduct]) -> Result<u64, sqlx::Error> {
    let (import_id, now) = (new_stamp_code(), db.clock.timestamp());
    let created_at = db.clock.now_text();
    // What an import killed midway staged is swept first.
    for table in ["staged_producers", "staged_products"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE staged_at < $1")))
            .bind(now - STALE_STAGING_SECONDS)
            .execute(&db.pool)
            .await?;
    }
    let staged = |cells: Vec<Cell>| [vec![import_id.as_str().into(), now.into()], cells].concat();
    let producers = producers_of(products);
    let producer_rows: Vec<Vec<Cell>> =
        producers.iter().map(|(key, producer)| staged(producer_cells(key, producer, &created_at))).collect();
    // Product rows are made a batch at a time: all at once is a second of CPU with no await.
    let product_batches = products.chunks(STAGED_AT_ONCE).map(|batch| {
        batch
            .iter()
            .map(|product| staged(product_cells(product.producer.identity_key().into(), product, &created_at)))
            .collect::<Vec<_>>()
    });
    let into_producers = format!("INSERT INTO staged_producers (import_id, staged_at, {PRODUCER_COLUMNS})");
    let into_products = format!("INSERT INTO staged_products (import_id, staged_at, producer_key, {PRODUCT_COLUMNS})");
    let batches = producer_rows
        .chunks(STAGED_AT_ONCE)
        .map(|batch| (&into_producers, batch.to_vec()))
        .chain(product_batches.map(|batch| (&into_products, batch)));
    for (head, batch) in batches {
        let mut tx = db.begin_write().await?;
        insert_rows(&mut tx, head, "", &batch).await?;
        tx.commit().await?;
        // SQLite has one writer, and one waiting for the lock looks again every 100 ms at
        // most: a pause that long lets it in rather than seeing the lock taken back at once.
        if db.backend == super::Backend::Sqlite {
            tokio::time::sleep(SQLITE_TURN).await;
        }
    }
    let publishing = std::time::Instant::now();
    let mut tx = db.begin_write().await?;
    // A WHERE before ON CONFLICT: SQLite would otherwise read ON as the join's.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO producers ({PRODUCER_COLUMNS}) SELECT {PRODUCER_COLUMNS} FROM staged_producers
         WHERE import_id = $1 ON CONFLICT (identity_key) DO NOTHING"
    )))
    .bind(&import_id)
    .execute(&mut *tx)
    .await?;
    let staged_columns = PRODUCT_COLUMNS.split(", ").map(|c| format!("s.{}", c.trim())).collect::<Vec<_>>().join(", ");
    let added = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO products (producer_id, {PRODUCT_COLUMNS})
         SELECT pr.id, {staged_columns} FROM staged_products s JOIN producers pr ON pr.identity_key = s.producer_key
         WHERE s.import_id = $1 ON CONFLICT (identity_key) DO NOTHING"
    )))
    .bind(&import_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    for table in ["staged_producers", "staged_products"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE import_id = $1")))
            .bind(&import_id)
            .execute(&mut *tx)
            .await?;
    }
    db.commit_catalog_change(tx).await?;
    tracing::info!(added, took = ?publishing.elapsed(), "staged import published");
    Ok(added)
}

/// Writes one product certified through the portal, for a producer already stored; returns
/// its id. The caller owns the transaction.
pub async fn insert_certified(
    conn: &mut AnyConnection,
    producer_id: i64,
    product: &NewProduct,
    product_code: &str,
    created_at: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO products (producer_id, name, subgroup_code, province_code, commune_code, address_as_written,
             province_as_written, stars, score_hundredths, criteria_set, recognized_year, decision_number, decision_date,
             certificate_number, expires_on, description, phone, website, source, identity_key, name_key,
             created_at, stamp_code, product_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
             $23, $24) RETURNING id",
    )
    .bind(producer_id)
    .bind(&product.name)
    .bind(&product.subgroup_code)
    .bind(&product.province_code)
    .bind(&product.commune_code)
    .bind(&product.address_as_written)
    .bind(&product.province_as_written)
    .bind(i64::from(product.stars))
    .bind(product.score.map(|s| i64::from(s.hundredths())))
    .bind(&product.criteria_set)
    .bind(i64::from(product.recognized_year))
    .bind(&product.decision_number)
    .bind(&product.decision_date)
    .bind(&product.certificate_number)
    .bind(&product.expires_on)
    .bind(&product.description)
    .bind(&product.phone)
    .bind(&product.website)
    .bind(product.source)
    // The certificate number makes each decision's product its own record.
    .bind(format!("{}|{}", product.identity_key(), product.certificate_number.as_deref().unwrap_or_default()))
    .bind(format!(" {} ", fold(&product.name)))
    .bind(created_at)
    .bind(new_stamp_code())
    .bind(product_code)
    .fetch_one(conn)
    .await
}

/// 48 random bits as 12 hex digits: short enough to print under a QR code, and a forger
/// guessing codes hits a real one about once in 2.8 billion tries per 100,000 products.
fn new_stamp_code() -> String {
    format!("{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff)
}

/// How many of `products` `insert_products` would add: those whose identity no stored product
/// has, each once. Read only, so a dry run holds no write lock while others save.
pub async fn count_new(conn: &mut AnyConnection, products: &[NewProduct]) -> Result<u64, sqlx::Error> {
    let keys: std::collections::BTreeSet<String> = products.iter().map(NewProduct::identity_key).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut stored = 0;
    for chunk in keys.chunks(1_000) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT COUNT(*) FROM products WHERE identity_key IN ({})", placeholders.join(", "));
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        for key in chunk {
            query = query.bind(*key);
        }
        stored += query.fetch_one(&mut *conn).await?;
    }
    Ok(keys.len() as u64 - u64::try_from(stored).unwrap_or(0))
}

async fn producer_ids(conn: &mut AnyConnection, keys: &[&str]) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut ids = HashMap::with_capacity(keys.len());
    for chunk in keys.chunks(1_000) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT identity_key, id FROM producers WHERE identity_key IN ({})", placeholders.join(", "));
        let mut query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
        for key in chunk {
            query = query.bind(*key);
        }
        ids.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(ids)
}

//! The demo catalog a newcomer sees on a fresh database: the real sample products (imported as
//! a province would import them) and a few hundred synthetic ones.

use crate::db::Database;
use crate::generate::generate;
use crate::import::{import_csv, ImportOptions, ImportReport};

const SAMPLE_PRODUCTS: &str = include_str!("../data/sample-products.csv");
pub const DEMO_GENERATED_PRODUCTS: usize = 400;
const DEMO_SEED: u64 = 2026;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{0}")]
    Import(#[from] crate::import::ImportError),
    #[error("The demo catalog could not be written ({0}).")]
    Database(#[from] sqlx::Error),
    #[error("The embedded sample products were refused: {0}")]
    Refused(String),
}

/// Seeds only an empty catalog, so restarting never duplicates or overwrites anything.
pub async fn seed_demo(db: &Database) -> Result<Option<(ImportReport, u64)>, SeedError> {
    let products: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products").fetch_one(&db.pool).await?;
    if products > 0 {
        return Ok(None);
    }
    let report = import_csv(db, SAMPLE_PRODUCTS, ImportOptions::default()).await?;
    if !report.written {
        let reasons: Vec<String> = report.rejected.iter().map(|e| e.message(crate::import::Language::En)).collect();
        return Err(SeedError::Refused(reasons.join(" ")));
    }
    let generated = generate(db, DEMO_GENERATED_PRODUCTS, DEMO_SEED).await?;
    Ok(Some((report, generated)))
}

//! The OCOP platform's server: configuration, the database and its reference data, the CSV
//! and XLSX import, the synthetic catalog generator and the HTTP application.

pub mod assets;
pub mod backup;
mod callers;
pub mod config;
pub mod connections;
pub(crate) mod core_slots;
pub mod cross_site;
pub mod db;
pub mod evidence;
pub mod files;
pub mod generate;
pub mod http;
pub mod import;
pub mod import_upload;
pub mod language_switch;
pub mod mail;
pub mod metrics;
pub mod open_data;
pub mod orphans;
pub mod photos;
pub mod plain_text;
pub mod rate_limit;
pub mod reminders;
pub mod seed;
pub mod spreadsheet;
pub mod staff_downloads;
pub mod stamp_qr;

use app::clock::Clock;
use db::{reference, Database};

/// Opens the database, brings the schema up to date and loads the reference data: what every
/// command needs before it starts. Every date and time it writes or compares is read on `clock`.
pub async fn open_database(url: &str, max_connections: u32, clock: Clock) -> Result<Database, String> {
    let db = Database::connect(url, max_connections).await.map_err(|err| err.to_string())?.with_clock(clock);
    db.migrate().await.map_err(|err| err.to_string())?;
    let counts = reference::load(&db).await.map_err(|err| err.to_string())?;
    tracing::info!(
        provinces = counts.provinces,
        communes = counts.communes,
        legacy_provinces = counts.legacy_provinces,
        score_sheets = counts.score_sheets,
        written = counts.written,
        "reference data ready"
    );
    Ok(db)
}

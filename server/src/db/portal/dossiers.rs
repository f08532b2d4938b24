//! A producer's dossiers: the self-assessment, submission, and the stamps of a certified product.
//! Every query is scoped by the producer, so another producer's ids find nothing.

use app::domain::{assess, next_state, Choices, DossierAction, DossierKind, Role, ValidUntil};
use app::model::StampSheet;
use app::ports::{PortError, PortalError, ProducerCaller};
use chrono::NaiveDate;

use super::products::{date, stored_valid_until};
use crate::db::codes::code;
use crate::db::dossier_read::dossier;
use crate::db::{port_error, Database};

pub async fn save_self_assessment(
    db: &Database,
    producer_id: i64,
    dossier_id: i64,
    choices: &Choices,
    version: i64,
) -> Result<i64, PortalError> {
    let Some(current) = dossier(db, producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    if !current.state.is_editable_by_producer() {
        return Err(PortalError::NotEditable(current.state));
    }
    // The engine refuses a criterion or option the sheet does not have.
    assess(&current.sheet, choices).map_err(PortalError::InvalidChoice)?;
    let stored = serde_json::to_string(choices).map_err(|e| PortError::Internal(e.to_string()))?;
    // The version in the WHERE clause makes check-and-write one step: of two saves made from
    // the same version, exactly one lands.
    let updated = sqlx::query(
        "UPDATE dossiers SET self_assessment = $1, version = version + 1, updated_at = $2
         WHERE id = $3 AND version = $4 AND state = $5",
    )
    .bind(stored)
    .bind(db.clock.timestamp())
    .bind(dossier_id)
    .bind(version)
    .bind(code(current.state))
    .execute(&db.pool)
    .await
    .map_err(port_error)?;
    if updated.rows_affected() == 0 {
        return Err(PortalError::Stale);
    }
    Ok(version + 1)
}

/// Sends the dossier to the commune when the self-assessment is complete; the state and the
/// version are checked in the same statement that moves it, so a double click submits once.
pub async fn submit(db: &Database, caller: &ProducerCaller, dossier_id: i64, version: i64) -> Result<(), PortalError> {
    let Some(current) = dossier(db, caller.producer_id, dossier_id).await? else { return Err(PortalError::NotFound) };
    let next = next_state(current.kind, current.state, DossierAction::Submit, Role::Producer)
        .map_err(PortalError::Transition)?;
    if current.version != version {
        return Err(PortalError::Stale);
    }
    let assessment = assess(&current.sheet, &current.choices).map_err(PortalError::InvalidChoice)?;
    if !assessment.unanswered.is_empty() {
        return Err(PortalError::Incomplete(assessment.unanswered));
    }
    let now = db.clock.timestamp();
    let mut tx = db.begin_write().await.map_err(port_error)?;
    // The commune of filing and the receipt date are fixed now: the commune's deadline runs
    // from them, and a resubmission after a return starts it again.
    let moved = sqlx::query(
        "UPDATE dossiers SET state = $1, version = version + 1, updated_at = $2, submitted_at = $2,
             commune_code = (SELECT commune_code FROM producers WHERE id = $6)
         WHERE id = $3 AND version = $4 AND state = $5",
    )
    .bind(code(next))
    .bind(now)
    .bind(dossier_id)
    .bind(version)
    .bind(code(current.state))
    .bind(caller.producer_id)
    .execute(&mut *tx)
    .await
    .map_err(port_error)?;
    if moved.rows_affected() == 0 {
        return Err(PortalError::Stale);
    }
    sqlx::query("INSERT INTO dossier_events (dossier_id, state, account_id, at) VALUES ($1, $2, $3, $4)")
        .bind(dossier_id)
        .bind(code(next))
        .bind(caller.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(port_error)?;
    if current.kind == DossierKind::ReRating && keep_in_force(&mut tx, dossier_id, db.clock.today()).await? {
        return db.commit_catalog_change(tx).await.map_err(|e| port_error(e).into());
    }
    tx.commit().await.map_err(port_error)?;
    Ok(())
}

/// Art. 12.3: a re-rating filed within its window keeps the certificate it renews in force
/// until the decision, at most 180 days past its last valid day. Whether it did.
async fn keep_in_force(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    dossier_id: i64,
    filed_on: NaiveDate,
) -> Result<bool, PortalError> {
    #[derive(sqlx::FromRow)]
    struct Renewed {
        id: i64,
        /// The last valid day.
        expires_on: Option<String>,
    }
    let renewed: Option<Renewed> = sqlx::query_as(
        "SELECT c.id, c.expires_on FROM dossiers d JOIN portal_products pp ON pp.id = d.portal_product_id
         JOIN products c ON c.id = pp.catalog_product_id WHERE d.id = $1",
    )
    .bind(dossier_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(port_error)?;
    let Some(renewed) = renewed else { return Ok(false) };
    let kept =
        renewed.expires_on.as_deref().and_then(ValidUntil::parse).and_then(|u| u.kept_by_rerating_filed_on(filed_on));
    let Some(kept) = kept else { return Ok(false) };
    sqlx::query("UPDATE products SET pending_rerating_until = $1 WHERE id = $2")
        .bind(kept.to_string())
        .bind(renewed.id)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
    Ok(true)
}

/// A certified product as its stamps and printable certificate show it.
#[derive(sqlx::FromRow)]
struct StampSheetRow {
    product_name: String,
    producer_name: String,
    stars: i64,
    certificate_number: Option<String>,
    decision_date: Option<String>,
    /// The last valid day.
    expires_on: Option<String>,
    revoked_on: Option<String>,
    stamp_code: String,
    product_code: Option<String>,
    subgroup_name: Option<String>,
    address_as_written: String,
    province_name: String,
    decision_number: Option<String>,
}

impl StampSheetRow {
    /// The sheet, with the certificate's status on `today`; none without a decision date.
    fn sheet(self, today: NaiveDate) -> Option<StampSheet> {
        let decided = self.decision_date.and_then(date)?;
        let revoked = self.revoked_on.and_then(date);
        let valid_until = stored_valid_until(self.expires_on.as_deref(), decided);
        Some(StampSheet {
            product_name: self.product_name,
            producer_name: self.producer_name,
            stars: u8::try_from(self.stars).unwrap_or_default(),
            certificate_number: self.certificate_number.unwrap_or_default(),
            valid_until,
            stamp_code: self.stamp_code,
            status: valid_until.status_on(revoked, today),
            product_code: self.product_code,
            subgroup_name: self.subgroup_name,
            address_as_written: self.address_as_written,
            province_name: self.province_name,
            decision_number: self.decision_number,
            decision_date: decided.to_string(),
        })
    }
}

/// A product's stamps, if the account acts for its producer or keeps its record.
pub async fn stamp_sheet(db: &Database, account_id: i64, product_id: i64) -> Result<Option<StampSheet>, PortError> {
    let row: Option<StampSheetRow> = sqlx::query_as(
        "SELECT p.name AS product_name, pr.name AS producer_name, p.stars, p.certificate_number, p.decision_date,
                p.expires_on, p.revoked_on, p.stamp_code, p.product_code, s.name AS subgroup_name, p.address_as_written,
                pv.name AS province_name, p.decision_number
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN provinces pv ON pv.code = p.province_code
         LEFT JOIN score_sheets s ON s.code = p.subgroup_code
         WHERE p.id = $1 AND (
             EXISTS (SELECT 1 FROM producer_members m WHERE m.producer_id = p.producer_id AND m.account_id = $2)
             OR EXISTS (SELECT 1 FROM staff_posts s WHERE s.account_id = $2 AND s.deactivated_at IS NULL
                 AND (s.role = $3 OR (s.role = $4 AND s.province_code = p.province_code))))",
    )
    .bind(product_id)
    .bind(account_id)
    .bind(code(Role::NationalOfficer))
    .bind(code(Role::ProvinceOfficer))
    .fetch_optional(&db.pool)
    .await
    .map_err(port_error)?;
    Ok(row.and_then(|row| row.sheet(db.clock.today())))
}

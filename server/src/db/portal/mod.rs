//! The producer portal in the database: producer profiles and who acts for them.

use app::domain::{Choices, DocumentKind, DossierKind};
use app::domain::{Profile, ProfileForm};
use app::model::{DossierDetail, EvidenceItem, Place, PortalProduct, ProducerProfile, StampSheet, SubgroupChoice};
use app::ports::{EvidenceCopy, PortError, Portal, PortalError, ProducerCaller};
use async_trait::async_trait;

use super::{dossier_read, port_error, Database};
use crate::files::FileStore;
use evidence::Upload;

mod dossiers;
mod evidence;
mod products;

pub struct SqlPortal {
    db: Database,
    files: FileStore,
}

impl SqlPortal {
    pub fn new(db: Database, files: FileStore) -> Self {
        SqlPortal { db, files }
    }
}

#[async_trait]
impl Portal for SqlPortal {
    async fn producer_of(&self, account_id: i64) -> Result<Option<ProducerProfile>, PortError> {
        let row: Option<ProfileRow> = sqlx::query_as(
            "SELECT p.id, p.kind, p.name, p.tax_code, p.legal_representative, p.province_code, p.commune_code,
                    p.address_line, p.phone, p.email, p.website
             FROM producer_members m JOIN producers p ON p.id = m.producer_id WHERE m.account_id = $1",
        )
        .bind(account_id)
        .fetch_optional(&self.db.pool)
        .await
        .map_err(port_error)?;
        Ok(row.map(|row| ProducerProfile { id: row.id, form: row.into() }))
    }

    async fn save_profile(&self, account_id: i64, profile: &Profile) -> Result<ProducerProfile, PortalError> {
        let in_province: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM communes WHERE code = $1 AND province_code = $2")
                .bind(&profile.commune_code)
                .bind(&profile.province_code)
                .fetch_one(&self.db.pool)
                .await
                .map_err(port_error)?;
        if in_province == 0 {
            return Err(PortalError::CommuneNotInProvince);
        }
        // Officers review producers' dossiers; they do not file their own.
        if is_staff(&self.db, account_id).await? {
            return Err(PortalError::StaffAccount);
        }
        let place: (String, String) = sqlx::query_as(
            "SELECT c.full_name, p.full_name FROM communes c JOIN provinces p ON p.code = c.province_code WHERE c.code = $1",
        )
        .bind(&profile.commune_code)
        .fetch_one(&self.db.pool)
        .await
        .map_err(port_error)?;
        // The public pages show the address whole, as the import keeps it.
        let address_as_written = format!("{}, {}, {}", profile.address, place.0, place.1);

        let mut tx = self.db.begin_write().await.map_err(port_error)?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT producer_id FROM producer_members WHERE account_id = $1")
                .bind(account_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(port_error)?;
        let written = match existing {
            Some(id) => {
                bind_profile(
                    sqlx::query_scalar(
                        "UPDATE producers SET kind = $1, name = $2, tax_code = $3, legal_representative = $4,
                     province_code = $5, commune_code = $6, address_line = $7, phone = $8, email = $9,
                     website = $10, address_as_written = $11
                 WHERE id = $12 RETURNING id",
                    ),
                    profile,
                    &address_as_written,
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await
            }
            None => bind_profile(
                sqlx::query_scalar(
                    "INSERT INTO producers (kind, name, tax_code, legal_representative, province_code, commune_code,
                     address_line, phone, email, website, address_as_written, identity_key, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                ),
                profile,
                &address_as_written,
            )
            // Portal producers are known by their registration number, not by name.
            .bind(format!("tax:{}", profile.tax_code.as_str()))
            .bind(self.db.clock.now_text())
            .fetch_one(&mut *tx)
            .await,
        };
        let id = match written {
            Ok(id) => id,
            Err(err) if err.as_database_error().is_some_and(|e| e.is_unique_violation()) => {
                return Err(PortalError::TaxCodeTaken)
            }
            Err(err) => return Err(port_error(err).into()),
        };
        if existing.is_none() {
            // Whoever files the profile owns it: they answer for it and may remove others.
            sqlx::query(
                "INSERT INTO producer_members (producer_id, account_id, added_at, is_owner) VALUES ($1, $2, $3, 1)",
            )
            .bind(id)
            .bind(account_id)
            .bind(self.db.clock.timestamp())
            .execute(&mut *tx)
            .await
            .map_err(port_error)?;
        }
        // A certified producer's name shows in the catalog.
        self.db.commit_catalog_change(tx).await.map_err(port_error)?;
        Ok(self.producer_of(account_id).await?.ok_or_else(|| PortError::Internal("saved producer vanished".into()))?)
    }

    async fn provinces(&self) -> Result<Vec<Place>, PortError> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT code, full_name FROM provinces ORDER BY search_key")
            .fetch_all(&self.db.pool)
            .await
            .map_err(port_error)?;
        Ok(rows.into_iter().map(|(code, name)| Place { code, name }).collect())
    }

    async fn communes(&self, province_code: &str) -> Result<Vec<Place>, PortError> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT code, full_name FROM communes WHERE province_code = $1 ORDER BY search_key")
                .bind(province_code)
                .fetch_all(&self.db.pool)
                .await
                .map_err(port_error)?;
        Ok(rows.into_iter().map(|(code, name)| Place { code, name }).collect())
    }

    async fn subgroups(&self) -> Result<Vec<SubgroupChoice>, PortError> {
        products::subgroups(&self.db).await
    }

    async fn products_of(&self, caller: &ProducerCaller) -> Result<Vec<PortalProduct>, PortError> {
        products::products_of(&self.db, caller.producer_id).await
    }

    async fn register_product(
        &self,
        caller: &ProducerCaller,
        name: &str,
        subgroup_code: &str,
        description: Option<&str>,
    ) -> Result<i64, PortalError> {
        products::register_product(&self.db, caller.producer_id, name, subgroup_code, description).await
    }

    async fn open_dossier(
        &self,
        caller: &ProducerCaller,
        product_id: i64,
        kind: DossierKind,
    ) -> Result<i64, PortalError> {
        products::open_dossier(&self.db, caller.account_id, caller.producer_id, product_id, kind).await
    }

    async fn dossier(&self, caller: &ProducerCaller, dossier_id: i64) -> Result<Option<DossierDetail>, PortError> {
        dossier_read::dossier(&self.db, caller.producer_id, dossier_id).await
    }

    async fn save_self_assessment(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        choices: &Choices,
        version: i64,
    ) -> Result<i64, PortalError> {
        dossiers::save_self_assessment(&self.db, caller.producer_id, dossier_id, choices, version).await
    }

    async fn submit_dossier(&self, caller: &ProducerCaller, dossier_id: i64, version: i64) -> Result<(), PortalError> {
        dossiers::submit(&self.db, caller, dossier_id, version).await
    }

    async fn add_evidence(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        kind: DocumentKind,
        file_name: &str,
        bytes: Vec<u8>,
        criteria: &[String],
    ) -> Result<i64, PortalError> {
        evidence::add_evidence(&self.db, &self.files, caller, dossier_id, Upload { kind, file_name, bytes, criteria })
            .await
    }

    async fn stamp_sheet(&self, account_id: i64, product_id: i64) -> Result<Option<StampSheet>, PortError> {
        dossiers::stamp_sheet(&self.db, account_id, product_id).await
    }

    async fn remove_evidence(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        evidence_id: i64,
    ) -> Result<(), PortalError> {
        evidence::remove_evidence(&self.db, &self.files, caller, dossier_id, evidence_id).await
    }

    async fn evidence_file(
        &self,
        caller: &ProducerCaller,
        evidence_id: i64,
        copy: EvidenceCopy,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError> {
        evidence::evidence_file(&self.db, &self.files, caller, evidence_id, copy).await
    }
}

/// Whether the account holds a staff post (active or not): such accounts never act for a producer.
async fn is_staff(db: &Database, account_id: i64) -> Result<bool, PortError> {
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_posts WHERE account_id = $1")
        .bind(account_id)
        .fetch_one(&db.pool)
        .await
        .map_err(port_error)?;
    Ok(posts > 0)
}

/// Binds the profile's fields as $1 to $11, in the order both statements name them.
fn bind_profile<'q>(
    query: sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments>,
    profile: &'q Profile,
    address_as_written: &'q str,
) -> sqlx::query::QueryScalar<'q, sqlx::Any, i64, sqlx::any::AnyArguments> {
    query
        .bind(profile.kind.code())
        .bind(&profile.name)
        .bind(profile.tax_code.as_str())
        .bind(&profile.legal_representative)
        .bind(&profile.province_code)
        .bind(&profile.commune_code)
        .bind(&profile.address)
        .bind(&profile.phone)
        .bind(&profile.email)
        .bind(&profile.website)
        .bind(address_as_written)
}

/// A producer's profile as stored; a field never filled reads as empty text on the form.
#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    kind: Option<String>,
    name: Option<String>,
    tax_code: Option<String>,
    legal_representative: Option<String>,
    province_code: Option<String>,
    commune_code: Option<String>,
    address_line: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
}

impl From<ProfileRow> for ProfileForm {
    fn from(row: ProfileRow) -> Self {
        ProfileForm {
            kind: row.kind.unwrap_or_default(),
            name: row.name.unwrap_or_default(),
            tax_code: row.tax_code.unwrap_or_default(),
            legal_representative: row.legal_representative.unwrap_or_default(),
            province_code: row.province_code.unwrap_or_default(),
            commune_code: row.commune_code.unwrap_or_default(),
            address: row.address_line.unwrap_or_default(),
            phone: row.phone.unwrap_or_default(),
            email: row.email.unwrap_or_default(),
            website: row.website.unwrap_or_default(),
        }
    }
}

//! Records officers keep: catalog products, their certificates and photos, and producers
//! from provincial lists, with their history; with the sentences their refusals are told in.

use async_trait::async_trait;

use super::{PortError, StaffCaller};
use crate::domain::{CertificateRecord, ProducerRecord, ProductRecord, Revocation, RevocationFinding};
use crate::error::AppError;
use crate::language::{Language, Said};
use crate::model::{DeletedRecord, HistoryEntry, ProducerRecordView, ProductRecordView};

/// Why a record could not be read or saved as asked.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// Outside the caller's reach, or missing: the same answer either way.
    #[error("not found within the caller's reach")]
    NotFound,
    /// A field of a record refused by a rule the record's state decides.
    #[error("{}", .0.message)]
    Invalid(crate::domain::FieldError),
    /// A producer that files in the portal keeps its own profile.
    #[error("the producer keeps its own profile")]
    KeptByProducer,
    /// The record is deleted: restored first, then edited.
    #[error("the record is deleted")]
    RecordDeleted,
    /// The certificate is the issuing authority's to revoke: the ministry's for five stars,
    /// the province's for three and four.
    #[error("a {0}-star certificate is another authority's to revoke")]
    NotTheIssuer(u8),
    #[error("the certificate is already revoked")]
    AlreadyRevoked,
    /// Someone saved the record since the form was loaded: these are their edits.
    #[error("the record changed since the form was loaded")]
    StaleRecord(Vec<HistoryEntry>),
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<RecordsError> for AppError {
    fn from(err: RecordsError) -> Self {
        match err {
            RecordsError::NotFound => AppError::NotFound,
            RecordsError::Invalid(err) => AppError::bad_input(err.field, err.message),
            RecordsError::KeptByProducer => AppError::bad_input("name", Said::text("Chủ thể này tự cập nhật hồ sơ trên cổng; hãy đề nghị chủ thể sửa hồ sơ của mình.")),
            RecordsError::RecordDeleted => AppError::bad_input("version", Said::text("Bản ghi này đã bị xoá khỏi danh mục; hãy khôi phục trước khi sửa.")),
            RecordsError::StaleRecord(edits) => {
                // What the others changed, told in each language the error carries.
                let said = |language: Language| {
                    let edits: Vec<String> = edits
                        .iter()
                        .map(|edit| {
                            let changes: Vec<String> = edit.changes.iter().map(|c| c.describe(language)).collect();
                            language.tr_with(
                                "{who} sửa lúc {at}: {changes}",
                                &[
                                    ("who", &edit.by.as_deref().unwrap_or(language.tr("Một người khác"))),
                                    ("at", &crate::model::vietnamese_time(&edit.at)),
                                    ("changes", &changes.join("; ")),
                                ],
                            )
                        })
                        .collect();
                    language.tr_with(
                        "Chưa lưu: bản ghi vừa được sửa sau khi bạn mở. {edits}. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại và lưu lần nữa.",
                        &[("edits", &edits.join(". "))],
                    )
                };
                AppError::bad_input("version", Said::new(said))
            }
            RecordsError::NotTheIssuer(5) => AppError::bad_input("revocation_ground", Said::text("Giấy chứng nhận 5 sao do Bộ Nông nghiệp và Môi trường cấp: chỉ cán bộ OCOP Trung ương thu hồi được.")),
            RecordsError::NotTheIssuer(stars) => AppError::bad_input("revocation_ground", Said::with("Giấy chứng nhận {stars} sao do Ủy ban nhân dân tỉnh cấp: cán bộ OCOP cấp tỉnh thu hồi.", &[("stars", &stars)])),
            RecordsError::AlreadyRevoked => AppError::bad_input("revocation_ground", Said::text("Giấy chứng nhận này đã bị thu hồi.")),
            RecordsError::Port(err) => err.into(),
        }
    }
}

/// Records officers keep: catalog products' public facts, with optimistic concurrency and a
/// full history of edits.
#[async_trait]
pub trait Records: Send + Sync {
    /// A catalog product within the caller's reach (its province; every province for national
    /// officers).
    async fn product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
    ) -> Result<Option<ProductRecordView>, PortError>;
    /// Makes one change to a product within the caller's reach if nobody saved the record since
    /// `version`; otherwise refuses with the edits made since. Each change enters the record's
    /// history. Returns the new version.
    async fn edit_product(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        edit: ProductEdit<'_>,
        version: i64,
    ) -> Result<i64, RecordsError>;
    /// Adds a photo, already checked and kept at each width in `files`, to a product within the
    /// caller's reach that has room for it.
    async fn add_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        files: Vec<PhotoFile>,
    ) -> Result<PhotoAdded, PortError>;
    /// Removes a photo of a product within the caller's reach; `false` if there is none.
    async fn remove_product_photo(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        photo_id: i64,
    ) -> Result<bool, PortError>;
    /// The JPEG of a photo at a kept width (photos are public, like the catalog).
    async fn photo_file(&self, photo_id: i64, width: u32) -> Result<Option<Vec<u8>>, PortError>;
    /// A producer within the caller's reach (its province; every province for national officers).
    async fn producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
    ) -> Result<Option<ProducerRecordView>, PortError>;
    /// Saves a producer's public facts if nobody saved them since `version`, and its products'
    /// search text with them. A producer that files in the portal keeps its own profile.
    async fn save_producer_record(
        &self,
        caller: &StaffCaller,
        producer_id: i64,
        record: &ProducerRecord,
        version: i64,
    ) -> Result<i64, RecordsError>;
    /// The deleted products within the caller's reach, most recently deleted first.
    async fn deleted_product_records(&self, caller: &StaffCaller) -> Result<Vec<DeletedRecord>, PortError>;
}

/// One change an officer makes to a catalog product's record.
#[derive(Debug, Clone, Copy)]
pub enum ProductEdit<'a> {
    /// Its public facts.
    Facts(&'a ProductRecord),
    /// The certificate's facts as corrected from the paper decision.
    Certificate(&'a CertificateRecord),
    /// Records what was found that grounds a revocation, by the authority that would revoke:
    /// the 15 days for the decision run from it (Art. 8).
    Finding(&'a RevocationFinding),
    /// Revokes the certificate, by the authority that issued it: the catalog and the stamp check
    /// say so at once, and the producer's people are told.
    Revoke(&'a Revocation),
    /// Takes the product out of the catalog, the stamp check and every count; the record stays,
    /// with the reason, for restoring.
    Delete { reason: &'a str },
    /// Puts a deleted product back in the catalog as it was.
    Restore,
}

/// A product photo at one width, encoded as JPEG.
#[derive(Debug, Clone)]
pub struct PhotoFile {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// What became of a photo added to a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoAdded {
    Added(i64),
    /// No such product within the caller's reach.
    NotFound,
    /// Refused for a reason the page can state: `MAX_PHOTOS` already, or no room in the store.
    Refused(crate::domain::PhotoRefusal),
}

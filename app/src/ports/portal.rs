//! The producer portal: a producer's profile, products, dossiers and evidence, with the
//! sentences its refusals are told in.

use crate::language::Said;
use async_trait::async_trait;

use super::{EvidenceCopy, PortError};
use crate::domain::{
    Choices, DocumentKind, DossierKind, DossierState, EvidenceRefusal, OpenDossierError, Profile, ScoringError,
    TransitionError,
};
use crate::error::AppError;
use crate::model::{DossierDetail, EvidenceItem, Place, PortalProduct, ProducerProfile, StampSheet, SubgroupChoice};

/// Why the portal refused a step.
#[derive(Debug, thiserror::Error)]
pub enum PortalError {
    #[error("the commune is not in the province")]
    CommuneNotInProvince,
    #[error("another producer has this tax code")]
    TaxCodeTaken,
    #[error("no subgroup has this code")]
    UnknownSubgroup,
    /// No such product or dossier among the caller's own: the same answer as for one that does
    /// not exist, so ids reveal nothing.
    #[error("not found among the producer's own")]
    NotFound,
    #[error("the product already has a dossier in progress")]
    AlreadyOpen,
    #[error(transparent)]
    OpenRefused(OpenDossierError),
    #[error("the dossier changed since the form was loaded")]
    Stale,
    #[error("the dossier is {0:?} and can no longer be changed by the producer")]
    NotEditable(DossierState),
    #[error(transparent)]
    InvalidChoice(ScoringError),
    /// The self-assessment leaves these scored criteria unanswered.
    #[error("unanswered criteria: {0:?}")]
    Incomplete(Vec<String>),
    #[error(transparent)]
    Transition(TransitionError),
    #[error("evidence refused: {0:?}")]
    Evidence(EvidenceRefusal),
    /// Staff accounts review dossiers; they do not file them.
    #[error("the account is a staff account")]
    StaffAccount,
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<PortalError> for AppError {
    fn from(err: PortalError) -> Self {
        match err {
            PortalError::CommuneNotInProvince => super::commune_not_in_province(),
            PortalError::TaxCodeTaken => AppError::bad_input("tax_code", Said::text("Mã số này đã được một chủ thể khác đăng ký. Nếu đó là đơn vị của bạn, hãy đề nghị người đang quản lý hồ sơ thêm bạn vào.")),
            PortalError::UnknownSubgroup => AppError::bad_input("subgroup_code", Said::text("Vui lòng chọn nhóm sản phẩm trong danh sách.")),
            PortalError::NotFound => AppError::NotFound,
            PortalError::AlreadyOpen => AppError::bad_input("kind", Said::text("Sản phẩm này đang có một hồ sơ chưa xử lý xong; hãy tiếp tục hồ sơ đó.")),
            PortalError::OpenRefused(err) => AppError::bad_input("kind", Said::new(|language| err.message(language))),
            PortalError::Stale => AppError::bad_input("version", Said::text("Hồ sơ vừa được lưu từ một nơi khác (thiết bị hoặc người khác). Hãy tải lại trang để xem bản mới nhất; lựa chọn của bạn vẫn được giữ trên máy này.")),
            PortalError::NotEditable(state) => AppError::bad_input(
                "version",
                Said::new(|language| {
                    language.tr_with("Hồ sơ đang ở bước \"{step}\" nên không sửa được nữa.", &[("step", &state.label(language))])
                }),
            ),
            PortalError::InvalidChoice(err) => AppError::bad_input("choices", Said::new(|language| err.message(language))),
            PortalError::Incomplete(codes) => AppError::bad_input(
                "choices",
                Said::new(|language| {
                    language.tr_count(
                        "Chưa nộp được: còn {count} tiêu chí chưa tự đánh giá ({codes}).",
                        codes.len() as u64,
                        &[("count", &codes.len()), ("codes", &codes.join(", "))],
                    )
                }),
            ),
            PortalError::StaffAccount => AppError::bad_input("name", Said::text("Tài khoản cán bộ không khai hồ sơ chủ thể. Hãy dùng một tài khoản riêng để làm hồ sơ sản phẩm.")),
            PortalError::Evidence(refusal) => AppError::bad_input("file", Said::new(|language| refusal.message(language).to_string())),
            PortalError::Transition(err) => AppError::bad_input("version", Said::new(|language| err.message(language))),
            PortalError::Port(err) => err.into(),
        }
    }
}

/// A signed-in person acting for their producer: every dossier query is scoped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProducerCaller {
    pub account_id: i64,
    pub producer_id: i64,
    /// Whether the person proved their address; until then they keep drafts only.
    pub confirmed: bool,
}

/// The producer portal: the producer a person acts for, and the places to choose from.
#[async_trait]
pub trait Portal: Send + Sync {
    /// The producer this account acts for, if it acts for one.
    async fn producer_of(&self, account_id: i64) -> Result<Option<ProducerProfile>, PortError>;
    /// Creates the producer with this account as its first member, or updates the one it acts for.
    async fn save_profile(&self, account_id: i64, profile: &Profile) -> Result<ProducerProfile, PortalError>;
    async fn provinces(&self) -> Result<Vec<Place>, PortError>;
    /// The communes of a province, by name; empty for an unknown province.
    async fn communes(&self, province_code: &str) -> Result<Vec<Place>, PortError>;
    /// The subgroups of the criteria set in force, in classification order.
    async fn subgroups(&self) -> Result<Vec<SubgroupChoice>, PortError>;
    /// The producer's registered products with their dossiers, newest first.
    async fn products_of(&self, caller: &ProducerCaller) -> Result<Vec<PortalProduct>, PortError>;
    async fn register_product(
        &self,
        caller: &ProducerCaller,
        name: &str,
        subgroup_code: &str,
        description: Option<&str>,
    ) -> Result<i64, PortalError>;
    /// Opens a dossier of this kind for one of the producer's products; returns its id.
    async fn open_dossier(
        &self,
        caller: &ProducerCaller,
        product_id: i64,
        kind: DossierKind,
    ) -> Result<i64, PortalError>;
    /// One of the producer's dossiers; `None` for another producer's or a missing one.
    async fn dossier(&self, caller: &ProducerCaller, dossier_id: i64) -> Result<Option<DossierDetail>, PortError>;
    /// Saves the self-assessment if the dossier is still at `version` and editable; returns the
    /// new version.
    async fn save_self_assessment(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        choices: &Choices,
        version: i64,
    ) -> Result<i64, PortalError>;
    /// Sends a complete dossier at `version` to the commune; it is read-only to the producer after.
    async fn submit_dossier(&self, caller: &ProducerCaller, dossier_id: i64, version: i64) -> Result<(), PortalError>;
    /// Attaches a document to one of the caller's editable dossiers, after checking its content
    /// and the size limits; returns its id.
    async fn add_evidence(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        kind: DocumentKind,
        file_name: &str,
        bytes: Vec<u8>,
        criteria: &[String],
    ) -> Result<i64, PortalError>;
    /// Takes a document out of one of the caller's dossiers while the producer may still change
    /// it (a draft, or returned for completion), its file with it.
    async fn remove_evidence(
        &self,
        caller: &ProducerCaller,
        dossier_id: i64,
        evidence_id: i64,
    ) -> Result<(), PortalError>;
    /// The stamps of a catalog product, for the people of its producer and the officers who
    /// keep its record; `None` for anyone else.
    async fn stamp_sheet(&self, account_id: i64, product_id: i64) -> Result<Option<StampSheet>, PortError>;
    /// A document of one of the caller's dossiers, with its bytes; `None` for anyone else's.
    async fn evidence_file(
        &self,
        caller: &ProducerCaller,
        evidence_id: i64,
        copy: EvidenceCopy,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError>;
}

//! Ports: what the application needs from the outside world. The server implements them with
//! sqlx; server functions reach them through `AppState` in the Leptos context. Server functions
//! cannot be generic, so the ports travel as trait objects.

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::{
    CertificateRecord, Choices, CommuneReview, Decision, DecisionError, DocumentKind, DossierAction, DossierKind,
    DossierState, EvidenceRefusal, NewPassword, NoteKind, OpenDossierError, ProducerRecord, ProductRecord, Profile,
    ReviewError, Revocation, RoundError, RoundPlan, ScoringError, Seat, SignInName, StaffPost, StaffPostError,
    TransitionError,
};
use crate::error::AppError;
use crate::model::{
    Account, CatalogFilters, CatalogStatistics, CouncilSheetView, DeletedRecord, DossierDetail, EvidenceItem,
    HistoryEntry, ImportOutcome, InboxRow, Notification, Place, PortalProduct, ProducerDetail, ProducerProfile,
    ProducerRecordView, ProductDetail, ProductPage, ProductRecordView, ProductSummary, Reports, RoundDetail,
    RoundSummary, StaffDossier, StaffMember, StampCheck, StampSheet, SubgroupChoice,
};

/// Why a port could not answer. Kept coarse on purpose: the details go to the server log.
#[derive(Debug, thiserror::Error)]
pub enum PortError {
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<PortError> for AppError {
    fn from(err: PortError) -> Self {
        tracing::error!(error = %err, "port error");
        match err {
            PortError::Unavailable(_) => AppError::Unavailable,
            PortError::Internal(_) => AppError::Internal,
        }
    }
}

/// The public catalog: search, product and producer pages, stamp checks.
#[async_trait]
pub trait Catalog: Send + Sync {
    /// One page of products for these (already validated) filters, with facet counts.
    async fn search(&self, filters: &CatalogFilters) -> Result<ProductPage, PortError>;
    /// Up to `limit` products for these filters in their order, for downloads.
    async fn export(&self, filters: &CatalogFilters, limit: u32) -> Result<Vec<ProductSummary>, PortError>;
    async fn product(&self, id: i64) -> Result<Option<ProductDetail>, PortError>;
    async fn producer(&self, id: i64) -> Result<Option<ProducerDetail>, PortError>;
    /// Counts for the public statistics page.
    async fn statistics(&self) -> Result<CatalogStatistics, PortError>;
    /// The product a stamp code belongs to, if any.
    async fn stamp(&self, code: &str) -> Result<Option<StampCheck>, PortError>;
}

/// Why an account step was refused; the server function turns it into a sentence.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("an account already has this sign-in name")]
    NameTaken,
    /// Unknown name or wrong password: deliberately not told apart.
    #[error("wrong sign-in name or password")]
    WrongCredentials,
    /// Too many failed sign-ins; refused for this many more minutes.
    #[error("locked for {minutes_left} more minutes")]
    Locked { minutes_left: i64 },
    #[error("the password reset link is unknown, used or expired")]
    ResetLinkInvalid,
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<AccountError> for AppError {
    fn from(err: AccountError) -> Self {
        match err {
            AccountError::NameTaken => AppError::bad_input(
                "sign_in_name",
                "Email hoặc số điện thoại này đã có tài khoản. Hãy đăng nhập, hoặc đặt lại mật khẩu nếu quên.",
                "An account already uses this e-mail address or phone number. Sign in, or reset the password.",
            ),
            AccountError::WrongCredentials => {
                AppError::bad_input("password", "Sai tên đăng nhập hoặc mật khẩu.", "Wrong sign-in name or password.")
            }
            AccountError::Locked { minutes_left } => AppError::bad_input(
                "sign_in_name",
                format!(
                    "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes_left} phút, hoặc đặt lại mật khẩu."
                ),
                format!("Too many failed sign-ins. Try again in {minutes_left} minutes, or reset the password."),
            ),
            AccountError::ResetLinkInvalid => AppError::bad_input(
                "token",
                "Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.",
                "The password reset link is wrong, used or expired. Ask for a new one.",
            ),
            AccountError::Port(err) => err.into(),
        }
    }
}

/// A session just opened. The token goes into the cookie and nowhere else: it is not
/// `Serialize`, so it can never be sent as data to the browser.
pub struct SessionStarted {
    pub token: String,
    pub account: Account,
}

/// Accounts and sessions. Password hashing and token generation happen behind this port, on
/// the server; the clock is the adapter's.
#[async_trait]
pub trait Accounts: Send + Sync {
    async fn sign_up(
        &self,
        name: &SignInName,
        display_name: &str,
        password: &NewPassword,
    ) -> Result<SessionStarted, AccountError>;
    async fn sign_in(&self, name: &SignInName, password: &str) -> Result<SessionStarted, AccountError>;
    /// The account behind a session token, if the session is still open.
    async fn session(&self, token: &str) -> Result<Option<Account>, PortError>;
    async fn sign_out(&self, token: &str) -> Result<(), PortError>;
    /// Ends every session of the account, on every device.
    async fn sign_out_everywhere(&self, account_id: i64) -> Result<(), PortError>;
    /// Sends a one-time reset link if an account has this name; says nothing either way.
    async fn start_password_reset(&self, name: &SignInName) -> Result<(), PortError>;
    /// Sets a new password from a reset link, ends every other session and opens a new one.
    async fn reset_password(&self, token: &str, password: &NewPassword) -> Result<SessionStarted, AccountError>;
    /// The account's notifications, newest first; reading them marks them read.
    async fn read_notifications(&self, account_id: i64) -> Result<Vec<Notification>, PortError>;
}

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
    #[error("no account has this sign-in name")]
    NoSuchAccount,
    #[error("the account already acts for a producer")]
    AlreadyMember,
    /// Staff accounts review dossiers; they do not file them.
    #[error("the account is a staff account")]
    StaffAccount,
    /// The person to add holds a staff post.
    #[error("the person to add is a staff account")]
    StaffMember,
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<PortalError> for AppError {
    fn from(err: PortalError) -> Self {
        match err {
            PortalError::CommuneNotInProvince => AppError::bad_input(
                "commune_code",
                "Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn. Vui lòng chọn lại.",
                "The chosen commune is not in the chosen province. Please choose again.",
            ),
            PortalError::TaxCodeTaken => AppError::bad_input(
                "tax_code",
                "Mã số này đã được một chủ thể khác đăng ký. Nếu đó là đơn vị của bạn, hãy đề nghị người đang quản lý hồ sơ thêm bạn vào.",
                "Another producer has registered this code. If it is yours, ask the person who manages it to add you.",
            ),
            PortalError::UnknownSubgroup => AppError::bad_input(
                "subgroup_code",
                "Vui lòng chọn nhóm sản phẩm trong danh sách.",
                "Please choose a product subgroup from the list.",
            ),
            PortalError::NotFound => AppError::NotFound,
            PortalError::AlreadyOpen => AppError::bad_input(
                "kind",
                "Sản phẩm này đang có một hồ sơ chưa xử lý xong; hãy tiếp tục hồ sơ đó.",
                "This product already has a dossier in progress; carry on with that one.",
            ),
            PortalError::OpenRefused(err) => AppError::bad_input("kind", err.message_vi(), err.to_string()),
            PortalError::Stale => AppError::bad_input(
                "version",
                "Hồ sơ vừa được lưu từ một nơi khác (thiết bị hoặc người khác). Hãy tải lại trang để xem bản mới nhất; lựa chọn của bạn vẫn được giữ trên máy này.",
                "The dossier was just saved elsewhere. Reload to see the latest version; your choices are kept on this device.",
            ),
            PortalError::NotEditable(state) => AppError::bad_input(
                "version",
                format!("Hồ sơ đang ở bước \"{}\" nên không sửa được nữa.", state.label_vi()),
                format!("The dossier is at \"{}\" and can no longer be changed.", state.label_en()),
            ),
            PortalError::InvalidChoice(err) => AppError::bad_input("choices", err.message_vi(), err.to_string()),
            PortalError::Incomplete(codes) => AppError::bad_input(
                "choices",
                format!("Chưa nộp được: còn {} tiêu chí chưa tự đánh giá ({}).", codes.len(), codes.join(", ")),
                format!("Not submitted: {} criteria have no answer yet ({}).", codes.len(), codes.join(", ")),
            ),
            PortalError::NoSuchAccount => AppError::bad_input(
                "sign_in_name",
                "Chưa có tài khoản nào dùng email hoặc số điện thoại này. Hãy nhờ người đó tạo tài khoản trước.",
                "No account uses this e-mail address or phone number. Ask the person to sign up first.",
            ),
            PortalError::AlreadyMember => AppError::bad_input(
                "sign_in_name",
                "Người này đã làm hồ sơ cho một chủ thể (có thể chính chủ thể này).",
                "This person already acts for a producer (perhaps this one).",
            ),
            PortalError::StaffAccount => AppError::bad_input(
                "name",
                "Tài khoản cán bộ không khai hồ sơ chủ thể. Hãy dùng một tài khoản riêng để làm hồ sơ sản phẩm.",
                "A staff account cannot file a producer profile. Use a separate account for a producer.",
            ),
            PortalError::StaffMember => AppError::bad_input(
                "sign_in_name",
                "Người này là cán bộ thẩm định nên không làm hồ sơ cho chủ thể được.",
                "This person is a reviewing officer and cannot act for a producer.",
            ),
            PortalError::Evidence(refusal) => AppError::bad_input("file", refusal.message_vi(), refusal.message_en()),
            PortalError::Transition(err) => AppError::bad_input("version", err.message_vi(), err.to_string()),
            PortalError::Port(err) => err.into(),
        }
    }
}

/// A signed-in person acting for their producer: every dossier query is scoped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProducerCaller {
    pub account_id: i64,
    pub producer_id: i64,
}

/// The producer portal: the producer a person acts for, and the places to choose from.
#[async_trait]
pub trait Portal: Send + Sync {
    /// The producer this account acts for, if it acts for one.
    async fn producer_of(&self, account_id: i64) -> Result<Option<ProducerProfile>, PortError>;
    /// Lets another account act for the caller's producer too.
    async fn add_member(&self, caller: &ProducerCaller, name: &SignInName) -> Result<(), PortalError>;
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

/// Why the back office refused a step.
#[derive(Debug, thiserror::Error)]
pub enum BackOfficeError {
    /// Outside the caller's reach, or missing: the same answer either way.
    #[error("not found within the caller's reach")]
    NotFound,
    #[error("the dossier changed since the page was loaded")]
    Stale,
    #[error(transparent)]
    Transition(TransitionError),
    #[error(transparent)]
    Review(ReviewError),
    #[error(transparent)]
    Post(StaffPostError),
    #[error("the commune is not in the province")]
    CommuneNotInProvince,
    /// The account acts for a producer; staff cannot review their own side.
    #[error("the account acts for a producer")]
    ActsForProducer,
    #[error("an administrator cannot deactivate their own account")]
    OwnAccount,
    #[error(transparent)]
    Round(RoundError),
    #[error(transparent)]
    Decision(DecisionError),
    /// A field of a record refused by a rule the record's state decides.
    #[error("{}", .0.message_en)]
    Invalid(crate::domain::FieldError),
    /// A producer that files in the portal keeps its own profile.
    #[error("the producer keeps its own profile")]
    KeptByProducer,
    /// The record is deleted: restored first, then edited.
    #[error("the record is deleted")]
    RecordDeleted,
    /// Someone saved the record since the form was loaded: these are their edits.
    #[error("the record changed since the form was loaded")]
    StaleRecord(Vec<HistoryEntry>),
    /// The score sheet refused a choice.
    #[error(transparent)]
    Scoring(ScoringError),
    /// A sheet is submitted only when every scored criterion has a choice.
    #[error("unanswered criteria: {0:?}")]
    Unanswered(Vec<String>),
    /// Scoring cannot close: the quorum is not met, or members are too far apart.
    #[error("the council's result does not stand yet")]
    ResultDoesNotStand { quorum_met: bool, far_apart: usize },
    #[error(transparent)]
    Port(#[from] PortError),
}

impl From<BackOfficeError> for AppError {
    fn from(err: BackOfficeError) -> Self {
        match err {
            BackOfficeError::NotFound => AppError::NotFound,
            BackOfficeError::Stale => AppError::bad_input(
                "version",
                "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang để xem bản mới nhất trước khi thao tác.",
                "Someone else just updated the dossier. Reload the page to see the latest before acting.",
            ),
            BackOfficeError::Transition(err) => AppError::bad_input("action", err.message_vi(), err.to_string()),
            BackOfficeError::Review(err) => AppError::bad_input(&err.field(), err.message_vi(), err.to_string()),
            BackOfficeError::Post(err) => AppError::bad_input(err.field(), err.message_vi(), err.to_string()),
            BackOfficeError::CommuneNotInProvince => AppError::bad_input(
                "commune_code",
                "Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn. Vui lòng chọn lại.",
                "The chosen commune is not in the chosen province. Please choose again.",
            ),
            BackOfficeError::ActsForProducer => AppError::bad_input(
                "sign_in_name",
                "Tài khoản này đang làm hồ sơ cho một chủ thể OCOP nên không thể là cán bộ thẩm định.",
                "This account acts for an OCOP producer, so it cannot be a reviewing officer.",
            ),
            BackOfficeError::OwnAccount => AppError::bad_input(
                "account_id",
                "Bạn không thể tự khoá tài khoản của mình; hãy nhờ một quản trị viên khác.",
                "You cannot deactivate your own account; ask another administrator.",
            ),
            BackOfficeError::Round(err) => AppError::bad_input(err.field(), err.message_vi(), err.to_string()),
            BackOfficeError::Decision(err) => AppError::bad_input(err.field(), err.message_vi(), err.to_string()),
            BackOfficeError::Invalid(err) => AppError::bad_input(err.field, err.message_vi, err.message_en),
            BackOfficeError::KeptByProducer => AppError::bad_input(
                "name",
                "Chủ thể này tự cập nhật hồ sơ trên cổng; hãy đề nghị chủ thể sửa hồ sơ của mình.",
                "This producer keeps its own profile in the portal; ask them to correct it.",
            ),
            BackOfficeError::RecordDeleted => AppError::bad_input(
                "version",
                "Bản ghi này đã bị xoá khỏi danh mục; hãy khôi phục trước khi sửa.",
                "This record was deleted from the catalog; restore it before editing.",
            ),
            BackOfficeError::StaleRecord(edits) => {
                let said: Vec<String> = edits
                    .iter()
                    .map(|edit| {
                        let changes: Vec<String> = edit
                            .changes
                            .iter()
                            .map(|c| c.describe())
                            .collect();
                        format!("{} sửa lúc {}: {}", edit.by.as_deref().unwrap_or("Một người khác"), edit.at, changes.join("; "))
                    })
                    .collect();
                AppError::bad_input(
                    "version",
                    format!(
                        "Chưa lưu: bản ghi vừa được sửa sau khi bạn mở. {}. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại và lưu lần nữa.",
                        said.join(". ")
                    ),
                    "Not saved: the record was changed after you opened it. What you typed is kept; review and save again.",
                )
            }
            BackOfficeError::Scoring(err) => AppError::bad_input("choices", err.message_vi(), err.to_string()),
            BackOfficeError::Unanswered(codes) => AppError::bad_input(
                "choices",
                format!("Chưa nộp được phiếu: còn {} tiêu chí chưa chấm ({}).", codes.len(), codes.join(", ")),
                format!("Not submitted: {} criteria have no score yet ({}).", codes.len(), codes.join(", ")),
            ),
            BackOfficeError::ResultDoesNotStand { quorum_met: false, .. } => AppError::bad_input(
                "action",
                "Chưa kết thúc được: chưa đủ 75% thành viên (có chủ tịch) nộp phiếu chấm.",
                "Cannot close yet: fewer than 75% of the members (chair included) have submitted.",
            ),
            BackOfficeError::ResultDoesNotStand { far_apart, .. } => AppError::bad_input(
                "action",
                format!("Chưa kết thúc được: {far_apart} cặp phiếu chênh nhau quá 10 điểm; hội đồng cần thảo luận và chấm lại."),
                format!("Cannot close yet: {far_apart} pairs of sheets are more than 10 points apart; the council must discuss and re-score."),
            ),
            BackOfficeError::Port(err) => err.into(),
        }
    }
}

/// Evaluation rounds and the council's score sheets. Rounds belong to a province; only people
/// of that province see them, and only seated members score.
#[async_trait]
pub trait Council: Send + Sync {
    /// The rounds of the caller's province, newest first.
    async fn rounds(&self, caller: &StaffCaller) -> Result<Vec<RoundSummary>, PortError>;
    async fn create_round(&self, caller: &StaffCaller, plan: &RoundPlan) -> Result<i64, BackOfficeError>;
    async fn round(&self, caller: &StaffCaller, round_id: i64) -> Result<Option<RoundDetail>, PortError>;
    /// Seats a council staff member of the province (or frees the seat with `None`).
    async fn seat(
        &self,
        caller: &StaffCaller,
        round_id: i64,
        account_id: i64,
        seat: Option<Seat>,
    ) -> Result<(), BackOfficeError>;
    /// Puts a dossier the province is reviewing into an open round.
    async fn assign(&self, caller: &StaffCaller, round_id: i64, dossier_id: i64) -> Result<(), BackOfficeError>;
    /// The caller's own sheet for a dossier being scored in a round they score in.
    async fn sheet(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<CouncilSheetView>, PortError>;
    /// Saves the caller's sheet if still at `version` and not submitted; returns the new version.
    async fn save_sheet(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        choices: &Choices,
        notes: &std::collections::BTreeMap<String, String>,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
    /// Submits the caller's complete sheet at `version`.
    async fn submit_sheet(&self, caller: &StaffCaller, dossier_id: i64, version: i64) -> Result<(), BackOfficeError>;
    /// Closes a round once none of its dossiers awaits scoring (its chair or the province
    /// officer); no seat, dossier or sheet changes after.
    async fn close_round(&self, caller: &StaffCaller, round_id: i64) -> Result<(), BackOfficeError>;
    /// The chair sends a submitted sheet back to its member for re-scoring.
    async fn reopen_sheet(&self, caller: &StaffCaller, dossier_id: i64, account_id: i64)
        -> Result<(), BackOfficeError>;
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
    /// Saves the product's facts if nobody saved since `version`; otherwise refuses with the
    /// edits made since. Returns the new version.
    async fn save_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        record: &ProductRecord,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
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
    /// Saves the certificate's facts as corrected from the paper decision, if nobody saved the
    /// record since `version`. Returns the new version.
    async fn save_certificate_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        record: &CertificateRecord,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
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
    ) -> Result<i64, BackOfficeError>;
    /// Takes a product out of the catalog, the stamp check and every count, if nobody saved it
    /// since `version`; the record stays, with the reason, for restoring. Returns the new version.
    async fn delete_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        reason: &str,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
    /// Puts a deleted product back in the catalog as it was. Returns the new version.
    async fn restore_product_record(
        &self,
        caller: &StaffCaller,
        product_id: i64,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
    /// The deleted products within the caller's reach, most recently deleted first.
    async fn deleted_product_records(&self, caller: &StaffCaller) -> Result<Vec<DeletedRecord>, PortError>;
}

/// Which bytes of a document: as uploaded, or the small JPEG of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceCopy {
    Original,
    Thumbnail,
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

/// A signed-in person holding an active staff post: every back-office query is scoped by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCaller {
    pub account_id: i64,
    pub post: StaffPost,
}

/// The back office: staff posts, inboxes, the commune's review and the steps of the process.
#[async_trait]
pub trait BackOffice: Send + Sync {
    /// The account's post, if it is an active staff account.
    async fn staff_post(&self, account_id: i64) -> Result<Option<StaffPost>, PortError>;
    /// The dossiers within reach, past the draft stage; only those awaiting the caller's
    /// role unless `all`. Oldest deadline first.
    async fn inbox(&self, caller: &StaffCaller, all: bool) -> Result<Vec<InboxRow>, PortError>;
    /// One dossier within reach; `None` for one outside it or missing.
    async fn dossier(&self, caller: &StaffCaller, dossier_id: i64) -> Result<Option<StaffDossier>, PortError>;
    /// The reports for the caller's reach, looking `expiring_days` ahead for ending certificates.
    async fn reports(&self, caller: &StaffCaller, expiring_days: u32) -> Result<Reports, PortError>;
    /// Saves the commune's review (Mẫu 03) while the commune checks the dossier.
    async fn save_commune_review(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        review: &CommuneReview,
        version: i64,
    ) -> Result<i64, BackOfficeError>;
    /// Takes a step of the process on a dossier at `version`, with the comment kept on the
    /// timeline; tells the producer's people in the app and by mail.
    async fn act(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        action: DossierAction,
        comment: Option<&str>,
        version: i64,
    ) -> Result<DossierState, BackOfficeError>;
    /// Records an advisory opinion, a site visit or a lab-test request on a dossier the province
    /// is reviewing or scoring; a lab-test request is sent to the producer.
    async fn add_note(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        kind: NoteKind,
        body: &str,
    ) -> Result<(), BackOfficeError>;
    /// Records the decision recognising the product: issues the certificate number and the
    /// product code, and puts the product in the public catalog at once.
    async fn certify(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        decision: &Decision,
        version: i64,
    ) -> Result<(), BackOfficeError>;
    /// Revokes the certificate a dossier's decision issued; the catalog and the stamp say so
    /// at once.
    async fn revoke(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        revocation: &Revocation,
    ) -> Result<(), BackOfficeError>;
    /// A document of a dossier within reach, with its bytes.
    async fn evidence_file(
        &self,
        caller: &StaffCaller,
        evidence_id: i64,
        copy: EvidenceCopy,
    ) -> Result<Option<(EvidenceItem, Vec<u8>)>, PortError>;
    /// Every staff account, for the administrator.
    async fn staff(&self) -> Result<Vec<StaffMember>, PortError>;
    /// Gives a post to the account with this name, creating it with a link to set a password
    /// when there is none.
    async fn appoint(
        &self,
        caller: &StaffCaller,
        name: &SignInName,
        display_name: &str,
        post: &StaffPost,
    ) -> Result<(), BackOfficeError>;
    /// Deactivates (ending every session) or reactivates a staff account.
    async fn set_active(&self, caller: &StaffCaller, account_id: i64, active: bool) -> Result<(), BackOfficeError>;
}

/// Lists of certified products imported from the browser: an upload is kept, previewed with a
/// dry run, then imported (within the importer's reach) and forgotten.
#[async_trait]
pub trait Imports: Send + Sync {
    /// Keeps an uploaded list for the caller; returns the token that names it.
    async fn keep_upload(&self, caller: &StaffCaller, file_name: &str, bytes: &[u8]) -> Result<String, PortError>;
    /// What importing the caller's upload would do, with nothing changed; `None` for no such
    /// upload of theirs (another officer's, or one already imported).
    async fn preview(&self, caller: &StaffCaller, token: &str) -> Result<Option<ImportOutcome>, PortError>;
    /// Imports it: refused whole if a row has an error, unless `good_rows_only`. The upload is
    /// forgotten once written.
    async fn import(
        &self,
        caller: &StaffCaller,
        token: &str,
        good_rows_only: bool,
    ) -> Result<Option<ImportOutcome>, PortError>;
}

/// Everything server functions may use, provided to them as context.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<dyn Catalog>,
    pub accounts: Arc<dyn Accounts>,
    pub portal: Arc<dyn Portal>,
    pub back_office: Arc<dyn BackOffice>,
    pub council: Arc<dyn Council>,
    pub records: Arc<dyn Records>,
    pub imports: Arc<dyn Imports>,
    /// Whether cookies get the `Secure` flag (the site is served over HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    /// The state from the Leptos context; missing state is a wiring bug, reported as internal.
    pub fn from_context() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>().ok_or(AppError::Internal)
    }
}

//! Review and council: the steps of a dossier from the commune to the decision, evaluation
//! rounds and their score sheets, staff posts; with the sentences their refusals are told in.

use crate::language::Said;
use async_trait::async_trait;

use super::{EvidenceCopy, PortError, StaffCaller};
use crate::domain::{
    Choices, CommuneReview, Decision, DecisionError, DisqualificationError, DossierAction, DossierState, NoteKind,
    ReviewError, Revocation, RoundError, RoundPlan, ScoringError, Seat, SignInName, StaffPost, StaffPostError,
    TransitionError,
};
use crate::error::AppError;
use crate::model::{
    CouncilSheetView, EvidenceItem, InboxRow, Reports, RoundDetail, RoundSummary, StaffDossier, StaffMember,
};

/// Why the back office or the council refused a step.
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
    #[error(transparent)]
    Disqualification(DisqualificationError),
    /// The score sheet refused a choice.
    #[error(transparent)]
    Scoring(ScoringError),
    /// A sheet is submitted only when every scored criterion has a choice.
    #[error("unanswered criteria: {0:?}")]
    Unanswered(Vec<String>),
    /// A sitting's scoring is closed by its chair, not by the province officer.
    #[error("a sitting is closed by its chair")]
    SittingClosedByChair,
    /// Written opinions more than 10 points apart: the round became a sitting.
    #[error("{0} pairs of written opinions are more than 10 points apart")]
    OpinionsDiverge(usize),
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
            BackOfficeError::Stale => AppError::bad_input("version", Said::text("Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang để xem bản mới nhất trước khi thao tác.")),
            BackOfficeError::Transition(err) => AppError::bad_input("action", Said::new(|language| err.message(language))),
            BackOfficeError::Review(err) => AppError::bad_input(&err.field(), Said::new(|language| err.message(language))),
            BackOfficeError::Disqualification(err) => {
                AppError::bad_input(err.field(), Said::new(|language| err.message(language)))
            }
            BackOfficeError::Post(err) => AppError::bad_input(err.field(), Said::new(|language| err.message(language))),
            BackOfficeError::CommuneNotInProvince => super::commune_not_in_province(),
            BackOfficeError::ActsForProducer => AppError::bad_input("sign_in_name", Said::text("Tài khoản này đang làm hồ sơ cho một chủ thể OCOP nên không thể là cán bộ thẩm định.")),
            BackOfficeError::OwnAccount => AppError::bad_input("account_id", Said::text("Bạn không thể tự khoá tài khoản của mình; hãy nhờ một quản trị viên khác.")),
            BackOfficeError::Round(err) => AppError::bad_input(err.field(), Said::new(|language| err.message(language))),
            BackOfficeError::Decision(err) => AppError::bad_input(err.field(), Said::new(|language| err.message(language).to_string())),
            BackOfficeError::Scoring(err) => AppError::bad_input("choices", Said::new(|language| err.message(language))),
            BackOfficeError::Unanswered(codes) => AppError::bad_input(
                "choices",
                Said::new(|language| {
                    language.tr_count(
                        "Chưa nộp được phiếu: còn {count} tiêu chí chưa chấm ({codes}).",
                        codes.len() as u64,
                        &[("count", &codes.len()), ("codes", &codes.join(", "))],
                    )
                }),
            ),
            BackOfficeError::ResultDoesNotStand { quorum_met: false, .. } => AppError::bad_input("action", Said::text("Chưa kết thúc được: chưa đủ 75% thành viên (có chủ tịch) nộp phiếu chấm.")),
            BackOfficeError::ResultDoesNotStand { far_apart, .. } => AppError::bad_input("action", Said::with("Chưa kết thúc được: {far_apart} cặp phiếu chênh nhau quá 10 điểm; hội đồng cần thảo luận và chấm lại.", &[("far_apart", &far_apart)])),
            BackOfficeError::SittingClosedByChair => AppError::bad_input("action", Said::text("Đợt này Hội đồng họp chấm điểm: chủ tịch Hội đồng kết thúc chấm sau phiên họp.")),
            BackOfficeError::OpinionsDiverge(pairs) => AppError::bad_input("action", Said::with("{pairs} cặp ý kiến bằng văn bản chênh nhau quá 10 điểm, nên theo quy định Hội đồng phải họp: đợt đã chuyển thành họp Hội đồng, chủ tịch kết thúc chấm sau phiên họp.", &[("pairs", &pairs)])),
            BackOfficeError::Port(err) => err.into(),
        }
    }
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
    /// Excludes a dossier under review on one of its score sheet's grounds (`ground`, a
    /// `Disqualifier` code) with what failed (`reason`): it is not scored; the producer is told.
    async fn disqualify(
        &self,
        caller: &StaffCaller,
        dossier_id: i64,
        ground: &str,
        reason: &str,
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

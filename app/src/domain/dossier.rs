//! The dossier's path from draft to certificate, who may move it at each step, and which kind of
//! dossier a product may open.
//!
//! Every move is one row of [`MOVES`](crate::domain::dossier::MOVES); `next_state` and
//! `allowed_actions` both read that table, so the buttons shown and the moves accepted cannot
//! drift apart. The tests check the table against the process written out independently.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::certificate::{CertificateStatus, WindowState};
use super::coded::coded_enum;
use super::scoring::Stars;
use crate::language::Language;

coded_enum! {
    /// Why a dossier is filed.
    pub enum DossierKind {
        /// A product without a certificate in force.
        FirstRating,
        /// A certified product asking for more stars.
        Upgrade,
        /// A certified product renewing its certificate before expiry.
        ReRating,
    }
}

/// Where a dossier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierState {
    /// Being prepared by the producer.
    Draft,
    /// Submitted; the commune checks it.
    CommuneReview,
    /// Sent back to the producer to complete.
    ReturnedForCompletion,
    /// Forwarded; the province checks it.
    ProvinceReview,
    /// The council's members are scoring it.
    CouncilScoring,
    /// Scored; the province decides.
    Decision,
    /// Proposed for five stars; the national officer puts it before the central council.
    NationalReferral,
    /// The central council's members are scoring it.
    NationalScoring,
    /// Scored five stars centrally; the ministry decides.
    NationalDecision,
    /// Scored below five stars centrally (under 90, or capped by a minimum requirement): back
    /// with its province, which may certify three or four stars on the central scores.
    ReturnedFromNational,
    /// Recognized: a certificate is issued (final).
    Certified,
    /// Refused (final).
    NotCertified,
    /// Withdrawn by the producer (final).
    Withdrawn,
    /// Disqualified by the commune or the province on one of its score sheet's grounds, not
    /// scored (final).
    Disqualified,
}

coded_enum! {
    /// Who acts on a dossier.
    pub enum Role {
        /// Chủ thể OCOP: the cooperative, company or household that makes the product.
        Producer,
        /// Receives dossiers in the commune.
        CommuneOfficer,
        /// Runs the province's OCOP programme: reviews dossiers and records the decisions.
        ProvinceOfficer,
        /// Advises the council; takes no step of the process.
        AdvisoryMember,
        /// Scores dossiers; takes no step of the process.
        CouncilMember,
        /// Chairs the council and closes its scoring.
        CouncilChair,
        /// Handles dossiers referred to the national council.
        NationalOfficer,
        /// Manages accounts and reference data; takes no step of the process.
        Administrator,
    }
}

coded_enum! {
    /// What can be done to a dossier.
    pub enum DossierAction {
        /// Send the dossier to the commune.
        Submit,
        /// Send it back to the producer to complete.
        ReturnForCompletion,
        /// Pass it from the commune to the province.
        ForwardToProvince,
        /// Put it before the council.
        SendToCouncil,
        /// End the scoring and move to the decision.
        CloseScoring,
        /// Propose it to the national council for five stars.
        ReferToNational,
        /// Recognize the product.
        Certify,
        /// Refuse recognition.
        Decline,
        /// Take the dossier back.
        Withdraw,
        /// Exclude it on one of its score sheet's grounds, unscored.
        Disqualify,
    }
}

impl DossierKind {
    /// The name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            DossierKind::FirstRating => "Đánh giá, phân hạng lần đầu",
            DossierKind::Upgrade => "Nâng hạng sao",
            DossierKind::ReRating => "Đánh giá, phân hạng lại",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("DossierKind", self.label_vi())
    }
}

impl DossierState {
    /// Every state, in process order.
    pub const ALL: [DossierState; 14] = [
        DossierState::Draft,
        DossierState::CommuneReview,
        DossierState::ReturnedForCompletion,
        DossierState::ProvinceReview,
        DossierState::CouncilScoring,
        DossierState::Decision,
        DossierState::NationalReferral,
        DossierState::NationalScoring,
        DossierState::NationalDecision,
        DossierState::ReturnedFromNational,
        DossierState::Certified,
        DossierState::NotCertified,
        DossierState::Withdrawn,
        DossierState::Disqualified,
    ];

    /// Whether the dossier is closed for good (certified, not certified, withdrawn or
    /// disqualified).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            DossierState::Certified | DossierState::NotCertified | DossierState::Withdrawn | DossierState::Disqualified
        )
    }

    /// Whether a council is scoring the dossier: the province's, or the central one.
    pub fn is_scored(self) -> bool {
        matches!(self, DossierState::CouncilScoring | DossierState::NationalScoring)
    }

    /// Whether the producer may change the dossier's content: once submitted, officers review
    /// exactly what was sent, until they return it for completion.
    pub fn is_editable_by_producer(self) -> bool {
        matches!(self, DossierState::Draft | DossierState::ReturnedForCompletion)
    }

    /// The name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            DossierState::Draft => "Bản nháp",
            DossierState::CommuneReview => "Cấp xã đang xem xét",
            DossierState::ReturnedForCompletion => "Trả lại để bổ sung",
            DossierState::ProvinceReview => "Cấp tỉnh đang xem xét",
            DossierState::CouncilScoring => "Hội đồng đang chấm điểm",
            DossierState::Decision => "Chờ quyết định",
            DossierState::NationalReferral => "Chuyển Hội đồng cấp Trung ương",
            DossierState::NationalScoring => "Hội đồng cấp Trung ương đang chấm điểm",
            DossierState::NationalDecision => "Chờ Bộ quyết định công nhận 5 sao",
            DossierState::ReturnedFromNational => "Trả về tỉnh: chưa đạt 5 sao ở cấp Trung ương",
            DossierState::Certified => "Được công nhận",
            DossierState::NotCertified => "Không được công nhận",
            DossierState::Withdrawn => "Đã rút hồ sơ",
            DossierState::Disqualified => "Hồ sơ bị loại",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("DossierState", self.label_vi())
    }
}

impl Role {
    /// The name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Producer => "Chủ thể OCOP",
            Role::CommuneOfficer => "Cán bộ cấp xã",
            Role::ProvinceOfficer => "Cán bộ OCOP cấp tỉnh",
            Role::AdvisoryMember => "Thành viên tổ tư vấn",
            Role::CouncilMember => "Thành viên hội đồng",
            Role::CouncilChair => "Chủ tịch hội đồng",
            Role::NationalOfficer => "Cán bộ cấp Trung ương",
            Role::Administrator => "Quản trị viên",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("Role", self.label_vi())
    }
}

impl DossierAction {
    /// The name in Vietnamese (a button label).
    pub fn label_vi(self) -> &'static str {
        match self {
            DossierAction::Submit => "Nộp hồ sơ",
            DossierAction::ReturnForCompletion => "Trả lại để bổ sung",
            DossierAction::ForwardToProvince => "Chuyển lên cấp tỉnh",
            DossierAction::SendToCouncil => "Chuyển hội đồng chấm điểm",
            DossierAction::CloseScoring => "Kết thúc chấm điểm",
            DossierAction::ReferToNational => "Chuyển Hội đồng cấp Trung ương",
            DossierAction::Certify => "Công nhận",
            DossierAction::Decline => "Không công nhận",
            DossierAction::Withdraw => "Rút hồ sơ",
            DossierAction::Disqualify => "Loại hồ sơ",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("DossierAction", self.label_vi())
    }

    /// What the step does that cannot be undone, said before it is confirmed.
    pub fn consequence_vi(self) -> &'static str {
        match self {
            DossierAction::Submit => "Hồ sơ được gửi tới UBND cấp xã và chủ thể không sửa được nữa.",
            DossierAction::ReturnForCompletion => {
                "Hồ sơ trở về chủ thể để bổ sung theo lý do trên; chủ thể được thông báo và phải nộp lại."
            }
            DossierAction::ForwardToProvince => {
                "Hồ sơ rời cấp xã, sang cơ quan OCOP cấp tỉnh; cấp xã không còn trả lại được."
            }
            DossierAction::SendToCouncil => "Hồ sơ được giao Hội đồng chấm điểm.",
            DossierAction::CloseScoring => {
                "Các phiếu chấm được khoá và kết quả được tổng hợp; không thành viên nào sửa phiếu được nữa."
            }
            DossierAction::ReferToNational => "Hồ sơ được chuyển Hội đồng cấp Trung ương xét công nhận 5 sao.",
            DossierAction::Certify => "Giấy chứng nhận được cấp và sản phẩm vào danh mục công khai ngay.",
            DossierAction::Decline => "Hồ sơ kết thúc không được công nhận; chủ thể được thông báo.",
            DossierAction::Withdraw => "Hồ sơ được rút và kết thúc; muốn xét lại phải nộp hồ sơ mới.",
            DossierAction::Disqualify => "Hồ sơ bị loại và kết thúc; chủ thể được thông báo lý do.",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn consequence(self, language: Language) -> &'static str {
        language.tr_in("DossierAction", self.consequence_vi())
    }
}

/// One move of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    /// The state the move starts from.
    pub from: DossierState,
    /// The action that makes it.
    pub action: DossierAction,
    /// The only role allowed to make it.
    pub by: Role,
    /// The state it leads to.
    pub to: DossierState,
    /// The move exists only for this kind of dossier (`None`: for every kind).
    pub only_for: Option<DossierKind>,
}

impl Move {
    /// Whether the move exists for dossiers of `kind`.
    pub fn applies_to(&self, kind: DossierKind) -> bool {
        self.only_for.is_none_or(|only| only == kind)
    }
}

/// Every move of the process.
///
/// Roles that never appear: the administrator manages accounts and places, and a step taken by
/// it would be a legal act without a competent author; advisory and ordinary council members
/// score and advise, but only the chair closes the sitting.
pub const MOVES: &[Move] = {
    use DossierAction::*;
    use DossierState::*;
    use Role::*;
    const fn any(from: DossierState, action: DossierAction, by: Role, to: DossierState) -> Move {
        Move { from, action, by, to, only_for: None }
    }
    &[
        any(Draft, Submit, Producer, CommuneReview),
        any(ReturnedForCompletion, Submit, Producer, CommuneReview),
        // The producer may withdraw until the province has taken the dossier up.
        any(Draft, Withdraw, Producer, Withdrawn),
        any(ReturnedForCompletion, Withdraw, Producer, Withdrawn),
        any(CommuneReview, Withdraw, Producer, Withdrawn),
        any(CommuneReview, ReturnForCompletion, CommuneOfficer, ReturnedForCompletion),
        any(CommuneReview, ForwardToProvince, CommuneOfficer, ProvinceReview),
        any(ProvinceReview, ReturnForCompletion, ProvinceOfficer, ReturnedForCompletion),
        any(ProvinceReview, SendToCouncil, ProvinceOfficer, CouncilScoring),
        // A dossier failing one of its sheet's grounds (forged documents, production conditions,
        // registration) is excluded before any scoring, by whoever reviews it then.
        any(CommuneReview, Disqualify, CommuneOfficer, Disqualified),
        any(ProvinceReview, Disqualify, ProvinceOfficer, Disqualified),
        any(CouncilScoring, CloseScoring, CouncilChair, Decision),
        // A re-rating may be decided on the members' written opinions (their sheets) without a
        // sitting: no chair presides, so the province officer closes that scoring, on the same
        // result a sitting's would be (the round must be one of written opinions).
        Move {
            from: CouncilScoring,
            action: CloseScoring,
            by: ProvinceOfficer,
            to: Decision,
            only_for: Some(DossierKind::ReRating),
        },
        any(Decision, ReferToNational, ProvinceOfficer, NationalReferral),
        any(Decision, Certify, ProvinceOfficer, Certified),
        any(Decision, Decline, ProvinceOfficer, NotCertified),
        // The central council scores every referred dossier again: the national officer puts
        // it in a national round, whose chair closes the scoring. Five stars after the caps is
        // the ministry's to certify; anything less goes back to the province (the adapter
        // settles which by `after_central_scoring`), which certifies three or four stars on the
        // central scores, or declines.
        any(NationalReferral, SendToCouncil, NationalOfficer, NationalScoring),
        any(NationalScoring, CloseScoring, CouncilChair, NationalDecision),
        any(NationalDecision, Certify, NationalOfficer, Certified),
        any(NationalDecision, Decline, NationalOfficer, NotCertified),
        any(ReturnedFromNational, Certify, ProvinceOfficer, Certified),
        any(ReturnedFromNational, Decline, ProvinceOfficer, NotCertified),
    ]
};

/// Why a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// Nobody may take this action on a dossier of this kind in this state.
    NotFromState { state: DossierState, action: DossierAction },
    /// The action exists from this state, but another role takes it.
    NotForRole { role: Role, action: DossierAction, state: DossierState },
}

impl TransitionError {
    /// The refusal in `language`, the action, the state and the role named in it too.
    pub fn message(&self, language: Language) -> String {
        match self {
            TransitionError::NotFromState { state, action } => language.tr_with(
                "Không thể thực hiện \"{action}\" với hồ sơ đang ở bước \"{state}\".",
                &[("action", &action.label(language)), ("state", &state.label(language))],
            ),
            TransitionError::NotForRole { role, action, state } => language.tr_with(
                "Vai trò \"{role}\" không được thực hiện \"{action}\" với hồ sơ đang ở bước \"{state}\".",
                &[
                    ("role", &role.label(language)),
                    ("action", &action.label(language)),
                    ("state", &state.label(language)),
                ],
            ),
        }
    }
}

/// In English, for the portal's and the back office's errors that wrap it.
impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for TransitionError {}

/// Where a dossier of `kind` in `state` goes when `role` takes `action`.
pub fn next_state(
    kind: DossierKind,
    state: DossierState,
    action: DossierAction,
    role: Role,
) -> Result<DossierState, TransitionError> {
    let mut possible = MOVES.iter().filter(|m| m.from == state && m.action == action && m.applies_to(kind)).peekable();
    // The state error comes first: telling someone their role is wrong for a move nobody may
    // make would send them looking for a colleague in vain.
    if possible.peek().is_none() {
        return Err(TransitionError::NotFromState { state, action });
    }
    possible.find(|m| m.by == role).map(|m| m.to).ok_or(TransitionError::NotForRole { role, action, state })
}

/// The actions `role` may take on a dossier of `kind` in `state`, in a stable order (for buttons).
pub fn allowed_actions(kind: DossierKind, state: DossierState, role: Role) -> Vec<DossierAction> {
    DossierAction::ALL.into_iter().filter(|&action| next_state(kind, state, action, role).is_ok()).collect()
}

/// Why a dossier of some kind cannot be opened for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenDossierError {
    /// A first rating was asked for a product whose certificate is still in force.
    AlreadyCertified,
    /// An upgrade or re-rating was asked for a product without a certificate in force.
    NotCertified,
    /// An upgrade was asked but the product's current rating is not known.
    RatingUnknown,
    /// An upgrade was asked for a five-star product.
    AlreadyFiveStars,
    /// A re-rating was asked before its window opens.
    WindowNotYetOpen { opens_on: NaiveDate },
    /// A re-rating was asked after its window closed.
    WindowClosed,
    /// A re-rating was asked but the window was not given.
    WindowUnknown,
}

impl OpenDossierError {
    /// The refusal in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            OpenDossierError::AlreadyCertified => language
                .tr("Sản phẩm đang có giấy chứng nhận còn hiệu lực nên chỉ có thể nâng hạng hoặc, khi gần hết hạn, \
                     đánh giá lại.")
                .to_string(),
            OpenDossierError::NotCertified => language
                .tr("Chỉ sản phẩm có giấy chứng nhận còn hiệu lực mới được nâng hạng hoặc đánh giá lại.")
                .to_string(),
            OpenDossierError::RatingUnknown => {
                language.tr("Chưa ghi nhận hạng sao hiện tại của sản phẩm nên chưa thể mở hồ sơ nâng hạng.").to_string()
            }
            OpenDossierError::AlreadyFiveStars => language.tr("Sản phẩm 5 sao không thể nâng hạng.").to_string(),
            // Days are written day/month/year on every page, whatever the language.
            OpenDossierError::WindowNotYetOpen { opens_on } => language.tr_with(
                "Hồ sơ đánh giá lại được nộp từ ngày {opens_on}, tức 180 ngày trước ngày cuối cùng giấy chứng nhận \
                 còn hiệu lực.",
                &[("opens_on", &opens_on.format("%d/%m/%Y"))],
            ),
            OpenDossierError::WindowClosed => language
                .tr("Đã hết thời hạn nộp hồ sơ đánh giá lại (từ 180 đến 120 ngày trước ngày cuối cùng giấy chứng \
                     nhận còn hiệu lực).")
                .to_string(),
            OpenDossierError::WindowUnknown => {
                language.tr("Chưa xác định được thời hạn nộp hồ sơ đánh giá lại của giấy chứng nhận này.").to_string()
            }
        }
    }
}

/// In English, for the portal's errors that wrap it.
impl fmt::Display for OpenDossierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for OpenDossierError {}

/// Whether a dossier of `kind` may be opened for a product with this rating, certificate status
/// and re-rating window (both `None` for a product never certified).
pub fn may_open(
    kind: DossierKind,
    product_stars: Option<Stars>,
    certificate_status: Option<CertificateStatus>,
    window: Option<WindowState>,
) -> Result<(), OpenDossierError> {
    let in_force = certificate_status.is_some_and(CertificateStatus::is_in_force);
    match kind {
        // An expired or revoked certificate leaves the product where a new one starts.
        DossierKind::FirstRating if in_force => Err(OpenDossierError::AlreadyCertified),
        DossierKind::FirstRating => Ok(()),
        DossierKind::Upgrade | DossierKind::ReRating if !in_force => Err(OpenDossierError::NotCertified),
        DossierKind::Upgrade => match product_stars {
            None => Err(OpenDossierError::RatingUnknown),
            Some(Stars::FIVE) => Err(OpenDossierError::AlreadyFiveStars),
            Some(_) => Ok(()),
        },
        DossierKind::ReRating => match window {
            Some(WindowState::Open { .. }) => Ok(()),
            Some(WindowState::NotYetOpen { opens_on }) => Err(OpenDossierError::WindowNotYetOpen { opens_on }),
            Some(WindowState::Closed) => Err(OpenDossierError::WindowClosed),
            None => Err(OpenDossierError::WindowUnknown),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DossierAction::*;
    use DossierKind::*;

    #[test]
    fn kind_codes_are_the_serde_names() {
        for kind in DossierKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(kind.code().into()));
        }
        for role in Role::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), serde_json::Value::String(role.code().into()));
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        for action in DossierAction::ALL {
            assert_eq!(serde_json::to_value(action).unwrap(), serde_json::Value::String(action.code().into()));
            assert_eq!(DossierAction::from_code(action.code()), Some(action));
        }
    }
    use DossierState::*;
    use Role::*;

    /// The process as the programme describes it, written out independently of `MOVES`:
    /// (kinds, from, action, role, to).
    const ALLOWED: &[(&[DossierKind], DossierState, DossierAction, Role, DossierState)] = &[
        (&DossierKind::ALL, Draft, Submit, Producer, CommuneReview),
        (&DossierKind::ALL, ReturnedForCompletion, Submit, Producer, CommuneReview),
        (&DossierKind::ALL, Draft, Withdraw, Producer, Withdrawn),
        (&DossierKind::ALL, ReturnedForCompletion, Withdraw, Producer, Withdrawn),
        (&DossierKind::ALL, CommuneReview, Withdraw, Producer, Withdrawn),
        (&DossierKind::ALL, CommuneReview, ReturnForCompletion, CommuneOfficer, ReturnedForCompletion),
        (&DossierKind::ALL, CommuneReview, ForwardToProvince, CommuneOfficer, ProvinceReview),
        (&DossierKind::ALL, ProvinceReview, ReturnForCompletion, ProvinceOfficer, ReturnedForCompletion),
        (&DossierKind::ALL, ProvinceReview, SendToCouncil, ProvinceOfficer, CouncilScoring),
        (&DossierKind::ALL, CommuneReview, Disqualify, CommuneOfficer, Disqualified),
        (&DossierKind::ALL, ProvinceReview, Disqualify, ProvinceOfficer, Disqualified),
        (&DossierKind::ALL, CouncilScoring, CloseScoring, CouncilChair, Decision),
        (&[ReRating], CouncilScoring, CloseScoring, ProvinceOfficer, Decision),
        (&DossierKind::ALL, Decision, ReferToNational, ProvinceOfficer, NationalReferral),
        (&DossierKind::ALL, Decision, Certify, ProvinceOfficer, Certified),
        (&DossierKind::ALL, Decision, Decline, ProvinceOfficer, NotCertified),
        (&DossierKind::ALL, NationalReferral, SendToCouncil, NationalOfficer, NationalScoring),
        (&DossierKind::ALL, NationalScoring, CloseScoring, CouncilChair, NationalDecision),
        (&DossierKind::ALL, NationalDecision, Certify, NationalOfficer, Certified),
        (&DossierKind::ALL, NationalDecision, Decline, NationalOfficer, NotCertified),
        (&DossierKind::ALL, ReturnedFromNational, Certify, ProvinceOfficer, Certified),
        (&DossierKind::ALL, ReturnedFromNational, Decline, ProvinceOfficer, NotCertified),
    ];

    fn expected_move(
        kind: DossierKind,
        state: DossierState,
        action: DossierAction,
        role: Role,
    ) -> Option<DossierState> {
        ALLOWED
            .iter()
            .find(|(kinds, from, act, by, _)| kinds.contains(&kind) && *from == state && *act == action && *by == role)
            .map(|&(.., to)| to)
    }

    #[test]
    fn every_allowed_move() {
        let mut checked = 0;
        for &(kinds, from, action, role, to) in ALLOWED {
            for &kind in kinds {
                assert_eq!(next_state(kind, from, action, role), Ok(to), "{kind:?} {from:?} {action:?} {role:?}");
                checked += 1;
            }
        }
        // 21 moves for each of the 3 kinds, plus the re-rating's close on written opinions.
        assert_eq!(checked, 64);
    }

    #[test]
    fn refused_moves() {
        /// What a refused move got wrong.
        enum Wrong {
            Role,
            State,
        }
        let cases = [
            // The right move, the wrong role.
            (FirstRating, Draft, Submit, CommuneOfficer, Wrong::Role),
            (FirstRating, Draft, Submit, Administrator, Wrong::Role),
            (FirstRating, Draft, Withdraw, CommuneOfficer, Wrong::Role),
            (FirstRating, CommuneReview, ForwardToProvince, Producer, Wrong::Role),
            (FirstRating, CommuneReview, ForwardToProvince, ProvinceOfficer, Wrong::Role),
            (Upgrade, CommuneReview, ReturnForCompletion, ProvinceOfficer, Wrong::Role),
            (FirstRating, ProvinceReview, ReturnForCompletion, CommuneOfficer, Wrong::Role),
            (FirstRating, ProvinceReview, SendToCouncil, Administrator, Wrong::Role),
            (FirstRating, CouncilScoring, CloseScoring, CouncilMember, Wrong::Role),
            (FirstRating, CouncilScoring, CloseScoring, AdvisoryMember, Wrong::Role),
            (FirstRating, CouncilScoring, CloseScoring, ProvinceOfficer, Wrong::Role),
            (FirstRating, Decision, Certify, CouncilChair, Wrong::Role),
            (FirstRating, Decision, ReferToNational, NationalOfficer, Wrong::Role),
            (FirstRating, NationalReferral, SendToCouncil, ProvinceOfficer, Wrong::Role),
            (FirstRating, NationalScoring, CloseScoring, ProvinceOfficer, Wrong::Role),
            (ReRating, NationalScoring, CloseScoring, NationalOfficer, Wrong::Role),
            (FirstRating, NationalDecision, Certify, ProvinceOfficer, Wrong::Role),
            (Upgrade, NationalDecision, Decline, Administrator, Wrong::Role),
            (FirstRating, ReturnedFromNational, Certify, NationalOfficer, Wrong::Role),
            (ReRating, CouncilScoring, CloseScoring, CouncilMember, Wrong::Role),
            // The wrong state, whoever asks: no scoring closes before the members had the sheets.
            (ReRating, ProvinceReview, CloseScoring, ProvinceOfficer, Wrong::State),
            (FirstRating, ProvinceReview, CloseScoring, ProvinceOfficer, Wrong::State),
            (Upgrade, ProvinceReview, CloseScoring, ProvinceOfficer, Wrong::State),
            (FirstRating, CommuneReview, Submit, Producer, Wrong::State),
            (FirstRating, ProvinceReview, Withdraw, Producer, Wrong::State),
            (ReRating, CouncilScoring, Withdraw, Producer, Wrong::State),
            (FirstRating, Draft, Certify, ProvinceOfficer, Wrong::State),
            (FirstRating, Draft, ForwardToProvince, CommuneOfficer, Wrong::State),
            (FirstRating, ReturnedForCompletion, ForwardToProvince, CommuneOfficer, Wrong::State),
            (FirstRating, CouncilScoring, Certify, ProvinceOfficer, Wrong::State),
            (FirstRating, NationalReferral, ReferToNational, ProvinceOfficer, Wrong::State),
            // The ministry certifies only on the central council's scores.
            (FirstRating, NationalReferral, Certify, NationalOfficer, Wrong::State),
            (FirstRating, NationalScoring, Certify, NationalOfficer, Wrong::State),
            (Upgrade, ReturnedFromNational, ReferToNational, ProvinceOfficer, Wrong::State),
            (FirstRating, Decision, SendToCouncil, ProvinceOfficer, Wrong::State),
            // Final states accept nothing.
            (FirstRating, Certified, Decline, ProvinceOfficer, Wrong::State),
            (Upgrade, NotCertified, Certify, NationalOfficer, Wrong::State),
            (FirstRating, Withdrawn, Submit, Producer, Wrong::State),
            (ReRating, Certified, Withdraw, Producer, Wrong::State),
        ];
        for (kind, state, action, role, wrong) in cases {
            let refused = match wrong {
                Wrong::Role => TransitionError::NotForRole { role, action, state },
                Wrong::State => TransitionError::NotFromState { state, action },
            };
            assert_eq!(next_state(kind, state, action, role), Err(refused), "{kind:?} {state:?} {action:?} {role:?}");
        }
    }

    #[test]
    fn exhaustive_agreement() {
        let mut allowed_count = 0;
        for kind in DossierKind::ALL {
            for state in DossierState::ALL {
                for role in Role::ALL {
                    let allowed = allowed_actions(kind, state, role);
                    if state.is_final() || matches!(role, Administrator | AdvisoryMember | CouncilMember) {
                        assert!(allowed.is_empty(), "{kind:?} {state:?} {role:?} may {allowed:?}");
                    }
                    for action in DossierAction::ALL {
                        let context = format!("{kind:?} {state:?} {action:?} {role:?}");
                        let outcome = next_state(kind, state, action, role);
                        assert_eq!(outcome.is_ok(), allowed.contains(&action), "{context}: allowed_actions disagrees");
                        assert_eq!(outcome.ok(), expected_move(kind, state, action, role), "{context}");
                        let anyone = Role::ALL.iter().any(|&r| expected_move(kind, state, action, r).is_some());
                        match outcome {
                            Ok(to) => {
                                allowed_count += 1;
                                assert_ne!(to, state, "{context}: a move goes somewhere");
                            }
                            Err(TransitionError::NotForRole { .. }) => assert!(anyone, "{context}: nobody may"),
                            Err(TransitionError::NotFromState { .. }) => assert!(!anyone, "{context}: someone may"),
                        }
                    }
                }
            }
        }
        assert_eq!(allowed_count, 64);
        // Every non-final state has a way forward, and every state a producer edits can be left.
        for kind in DossierKind::ALL {
            for state in DossierState::ALL.into_iter().filter(|s| !s.is_final()) {
                assert!(
                    Role::ALL.iter().any(|&r| !allowed_actions(kind, state, r).is_empty()),
                    "{kind:?} {state:?} is stuck"
                );
            }
        }
    }

    #[test]
    fn producer_edits_only_drafts_and_returned_dossiers() {
        const CASES: &[(DossierState, bool, bool)] = &[
            (Draft, true, false),
            (CommuneReview, false, false),
            (ReturnedForCompletion, true, false),
            (ProvinceReview, false, false),
            (CouncilScoring, false, false),
            (Decision, false, false),
            (NationalReferral, false, false),
            (NationalScoring, false, false),
            (NationalDecision, false, false),
            (ReturnedFromNational, false, false),
            (Certified, false, true),
            (NotCertified, false, true),
            (Withdrawn, false, true),
            (Disqualified, false, true),
        ];
        assert_eq!(CASES.len(), DossierState::ALL.len());
        for &(state, editable, is_final) in CASES {
            assert_eq!((state.is_editable_by_producer(), state.is_final()), (editable, is_final), "{state:?}");
        }
    }

    #[test]
    fn labels_and_codes() {
        fn check<T: Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug + Copy>(
            all: &[T],
            label_vi: fn(T) -> &'static str,
            label: fn(T, Language) -> &'static str,
            codes: &[&str],
        ) {
            assert_eq!(all.len(), codes.len());
            for (&value, code) in all.iter().zip(codes) {
                assert_eq!(serde_json::to_string(&value).unwrap(), format!("\"{code}\""));
                assert_eq!(serde_json::from_str::<T>(&format!("\"{code}\"")).unwrap(), value);
                // The English comes from the catalogue: there, and not the Vietnamese again.
                assert!(!label_vi(value).is_empty() && label(value, Language::En) != label_vi(value), "{value:?}");
            }
            let distinct: std::collections::HashSet<_> = all.iter().map(|&v| label_vi(v)).collect();
            assert_eq!(distinct.len(), all.len(), "Vietnamese labels are distinct");
        }
        check(&DossierKind::ALL, DossierKind::label_vi, DossierKind::label, &["first_rating", "upgrade", "re_rating"]);
        check(
            &DossierState::ALL,
            DossierState::label_vi,
            DossierState::label,
            &[
                "draft",
                "commune_review",
                "returned_for_completion",
                "province_review",
                "council_scoring",
                "decision",
                "national_referral",
                "national_scoring",
                "national_decision",
                "returned_from_national",
                "certified",
                "not_certified",
                "withdrawn",
                "disqualified",
            ],
        );
        check(
            &Role::ALL,
            Role::label_vi,
            Role::label,
            &[
                "producer",
                "commune_officer",
                "province_officer",
                "advisory_member",
                "council_member",
                "council_chair",
                "national_officer",
                "administrator",
            ],
        );
        check(
            &DossierAction::ALL,
            DossierAction::label_vi,
            DossierAction::label,
            &[
                "submit",
                "return_for_completion",
                "forward_to_province",
                "send_to_council",
                "close_scoring",
                "refer_to_national",
                "certify",
                "decline",
                "withdraw",
                "disqualify",
            ],
        );
    }

    #[test]
    fn which_dossiers_may_be_opened() {
        use CertificateStatus::{Expired, Expiring, Revoked, Valid};
        let day = |s: &str| s.parse::<NaiveDate>().expect("ISO date");
        let open = Some(WindowState::Open { closes_on: day("2026-02-15") });
        let later = Some(WindowState::NotYetOpen { opens_on: day("2025-12-17") });
        let closed = Some(WindowState::Closed);
        let (three, four, five) = (Some(Stars::THREE), Some(Stars::FOUR), Some(Stars::FIVE));
        type Case =
            (DossierKind, Option<Stars>, Option<CertificateStatus>, Option<WindowState>, Result<(), OpenDossierError>);
        let cases: Vec<Case> = vec![
            // First rating: never certified, or the certificate no longer in force.
            (FirstRating, None, None, None, Ok(())),
            (FirstRating, four, Some(Expired), closed, Ok(())),
            (FirstRating, four, Some(Revoked), None, Ok(())),
            (FirstRating, four, Some(Valid), later, Err(OpenDossierError::AlreadyCertified)),
            (FirstRating, three, Some(Expiring), open, Err(OpenDossierError::AlreadyCertified)),
            // Upgrade: certified (valid or expiring) and below five stars.
            (Upgrade, three, Some(Valid), later, Ok(())),
            (Upgrade, four, Some(Expiring), open, Ok(())),
            (Upgrade, five, Some(Valid), later, Err(OpenDossierError::AlreadyFiveStars)),
            (Upgrade, None, Some(Valid), later, Err(OpenDossierError::RatingUnknown)),
            (Upgrade, four, Some(Revoked), None, Err(OpenDossierError::NotCertified)),
            (Upgrade, four, Some(Expired), None, Err(OpenDossierError::NotCertified)),
            (Upgrade, None, None, None, Err(OpenDossierError::NotCertified)),
            // Re-rating: only while the window is open.
            (ReRating, four, Some(Expiring), open, Ok(())),
            (ReRating, five, Some(Expiring), open, Ok(())),
            (
                ReRating,
                four,
                Some(Valid),
                later,
                Err(OpenDossierError::WindowNotYetOpen { opens_on: day("2025-12-17") }),
            ),
            (ReRating, four, Some(Expiring), closed, Err(OpenDossierError::WindowClosed)),
            (ReRating, four, Some(Expiring), None, Err(OpenDossierError::WindowUnknown)),
            (ReRating, four, Some(Expired), closed, Err(OpenDossierError::NotCertified)),
            (ReRating, four, Some(Revoked), open, Err(OpenDossierError::NotCertified)),
            (ReRating, None, None, None, Err(OpenDossierError::NotCertified)),
        ];
        for (kind, stars, certificate, window, expected) in cases {
            assert_eq!(
                may_open(kind, stars, certificate, window),
                expected,
                "{kind:?} {stars:?} {certificate:?} {window:?}"
            );
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let err = next_state(FirstRating, Draft, Certify, ProvinceOfficer).unwrap_err();
        assert_eq!(
            err.message(Language::En),
            "The action \"Certify\" is not possible on a dossier in the state \"Draft\"."
        );
        assert_eq!(err.to_string(), err.message(Language::En));
        assert_eq!(err.message(Language::Vi), "Không thể thực hiện \"Công nhận\" với hồ sơ đang ở bước \"Bản nháp\".");
        let err = next_state(FirstRating, CouncilScoring, CloseScoring, CouncilMember).unwrap_err();
        assert_eq!(
            err.message(Language::En),
            "The role \"Council member\" may not take the action \"Close scoring\" on a dossier in the state \"Council scoring\"."
        );
        let err = OpenDossierError::WindowNotYetOpen { opens_on: "2025-12-17".parse().unwrap() };
        assert_eq!(
            err.message(Language::En),
            "A re-rating can be filed from 17/12/2025, 180 days before the certificate's last valid day."
        );
        assert!(err.message(Language::Vi).contains("17/12/2025"), "{}", err.message(Language::Vi));
        use OpenDossierError::*;
        for err in [AlreadyCertified, NotCertified, RatingUnknown, AlreadyFiveStars, WindowClosed, WindowUnknown] {
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && english != vietnamese, "{err:?}: {english}");
        }
    }
}

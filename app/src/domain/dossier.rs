//! The dossier's path from draft to certificate, and who may move it at each step.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::certificate::{CertificateStatus, WindowState};
use super::scoring::Stars;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierKind {
    FirstRating,
    Upgrade,
    ReRating,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierState {
    Draft,
    CommuneReview,
    ReturnedForCompletion,
    ProvinceReview,
    CouncilScoring,
    Decision,
    NationalReferral,
    Certified,
    NotCertified,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Producer,
    CommuneOfficer,
    ProvinceOfficer,
    AdvisoryMember,
    CouncilMember,
    CouncilChair,
    NationalOfficer,
    Administrator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierAction {
    Submit,
    ReturnForCompletion,
    ForwardToProvince,
    SendToCouncil,
    CloseScoring,
    ReferToNational,
    Certify,
    Decline,
    Withdraw,
}

impl DossierKind {
    pub const ALL: [DossierKind; 3] = [DossierKind::FirstRating, DossierKind::Upgrade, DossierKind::ReRating];

    pub fn label_vi(self) -> &'static str {
        match self {
            DossierKind::FirstRating => "Đánh giá lần đầu",
            DossierKind::Upgrade => "Nâng hạng",
            DossierKind::ReRating => "Phân hạng lại",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DossierKind::FirstRating => "First rating",
            DossierKind::Upgrade => "Upgrade",
            DossierKind::ReRating => "Re-rating",
        }
    }
}

impl DossierState {
    pub const ALL: [DossierState; 10] = [
        DossierState::Draft,
        DossierState::CommuneReview,
        DossierState::ReturnedForCompletion,
        DossierState::ProvinceReview,
        DossierState::CouncilScoring,
        DossierState::Decision,
        DossierState::NationalReferral,
        DossierState::Certified,
        DossierState::NotCertified,
        DossierState::Withdrawn,
    ];

    pub fn is_final(self) -> bool {
        matches!(self, DossierState::Certified | DossierState::NotCertified | DossierState::Withdrawn)
    }

    /// Only a draft or a dossier returned for completion can be changed by the producer.
    pub fn is_editable_by_producer(self) -> bool {
        matches!(self, DossierState::Draft | DossierState::ReturnedForCompletion)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            DossierState::Draft => "Bản nháp",
            DossierState::CommuneReview => "Xã đang xem xét",
            DossierState::ReturnedForCompletion => "Trả lại để bổ sung",
            DossierState::ProvinceReview => "Tỉnh đang xem xét",
            DossierState::CouncilScoring => "Hội đồng đang chấm điểm",
            DossierState::Decision => "Chờ quyết định",
            DossierState::NationalReferral => "Chuyển Hội đồng Trung ương",
            DossierState::Certified => "Được công nhận",
            DossierState::NotCertified => "Không được công nhận",
            DossierState::Withdrawn => "Đã rút hồ sơ",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DossierState::Draft => "Draft",
            DossierState::CommuneReview => "Commune review",
            DossierState::ReturnedForCompletion => "Returned for completion",
            DossierState::ProvinceReview => "Province review",
            DossierState::CouncilScoring => "Council scoring",
            DossierState::Decision => "Awaiting decision",
            DossierState::NationalReferral => "Referred to the national council",
            DossierState::Certified => "Certified",
            DossierState::NotCertified => "Not certified",
            DossierState::Withdrawn => "Withdrawn",
        }
    }
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Producer,
        Role::CommuneOfficer,
        Role::ProvinceOfficer,
        Role::AdvisoryMember,
        Role::CouncilMember,
        Role::CouncilChair,
        Role::NationalOfficer,
        Role::Administrator,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Producer => "Chủ thể OCOP",
            Role::CommuneOfficer => "Cán bộ xã",
            Role::ProvinceOfficer => "Cán bộ OCOP tỉnh",
            Role::AdvisoryMember => "Thành viên tổ tư vấn",
            Role::CouncilMember => "Thành viên hội đồng",
            Role::CouncilChair => "Chủ tịch hội đồng",
            Role::NationalOfficer => "Cán bộ trung ương",
            Role::Administrator => "Quản trị viên",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Producer => "Producer",
            Role::CommuneOfficer => "Commune officer",
            Role::ProvinceOfficer => "Province OCOP officer",
            Role::AdvisoryMember => "Advisory team member",
            Role::CouncilMember => "Council member",
            Role::CouncilChair => "Council chair",
            Role::NationalOfficer => "National officer",
            Role::Administrator => "Administrator",
        }
    }
}

impl DossierAction {
    pub const ALL: [DossierAction; 9] = [
        DossierAction::Submit,
        DossierAction::ReturnForCompletion,
        DossierAction::ForwardToProvince,
        DossierAction::SendToCouncil,
        DossierAction::CloseScoring,
        DossierAction::ReferToNational,
        DossierAction::Certify,
        DossierAction::Decline,
        DossierAction::Withdraw,
    ];

    pub fn label_vi(self) -> &'static str {
        match self {
            DossierAction::Submit => "Nộp hồ sơ",
            DossierAction::ReturnForCompletion => "Trả lại để bổ sung",
            DossierAction::ForwardToProvince => "Chuyển lên tỉnh",
            DossierAction::SendToCouncil => "Chuyển hội đồng chấm",
            DossierAction::CloseScoring => "Kết thúc chấm điểm",
            DossierAction::ReferToNational => "Chuyển Hội đồng Trung ương",
            DossierAction::Certify => "Công nhận",
            DossierAction::Decline => "Không công nhận",
            DossierAction::Withdraw => "Rút hồ sơ",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DossierAction::Submit => "Submit",
            DossierAction::ReturnForCompletion => "Return for completion",
            DossierAction::ForwardToProvince => "Forward to the province",
            DossierAction::SendToCouncil => "Send to the council",
            DossierAction::CloseScoring => "Close scoring",
            DossierAction::ReferToNational => "Refer to the national council",
            DossierAction::Certify => "Certify",
            DossierAction::Decline => "Decline",
            DossierAction::Withdraw => "Withdraw",
        }
    }
}

/// Every move of the process: (from, action, who, to). The administrator appears nowhere: it
/// manages accounts and places, and a process step taken by it would have no legal author.
const MOVES: &[(DossierState, DossierAction, Role, DossierState)] = {
    use DossierAction::*;
    use DossierState::*;
    use Role::*;
    &[
        (Draft, Submit, Producer, CommuneReview),
        (ReturnedForCompletion, Submit, Producer, CommuneReview),
        (Draft, Withdraw, Producer, Withdrawn),
        (ReturnedForCompletion, Withdraw, Producer, Withdrawn),
        (CommuneReview, Withdraw, Producer, Withdrawn),
        (CommuneReview, ReturnForCompletion, CommuneOfficer, ReturnedForCompletion),
        (CommuneReview, ForwardToProvince, CommuneOfficer, ProvinceReview),
        (ProvinceReview, ReturnForCompletion, ProvinceOfficer, ReturnedForCompletion),
        (ProvinceReview, SendToCouncil, ProvinceOfficer, CouncilScoring),
        (CouncilScoring, CloseScoring, CouncilChair, Decision),
        (Decision, ReferToNational, ProvinceOfficer, NationalReferral),
        (Decision, Certify, ProvinceOfficer, Certified),
        (Decision, Decline, ProvinceOfficer, NotCertified),
        (NationalReferral, Certify, NationalOfficer, Certified),
        (NationalReferral, Decline, NationalOfficer, NotCertified),
    ]
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// No one may take this action from this state.
    NotFromState { state: DossierState, action: DossierAction },
    /// The action exists from this state, but not for this role.
    NotForRole { role: Role, action: DossierAction },
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotFromState { state, action } => {
                write!(
                    f,
                    "A dossier in the state \"{}\" cannot be given the action \"{}\".",
                    state.label_en(),
                    action.label_en()
                )
            }
            TransitionError::NotForRole { role, action } => {
                write!(
                    f,
                    "A {} may not take the action \"{}\" on this dossier.",
                    role.label_en().to_lowercase(),
                    action.label_en()
                )
            }
        }
    }
}

impl TransitionError {
    pub fn message_vi(&self) -> String {
        match self {
            TransitionError::NotFromState { state, action } => {
                format!("Hồ sơ đang ở bước \"{}\" nên không thể thực hiện \"{}\".", state.label_vi(), action.label_vi())
            }
            TransitionError::NotForRole { role, action } => {
                format!("{} không có quyền thực hiện \"{}\" với hồ sơ này.", role.label_vi(), action.label_vi())
            }
        }
    }
}

impl std::error::Error for TransitionError {}

/// Where a dossier goes when `role` takes `action` in `state`.
pub fn next_state(
    kind: DossierKind,
    state: DossierState,
    action: DossierAction,
    role: Role,
) -> Result<DossierState, TransitionError> {
    // A re-rating may be decided on written opinions, without a council sitting.
    if kind == DossierKind::ReRating && state == DossierState::ProvinceReview && action == DossierAction::CloseScoring {
        return if role == Role::ProvinceOfficer {
            Ok(DossierState::Decision)
        } else {
            Err(TransitionError::NotForRole { role, action })
        };
    }
    let mut from_state = MOVES.iter().filter(|(from, act, _, _)| *from == state && *act == action).peekable();
    if from_state.peek().is_none() {
        return Err(TransitionError::NotFromState { state, action });
    }
    from_state
        .find(|(_, _, who, _)| *who == role)
        .map(|(_, _, _, to)| *to)
        .ok_or(TransitionError::NotForRole { role, action })
}

/// The actions `role` may take on a dossier of `kind` in `state`, for showing buttons.
pub fn allowed_actions(kind: DossierKind, state: DossierState, role: Role) -> Vec<DossierAction> {
    DossierAction::ALL.into_iter().filter(|&action| next_state(kind, state, action, role).is_ok()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenDossierError {
    AlreadyCertified,
    NotCertified,
    AlreadyFiveStars,
    WindowNotOpen { opens_on: Option<chrono::NaiveDate> },
}

impl fmt::Display for OpenDossierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenDossierError::AlreadyCertified => {
                write!(
                    f,
                    "This product already holds a valid certificate: file an upgrade or, near expiry, a re-rating."
                )
            }
            OpenDossierError::NotCertified => {
                write!(f, "Only a product with a valid certificate can be upgraded or re-rated.")
            }
            OpenDossierError::AlreadyFiveStars => write!(f, "A five-star product cannot be upgraded."),
            OpenDossierError::WindowNotOpen { opens_on: Some(date) } => {
                write!(f, "A re-rating can be filed from {} until 120 days before expiry.", date.format("%d/%m/%Y"))
            }
            OpenDossierError::WindowNotOpen { opens_on: None } => {
                write!(
                    f,
                    "The re-rating window (180 to 120 days before expiry) has closed: file a first rating instead."
                )
            }
        }
    }
}

impl OpenDossierError {
    pub fn message_vi(&self) -> String {
        match self {
            OpenDossierError::AlreadyCertified => {
                "Sản phẩm đang có giấy chứng nhận còn hiệu lực: hãy nộp hồ sơ nâng hạng hoặc, khi gần hết hạn, phân hạng lại.".into()
            }
            OpenDossierError::NotCertified => "Chỉ sản phẩm có giấy chứng nhận còn hiệu lực mới được nâng hạng hoặc phân hạng lại.".into(),
            OpenDossierError::AlreadyFiveStars => "Sản phẩm 5 sao không thể nâng hạng.".into(),
            OpenDossierError::WindowNotOpen { opens_on: Some(date) } => {
                format!("Hồ sơ phân hạng lại được nộp từ ngày {} đến trước ngày hết hạn 120 ngày.", date.format("%d/%m/%Y"))
            }
            OpenDossierError::WindowNotOpen { opens_on: None } => {
                "Đã hết thời hạn nộp hồ sơ phân hạng lại (từ 180 đến 120 ngày trước khi hết hạn): hãy nộp hồ sơ đánh giá lần đầu.".into()
            }
        }
    }
}

impl std::error::Error for OpenDossierError {}

/// Whether a dossier of `kind` may be opened for a product with this rating and certificate.
pub fn may_open(
    kind: DossierKind,
    stars: Option<Stars>,
    certificate: Option<CertificateStatus>,
    window: Option<WindowState>,
) -> Result<(), OpenDossierError> {
    let holds_certificate = matches!(certificate, Some(CertificateStatus::Valid | CertificateStatus::Expiring));
    match kind {
        DossierKind::FirstRating if holds_certificate => Err(OpenDossierError::AlreadyCertified),
        DossierKind::FirstRating => Ok(()),
        _ if !holds_certificate => Err(OpenDossierError::NotCertified),
        DossierKind::Upgrade if stars.is_some_and(|s| s >= Stars::FIVE) => Err(OpenDossierError::AlreadyFiveStars),
        DossierKind::Upgrade => Ok(()),
        DossierKind::ReRating => match window {
            Some(WindowState::Open { .. }) => Ok(()),
            Some(WindowState::NotYetOpen { opens_on }) => {
                Err(OpenDossierError::WindowNotOpen { opens_on: Some(opens_on) })
            }
            Some(WindowState::Closed) | None => Err(OpenDossierError::WindowNotOpen { opens_on: None }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DossierAction::*;
    use DossierKind::*;
    use DossierState::*;
    use Role::*;

    #[test]
    fn moves_and_refusals() {
        type Expected = Result<DossierState, TransitionError>;
        let not_for = |role, action| Err(TransitionError::NotForRole { role, action });
        let not_from = |state, action| Err(TransitionError::NotFromState { state, action });
        let cases: Vec<(DossierKind, DossierState, DossierAction, Role, Expected)> = vec![
            (FirstRating, Draft, Submit, Producer, Ok(CommuneReview)),
            (FirstRating, ReturnedForCompletion, Submit, Producer, Ok(CommuneReview)),
            (Upgrade, Draft, Withdraw, Producer, Ok(Withdrawn)),
            (FirstRating, CommuneReview, Withdraw, Producer, Ok(Withdrawn)),
            (FirstRating, CommuneReview, ForwardToProvince, CommuneOfficer, Ok(ProvinceReview)),
            (FirstRating, CommuneReview, ReturnForCompletion, CommuneOfficer, Ok(ReturnedForCompletion)),
            (FirstRating, ProvinceReview, ReturnForCompletion, ProvinceOfficer, Ok(ReturnedForCompletion)),
            (FirstRating, ProvinceReview, SendToCouncil, ProvinceOfficer, Ok(CouncilScoring)),
            (FirstRating, CouncilScoring, CloseScoring, CouncilChair, Ok(Decision)),
            (FirstRating, Decision, Certify, ProvinceOfficer, Ok(Certified)),
            (FirstRating, Decision, Decline, ProvinceOfficer, Ok(NotCertified)),
            (FirstRating, Decision, ReferToNational, ProvinceOfficer, Ok(NationalReferral)),
            (FirstRating, NationalReferral, Certify, NationalOfficer, Ok(Certified)),
            (FirstRating, NationalReferral, Decline, NationalOfficer, Ok(NotCertified)),
            (ReRating, ProvinceReview, CloseScoring, ProvinceOfficer, Ok(Decision)),
            (ReRating, ProvinceReview, SendToCouncil, ProvinceOfficer, Ok(CouncilScoring)),
            // Refused: wrong role.
            (FirstRating, Draft, Submit, CommuneOfficer, not_for(CommuneOfficer, Submit)),
            (FirstRating, CommuneReview, ForwardToProvince, Producer, not_for(Producer, ForwardToProvince)),
            (FirstRating, CommuneReview, ForwardToProvince, Administrator, not_for(Administrator, ForwardToProvince)),
            (FirstRating, CouncilScoring, CloseScoring, CouncilMember, not_for(CouncilMember, CloseScoring)),
            (FirstRating, Decision, Certify, CouncilChair, not_for(CouncilChair, Certify)),
            (FirstRating, NationalReferral, Certify, ProvinceOfficer, not_for(ProvinceOfficer, Certify)),
            (ReRating, ProvinceReview, CloseScoring, CouncilChair, not_for(CouncilChair, CloseScoring)),
            // Refused: wrong state.
            (FirstRating, ProvinceReview, CloseScoring, ProvinceOfficer, not_from(ProvinceReview, CloseScoring)),
            (Upgrade, ProvinceReview, CloseScoring, ProvinceOfficer, not_from(ProvinceReview, CloseScoring)),
            (FirstRating, CommuneReview, Submit, Producer, not_from(CommuneReview, Submit)),
            (FirstRating, ProvinceReview, Withdraw, Producer, not_from(ProvinceReview, Withdraw)),
            (FirstRating, Certified, Decline, ProvinceOfficer, not_from(Certified, Decline)),
            (FirstRating, Withdrawn, Submit, Producer, not_from(Withdrawn, Submit)),
            (FirstRating, Draft, Certify, ProvinceOfficer, not_from(Draft, Certify)),
        ];
        for (kind, state, action, role, expected) in cases {
            assert_eq!(next_state(kind, state, action, role), expected, "{kind:?} {state:?} {action:?} {role:?}");
        }
    }

    #[test]
    fn final_states_are_final_and_buttons_match_moves() {
        for kind in DossierKind::ALL {
            for state in DossierState::ALL {
                for role in Role::ALL {
                    let allowed = allowed_actions(kind, state, role);
                    if state.is_final() || role == Administrator {
                        assert!(allowed.is_empty(), "{kind:?} {state:?} {role:?}: {allowed:?}");
                    }
                    for action in DossierAction::ALL {
                        let outcome = next_state(kind, state, action, role);
                        assert_eq!(
                            outcome.is_ok(),
                            allowed.contains(&action),
                            "{kind:?} {state:?} {action:?} {role:?}"
                        );
                        if let Ok(to) = outcome {
                            assert_ne!(to, state, "a move goes somewhere");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn which_dossiers_may_be_opened() {
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let four = Stars::new(4);
        let open = Some(WindowState::Open { closes_on: day("2026-02-15") });
        let later = Some(WindowState::NotYetOpen { opens_on: day("2025-12-17") });
        let cases = [
            (FirstRating, None, None, None, Ok(())),
            (FirstRating, four, Some(CertificateStatus::Expired), None, Ok(())),
            (FirstRating, four, Some(CertificateStatus::Valid), None, Err(OpenDossierError::AlreadyCertified)),
            (Upgrade, four, Some(CertificateStatus::Valid), None, Ok(())),
            (Upgrade, Stars::new(5), Some(CertificateStatus::Valid), None, Err(OpenDossierError::AlreadyFiveStars)),
            (Upgrade, four, Some(CertificateStatus::Revoked), None, Err(OpenDossierError::NotCertified)),
            (Upgrade, None, None, None, Err(OpenDossierError::NotCertified)),
            (ReRating, four, Some(CertificateStatus::Expiring), open, Ok(())),
            (
                ReRating,
                four,
                Some(CertificateStatus::Valid),
                later,
                Err(OpenDossierError::WindowNotOpen { opens_on: Some(day("2025-12-17")) }),
            ),
            (
                ReRating,
                four,
                Some(CertificateStatus::Expiring),
                Some(WindowState::Closed),
                Err(OpenDossierError::WindowNotOpen { opens_on: None }),
            ),
            (ReRating, four, Some(CertificateStatus::Expired), open, Err(OpenDossierError::NotCertified)),
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
        assert_eq!(err.to_string(), "A dossier in the state \"Draft\" cannot be given the action \"Certify\".");
        assert_eq!(err.message_vi(), "Hồ sơ đang ở bước \"Bản nháp\" nên không thể thực hiện \"Công nhận\".");
    }
}

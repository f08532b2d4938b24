//! Evaluation rounds: a province's council sitting, with its dates and seats, and the notes a
//! council member writes beside each criterion of their sheet. A round for re-ratings may be
//! held without a sitting, each member sending a written opinion (their sheet) instead.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::coded::coded_enum;
use super::council::CouncilResult;
use super::dossier::{DossierKind, DossierState, Role};
use super::producer::{FieldError, Refusals};
use crate::language::{Language, Said};

/// Whose council holds a round: a province's, which rates three and four stars and refers
/// five; or the central council of the Ministry of Agriculture and Environment, which scores
/// the referred dossiers again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouncilOf<'a> {
    Province(&'a str),
    Central,
}

impl<'a> CouncilOf<'a> {
    /// The province whose council it is; `None` for the central council.
    pub fn province_code(self) -> Option<&'a str> {
        match self {
            CouncilOf::Province(code) => Some(code),
            CouncilOf::Central => None,
        }
    }

    /// The step at which a dossier is put in one of this council's rounds.
    pub fn takes_at(self) -> DossierState {
        match self {
            CouncilOf::Province(_) => DossierState::ProvinceReview,
            CouncilOf::Central => DossierState::NationalReferral,
        }
    }

    /// The step at which this council's members score a dossier.
    pub fn scores_at(self) -> DossierState {
        match self {
            CouncilOf::Province(_) => DossierState::CouncilScoring,
            CouncilOf::Central => DossierState::NationalScoring,
        }
    }

    /// The officer who plans this council's rounds, seats them and gives them dossiers.
    pub fn officer(self) -> Role {
        match self {
            CouncilOf::Province(_) => Role::ProvinceOfficer,
            CouncilOf::Central => Role::NationalOfficer,
        }
    }
}

coded_enum! {
    /// A seat in a round's council or beside it.
    pub enum Seat {
        /// Chairs the sitting, scores, and closes it.
        Chair,
        /// Scores.
        Member,
        /// Advises and visits; does not score.
        Advisor,
    }
}

impl Seat {
    pub fn label_vi(self) -> &'static str {
        match self {
            Seat::Chair => "Chủ tịch hội đồng",
            Seat::Member => "Thành viên hội đồng",
            Seat::Advisor => "Tổ tư vấn",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("Seat", self.label_vi())
    }

    /// The staff role a person needs to take this seat.
    pub fn role(self) -> Role {
        match self {
            Seat::Chair => Role::CouncilChair,
            Seat::Member => Role::CouncilMember,
            Seat::Advisor => Role::AdvisoryMember,
        }
    }

    /// Whether the seat scores (and counts towards the quorum).
    pub fn scores(self) -> bool {
        matches!(self, Seat::Chair | Seat::Member)
    }
}

coded_enum! {
    /// How a round's council decides.
    #[derive(Default)]
    pub enum RoundMode {
        /// The council sits and scores.
        #[default]
        Sitting,
        /// No sitting: each member sends a written opinion, their score sheet. Only a re-rating
        /// may be decided this way.
        WrittenOpinions,
    }
}

impl RoundMode {
    pub fn label_vi(self) -> &'static str {
        match self {
            RoundMode::Sitting => "Hội đồng họp chấm điểm",
            RoundMode::WrittenOpinions => "Lấy ý kiến thành viên bằng văn bản, không họp (chỉ hồ sơ đánh giá lại)",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("RoundMode", self.label_vi())
    }

    /// Whether a dossier of `kind` may be decided in a round held this way.
    pub fn takes(self, kind: DossierKind) -> Result<(), RoundError> {
        match (self, kind) {
            (RoundMode::WrittenOpinions, DossierKind::FirstRating | DossierKind::Upgrade) => {
                Err(RoundError::WrittenOnlyForReRating)
            }
            _ => Ok(()),
        }
    }
}

/// What closing the scoring of a dossier does with its council's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// The result stands: the scoring closes on it.
    Closes,
    /// The result does not stand yet (the quorum is not met, or a sitting's members are more
    /// than 10 points apart and score again): nothing changes.
    Waits { quorum_met: bool, far_apart: usize },
    /// Written opinions more than 10 points apart: the round becomes a sitting, whose chair
    /// closes the scoring once the members agree (Art. 7.6 of Decision 26/2026/QĐ-TTg).
    BecomesSitting { far_apart: usize },
}

impl RoundMode {
    /// What closing the scoring of a round held this way does with `result`.
    pub fn closing(self, result: Option<&CouncilResult>) -> Closing {
        let Some(result) = result else { return Closing::Waits { quorum_met: false, far_apart: 0 } };
        let far_apart = result.far_apart.len();
        match self {
            RoundMode::WrittenOpinions if far_apart > 0 => Closing::BecomesSitting { far_apart },
            _ if result.stands() => Closing::Closes,
            _ => Closing::Waits { quorum_met: result.quorum_met, far_apart },
        }
    }
}

/// The fewest scoring members besides the chair before dossiers go to the council.
pub const MIN_COUNCIL_MEMBERS: usize = 2;

/// A round as the province officer fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundPlan {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub mode: RoundMode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundError {
    NameMissing,
    NameTooLong,
    /// Not a date as `YYYY-MM-DD` (what a date input sends).
    BadDate {
        field: &'static str,
    },
    EndsBeforeStart,
    /// The seat asks for a role the person does not hold.
    WrongRole {
        seat: Seat,
    },
    /// A round has one chair.
    ChairTaken,
    /// Scoring of a dossier in the round has begun: the council sits as it is to the end, so
    /// nobody whose sheet disagrees can be unseated and the round closed on the others.
    SeatsFrozen,
    /// Sending to the council needs a chair and enough members.
    CouncilIncomplete {
        members: usize,
    },
    /// The round is closed: no more sheets, seats or dossiers.
    Closed,
    /// The dossier is not in a round yet.
    NoRound,
    /// A round closes once none of its dossiers awaits review or scoring.
    DossiersPending {
        count: usize,
    },
    NoteTooLong {
        criterion: String,
    },
    /// A round of written opinions decides re-ratings only.
    WrittenOnlyForReRating,
    UnknownMode,
}

/// The longest note beside a criterion, in characters.
pub const MAX_CRITERION_NOTE: usize = 1000;

impl RoundError {
    pub fn field(&self) -> &'static str {
        match self {
            Self::NameMissing | Self::NameTooLong => "name",
            Self::BadDate { field } => field,
            Self::EndsBeforeStart => "ends_on",
            Self::WrongRole { .. } | Self::ChairTaken | Self::SeatsFrozen => "account_id",
            Self::CouncilIncomplete { .. } | Self::Closed | Self::NoRound => "round_id",
            Self::NoteTooLong { .. } => "notes",
            Self::DossiersPending { .. } | Self::WrittenOnlyForReRating => "round_id",
            Self::UnknownMode => "mode",
        }
    }

    /// The refusal in `language`.
    pub fn message(&self, language: Language) -> String {
        match self {
            Self::NameMissing => language.tr("Hãy đặt tên cho đợt đánh giá, ví dụ: Đợt 2 năm 2026.").to_string(),
            Self::NameTooLong => language.tr("Tên đợt đánh giá dài quá 200 ký tự.").to_string(),
            Self::BadDate { .. } => language.tr("Ngày chưa đúng; hãy chọn ngày trong lịch.").to_string(),
            Self::EndsBeforeStart => language.tr("Ngày kết thúc phải từ ngày bắt đầu trở đi.").to_string(),
            Self::WrongRole { seat } => language.tr_with(
                "Người này không giữ vai trò {role} nên không ngồi ghế này được.",
                &[("role", &seat.role().label(language))],
            ),
            Self::ChairTaken => language.tr("Đợt đánh giá đã có chủ tịch hội đồng.").to_string(),
            Self::SeatsFrozen => language
                .tr("Hội đồng đã bắt đầu chấm hồ sơ của đợt này nên không đổi được ghế nào nữa: \
                     hội đồng giữ nguyên đến hết đợt.")
                .to_string(),
            Self::CouncilIncomplete { members } => language.tr_with(
                "Hội đồng của đợt chưa đủ: cần chủ tịch và ít nhất {min} thành viên chấm điểm \
                 (hiện có {members} thành viên).",
                &[("min", &MIN_COUNCIL_MEMBERS), ("members", members)],
            ),
            Self::Closed => language.tr("Đợt đánh giá đã kết thúc; không thay đổi được nữa.").to_string(),
            Self::NoRound => language.tr("Hãy đưa hồ sơ vào một đợt đánh giá trước khi chuyển hội đồng.").to_string(),
            Self::NoteTooLong { criterion } => language.tr_with(
                "Ghi chú ở tiêu chí {criterion} dài quá {max} ký tự; hãy rút gọn.",
                &[("criterion", criterion), ("max", &MAX_CRITERION_NOTE)],
            ),
            Self::WrittenOnlyForReRating => language
                .tr("Đợt lấy ý kiến bằng văn bản chỉ nhận hồ sơ đánh giá lại; hồ sơ đánh giá lần đầu hoặc \
                     nâng hạng phải được Hội đồng họp chấm.")
                .to_string(),
            Self::UnknownMode => {
                language.tr("Hãy chọn cách Hội đồng quyết định: họp, hoặc lấy ý kiến bằng văn bản.").to_string()
            }
            Self::DossiersPending { count } => language.tr_count(
                "Chưa kết thúc được đợt: còn {count} hồ sơ đang chờ hội đồng chấm hoặc chưa chuyển hội đồng.",
                *count as u64,
                &[("count", count)],
            ),
        }
    }
}

/// In English, for the back office's errors that wrap it.
impl fmt::Display for RoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl From<RoundError> for FieldError {
    fn from(err: RoundError) -> Self {
        FieldError::new(err.field(), Said::new(|language| err.message(language)))
    }
}

impl std::error::Error for RoundError {}

impl RoundPlan {
    /// A round from its form: a name, two dates as `YYYY-MM-DD`, and how the council decides
    /// (a sitting when the form does not say).
    /// Every refusal at once, in the form's order.
    pub fn parse(name: &str, starts_on: &str, ends_on: &str, mode: &str) -> Result<Self, Vec<RoundError>> {
        let mut refusals = Refusals::default();
        let name = refusals.check(round_name(name));
        let date = |text: &str, field| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| RoundError::BadDate { field })
        };
        let starts_on = refusals.check(date(starts_on, "starts_on"));
        let ends_on = refusals.check(date(ends_on, "ends_on"));
        // Compared only when both are dates.
        if let (Some(starts), Some(ends)) = (starts_on, ends_on) {
            refusals.check(if ends < starts { Err(RoundError::EndsBeforeStart) } else { Ok(()) });
        }
        let mode = refusals.check(match mode.trim() {
            "" => Ok(RoundMode::Sitting),
            code => RoundMode::from_code(code).ok_or(RoundError::UnknownMode),
        });
        let made = || Some(RoundPlan { name: name?, starts_on: starts_on?, ends_on: ends_on?, mode: mode? });
        refusals.outcome(made())
    }
}

/// A round's name, its spaces made single: not empty, at most 200 characters.
fn round_name(name: &str) -> Result<String, RoundError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(RoundError::NameMissing);
    }
    if name.chars().count() > 200 {
        return Err(RoundError::NameTooLong);
    }
    Ok(name)
}

/// Whether a council with these seats may receive dossiers: a chair and enough members.
pub fn council_ready(seats: &[Seat]) -> Result<(), RoundError> {
    let members = seats.iter().filter(|s| **s == Seat::Member).count();
    let chairs = seats.iter().filter(|s| **s == Seat::Chair).count();
    if chairs == 1 && members >= MIN_COUNCIL_MEMBERS {
        Ok(())
    } else {
        Err(RoundError::CouncilIncomplete { members })
    }
}

/// A member's notes beside the criteria of their sheet, trimmed, empty ones dropped.
pub fn criterion_notes(notes: BTreeMap<String, String>) -> Result<BTreeMap<String, String>, RoundError> {
    let mut kept = BTreeMap::new();
    for (criterion, note) in notes {
        let note = note.trim();
        if note.chars().count() > MAX_CRITERION_NOTE {
            return Err(RoundError::NoteTooLong { criterion });
        }
        if !note.is_empty() {
            kept.insert(criterion, note.to_string());
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Art. 7.6: a re-rating is decided on written opinions unless they diverge; then the
    /// council sits. A sitting's members too far apart score again.
    #[test]
    fn closing_follows_the_mode_and_the_result() {
        use crate::domain::Stars;
        let result = |quorum_met: bool, far_apart: usize| CouncilResult {
            members_present: 3,
            quorum_met,
            average_hundredths: 7500,
            band: Stars::FOUR,
            stars: Stars::FOUR,
            far_apart: (0..far_apart).map(|i| (format!("A{i}"), format!("B{i}"), 12)).collect(),
            capped_by: Vec::new(),
            outliers: Vec::new(),
            referred_to_national: false,
            certifiable: true,
            part_averages: Vec::new(),
        };
        use Closing::*;
        use RoundMode::*;
        let cases = [
            (WrittenOpinions, Some(result(true, 0)), Closes),
            (WrittenOpinions, Some(result(true, 2)), BecomesSitting { far_apart: 2 }),
            (WrittenOpinions, Some(result(false, 1)), BecomesSitting { far_apart: 1 }),
            (WrittenOpinions, Some(result(false, 0)), Waits { quorum_met: false, far_apart: 0 }),
            (Sitting, Some(result(true, 0)), Closes),
            (Sitting, Some(result(true, 1)), Waits { quorum_met: true, far_apart: 1 }),
            (Sitting, Some(result(false, 0)), Waits { quorum_met: false, far_apart: 0 }),
            (Sitting, None, Waits { quorum_met: false, far_apart: 0 }),
        ];
        for (mode, result, expected) in cases {
            assert_eq!(mode.closing(result.as_ref()), expected, "{mode:?} {result:?}");
        }
    }

    #[test]
    fn a_round_needs_a_name_and_dates_in_order() {
        let date = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        use RoundError::*;
        type Case<'a> = (&'a str, &'a str, &'a str, Result<(&'a str, &'a str, &'a str), Vec<RoundError>>);
        let cases: &[Case] = &[
            ("  Đợt 2   năm 2026 ", "2026-11-30", "2026-12-05", Ok(("Đợt 2 năm 2026", "2026-11-30", "2026-12-05"))),
            ("Một ngày", "2026-12-01", "2026-12-01", Ok(("Một ngày", "2026-12-01", "2026-12-01"))),
            ("", "2026-11-30", "2026-12-05", Err(vec![NameMissing])),
            ("Đợt", "30/11/2026", "2026-12-05", Err(vec![BadDate { field: "starts_on" }])),
            ("Đợt", "2026-11-30", "", Err(vec![BadDate { field: "ends_on" }])),
            ("Đợt", "2026-12-05", "2026-11-30", Err(vec![EndsBeforeStart])),
            // Every refusal at once, in the form's order.
            (" ", "", "x", Err(vec![NameMissing, BadDate { field: "starts_on" }, BadDate { field: "ends_on" }])),
            ("", "2026-12-05", "2026-11-30", Err(vec![NameMissing, EndsBeforeStart])),
        ];
        for (name, starts, ends, expected) in cases {
            let got = RoundPlan::parse(name, starts, ends, "");
            let expected = expected.clone().map(|(n, s, e)| RoundPlan {
                name: n.into(),
                starts_on: date(s),
                ends_on: date(e),
                mode: RoundMode::Sitting,
            });
            assert_eq!(got, expected, "{name:?} {starts} {ends}");
        }
        assert_eq!(RoundPlan::parse(&"x".repeat(201), "2026-01-01", "2026-01-02", ""), Err(vec![NameTooLong]));
        let written = RoundPlan::parse("Đợt 3", "2026-12-01", "2026-12-10", "written_opinions").unwrap();
        assert_eq!(written.mode, RoundMode::WrittenOpinions);
        assert_eq!(RoundPlan::parse("Đợt 3", "2026-12-01", "2026-12-10", "vote"), Err(vec![UnknownMode]));
        // Each refusal is a sentence in English too, never a name from the code.
        for err in [NameMissing, NameTooLong, BadDate { field: "ends_on" }, EndsBeforeStart, ChairTaken, UnknownMode] {
            let said = FieldError::from(err.clone());
            let english = said.message.in_language(Language::En);
            assert!(english.ends_with('.') && !english.contains(&format!("{err:?}")), "{err:?}");
            assert_ne!(english, said.message.in_language(Language::Vi), "{err:?}");
        }
    }

    #[test]
    fn written_opinions_decide_re_ratings_only() {
        use DossierKind::*;
        let cases = [
            (RoundMode::Sitting, FirstRating, true),
            (RoundMode::Sitting, Upgrade, true),
            (RoundMode::Sitting, ReRating, true),
            (RoundMode::WrittenOpinions, FirstRating, false),
            (RoundMode::WrittenOpinions, Upgrade, false),
            (RoundMode::WrittenOpinions, ReRating, true),
        ];
        for (mode, kind, taken) in cases {
            assert_eq!(mode.takes(kind).is_ok(), taken, "{mode:?} {kind:?}");
        }
        for mode in RoundMode::ALL {
            assert_eq!(RoundMode::from_code(mode.code()), Some(mode));
        }
    }

    #[test]
    fn a_council_needs_a_chair_and_two_members() {
        use Seat::*;
        let cases: &[(&[Seat], Result<(), RoundError>)] = &[
            (&[Chair, Member, Member], Ok(())),
            (&[Chair, Member, Member, Member, Advisor], Ok(())),
            (&[Chair, Member, Advisor, Advisor], Err(RoundError::CouncilIncomplete { members: 1 })),
            (&[Member, Member, Member], Err(RoundError::CouncilIncomplete { members: 3 })),
            (&[], Err(RoundError::CouncilIncomplete { members: 0 })),
        ];
        for (seats, expected) in cases {
            assert_eq!(council_ready(seats), *expected, "{seats:?}");
        }
    }

    #[test]
    fn seats_need_their_role_and_only_chair_and_members_score() {
        assert_eq!(Seat::ALL.map(|s| s.role()), [Role::CouncilChair, Role::CouncilMember, Role::AdvisoryMember]);
        assert_eq!(Seat::ALL.map(|s| s.scores()), [true, true, false]);
        for seat in Seat::ALL {
            assert_eq!(Seat::from_code(seat.code()), Some(seat));
        }
    }

    #[test]
    fn criterion_notes_are_trimmed_and_bounded() {
        let notes: BTreeMap<String, String> =
            [("1", "  xem lại phiếu kiểm nghiệm "), ("2", "   ")].map(|(k, v)| (k.to_string(), v.to_string())).into();
        let kept = criterion_notes(notes).unwrap();
        assert_eq!(
            kept.into_iter().collect::<Vec<_>>(),
            vec![("1".to_string(), "xem lại phiếu kiểm nghiệm".to_string())]
        );
        let long: BTreeMap<String, String> = [("3.1".to_string(), "x".repeat(MAX_CRITERION_NOTE + 1))].into();
        assert_eq!(criterion_notes(long), Err(RoundError::NoteTooLong { criterion: "3.1".into() }));
    }
}

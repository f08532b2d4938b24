//! Staff: the post a person holds (a role at a place), which dossiers it reaches, the commune's
//! review (Mẫu 03) and the working-day deadline the commune works against.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::coded::coded_enum;
use super::dossier::{DossierKind, DossierState, Role};
use super::round::CouncilOf;
use super::round_terms::CouncilLevel;
use crate::language::{Language, Said};

/// A role held at a place. Built only through [`StaffPost::new`], so a commune officer always
/// has a commune and a national officer never has a province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPost {
    role: Role,
    province_code: Option<String>,
    commune_code: Option<String>,
}

/// Where a dossier was filed: the producer's commune and its province at submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierPlace<'a> {
    pub province_code: &'a str,
    pub commune_code: &'a str,
}

/// Why a post cannot be given as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPostError {
    /// Producers are not staff.
    NotStaff,
    NeedsCommune,
    NeedsProvince,
    /// National and administrator posts are not tied to a place.
    NoPlaceExpected,
}

impl StaffPostError {
    /// The form field the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Self::NotStaff => "role",
            Self::NeedsCommune => "commune_code",
            Self::NeedsProvince | Self::NoPlaceExpected => "province_code",
        }
    }

    /// The refusal in `language`.
    pub fn message(self, language: Language) -> String {
        let said = match self {
            Self::NotStaff => language.tr("Hãy chọn một vai trò cán bộ."),
            Self::NeedsCommune => language.tr("Cán bộ cấp xã cần có xã, phường nơi làm việc."),
            Self::NeedsProvince => language.tr("Vai trò này cần có tỉnh, thành phố nơi làm việc."),
            Self::NoPlaceExpected => {
                language.tr("Cán bộ Trung ương và quản trị viên không gắn với tỉnh hay xã; hãy bỏ chọn nơi làm việc.")
            }
        };
        said.to_string()
    }
}

/// In English, for the back office's errors that wrap it.
impl fmt::Display for StaffPostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for StaffPostError {}

impl From<StaffPostError> for super::FieldError {
    fn from(err: StaffPostError) -> Self {
        super::FieldError::new(err.field(), Said::new(|language| err.message(language)))
    }
}

impl StaffPost {
    /// The staff roles, in the order an administrator chooses from.
    pub const ROLES: [Role; 7] = [
        Role::CommuneOfficer,
        Role::ProvinceOfficer,
        Role::AdvisoryMember,
        Role::CouncilMember,
        Role::CouncilChair,
        Role::NationalOfficer,
        Role::Administrator,
    ];

    /// A post; the province of a commune officer is the commune's (the adapter checks that the
    /// commune lies in it).
    pub fn new(role: Role, province_code: Option<&str>, commune_code: Option<&str>) -> Result<Self, StaffPostError> {
        let given = |code: Option<&str>| code.map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
        let (province, commune) = (given(province_code), given(commune_code));
        match role {
            Role::Producer => Err(StaffPostError::NotStaff),
            Role::CommuneOfficer if commune.is_none() => Err(StaffPostError::NeedsCommune),
            Role::CommuneOfficer if province.is_none() => Err(StaffPostError::NeedsProvince),
            Role::CommuneOfficer => Ok(StaffPost { role, province_code: province, commune_code: commune }),
            Role::ProvinceOfficer => match province {
                None => Err(StaffPostError::NeedsProvince),
                // Provincial roles cover the whole province: a commune given too is dropped.
                Some(_) => Ok(StaffPost { role, province_code: province, commune_code: None }),
            },
            // A council post with a province sits on that province's council; without one, on
            // the central council (the ministry's), which scores the dossiers referred for 5★.
            Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair => {
                Ok(StaffPost { role, province_code: province, commune_code: None })
            }
            Role::NationalOfficer | Role::Administrator if province.is_some() || commune.is_some() => {
                Err(StaffPostError::NoPlaceExpected)
            }
            Role::NationalOfficer | Role::Administrator => {
                Ok(StaffPost { role, province_code: None, commune_code: None })
            }
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn province_code(&self) -> Option<&str> {
        self.province_code.as_deref()
    }

    pub fn commune_code(&self) -> Option<&str> {
        self.commune_code.as_deref()
    }

    /// The council whose rounds the post works with: its province's, or the central council
    /// for national officers and council posts without a province; none for the others.
    pub fn council(&self) -> Option<CouncilOf<'_>> {
        match (self.role, self.province_code.as_deref()) {
            (Role::ProvinceOfficer | Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair, Some(code)) => {
                Some(CouncilOf::Province(code))
            }
            (Role::NationalOfficer | Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair, None) => {
                Some(CouncilOf::Central)
            }
            _ => None,
        }
    }

    /// The council whose rounds the post plans, seats and fills: the province officer's
    /// province council, the national officer's central one; none for anyone else.
    pub fn runs_council(&self) -> Option<CouncilOf<'_>> {
        self.council().filter(|of| of.officer() == self.role)
    }

    /// Whether the post may see a dossier filed at `place`. The administrator manages people,
    /// not dossiers, so it reaches none.
    pub fn reaches(&self, place: &DossierPlace<'_>) -> bool {
        match self.role {
            Role::Producer | Role::Administrator => false,
            Role::CommuneOfficer => self.commune_code.as_deref() == Some(place.commune_code),
            Role::ProvinceOfficer => self.province_code.as_deref() == Some(place.province_code),
            // A council's people reach at most their council's dossiers: their province's, or
            // (the central council) every province's; the adapter narrows it to their seats.
            Role::AdvisoryMember | Role::CouncilMember | Role::CouncilChair => {
                self.province_code.as_deref().is_none_or(|own| own == place.province_code)
            }
            Role::NationalOfficer => true,
        }
    }
}

/// Working days the commune has to check a submitted dossier.
pub const COMMUNE_REVIEW_WORKING_DAYS: u32 = 15;

/// Days from a re-rating's filing to its decision (Decision 26/2026/QĐ-TTg): a holder who filed
/// in time is owed an answer before the old certificate's grace runs out.
pub const RERATING_DECISION_DAYS: u64 = 45;

/// The days a dossier's deadlines count from, in Vietnam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepDates {
    /// Filed with the commune (the last submission).
    pub filed: Option<NaiveDate>,
    /// Forwarded to the province (the last time).
    pub reached_province: Option<NaiveDate>,
    /// Referred to the central council.
    pub referred: Option<NaiveDate>,
}

/// The last day for the step a dossier is at: the commune's 15 working days from its filing;
/// for a re-rating, the 45 days from its filing to its decision, through the province, the
/// councils (the central one too, for five stars) and the decision; otherwise, while a council
/// has still to score it, the day its term's round closes by (Art. 5), counted from its
/// arrival at the province, or at the central council when referred.
pub fn step_deadline(kind: DossierKind, state: DossierState, dates: StepDates) -> Option<NaiveDate> {
    use DossierState::*;
    match state {
        CommuneReview => Some(working_days_after(dates.filed?, COMMUNE_REVIEW_WORKING_DAYS)),
        ProvinceReview | CouncilScoring | Decision | NationalReferral | NationalScoring | NationalDecision
        | ReturnedFromNational
            if kind == DossierKind::ReRating =>
        {
            dates.filed?.checked_add_days(chrono::Days::new(RERATING_DECISION_DAYS))
        }
        ProvinceReview | CouncilScoring => {
            Some(CouncilLevel::Province.term_for_arrival(dates.reached_province?)?.closes_by)
        }
        NationalReferral | NationalScoring => Some(CouncilLevel::Central.term_for_arrival(dates.referred?)?.closes_by),
        _ => None,
    }
}

/// The deadline `step_deadline` gives at this step, in `language`: its name and its basis.
pub fn step_deadline_words(kind: DossierKind, state: DossierState, language: Language) -> (&'static str, &'static str) {
    use DossierState::*;
    match state {
        CommuneReview => (language.tr("Hạn kiểm tra của xã"), language.tr("15 ngày làm việc")),
        _ if kind == DossierKind::ReRating => {
            (language.tr("Hạn quyết định đánh giá lại"), language.tr("45 ngày kể từ ngày nộp"))
        }
        NationalReferral | NationalScoring => (
            language.tr("Hạn kết thúc đợt đánh giá cấp Trung ương"),
            language.tr("Điều 5: hồ sơ đề nghị đến hết 30/1 và 30/7 được đánh giá xong trước 30/3 và 30/9"),
        ),
        _ => (
            language.tr("Hạn kết thúc đợt đánh giá cấp tỉnh"),
            language.tr("Điều 5: hồ sơ chuyển đến hết 30/4 và 30/10 được đánh giá xong trước 30/6 và 30/12"),
        ),
    }
}

/// Weekdays off for holidays that move every year (Tết, the Hùng Kings' day, the day next to
/// National Day) or fall on a weekend and are made up on the next working day, as the
/// government announced them. Extend the table when a new year's schedule is published; until
/// then a year counts only weekends and the fixed-date holidays, so deadlines err early.
const ANNOUNCED_DAYS_OFF: &[(i32, u32, u32)] = &[
    // 2025: Tết Ất Tỵ 27–31 Jan; Hùng Kings 7 Apr; National Day 1–2 Sep.
    (2025, 1, 27),
    (2025, 1, 28),
    (2025, 1, 29),
    (2025, 1, 30),
    (2025, 1, 31),
    (2025, 4, 7),
    (2025, 9, 1),
    // 2026: Tết Bính Ngọ 16–20 Feb; Hùng Kings (26 Apr, a Sunday) made up on 27 Apr.
    (2026, 2, 16),
    (2026, 2, 17),
    (2026, 2, 18),
    (2026, 2, 19),
    (2026, 2, 20),
    (2026, 4, 27),
];

/// The years whose schedule `ANNOUNCED_DAYS_OFF` holds. (No 2027 schedule had reached this
/// project when the table was last extended; Tết Đinh Mùi falls on Saturday 6 February 2027, but
/// which weekdays are off is the Prime Minister's to announce.) A later year is counted without
/// its movable days off, so its deadlines err early; the dossier page says so beside them, and
/// the server warns at start while the current year is missing. A test does not fail on it: a
/// date must never stop a security fix from landing.
pub const ANNOUNCED_YEARS: std::ops::RangeInclusive<i32> = 2025..=2026;

/// The first year from `from` to `to` whose days off are not announced in the table: working
/// days counted across it leave out its Tết, so the true deadline may come later.
pub fn unannounced_year_between(from: NaiveDate, to: NaiveDate) -> Option<i32> {
    (from.year()..=to.year()).find(|year| !ANNOUNCED_YEARS.contains(year))
}

/// Holidays on fixed solar dates (Labour Code 2019, art. 112): New Year, Reunification Day,
/// Labour Day, National Day.
const FIXED_HOLIDAYS: &[(u32, u32)] = &[(1, 1), (4, 30), (5, 1), (9, 2)];

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_fixed_holiday(date: NaiveDate) -> bool {
    FIXED_HOLIDAYS.contains(&(date.month(), date.day()))
}

/// Whether public offices work on `date`.
pub fn is_working_day(date: NaiveDate) -> bool {
    if is_weekend(date) || is_fixed_holiday(date) {
        return false;
    }
    !is_made_up_day(date) && !ANNOUNCED_DAYS_OFF.contains(&(date.year(), date.month(), date.day()))
}

/// Fixed holidays that fall on a weekend are made up on the next working days (Labour Code
/// 2019, art. 111): a weekday is one of those when fewer weekdays than the holidays owed
/// precede it since that weekend.
fn is_made_up_day(date: NaiveDate) -> bool {
    let mut day = date;
    let mut position = 0;
    loop {
        day = day.pred_opt().expect("dates stay far from the calendar's end");
        if is_weekend(day) {
            break;
        }
        if !is_fixed_holiday(day) {
            position += 1;
        }
    }
    let owed = [day, day - chrono::Days::new(1)].into_iter().filter(|d| is_weekend(*d) && is_fixed_holiday(*d)).count();
    position < owed
}

/// The last day of a period of `days` working days that starts the day after `received`.
pub fn working_days_after(received: NaiveDate, days: u32) -> NaiveDate {
    let mut date = received;
    let mut left = days;
    while left > 0 {
        date = date.succ_opt().expect("dates stay far from the calendar's end");
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

coded_enum! {
    /// The four points the commune assesses in its review report (Mẫu 03).
    #[derive(PartialOrd, Ord)]
    pub enum CommunePoint {
        /// Origin of the product and its raw materials.
        ProductOrigin,
        /// Use of local labour.
        LocalLabour,
        /// Origin of the product idea.
        IdeaOrigin,
        /// Local identity and knowledge.
        LocalIdentity,
    }
}

impl CommunePoint {
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::ProductOrigin => "Nguồn gốc sản phẩm và nguyên liệu",
            Self::LocalLabour => "Sử dụng lao động địa phương",
            Self::IdeaOrigin => "Nguồn gốc ý tưởng sản phẩm",
            Self::LocalIdentity => "Tính đặc trưng, bản sắc và tri thức địa phương",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("CommunePoint", self.label_vi())
    }
}

/// The commune's finding on one point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointFinding {
    pub meets: bool,
    pub note: String,
}

/// The commune's review report (Mẫu 03): a finding per point and whether the documents are
/// complete. Saved as the officer goes, so it may be partial until the dossier is forwarded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneReview {
    pub findings: BTreeMap<CommunePoint, PointFinding>,
    pub documents_complete: bool,
}

/// Why a review or a step on it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewError {
    /// A finding other than "meets" or "does not meet".
    UnknownFinding {
        point: CommunePoint,
    },
    NoteTooLong {
        point: CommunePoint,
    },
    /// Forwarding needs every point assessed.
    PointsMissing(Vec<CommunePoint>),
    /// Forwarding needs the documents confirmed complete.
    DocumentsIncomplete,
    /// Returning a dossier needs the reasons, so the producer knows what to complete.
    ReasonMissing,
    ReasonTooLong,
    /// A note needs its text.
    NoteMissing,
}

/// The longest note or reason kept, in characters.
pub const MAX_REVIEW_TEXT: usize = 2000;
/// The shortest reason for returning a dossier that can tell the producer what to do.
pub const MIN_RETURN_REASON: usize = 10;

impl ReviewError {
    /// The form field the problem belongs to.
    pub fn field(&self) -> String {
        match self {
            Self::UnknownFinding { point } | Self::NoteTooLong { point } => format!("finding_{}", point.code()),
            Self::PointsMissing(points) => {
                format!("finding_{}", points.first().copied().unwrap_or(CommunePoint::ProductOrigin).code())
            }
            Self::DocumentsIncomplete => "documents_complete".into(),
            Self::ReasonMissing | Self::ReasonTooLong | Self::NoteMissing => "comment".into(),
        }
    }

    /// The refusal in `language`, the points named in it too.
    pub fn message(&self, language: Language) -> String {
        match self {
            Self::UnknownFinding { point } => {
                language.tr_with("Hãy chọn Đạt hoặc Không đạt cho \"{point}\".", &[("point", &point.label(language))])
            }
            Self::NoteTooLong { point } => language.tr_with(
                "Ghi chú cho \"{point}\" dài quá {max} ký tự; hãy rút gọn.",
                &[("point", &point.label(language)), ("max", &MAX_REVIEW_TEXT)],
            ),
            Self::PointsMissing(points) => language.tr_count(
                "Chưa chuyển được lên tỉnh: còn {count} nội dung chưa đánh giá ({points}).",
                points.len() as u64,
                &[
                    ("count", &points.len()),
                    ("points", &points.iter().map(|p| p.label(language)).collect::<Vec<_>>().join("; ")),
                ],
            ),
            Self::DocumentsIncomplete => language
                .tr("Chưa chuyển được lên tỉnh: hãy xác nhận hồ sơ đã đầy đủ, hoặc trả lại để chủ thể bổ sung.")
                .to_string(),
            Self::ReasonMissing => language.tr_with(
                "Hãy ghi lý do trả lại (ít nhất {min} ký tự) để chủ thể biết cần bổ sung gì.",
                &[("min", &MIN_RETURN_REASON)],
            ),
            Self::ReasonTooLong => {
                language.tr_with("Nội dung dài quá {max} ký tự; hãy rút gọn.", &[("max", &MAX_REVIEW_TEXT)])
            }
            Self::NoteMissing => language.tr("Hãy ghi nội dung.").to_string(),
        }
    }
}

/// In English, for the back office's errors that wrap it.
impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::En))
    }
}

impl std::error::Error for ReviewError {}

impl CommuneReview {
    /// A review from form fields: `findings` maps a point code to `meets` or `does_not_meet`
    /// (empty: not assessed yet), `notes` a point code to its note. Unknown keys are ignored.
    pub fn parse(
        findings: &BTreeMap<String, String>,
        notes: &BTreeMap<String, String>,
        documents_complete: bool,
    ) -> Result<Self, ReviewError> {
        let mut review = CommuneReview { findings: BTreeMap::new(), documents_complete };
        for point in CommunePoint::ALL {
            let note = notes.get(point.code()).map(|n| n.trim().to_string()).unwrap_or_default();
            if note.chars().count() > MAX_REVIEW_TEXT {
                return Err(ReviewError::NoteTooLong { point });
            }
            let meets = match findings.get(point.code()).map(|f| f.trim()) {
                None | Some("") => continue,
                Some("meets") => true,
                Some("does_not_meet") => false,
                Some(_) => return Err(ReviewError::UnknownFinding { point }),
            };
            review.findings.insert(point, PointFinding { meets, note });
        }
        Ok(review)
    }

    /// Whether the commune may forward the dossier on this review.
    pub fn ready_to_forward(&self) -> Result<(), ReviewError> {
        let missing: Vec<CommunePoint> =
            CommunePoint::ALL.into_iter().filter(|p| !self.findings.contains_key(p)).collect();
        if !missing.is_empty() {
            return Err(ReviewError::PointsMissing(missing));
        }
        if !self.documents_complete {
            return Err(ReviewError::DocumentsIncomplete);
        }
        Ok(())
    }
}

/// The reasons for returning a dossier, trimmed; refused when too short to act on.
pub fn return_reason(text: &str) -> Result<String, ReviewError> {
    let text = text.trim();
    match text.chars().count() {
        n if n < MIN_RETURN_REASON => Err(ReviewError::ReasonMissing),
        n if n > MAX_REVIEW_TEXT => Err(ReviewError::ReasonTooLong),
        _ => Ok(text.to_string()),
    }
}

coded_enum! {
    /// What the province's people record on a dossier while they review it.
    pub enum NoteKind {
        /// The advisory team's opinion.
        AdvisoryNote,
        /// What a site visit found.
        SiteVisit,
        /// Extra laboratory tests asked of the producer (who is told).
        LabRequest,
    }
}

impl NoteKind {
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::AdvisoryNote => "Ý kiến tổ tư vấn",
            Self::SiteVisit => "Biên bản thẩm định thực tế",
            Self::LabRequest => "Yêu cầu kiểm nghiệm bổ sung",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("NoteKind", self.label_vi())
    }

    /// Whether the producer is told (they must act on it).
    pub fn tells_producer(self) -> bool {
        self == Self::LabRequest
    }
}

/// A note's text: required, trimmed, bounded.
pub fn note_text(text: &str) -> Result<String, ReviewError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(ReviewError::NoteMissing),
        n if n > MAX_REVIEW_TEXT => Err(ReviewError::ReasonTooLong),
        _ => Ok(text.to_string()),
    }
}

/// An optional comment on a step, trimmed; `None` when empty.
pub fn step_comment(text: &str) -> Result<Option<String>, ReviewError> {
    let text = text.trim();
    if text.chars().count() > MAX_REVIEW_TEXT {
        return Err(ReviewError::ReasonTooLong);
    }
    Ok(Some(text.to_string()).filter(|t| !t.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn posts_need_the_place_their_role_works_at() {
        use Role::*;
        type Place<'a> = (Option<&'a str>, Option<&'a str>);
        type Case<'a> = (Role, Option<&'a str>, Option<&'a str>, Result<Place<'a>, StaffPostError>);
        let cases: &[Case] = &[
            (CommuneOfficer, Some("48"), Some("20194"), Ok((Some("48"), Some("20194")))),
            (CommuneOfficer, Some("48"), None, Err(StaffPostError::NeedsCommune)),
            (CommuneOfficer, Some("48"), Some("  "), Err(StaffPostError::NeedsCommune)),
            (CommuneOfficer, None, Some("20194"), Err(StaffPostError::NeedsProvince)),
            (ProvinceOfficer, Some("48"), None, Ok((Some("48"), None))),
            (ProvinceOfficer, Some("48"), Some("20194"), Ok((Some("48"), None))),
            (ProvinceOfficer, None, None, Err(StaffPostError::NeedsProvince)),
            // Council posts without a province sit on the central council.
            (CouncilChair, None, None, Ok((None, None))),
            (AdvisoryMember, Some("01"), None, Ok((Some("01"), None))),
            (CouncilMember, Some(""), None, Ok((None, None))),
            (CouncilMember, Some("01"), Some("00004"), Ok((Some("01"), None))),
            (NationalOfficer, None, None, Ok((None, None))),
            (NationalOfficer, Some("48"), None, Err(StaffPostError::NoPlaceExpected)),
            (Administrator, Some(""), Some(""), Ok((None, None))),
            (Administrator, None, Some("20194"), Err(StaffPostError::NoPlaceExpected)),
            (Producer, Some("48"), Some("20194"), Err(StaffPostError::NotStaff)),
        ];
        for (role, province, commune, expected) in cases {
            let post = StaffPost::new(*role, *province, *commune);
            let got = post.as_ref().map(|p| (p.province_code(), p.commune_code())).map_err(|e| *e);
            assert_eq!(got, *expected, "{role:?} {province:?} {commune:?}");
        }
    }

    #[test]
    fn each_post_reaches_the_dossiers_of_its_place() {
        use Role::*;
        let here = DossierPlace { province_code: "48", commune_code: "20194" };
        let next_door = DossierPlace { province_code: "48", commune_code: "20200" };
        let elsewhere = DossierPlace { province_code: "01", commune_code: "00004" };
        let post =
            |role, province: Option<&str>, commune: Option<&str>| StaffPost::new(role, province, commune).unwrap();
        let cases = [
            (post(CommuneOfficer, Some("48"), Some("20194")), [true, false, false]),
            (post(ProvinceOfficer, Some("48"), None), [true, true, false]),
            (post(AdvisoryMember, Some("48"), None), [true, true, false]),
            (post(CouncilMember, Some("48"), None), [true, true, false]),
            (post(CouncilChair, Some("01"), None), [false, false, true]),
            // The central council: every province's, within the seats the adapter checks.
            (post(CouncilMember, None, None), [true, true, true]),
            (post(NationalOfficer, None, None), [true, true, true]),
            (post(Administrator, None, None), [false, false, false]),
        ];
        for (post, expected) in cases {
            let got = [&here, &next_door, &elsewhere].map(|place| post.reaches(place));
            assert_eq!(got, expected, "{post:?}");
        }
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cases = [
            // (day, working?)
            ("2026-11-23", true),  // Monday
            ("2026-11-28", false), // Saturday
            ("2026-11-29", false), // Sunday
            ("2026-01-01", false), // New Year
            ("2026-01-02", true),
            ("2026-02-17", false), // Tết
            ("2026-02-23", true),
            ("2026-04-27", false), // Hùng Kings made up
            ("2026-04-30", false),
            ("2026-05-01", false),
            ("2026-09-02", false),
            ("2027-05-01", false), // a Saturday anyway
            ("2027-05-03", false), // 1 May 2027, a Saturday, made up on Monday
            ("2027-05-04", true),
            ("2022-05-02", false), // 30 Apr and 1 May 2022 on a weekend: two days made up
            ("2022-05-03", false),
            ("2022-05-04", true),
            ("2029-09-03", false), // 2 Sep 2029, a Sunday
        ];
        for (day, expected) in cases {
            assert_eq!(is_working_day(date(day)), expected, "{day}");
        }
    }

    #[test]
    fn commune_deadline_counts_fifteen_working_days_after_receipt() {
        let cases = [
            // (received, deadline)
            ("2026-11-24", "2026-12-15"), // Tuesday: three weeks later
            ("2026-11-27", "2026-12-18"), // Friday
            ("2026-11-28", "2026-12-18"), // Saturday: the count starts on Monday
            ("2026-04-20", "2026-05-14"), // across Hùng Kings, 30 Apr and 1 May
            ("2026-02-10", "2026-03-10"), // across Tết
            ("2026-12-24", "2027-01-15"), // across New Year
        ];
        for (received, deadline) in cases {
            assert_eq!(working_days_after(date(received), COMMUNE_REVIEW_WORKING_DAYS), date(deadline), "{received}");
        }
    }

    #[test]
    fn the_announced_days_off_are_weekdays_and_hold_tet() {
        for &(year, month, day) in ANNOUNCED_DAYS_OFF {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
            assert!(ANNOUNCED_YEARS.contains(&year) && !is_weekend(date), "{date}: a weekday of an announced year");
        }
        for year in ANNOUNCED_YEARS {
            let tet = ANNOUNCED_DAYS_OFF.iter().filter(|(y, month, _)| *y == year && *month <= 2).count();
            assert!(tet >= 5, "{year}: Tết's five days off are announced");
        }
    }

    #[test]
    fn a_period_across_an_unannounced_year_is_named() {
        let date = |text: &str| text.parse::<NaiveDate>().unwrap();
        let cases = [
            // (from, to, the first year without its announced days off)
            ("2026-11-24", "2026-12-15", None),
            ("2026-12-20", "2027-01-12", Some(2027)),
            ("2027-03-01", "2027-03-19", Some(2027)),
            ("2024-12-20", "2025-01-10", Some(2024)),
            ("2025-12-20", "2026-01-12", None),
        ];
        for (from, to, year) in cases {
            assert_eq!(unannounced_year_between(date(from), date(to)), year, "{from} to {to}");
        }
    }

    #[test]
    fn each_step_has_the_deadline_the_law_gives_it() {
        use DossierKind::{FirstRating, ReRating, Upgrade};
        use DossierState::*;
        let cases = [
            // (kind, state, filed, at the province, referred, last day)
            (FirstRating, CommuneReview, "2026-11-24", "", "", Some("2026-12-15")),
            (ReRating, CommuneReview, "2026-11-24", "", "", Some("2026-12-15")),
            (ReRating, ProvinceReview, "2026-11-24", "2026-12-01", "", Some("2027-01-08")),
            (ReRating, CouncilScoring, "2026-12-20", "2026-12-28", "", Some("2027-02-03")),
            (ReRating, Decision, "2026-11-24", "2026-12-01", "", Some("2027-01-08")),
            (ReRating, NationalReferral, "2026-11-24", "2026-12-01", "2026-12-30", Some("2027-01-08")),
            (ReRating, ReturnedFromNational, "2026-11-24", "2026-12-01", "2026-12-30", Some("2027-01-08")),
            (ReRating, Certified, "2026-11-24", "2026-12-01", "", None),
            // A first rating or an upgrade waits for its term's round (Art. 5).
            (FirstRating, ProvinceReview, "2026-11-24", "2026-12-01", "", Some("2027-06-30")),
            (Upgrade, CouncilScoring, "2027-04-01", "2027-04-30", "", Some("2027-06-30")),
            (FirstRating, ProvinceReview, "2027-04-01", "2027-05-02", "", Some("2027-12-30")),
            (FirstRating, NationalReferral, "2027-01-05", "2027-02-01", "2027-07-30", Some("2027-09-30")),
            (FirstRating, NationalScoring, "2027-01-05", "2027-02-01", "2027-08-01", Some("2028-03-30")),
            // Scored: the decision has no limit of its own.
            (FirstRating, Decision, "2026-11-24", "2026-12-01", "", None),
            (FirstRating, NationalDecision, "2026-11-24", "2026-12-01", "2026-12-30", None),
            // A dossier whose arrival is not known has no term to miss.
            (FirstRating, ProvinceReview, "2026-11-24", "", "", None),
        ];
        let known = |text: &str| (!text.is_empty()).then(|| date(text));
        for (kind, state, filed, province, referred, due) in cases {
            let dates = StepDates { filed: known(filed), reached_province: known(province), referred: known(referred) };
            assert_eq!(step_deadline(kind, state, dates), due.map(date), "{kind:?} {state:?} {filed}");
        }
    }

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_review_is_read_from_its_form_fields() {
        let review = CommuneReview::parse(
            &fields(&[("product_origin", "meets"), ("local_labour", "does_not_meet"), ("idea_origin", ""), ("x", "y")]),
            &fields(&[("product_origin", "  Nguyên liệu tại xã  "), ("idea_origin", "chưa rõ")]),
            false,
        )
        .unwrap();
        assert_eq!(review.findings.len(), 2);
        assert_eq!(
            review.findings[&CommunePoint::ProductOrigin],
            PointFinding { meets: true, note: "Nguyên liệu tại xã".into() }
        );
        assert!(!review.findings[&CommunePoint::LocalLabour].meets);
        assert_eq!(
            review.ready_to_forward(),
            Err(ReviewError::PointsMissing(vec![CommunePoint::IdeaOrigin, CommunePoint::LocalIdentity]))
        );

        let bad = CommuneReview::parse(&fields(&[("local_identity", "maybe")]), &BTreeMap::new(), true);
        assert_eq!(bad, Err(ReviewError::UnknownFinding { point: CommunePoint::LocalIdentity }));
        let long = "x".repeat(MAX_REVIEW_TEXT + 1);
        let bad = CommuneReview::parse(&BTreeMap::new(), &fields(&[("local_labour", &long)]), true);
        assert_eq!(bad, Err(ReviewError::NoteTooLong { point: CommunePoint::LocalLabour }));
    }

    #[test]
    fn forwarding_needs_every_point_and_complete_documents() {
        let all = |complete| {
            let findings: BTreeMap<String, String> =
                CommunePoint::ALL.iter().map(|p| (p.code().to_string(), "meets".to_string())).collect();
            CommuneReview::parse(&findings, &BTreeMap::new(), complete).unwrap()
        };
        assert_eq!(all(true).ready_to_forward(), Ok(()));
        assert_eq!(all(false).ready_to_forward(), Err(ReviewError::DocumentsIncomplete));
        assert_eq!(
            CommuneReview::default().ready_to_forward(),
            Err(ReviewError::PointsMissing(CommunePoint::ALL.to_vec()))
        );
    }

    #[test]
    fn returning_needs_reasons_the_producer_can_act_on() {
        let long = "x".repeat(MAX_REVIEW_TEXT + 1);
        let cases: &[(&str, Result<&str, ReviewError>)] = &[
            ("", Err(ReviewError::ReasonMissing)),
            ("   thiếu   ", Err(ReviewError::ReasonMissing)),
            ("  Thiếu phiếu kiểm nghiệm  ", Ok("Thiếu phiếu kiểm nghiệm")),
            (&long, Err(ReviewError::ReasonTooLong)),
        ];
        for (text, expected) in cases {
            assert_eq!(return_reason(text).as_deref().map_err(Clone::clone), expected.clone(), "{text:?}");
        }
        assert_eq!(step_comment("  "), Ok(None));
        assert_eq!(note_text("  "), Err(ReviewError::NoteMissing));
        assert_eq!(note_text(" Kiểm nghiệm kim loại nặng "), Ok("Kiểm nghiệm kim loại nặng".into()));
        assert!(NoteKind::ALL.iter().all(|k| NoteKind::from_code(k.code()) == Some(*k)));
        assert_eq!(NoteKind::ALL.map(NoteKind::tells_producer), [false, false, true]);
        assert_eq!(step_comment(" ok "), Ok(Some("ok".into())));
    }

    #[test]
    fn each_refusal_is_said_in_english_too() {
        use StaffPostError::*;
        for err in [NotStaff, NeedsCommune, NeedsProvince, NoPlaceExpected] {
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && english != vietnamese, "{err:?}: {english}");
        }
        let point = CommunePoint::LocalLabour;
        let reviews = [
            ReviewError::UnknownFinding { point },
            ReviewError::NoteTooLong { point },
            ReviewError::PointsMissing(vec![point]),
            ReviewError::DocumentsIncomplete,
            ReviewError::ReasonMissing,
            ReviewError::ReasonTooLong,
            ReviewError::NoteMissing,
        ];
        for err in &reviews {
            let (english, vietnamese) = (err.message(Language::En), err.message(Language::Vi));
            assert!(english.ends_with('.') && english != vietnamese, "{err:?}: {english}");
        }
        // Counted in English; the points named in the reader's language.
        let missing = |points: &[CommunePoint]| ReviewError::PointsMissing(points.to_vec()).message(Language::En);
        assert_eq!(
            missing(&[point]),
            format!("Not forwarded to the province: 1 point is not assessed yet ({}).", point.label(Language::En))
        );
        assert!(missing(&CommunePoint::ALL).contains(" points are not assessed yet ("));
    }
}

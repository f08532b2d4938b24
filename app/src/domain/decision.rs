//! The decision that ends a dossier: recognition with a certificate, referral to the national
//! council, and the revocation of a certificate later.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::certificate::RevocationGround;
use super::council::CouncilResult;
use super::dossier::{DossierState, Role};
use super::producer::{FieldError, Refusals};
use super::scoring::Stars;
use crate::language::{Language, Said};

/// A decision as recorded: its number (as printed, e.g. "1234/QĐ-UBND") and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub number: String,
    pub date: NaiveDate,
}

/// Who revokes a certificate: the authority that issued it (Decision 26/2026/QĐ-TTg). The
/// province's People's Committee recognises three and four stars, and its officer here revokes
/// them; the Ministry of Agriculture and Environment recognises five, and revokes them through
/// the national officer.
pub fn revoked_by(stars: u8) -> Role {
    if stars >= 5 {
        Role::NationalOfficer
    } else {
        Role::ProvinceOfficer
    }
}

/// A certificate's revocation: one of the six grounds, the decision and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub ground: RevocationGround,
    pub decision: Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionError {
    NumberMissing,
    NumberTooLong,
    BadDate,
    /// A decision cannot be dated after today.
    InFuture,
    GroundMissing,
    /// The council has not closed scoring with a result.
    NoResult,
    /// Below three stars: the decision can only refuse recognition.
    NotCertifiable,
    /// Rated five stars after the caps: the central council rates it; the province refers it.
    MustReferToNational,
    /// Below five stars after the caps: the province decides itself.
    NotForNational,
    /// The certificate is already revoked.
    AlreadyRevoked,
    /// The certificate is another authority's to revoke (the ministry's, for five stars).
    NotTheIssuer,
}

impl DecisionError {
    /// Every refusal, for the catalogue's test.
    pub const ALL: [DecisionError; 11] = [
        Self::NumberMissing,
        Self::NumberTooLong,
        Self::BadDate,
        Self::InFuture,
        Self::GroundMissing,
        Self::NoResult,
        Self::NotCertifiable,
        Self::MustReferToNational,
        Self::NotForNational,
        Self::AlreadyRevoked,
        Self::NotTheIssuer,
    ];
    pub fn field(self) -> &'static str {
        match self {
            Self::NumberMissing | Self::NumberTooLong => "decision_number",
            Self::BadDate | Self::InFuture => "decision_date",
            Self::GroundMissing => "ground",
            _ => "action",
        }
    }

    pub fn message_vi(self) -> &'static str {
        match self {
            Self::NumberMissing => "Hãy nhập số quyết định, ví dụ: 1234/QĐ-UBND.",
            Self::NumberTooLong => "Số quyết định dài quá 100 ký tự.",
            Self::BadDate => "Ngày quyết định chưa đúng; hãy chọn ngày trong lịch.",
            Self::InFuture => "Ngày quyết định không thể sau hôm nay.",
            Self::GroundMissing => "Hãy chọn căn cứ thu hồi.",
            Self::NoResult => "Hội đồng chưa có kết quả chấm điểm cho hồ sơ này.",
            Self::NotCertifiable => "Kết quả dưới 3 sao: chỉ có thể quyết định không công nhận.",
            Self::MustReferToNational => {
                "Sản phẩm được xếp 5 sao: cần chuyển Hội đồng cấp Trung ương đánh giá, tỉnh không tự công nhận."
            }
            Self::NotForNational => {
                "Chỉ sản phẩm được xếp 5 sao (từ 90 điểm và đạt mọi yêu cầu tối thiểu của 5 sao) mới chuyển Hội đồng cấp Trung ương."
            }
            Self::AlreadyRevoked => "Giấy chứng nhận này đã bị thu hồi.",
            Self::NotTheIssuer => {
                "Giấy chứng nhận 5 sao do Bộ Nông nghiệp và Môi trường cấp: chỉ cán bộ OCOP Trung ương thu hồi được, từ bản ghi sản phẩm."
            }
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn message(self, language: Language) -> &'static str {
        language.tr_in("DecisionError", self.message_vi())
    }
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(Language::En))
    }
}

impl std::error::Error for DecisionError {}

impl From<DecisionError> for FieldError {
    fn from(err: DecisionError) -> Self {
        FieldError::new(err.field(), Said::new(|language| err.message(language).to_string()))
    }
}

/// A decision's number as printed, its spaces made single.
fn decision_number(number: &str) -> Result<String, DecisionError> {
    let number = number.split_whitespace().collect::<Vec<_>>().join(" ");
    if number.is_empty() {
        return Err(DecisionError::NumberMissing);
    }
    if number.chars().count() > 100 {
        return Err(DecisionError::NumberTooLong);
    }
    Ok(number)
}

/// A day from a date input (`YYYY-MM-DD`), not after today.
fn past_day(date: &str, today: NaiveDate) -> Result<NaiveDate, DecisionError> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| DecisionError::BadDate)?;
    if date > today {
        return Err(DecisionError::InFuture);
    }
    Ok(date)
}

fn ground(code: &str) -> Result<RevocationGround, DecisionError> {
    RevocationGround::from_code(code.trim()).ok_or(DecisionError::GroundMissing)
}

impl Decision {
    /// A decision from its form: the number as printed and the date as `YYYY-MM-DD`; every
    /// refusal at once.
    pub fn parse(number: &str, date: &str, today: NaiveDate) -> Result<Self, Vec<DecisionError>> {
        let mut refusals = Refusals::default();
        let number = refusals.check(decision_number(number));
        let date = refusals.check(past_day(date, today));
        refusals.outcome(number.zip(date).map(|(number, date)| Decision { number, date }))
    }
}

impl Revocation {
    /// A revocation from its form, in the form's order: the ground, the number, the date.
    pub fn parse(ground_code: &str, number: &str, date: &str, today: NaiveDate) -> Result<Self, Vec<DecisionError>> {
        let mut refusals = Refusals::default();
        let ground = refusals.check(ground(ground_code));
        let number = refusals.check(decision_number(number));
        let date = refusals.check(past_day(date, today));
        let made = || Some(Revocation { ground: ground?, decision: Decision { number: number?, date: date? } });
        refusals.outcome(made())
    }
}

/// Art. 8 of Decision 26/2026/QĐ-TTg: a certificate is revoked within this many days of the
/// finding that grounds it.
pub const REVOCATION_DAYS: u64 = 15;

/// What an inspection, a report or another authority found that grounds a revocation: the
/// ground and the day it was found, which starts the 15 days the law gives for the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationFinding {
    pub ground: RevocationGround,
    pub found_on: NaiveDate,
}

impl RevocationFinding {
    /// A finding from its form: a ground's code and the day, `YYYY-MM-DD`, not after today.
    pub fn parse(ground_code: &str, found_on: &str, today: NaiveDate) -> Result<Self, Vec<DecisionError>> {
        let mut refusals = Refusals::default();
        let ground = refusals.check(ground(ground_code));
        let found_on = refusals.check(past_day(found_on, today));
        refusals.outcome(ground.zip(found_on).map(|(ground, found_on)| RevocationFinding { ground, found_on }))
    }

    /// The last day for the revocation decision: 15 days counted from the day after the
    /// finding (Civil Code 2015, art. 147(1)).
    pub fn decide_by(self) -> NaiveDate {
        self.found_on.checked_add_days(chrono::Days::new(REVOCATION_DAYS)).unwrap_or(NaiveDate::MAX)
    }

    /// Whether the day for the decision has passed on `today`.
    pub fn overdue_on(self, today: NaiveDate) -> bool {
        today > self.decide_by()
    }

    /// What the record says while the decision is awaited, in `language`; `overdue` when its
    /// day has passed.
    pub fn said(self, language: Language, overdue: bool) -> String {
        let said = language.tr_with(
            "Phát hiện ngày {on} ({ground}): quyết định thu hồi phải ban hành chậm nhất ngày {by} (15 ngày, Điều 8 Quyết định 26/2026/QĐ-TTg).",
            &[
                ("on", &self.found_on.format("%d/%m/%Y")),
                ("ground", &self.ground.label(language)),
                ("by", &self.decide_by().format("%d/%m/%Y")),
            ],
        );
        if overdue {
            format!("{said} {}", language.tr("Đã quá hạn."))
        } else {
            said
        }
    }
}

/// The stars a certificate may carry when decided at `state` on the council's result: the
/// province certifies 3★ and 4★; a rating of 5★ after the caps goes to the central council,
/// whose result the ministry certifies (5★) or the province (3★, 4★, when it came back lower).
pub fn certifiable_stars(state: DossierState, result: Option<&CouncilResult>) -> Result<Stars, DecisionError> {
    let result = result.ok_or(DecisionError::NoResult)?;
    if !result.certifiable {
        return Err(DecisionError::NotCertifiable);
    }
    if state == DossierState::Decision && result.referred_to_national {
        return Err(DecisionError::MustReferToNational);
    }
    Ok(result.stars)
}

/// Whether the province may refer the dossier to the central council: only when its council
/// rated it five stars after the minimum requirements' caps (a dossier of 90 points capped
/// lower is the province's to decide).
pub fn may_refer(result: Option<&CouncilResult>) -> Result<(), DecisionError> {
    match result {
        None => Err(DecisionError::NoResult),
        Some(result) if result.referred_to_national => Ok(()),
        Some(_) => Err(DecisionError::NotForNational),
    }
}

/// Where a dossier goes once the central council closes its scoring: five stars after the caps
/// is the ministry's to certify; anything less goes back to the province, which may certify
/// three or four stars on the central scores, or decline (Decision 26/2026/QĐ-TTg).
pub fn after_central_scoring(result: &CouncilResult) -> DossierState {
    if result.stars == Stars::FIVE {
        DossierState::NationalDecision
    } else {
        DossierState::ReturnedFromNational
    }
}

/// Who issues a certificate: a province's People's Committee (three and four stars), or the
/// Ministry of Agriculture and Environment (five).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issuer<'a> {
    Province(&'a str),
    Ministry,
}

impl<'a> Issuer<'a> {
    /// The issuer as a certificate number ends: the province's code, or the ministry's letters.
    pub fn code(self) -> &'a str {
        match self {
            Issuer::Province(code) => code,
            Issuer::Ministry => "BNNMT",
        }
    }
}

/// A certificate number: the issuer's sequence for the year, the year and who issued it.
pub fn certificate_number(issuer: Issuer<'_>, year: i32, sequence: u32) -> String {
    format!("{sequence:04}/{year}/GCN-OCOP-{}", issuer.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decisionerror_is_in_all() {
        // No wildcard: a new variant fails to compile here until ALL lists it too.
        let listed = |value: DecisionError| match value {
            DecisionError::NumberMissing
            | DecisionError::NumberTooLong
            | DecisionError::BadDate
            | DecisionError::InFuture
            | DecisionError::GroundMissing
            | DecisionError::NoResult
            | DecisionError::NotCertifiable
            | DecisionError::MustReferToNational
            | DecisionError::NotForNational
            | DecisionError::AlreadyRevoked
            | DecisionError::NotTheIssuer => DecisionError::ALL.contains(&value),
        };
        assert!(DecisionError::ALL.into_iter().all(listed));
        assert_eq!(DecisionError::ALL.len(), 11);
    }

    /// Art. 8: a finding starts 15 days for the revocation decision; it is refused without a
    /// ground, or dated after today.
    #[test]
    fn a_finding_gives_fifteen_days_for_the_revocation() {
        let today: NaiveDate = "2026-12-05".parse().unwrap();
        let cases = [
            // (ground, found on, decide by, or the refusal)
            ("forged_dossier", "2026-12-01", Ok("2026-12-16")),
            ("misuse_of_mark", "2026-12-05", Ok("2026-12-20")),
            ("no_longer_meets_criteria", "2026-11-30", Ok("2026-12-15")),
            ("", "2026-12-01", Err(vec![DecisionError::GroundMissing])),
            ("forged_dossier", "2026-12-06", Err(vec![DecisionError::InFuture])),
            ("forged_dossier", "01/12/2026", Err(vec![DecisionError::BadDate])),
            ("", "", Err(vec![DecisionError::GroundMissing, DecisionError::BadDate])),
        ];
        for (ground, found_on, expected) in cases {
            let got = RevocationFinding::parse(ground, found_on, today).map(|f| f.decide_by().to_string());
            assert_eq!(got, expected.map(String::from), "{ground:?} {found_on}");
        }
        let finding = RevocationFinding::parse("forged_dossier", "2026-12-01", today).unwrap();
        assert!(!finding.overdue_on("2026-12-16".parse().unwrap()));
        assert!(finding.overdue_on("2026-12-17".parse().unwrap()));
        assert!(!finding.said(Language::Vi, false).contains("quá hạn"));
        assert!(finding.said(Language::Vi, true).ends_with("Đã quá hạn."));
        assert!(finding.said(Language::En, true).starts_with("Found on 01/12/2026 (Forged dossier)"));
    }

    #[test]
    fn a_certificate_is_revoked_by_the_authority_that_issued_it() {
        for (stars, by) in [(3, Role::ProvinceOfficer), (4, Role::ProvinceOfficer), (5, Role::NationalOfficer)] {
            assert_eq!(revoked_by(stars), by, "{stars} stars");
        }
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_decision_needs_a_number_and_a_past_date() {
        let today = date("2026-11-25");
        use DecisionError::*;
        type Case<'a> = (&'a str, &'a str, Result<(&'a str, &'a str), Vec<DecisionError>>);
        let cases: &[Case] = &[
            (" 1234/QĐ-UBND ", "2026-11-20", Ok(("1234/QĐ-UBND", "2026-11-20"))),
            ("12  /QĐ", "2026-11-25", Ok(("12 /QĐ", "2026-11-25"))),
            ("", "2026-11-20", Err(vec![NumberMissing])),
            ("1/QĐ", "20/11/2026", Err(vec![BadDate])),
            ("1/QĐ", "2026-11-26", Err(vec![InFuture])),
            // Every refusal at once, in the form's order.
            ("  ", "2026-11-26", Err(vec![NumberMissing, InFuture])),
        ];
        for (number, day, expected) in cases {
            let expected = expected.clone().map(|(n, d)| Decision { number: n.into(), date: date(d) });
            assert_eq!(Decision::parse(number, day, today), expected, "{number:?} {day}");
        }
        assert_eq!(Decision::parse(&"9".repeat(101), "2026-11-20", today), Err(vec![NumberTooLong]));
        assert_eq!(Revocation::parse("", "1/QĐ", "2026-11-20", today), Err(vec![GroundMissing]));
        assert_eq!(Revocation::parse("", "", "", today), Err(vec![GroundMissing, NumberMissing, BadDate]));
        // Each refusal is a sentence in both languages, never a name from the code.
        for err in [NumberMissing, NumberTooLong, BadDate, InFuture, GroundMissing, NoResult, NotTheIssuer] {
            let said = FieldError::from(err).message;
            let english = said.in_language(Language::En);
            assert!(english.ends_with('.') && !english.contains(&format!("{err:?}")), "{err:?}");
            assert_ne!(said.in_language(Language::Vi), english);
        }
        let revoked = Revocation::parse("misuse_of_mark", "7/QĐ-UBND", "2026-11-20", today).unwrap();
        assert_eq!(revoked.ground, RevocationGround::MisuseOfMark);
    }

    fn result(average: u32, stars: Stars) -> CouncilResult {
        CouncilResult {
            members_present: 3,
            quorum_met: true,
            average_hundredths: average * 100,
            band: stars,
            stars,
            far_apart: Vec::new(),
            capped_by: Vec::new(),
            outliers: Vec::new(),
            referred_to_national: stars == Stars::FIVE,
            certifiable: stars.is_certifiable(),
            part_averages: Vec::new(),
        }
    }

    #[test]
    fn the_province_certifies_three_and_four_stars_and_refers_ninety_and_above() {
        use DossierState::*;
        let cases = [
            (Decision, Some(result(75, Stars::FOUR)), Ok(Stars::FOUR), Err(DecisionError::NotForNational)),
            (Decision, Some(result(55, Stars::THREE)), Ok(Stars::THREE), Err(DecisionError::NotForNational)),
            (
                Decision,
                Some(result(40, Stars::TWO)),
                Err(DecisionError::NotCertifiable),
                Err(DecisionError::NotForNational),
            ),
            (Decision, Some(result(92, Stars::FIVE)), Err(DecisionError::MustReferToNational), Ok(())),
            // The ministry certifies on the central result; the province on a lower one.
            (NationalDecision, Some(result(93, Stars::FIVE)), Ok(Stars::FIVE), Ok(())),
            (ReturnedFromNational, Some(result(87, Stars::FOUR)), Ok(Stars::FOUR), Err(DecisionError::NotForNational)),
            (
                ReturnedFromNational,
                Some(result(45, Stars::TWO)),
                Err(DecisionError::NotCertifiable),
                Err(DecisionError::NotForNational),
            ),
            (Decision, None, Err(DecisionError::NoResult), Err(DecisionError::NoResult)),
        ];
        for (state, result, certify, refer) in cases {
            assert_eq!(certifiable_stars(state, result.as_ref()), certify, "{state:?} {result:?}");
            assert_eq!(may_refer(result.as_ref()), refer, "{result:?}");
        }
    }

    #[test]
    fn the_central_result_goes_to_the_ministry_only_at_five_stars() {
        let capped = CouncilResult { band: Stars::FIVE, ..result(94, Stars::FOUR) };
        let cases = [
            (result(93, Stars::FIVE), DossierState::NationalDecision),
            (result(90, Stars::FIVE), DossierState::NationalDecision),
            (result(87, Stars::FOUR), DossierState::ReturnedFromNational),
            // 94 points, but a member found a 5★ minimum unmet: back to the province at 4★.
            (capped, DossierState::ReturnedFromNational),
            (result(60, Stars::THREE), DossierState::ReturnedFromNational),
            (result(40, Stars::TWO), DossierState::ReturnedFromNational),
        ];
        for (result, expected) in cases {
            assert_eq!(after_central_scoring(&result), expected, "{result:?}");
        }
    }

    #[test]
    fn certificate_numbers_say_who_issued_them() {
        assert_eq!(certificate_number(Issuer::Province("48"), 2026, 7), "0007/2026/GCN-OCOP-48");
        assert_eq!(certificate_number(Issuer::Province("01"), 2027, 1234), "1234/2027/GCN-OCOP-01");
        assert_eq!(certificate_number(Issuer::Ministry, 2026, 3), "0003/2026/GCN-OCOP-BNNMT");
    }
}

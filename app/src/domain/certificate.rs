//! Certificates: 36 months of validity from the decision date, the status a buyer sees, the
//! re-rating window (180 to 120 days before expiry) and the grounds for revocation.
//!
//! There is no clock here: "today" is always a parameter, so the same certificate gets the same
//! status in the browser, on the server and in tests.

use std::fmt;
use std::str::FromStr;

use super::coded::coded_enum;
use crate::language::Language;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A certificate is valid for this many calendar months from its decision date.
pub const VALIDITY_MONTHS: u32 = 36;
/// A certificate whose last valid day is at most this many days away is shown as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 180;
/// A re-rating dossier may be filed from this many days before the last valid day...
pub const RERATING_OPENS_DAYS_BEFORE: i64 = 180;
/// ... until this many days before it (inclusive), so the council can sit before it lapses.
pub const RERATING_CLOSES_DAYS_BEFORE: i64 = 120;
/// Art. 12.3 of Decision 26/2026: a certificate whose holder filed re-rating in time stays in
/// force until the decision, at most this many days past its last valid day.
pub const PENDING_RERATING_MAX_DAYS: i64 = 180;

/// The last day on which a certificate is valid: the one date every page, list, download and
/// message gives as "hiệu lực đến" (valid until), and from which status, the re-rating window
/// and the reminders are counted. Distinct from the first day it is no longer valid
/// ([`ValidUntil::first_day_out_of_force`]), which is never shown.
///
/// Which day the law means: Decision 26/2026/QĐ-TTg gives a certificate 36 months "kể từ ngày
/// ký" (from the signing date). The Civil Code 2015 counts such periods: art. 147(1), the day
/// of signing is not counted, the period starts the next day; art. 148(1)(c), a period in months
/// ends at the end of the corresponding day of its last month. So a certificate signed on
/// 05/12/2026 is valid through the end of 05/12/2029 and no longer from 06/12/2029; when the
/// last month lacks the day (29 February), the month's last day.
///
/// Stored as the `expires_on` column of `products` (and of `rerating_reminders`), which has
/// always held decision date + 36 months, and imported lists' "ngày hết hạn"/"thời hạn đến", as
/// people read it: both are this day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema), schema(value_type = String, format = Date))]
#[serde(transparent)]
pub struct ValidUntil(NaiveDate);

/// Read by hand rather than by chrono's parser, which would otherwise join the catalog's first
/// load in the browser (every card carries this day): an ISO day is three numbers.
impl<'de> Deserialize<'de> for ValidUntil {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let iso = String::deserialize(deserializer)?;
        iso_day(&iso).map(ValidUntil).ok_or_else(|| serde::de::Error::custom(format!("not a day: {iso:?}")))
    }
}

/// `2029-12-05` as a day.
fn iso_day(iso: &str) -> Option<NaiveDate> {
    let mut parts = iso.splitn(3, '-');
    let mut number = || parts.next()?.parse::<u32>().ok();
    let (year, month, day) = (number()?, number()?, number()?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

impl ValidUntil {
    /// The last valid day of a certificate signed on `decision_date`: the same day 36 months on
    /// (Civil Code 2015 art. 147(1), 148(1)(c)), or that month's last day when it lacks the day.
    pub fn for_decision(decision_date: NaiveDate) -> Self {
        // Only fails within three years of the end of chrono's calendar (year 262142): saturate
        // rather than panic, as such a date can only be a typing error.
        ValidUntil(decision_date.checked_add_months(Months::new(VALIDITY_MONTHS)).unwrap_or(NaiveDate::MAX))
    }

    /// A last valid day as written down (an imported list, an officer's correction, the
    /// stored column).
    pub const fn new(last_valid_day: NaiveDate) -> Self {
        ValidUntil(last_valid_day)
    }

    /// The stored column or an ISO date (`2029-12-05`); `None` when empty or not a date.
    pub fn parse(iso: &str) -> Option<Self> {
        iso.trim().parse().ok()
    }

    /// The last day the certificate is valid.
    pub fn last_valid_day(self) -> NaiveDate {
        self.0
    }

    /// The first day the certificate is no longer valid: the day after the last valid day.
    pub fn first_day_out_of_force(self) -> NaiveDate {
        self.0.succ_opt().unwrap_or(NaiveDate::MAX)
    }

    /// Whether the certificate is still valid on `today` (revocation aside): on its last valid
    /// day it is.
    pub fn in_force_on(self, today: NaiveDate) -> bool {
        today <= self.0
    }

    /// Days from `today` to the last valid day: 0 on that day, negative after it.
    pub fn days_left(self, today: NaiveDate) -> i64 {
        (self.0 - today).num_days()
    }

    /// The status on `today`, perhaps revoked: the one rule every status comes from (the SQL of
    /// the catalog and the reports uses [`StatusBounds`], made from the same constants).
    pub fn status_on(self, revoked_on: Option<NaiveDate>, today: NaiveDate) -> CertificateStatus {
        // Revocation wins over expiry: a buyer should learn that the mark was withdrawn, not
        // merely that it lapsed. A revocation dated in the future is not in effect yet.
        if revoked_on.is_some_and(|revoked| revoked <= today) {
            CertificateStatus::Revoked
        } else if !self.in_force_on(today) {
            CertificateStatus::Expired
        } else if self.days_left(today) <= EXPIRING_WITHIN_DAYS {
            CertificateStatus::Expiring
        } else {
            CertificateStatus::Valid
        }
    }

    /// The status on `today` when a re-rating filed in time may keep the certificate in force
    /// past its last valid day, until `pending_until` ([`ValidUntil::kept_by_rerating_filed_on`]):
    /// in force then, and so "expiring", its force ending within 180 days.
    pub fn status_pending_rerating(
        self,
        pending_until: Option<ValidUntil>,
        revoked_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> CertificateStatus {
        match self.status_on(revoked_on, today) {
            CertificateStatus::Expired if pending_until.is_some_and(|until| until.in_force_on(today)) => {
                CertificateStatus::Expiring
            }
            status => status,
        }
    }

    /// The last day a re-rating dossier filed (sent to the commune) on `filed_on` keeps the
    /// certificate in force while its decision is pending (Art. 12.3): 180 days past the last
    /// valid day, when filed within the re-rating window; `None` when filed too early or late.
    pub fn kept_by_rerating_filed_on(self, filed_on: NaiveDate) -> Option<ValidUntil> {
        matches!(self.rerating_window_state(filed_on), WindowState::Open { .. })
            .then(|| ValidUntil(self.0 + Duration::days(PENDING_RERATING_MAX_DAYS)))
    }

    /// The day `pending_until` when it keeps the certificate in force on `today` past its last
    /// valid day: what the pages say as "valid pending re-rating until"; `None` otherwise.
    pub fn pending_rerating_on(self, pending_until: Option<ValidUntil>, today: NaiveDate) -> Option<ValidUntil> {
        pending_until.filter(|until| !self.in_force_on(today) && until.in_force_on(today))
    }

    /// The first and the last day (both inclusive) on which a re-rating dossier may be filed:
    /// 180 to 120 days before the last valid day.
    pub fn rerating_window(self) -> (NaiveDate, NaiveDate) {
        (self.0 - Duration::days(RERATING_OPENS_DAYS_BEFORE), self.0 - Duration::days(RERATING_CLOSES_DAYS_BEFORE))
    }

    /// Where `today` falls relative to the re-rating window.
    pub fn rerating_window_state(self, today: NaiveDate) -> WindowState {
        let (opens_on, closes_on) = self.rerating_window();
        if today < opens_on {
            WindowState::NotYetOpen { opens_on }
        } else if today <= closes_on {
            WindowState::Open { closes_on }
        } else {
            WindowState::Closed
        }
    }

    /// The re-rating reminder due on `today`, if any.
    pub fn rerating_reminder_due(self, today: NaiveDate) -> Option<ReratingReminder> {
        let days_left = self.days_left(today);
        if !(RERATING_CLOSES_DAYS_BEFORE..=RERATING_OPENS_DAYS_BEFORE).contains(&days_left) {
            None
        } else if days_left > LAST_REMINDER_DAYS_BEFORE {
            Some(ReratingReminder::WindowOpen)
        } else {
            Some(ReratingReminder::TwoWeeksLeft)
        }
    }

    /// The day as Vietnamese write it, `05/12/2029`, in both languages.
    pub fn vietnamese(self) -> String {
        // Not chrono's `format`, whose machinery would join the catalog's first load.
        format!("{:02}/{:02}/{}", self.0.day(), self.0.month(), self.0.year())
    }
}

/// ISO, `2029-12-05`: as stored, in the API and in the open-data files.
impl fmt::Display for ValidUntil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ValidUntil {
    type Err = chrono::ParseError;

    fn from_str(iso: &str) -> Result<Self, Self::Err> {
        iso.parse().map(ValidUntil)
    }
}

/// The last valid days that put a certificate in each status on a day, for SQL over the stored
/// column (revocation aside): in force when `last valid day >= in_force_from`, expiring when
/// also `<= expiring_through`, valid when `> expiring_through`, expired when `< in_force_from`.
/// Agrees with [`ValidUntil::status_on`] (a test holds them together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusBounds {
    /// Today: a certificate is in force on its last valid day.
    pub in_force_from: NaiveDate,
    /// Today + 180 days.
    pub expiring_through: NaiveDate,
}

impl StatusBounds {
    pub fn on(today: NaiveDate) -> Self {
        StatusBounds { in_force_from: today, expiring_through: today + Duration::days(EXPIRING_WITHIN_DAYS) }
    }
}

/// What a buyer or an officer is told about a certificate on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// In force, its last valid day more than 180 days away.
    Valid,
    /// Still in force, its last valid day at most 180 days away.
    Expiring,
    /// Past its last valid day.
    Expired,
    /// Withdrawn by a revocation decision.
    Revoked,
}

impl CertificateStatus {
    /// Every status, in the order above.
    pub const ALL: [CertificateStatus; 4] =
        [CertificateStatus::Valid, CertificateStatus::Expiring, CertificateStatus::Expired, CertificateStatus::Revoked];

    /// Whether the product may still carry the OCOP mark (valid or expiring).
    pub fn is_in_force(self) -> bool {
        matches!(self, CertificateStatus::Valid | CertificateStatus::Expiring)
    }

    /// The name in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "Còn hiệu lực",
            CertificateStatus::Expiring => "Sắp hết hạn",
            CertificateStatus::Expired => "Hết hạn",
            CertificateStatus::Revoked => "Đã thu hồi",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("CertificateStatus", self.label_vi())
    }
}

/// The status on `today` of a certificate decided on `decision_date` and perhaps revoked.
pub fn status(decision_date: NaiveDate, revoked_on: Option<NaiveDate>, today: NaiveDate) -> CertificateStatus {
    ValidUntil::for_decision(decision_date).status_on(revoked_on, today)
}

/// The status when only the year of recognition is known (many published lists give no date).
/// A certificate signed on any day of year Y is valid at the latest through 31 December of Y+3
/// (signed 31 December Y: [`ValidUntil::for_decision`]), so from 1 January of Y+4 it has
/// certainly expired; until then the status is unknown (`None`) and the caller must not guess
/// "valid".
pub fn status_from_year(
    recognized_year: i32,
    revoked_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<CertificateStatus> {
    if revoked_on.is_some_and(|revoked| revoked <= today) {
        Some(CertificateStatus::Revoked)
    } else if i64::from(today.year()) > i64::from(recognized_year) + 3 {
        Some(CertificateStatus::Expired)
    } else {
        None
    }
}

/// Where `today` falls relative to the re-rating window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum WindowState {
    /// Too early: the window opens on `opens_on`.
    NotYetOpen {
        /// The first day a re-rating may be filed.
        opens_on: NaiveDate,
    },
    /// A re-rating may be filed now.
    Open {
        /// The last day a re-rating may be filed.
        closes_on: NaiveDate,
    },
    /// Too late: fewer than 120 days remain before expiry.
    Closed,
}

/// The reminders a producer gets about re-rating: when the window opens, and when two weeks of
/// it are left (unless a re-rating dossier has been opened by then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ReratingReminder {
    WindowOpen,
    TwoWeeksLeft,
}

/// The last reminder goes out this many days before the last valid day: two weeks before the window closes.
pub const LAST_REMINDER_DAYS_BEFORE: i64 = RERATING_CLOSES_DAYS_BEFORE + 14;

impl ReratingReminder {
    /// The code stored for a reminder sent, so that each goes out once.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// A certificate as far as its dates go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The date of the recognition decision; validity runs from it.
    pub decision_date: NaiveDate,
    /// The date a revocation took effect, if any.
    #[serde(default)]
    pub revoked_on: Option<NaiveDate>,
}

impl Certificate {
    /// The last day the certificate is valid (unless revoked earlier).
    pub fn valid_until(&self) -> ValidUntil {
        ValidUntil::for_decision(self.decision_date)
    }

    /// The status on `today`.
    pub fn status(&self, today: NaiveDate) -> CertificateStatus {
        self.valid_until().status_on(self.revoked_on, today)
    }
}

coded_enum! {
    /// The six grounds on which a certificate is revoked.
    pub enum RevocationGround {
        /// Giả mạo hồ sơ: the dossier was forged.
        ForgedDossier,
        /// Không còn đáp ứng tiêu chí: the product no longer meets the criteria of its rating.
        NoLongerMeetsCriteria,
        /// Vi phạm pháp luật: the producer broke the law.
        LegalViolation,
        /// Sử dụng sai nhãn hiệu OCOP: the OCOP mark was misused.
        MisuseOfMark,
        /// Ngừng sản xuất: the product is no longer made.
        StoppedProduction,
        /// Kết luận của cơ quan có thẩm quyền: another competent authority concluded so.
        AuthorityConclusion,
    }
}

impl RevocationGround {
    /// The ground in Vietnamese, as written on a revocation decision.
    pub fn label_vi(self) -> &'static str {
        match self {
            RevocationGround::ForgedDossier => "Giả mạo hồ sơ",
            RevocationGround::NoLongerMeetsCriteria => "Không còn đáp ứng tiêu chí",
            RevocationGround::LegalViolation => "Vi phạm pháp luật",
            RevocationGround::MisuseOfMark => "Sử dụng sai nhãn hiệu OCOP",
            RevocationGround::StoppedProduction => "Ngừng sản xuất",
            RevocationGround::AuthorityConclusion => "Kết luận của cơ quan có thẩm quyền",
        }
    }

    /// The same in `language`, from its catalogue.
    pub fn label(self, language: Language) -> &'static str {
        language.tr_in("RevocationGround", self.label_vi())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_else(|err| panic!("{text} is an ISO date: {err}"))
    }

    #[test]
    fn the_last_valid_day_crosses_the_wire_as_an_iso_day_and_reads_as_vietnamese_write_it() {
        // (JSON, the day read or None when refused)
        let cases = [
            ("\"2029-12-05\"", Some("2029-12-05")),
            ("\"2028-02-29\"", Some("2028-02-29")),
            ("\"2027-02-29\"", None),
            ("\"2029-13-01\"", None),
            ("\"05/12/2029\"", None),
            ("\"2029-12\"", None),
            ("\"\"", None),
            ("20291205", None),
        ];
        for (json, expected) in cases {
            let read = serde_json::from_str::<ValidUntil>(json).ok().map(|until| until.to_string());
            assert_eq!(read.as_deref(), expected, "{json}");
        }
        let until = ValidUntil::new(day("2029-01-05"));
        assert_eq!(serde_json::to_string(&until).unwrap(), "\"2029-01-05\"");
        assert_eq!(until.vietnamese(), "05/01/2029");
    }

    #[test]
    fn re_rating_reminders_fall_when_the_window_opens_and_two_weeks_before_it_closes() {
        let until = ValidUntil::new(day("2027-06-01"));
        let cases = [
            (181, None),
            (180, Some(ReratingReminder::WindowOpen)),
            (135, Some(ReratingReminder::WindowOpen)),
            (134, Some(ReratingReminder::TwoWeeksLeft)),
            (120, Some(ReratingReminder::TwoWeeksLeft)),
            (119, None),
            (-3, None),
        ];
        for (days_before, due) in cases {
            let today = until.last_valid_day() - Duration::days(days_before);
            assert_eq!(until.rerating_reminder_due(today), due, "{days_before} days before");
        }
    }

    #[test]
    fn validity_runs_36_months_through_the_corresponding_day() {
        // (signed, last valid day, first day out of force). Civil Code 2015 art. 147(1) and
        // 148(1)(c): through the end of the same day 36 months on; a day the month lacks
        // (29 February) falls back to the month's last day. In force on the last valid day,
        // expired the day after.
        const CASES: &[(&str, &str, &str)] = &[
            ("2026-12-05", "2029-12-05", "2029-12-06"),
            ("2023-06-15", "2026-06-15", "2026-06-16"),
            ("2024-02-29", "2027-02-28", "2027-03-01"),
            ("2028-02-29", "2031-02-28", "2031-03-01"),
            ("2025-02-28", "2028-02-28", "2028-02-29"),
            ("2021-02-28", "2024-02-28", "2024-02-29"),
            ("2024-03-01", "2027-03-01", "2027-03-02"),
            ("2025-03-01", "2028-03-01", "2028-03-02"),
            ("2023-01-31", "2026-01-31", "2026-02-01"),
            ("2026-01-31", "2029-01-31", "2029-02-01"),
            ("2023-04-30", "2026-04-30", "2026-05-01"),
            ("2023-05-31", "2026-05-31", "2026-06-01"),
            ("2025-12-31", "2028-12-31", "2029-01-01"),
            ("2026-01-01", "2029-01-01", "2029-01-02"),
        ];
        for &(signed, last_valid, out_of_force) in CASES {
            let until = ValidUntil::for_decision(day(signed));
            assert_eq!(until.last_valid_day(), day(last_valid), "signed {signed}: last valid day");
            assert_eq!(until.first_day_out_of_force(), day(out_of_force), "signed {signed}: first day out of force");
            assert_eq!(until.status_on(None, day(last_valid)), CertificateStatus::Expiring, "signed {signed}");
            assert_eq!(until.status_on(None, day(out_of_force)), CertificateStatus::Expired, "signed {signed}");
            let certificate = Certificate { decision_date: day(signed), revoked_on: None };
            assert_eq!(certificate.valid_until(), until);
        }
        assert_eq!(ValidUntil::for_decision(NaiveDate::MAX).last_valid_day(), NaiveDate::MAX, "saturates");
        assert_eq!(ValidUntil::new(NaiveDate::MAX).first_day_out_of_force(), NaiveDate::MAX, "saturates");
    }

    #[test]
    fn the_last_valid_day_reads_as_iso_and_as_vietnamese() {
        let until = ValidUntil::for_decision(day("2026-12-05"));
        assert_eq!(until.to_string(), "2029-12-05");
        assert_eq!(until.vietnamese(), "05/12/2029");
        assert_eq!(serde_json::to_string(&until).unwrap(), r#""2029-12-05""#);
        assert_eq!(serde_json::from_str::<ValidUntil>(r#""2029-12-05""#).unwrap(), until);
        assert_eq!(ValidUntil::parse(" 2029-12-05 "), Some(until));
        assert_eq!(ValidUntil::parse(""), None);
        assert_eq!(ValidUntil::parse("05/12/2029"), None);
    }

    #[test]
    fn status_on_each_boundary_day() {
        use CertificateStatus::*;
        // (signed, revoked on, today, status). Signed 2023-06-15: valid through 2026-06-15,
        // expiring from 2025-12-17 (180 days before). Signed 2025-06-15: valid through
        // 2028-06-15, expiring from 2027-12-18 (the 180 days span 29 February 2028).
        const CASES: &[(&str, Option<&str>, &str, CertificateStatus)] = &[
            ("2023-06-15", None, "2023-06-15", Valid),
            ("2023-06-15", None, "2025-12-16", Valid),
            ("2023-06-15", None, "2025-12-17", Expiring),
            ("2023-06-15", None, "2026-06-14", Expiring),
            ("2023-06-15", None, "2026-06-15", Expiring),
            ("2023-06-15", None, "2026-06-16", Expired),
            ("2023-06-15", None, "2030-01-01", Expired),
            ("2025-06-15", None, "2027-12-17", Valid),
            ("2025-06-15", None, "2027-12-18", Expiring),
            ("2025-06-15", None, "2028-06-15", Expiring),
            ("2025-06-15", None, "2028-06-16", Expired),
            ("2024-02-29", None, "2026-08-31", Valid),
            ("2024-02-29", None, "2026-09-01", Expiring),
            ("2024-02-29", None, "2027-02-28", Expiring),
            ("2024-02-29", None, "2027-03-01", Expired),
            ("2026-12-05", None, "2029-12-05", Expiring),
            ("2026-12-05", None, "2029-12-06", Expired),
            // Revocation: in effect from its own day, even while the certificate would be valid,
            // and it stays the status after the last valid day.
            ("2023-06-15", Some("2024-01-02"), "2024-01-01", Valid),
            ("2023-06-15", Some("2024-01-02"), "2024-01-02", Revoked),
            ("2023-06-15", Some("2024-01-02"), "2026-07-01", Revoked),
            ("2023-06-15", Some("2026-01-10"), "2026-01-09", Expiring),
            ("2023-06-15", Some("2026-01-10"), "2026-01-10", Revoked),
            ("2023-06-15", Some("2026-07-01"), "2026-06-30", Expired),
        ];
        for &(signed, revoked, today, expected) in CASES {
            assert_eq!(
                status(day(signed), revoked.map(day), day(today)),
                expected,
                "signed {signed}, revoked {revoked:?}, on {today}"
            );
        }
    }

    #[test]
    fn status_from_a_written_last_valid_day() {
        use CertificateStatus::*;
        const CASES: &[(&str, &str, CertificateStatus)] = &[
            ("2026-06-15", "2025-12-16", Valid),
            ("2026-06-15", "2025-12-17", Expiring),
            ("2026-06-15", "2026-06-15", Expiring),
            ("2026-06-15", "2026-06-16", Expired),
        ];
        for &(until, today, expected) in CASES {
            assert_eq!(ValidUntil::new(day(until)).status_on(None, day(today)), expected, "until {until}, on {today}");
        }
    }

    #[test]
    fn the_sql_bounds_agree_with_the_status() {
        // Every last valid day from 2 days before to 183 days after a day, read the way the SQL
        // reads the stored column, gives the status `status_on` gives.
        for today in ["2026-06-15", "2027-12-18", "2028-02-29"].map(day) {
            let bounds = StatusBounds::on(today);
            for offset in -2..=183 {
                let until = ValidUntil::new(today + Duration::days(offset));
                let day = until.last_valid_day();
                let by_sql = if day < bounds.in_force_from {
                    CertificateStatus::Expired
                } else if day <= bounds.expiring_through {
                    CertificateStatus::Expiring
                } else {
                    CertificateStatus::Valid
                };
                assert_eq!(by_sql, until.status_on(None, today), "until {until} on {today}");
            }
        }
    }

    #[test]
    fn year_only_records_expire_for_certain_after_three_full_years() {
        use CertificateStatus::*;
        const CASES: &[(i32, &str, Option<&str>, Option<CertificateStatus>)] = &[
            (2021, "2024-12-31", None, None),
            (2021, "2025-01-01", None, Some(Expired)),
            (2023, "2026-11-24", None, None),
            (2022, "2026-11-24", None, Some(Expired)),
            (2025, "2026-11-24", Some("2026-01-10"), Some(Revoked)),
            (2025, "2026-01-09", Some("2026-01-10"), None),
        ];
        for &(year, today, revoked, expected) in CASES {
            assert_eq!(status_from_year(year, revoked.map(day), day(today)), expected, "{year} on {today}");
        }
        // The latest signing of a year is still in force on 31 December three years on, and
        // expired from 1 January of the fourth: the year-only rule never says expired too early.
        let latest = ValidUntil::for_decision(day("2021-12-31"));
        assert_eq!(latest.last_valid_day(), day("2024-12-31"));
        assert!(latest.status_on(None, day("2024-12-31")).is_in_force());
        assert_eq!(latest.status_on(None, day("2025-01-01")), CertificateStatus::Expired);
    }

    /// Art. 12.3: a re-rating filed in time keeps the certificate in force while its decision
    /// is pending, at most 180 days past the last valid day (05/12/2029 here: 180 days on is
    /// 03/06/2030); filed outside the window, it keeps nothing.
    #[test]
    fn a_rerating_filed_in_time_keeps_the_certificate_in_force_at_most_180_days() {
        use CertificateStatus::*;
        let until = ValidUntil::new(day("2029-12-05"));
        // (filed on, today, status, the "valid pending re-rating until" shown)
        const CASES: &[(&str, &str, CertificateStatus, Option<&str>)] = &[
            ("2029-06-08", "2029-12-05", Expiring, None), // 180 days before: the window's first day
            ("2029-06-08", "2029-12-06", Expiring, Some("2030-06-03")),
            ("2029-08-07", "2030-06-03", Expiring, Some("2030-06-03")), // 120 days before: its last
            ("2029-08-07", "2030-06-04", Expired, None),                // 180 days past: no longer
            ("2029-06-07", "2029-12-06", Expired, None),                // filed a day too early
            ("2029-08-08", "2029-12-06", Expired, None),                // filed a day too late
        ];
        for &(filed, today, status, shown) in CASES {
            let pending = until.kept_by_rerating_filed_on(day(filed));
            assert_eq!(until.status_pending_rerating(pending, None, day(today)), status, "filed {filed}, on {today}");
            assert_eq!(
                until.pending_rerating_on(pending, day(today)).map(ValidUntil::last_valid_day),
                shown.map(day),
                "filed {filed}, on {today}"
            );
        }
        // Revocation still wins, and nothing pending changes nothing.
        let pending = until.kept_by_rerating_filed_on(day("2029-07-01"));
        assert_eq!(until.status_pending_rerating(pending, Some(day("2029-12-20")), day("2030-01-01")), Revoked);
        assert_eq!(until.status_pending_rerating(None, None, day("2029-12-06")), Expired);
    }

    #[test]
    fn rerating_window_is_180_to_120_days_before_expiry() {
        // (signed, today, Some(opens_on) if not yet open, Some(closes_on) if open); both None
        // means closed. Valid through 2026-06-15: opens 2025-12-17, closes 2026-02-15. Through
        // 2028-06-15: opens 2027-12-18, closes 2028-02-16 (across 29 February). Through
        // 2027-02-28 (signed on a leap day): opens 2026-09-01, closes 2026-10-31.
        const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
            ("2023-06-15", "2023-06-15", Some("2025-12-17"), None),
            ("2023-06-15", "2025-12-16", Some("2025-12-17"), None),
            ("2023-06-15", "2025-12-17", None, Some("2026-02-15")),
            ("2023-06-15", "2026-02-15", None, Some("2026-02-15")),
            ("2023-06-15", "2026-02-16", None, None),
            ("2023-06-15", "2027-01-01", None, None),
            ("2025-06-15", "2027-12-17", Some("2027-12-18"), None),
            ("2025-06-15", "2027-12-18", None, Some("2028-02-16")),
            ("2025-06-15", "2028-02-16", None, Some("2028-02-16")),
            ("2025-06-15", "2028-02-17", None, None),
            ("2024-02-29", "2026-08-31", Some("2026-09-01"), None),
            ("2024-02-29", "2026-09-01", None, Some("2026-10-31")),
            ("2024-02-29", "2026-10-31", None, Some("2026-10-31")),
            ("2024-02-29", "2026-11-01", None, None),
        ];
        for &(decided, today, opens, closes) in CASES {
            let expected = match (opens, closes) {
                (Some(opens_on), _) => WindowState::NotYetOpen { opens_on: day(opens_on) },
                (None, Some(closes_on)) => WindowState::Open { closes_on: day(closes_on) },
                (None, None) => WindowState::Closed,
            };
            assert_eq!(
                ValidUntil::for_decision(day(decided)).rerating_window_state(day(today)),
                expected,
                "decided {decided}, on {today}"
            );
        }
        assert_eq!(
            ValidUntil::for_decision(day("2023-06-15")).rerating_window(),
            (day("2025-12-17"), day("2026-02-15"))
        );
        assert_eq!(
            ValidUntil::for_decision(day("2025-06-15")).rerating_window(),
            (day("2027-12-18"), day("2028-02-16"))
        );
        // The window opens on the day the certificate starts showing as expiring.
        for decided in ["2023-06-15", "2024-02-29", "2025-06-15"] {
            let (opens, _) = ValidUntil::for_decision(day(decided)).rerating_window();
            assert_eq!(status(day(decided), None, opens), CertificateStatus::Expiring, "{decided}");
            assert_eq!(status(day(decided), None, opens.pred_opt().unwrap()), CertificateStatus::Valid, "{decided}");
        }
    }

    #[test]
    fn window_state_serializes_with_a_tag() {
        let open = WindowState::Open { closes_on: day("2026-02-15") };
        assert_eq!(serde_json::to_string(&open).unwrap(), r#"{"state":"open","closes_on":"2026-02-15"}"#);
        assert_eq!(serde_json::to_string(&WindowState::Closed).unwrap(), r#"{"state":"closed"}"#);
        assert_eq!(serde_json::to_string(&CertificateStatus::Expiring).unwrap(), r#""expiring""#);
    }

    #[test]
    fn revocation_grounds() {
        const CASES: &[(RevocationGround, &str, &str)] = &[
            (RevocationGround::ForgedDossier, "forged_dossier", "Giả mạo hồ sơ"),
            (RevocationGround::NoLongerMeetsCriteria, "no_longer_meets_criteria", "Không còn đáp ứng tiêu chí"),
            (RevocationGround::LegalViolation, "legal_violation", "Vi phạm pháp luật"),
            (RevocationGround::MisuseOfMark, "misuse_of_mark", "Sử dụng sai nhãn hiệu OCOP"),
            (RevocationGround::StoppedProduction, "stopped_production", "Ngừng sản xuất"),
            (RevocationGround::AuthorityConclusion, "authority_conclusion", "Kết luận của cơ quan có thẩm quyền"),
        ];
        assert_eq!(CASES.len(), RevocationGround::ALL.len());
        for &(ground, code, label_vi) in CASES {
            assert_eq!(ground.code(), code);
            assert_eq!(ground.label_vi(), label_vi);
            assert!(!ground.label(Language::En).is_empty());
            assert_eq!(RevocationGround::from_code(code), Some(ground));
            assert_eq!(serde_json::to_string(&ground).unwrap(), format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<RevocationGround>(&format!("\"{code}\"")).unwrap(), ground);
        }
        assert_eq!(RevocationGround::from_code("Forged_Dossier"), None);
        assert_eq!(RevocationGround::from_code(""), None);
    }
}

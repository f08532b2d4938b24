//! Certificates: 36 months of validity from the decision date, the status a buyer sees, the
//! re-rating window (180 to 120 days before expiry) and the grounds for revocation.
//!
//! There is no clock here: "today" is always a parameter, so the same certificate gets the same
//! status in the browser, on the server and in tests.

use super::coded::coded_enum;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A certificate is valid for this many calendar months from its decision date.
pub const VALIDITY_MONTHS: u32 = 36;
/// A certificate expiring within this many days is shown as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 180;
/// A re-rating dossier may be filed from this many days before expiry...
pub const RERATING_OPENS_DAYS_BEFORE: i64 = 180;
/// ... until this many days before expiry (inclusive), so the council can sit before it lapses.
pub const RERATING_CLOSES_DAYS_BEFORE: i64 = 120;

/// The first day on which a certificate decided on `decision_date` is no longer valid: the
/// decision date plus 36 calendar months. A 29 February (or any day the target month lacks)
/// falls back to the month's last day.
pub fn expires_on(decision_date: NaiveDate) -> NaiveDate {
    // Only fails within three years of the end of chrono's calendar (year 262142): saturate
    // rather than panic, as such a date can only be a typing error.
    decision_date.checked_add_months(Months::new(VALIDITY_MONTHS)).unwrap_or(NaiveDate::MAX)
}

/// The last day on which a certificate decided on `decision_date` is valid.
pub fn valid_through(decision_date: NaiveDate) -> NaiveDate {
    expires_on(decision_date).pred_opt().unwrap_or(NaiveDate::MIN)
}

/// What a buyer or an officer is told about a certificate on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// In force, more than 180 days from expiry.
    Valid,
    /// Still in force, but expires within 180 days.
    Expiring,
    /// Past its expiry date.
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

    /// The name in English.
    pub fn label_en(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "Valid",
            CertificateStatus::Expiring => "Expiring",
            CertificateStatus::Expired => "Expired",
            CertificateStatus::Revoked => "Revoked",
        }
    }
}

/// The status on `today` of a certificate decided on `decision_date` and perhaps revoked.
pub fn status(decision_date: NaiveDate, revoked_on: Option<NaiveDate>, today: NaiveDate) -> CertificateStatus {
    certificate_status_on(expires_on(decision_date), revoked_on, today)
}

/// The status on `today` of a certificate whose first invalid day is `expires_on` (imported
/// lists sometimes give the expiry and not the decision date).
pub fn certificate_status_on(
    expires_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    today: NaiveDate,
) -> CertificateStatus {
    // Revocation wins over expiry: a buyer should learn that the mark was withdrawn, not merely
    // that it lapsed. A revocation dated in the future is not in effect yet.
    if revoked_on.is_some_and(|revoked| revoked <= today) {
        CertificateStatus::Revoked
    } else if today >= expires_on {
        CertificateStatus::Expired
    } else if expires_on.signed_duration_since(today).num_days() <= EXPIRING_WITHIN_DAYS {
        CertificateStatus::Expiring
    } else {
        CertificateStatus::Valid
    }
}

/// The status when only the year of recognition is known (many published lists give no date).
/// Thirty-six months from any day of year Y end by 31 December of Y+3, so after that year the
/// certificate has certainly expired; until then the status is unknown (`None`) and the caller
/// must not guess "valid".
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

/// The first and the last day (both inclusive) on which a re-rating dossier may be filed for a
/// certificate decided on `decision_date`: 180 to 120 days before it expires.
pub fn rerating_window(decision_date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let expiry = expires_on(decision_date);
    (expiry - Duration::days(RERATING_OPENS_DAYS_BEFORE), expiry - Duration::days(RERATING_CLOSES_DAYS_BEFORE))
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

/// Where `today` falls relative to the re-rating window of a certificate decided on
/// `decision_date`.
pub fn rerating_window_state(decision_date: NaiveDate, today: NaiveDate) -> WindowState {
    let (opens_on, closes_on) = rerating_window(decision_date);
    if today < opens_on {
        WindowState::NotYetOpen { opens_on }
    } else if today <= closes_on {
        WindowState::Open { closes_on }
    } else {
        WindowState::Closed
    }
}

/// The reminders a producer gets about re-rating: when the window opens, and when two weeks of
/// it are left (unless a re-rating dossier has been opened by then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ReratingReminder {
    WindowOpen,
    TwoWeeksLeft,
}

/// The last reminder goes out this many days before expiry: two weeks before the window closes.
pub const LAST_REMINDER_DAYS_BEFORE: i64 = RERATING_CLOSES_DAYS_BEFORE + 14;

impl ReratingReminder {
    /// The code stored for a reminder sent, so that each goes out once.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// The reminder due on `today` for a certificate whose first day out of force is `expiry`.
pub fn rerating_reminder_due(expiry: NaiveDate, today: NaiveDate) -> Option<ReratingReminder> {
    let days_left = (expiry - today).num_days();
    if !(RERATING_CLOSES_DAYS_BEFORE..=RERATING_OPENS_DAYS_BEFORE).contains(&days_left) {
        None
    } else if days_left > LAST_REMINDER_DAYS_BEFORE {
        Some(ReratingReminder::WindowOpen)
    } else {
        Some(ReratingReminder::TwoWeeksLeft)
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
    /// The first day the certificate is no longer valid.
    pub fn expires_on(&self) -> NaiveDate {
        expires_on(self.decision_date)
    }

    /// The last day the certificate is valid (unless revoked earlier).
    pub fn valid_through(&self) -> NaiveDate {
        valid_through(self.decision_date)
    }

    /// The status on `today`.
    pub fn status(&self, today: NaiveDate) -> CertificateStatus {
        status(self.decision_date, self.revoked_on, today)
    }

    /// The first and last day on which a re-rating may be filed.
    pub fn rerating_window(&self) -> (NaiveDate, NaiveDate) {
        rerating_window(self.decision_date)
    }

    /// Where `today` falls relative to the re-rating window.
    pub fn rerating_window_state(&self, today: NaiveDate) -> WindowState {
        rerating_window_state(self.decision_date, today)
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

    /// The ground in English.
    pub fn label_en(self) -> &'static str {
        match self {
            RevocationGround::ForgedDossier => "Forged dossier",
            RevocationGround::NoLongerMeetsCriteria => "No longer meets the criteria",
            RevocationGround::LegalViolation => "Violation of the law",
            RevocationGround::MisuseOfMark => "Misuse of the OCOP mark",
            RevocationGround::StoppedProduction => "Production stopped",
            RevocationGround::AuthorityConclusion => "Conclusion of another competent authority",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_rating_reminders_fall_when_the_window_opens_and_two_weeks_before_it_closes() {
        let expiry = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
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
            let today = expiry - Duration::days(days_before);
            assert_eq!(rerating_reminder_due(expiry, today), due, "{days_before} days before");
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_else(|err| panic!("{text} is an ISO date: {err}"))
    }

    #[test]
    fn validity_is_36_calendar_months() {
        // (decided, expires on, valid through). Thirty-six months keep the month, so only
        // 29 February has to fall back.
        const CASES: &[(&str, &str, &str)] = &[
            ("2023-06-15", "2026-06-15", "2026-06-14"),
            ("2024-02-29", "2027-02-28", "2027-02-27"),
            ("2028-02-29", "2031-02-28", "2031-02-27"),
            ("2025-02-28", "2028-02-28", "2028-02-27"),
            ("2021-02-28", "2024-02-28", "2024-02-27"),
            ("2024-03-01", "2027-03-01", "2027-02-28"),
            ("2025-03-01", "2028-03-01", "2028-02-29"),
            ("2023-01-31", "2026-01-31", "2026-01-30"),
            ("2023-04-30", "2026-04-30", "2026-04-29"),
            ("2023-05-31", "2026-05-31", "2026-05-30"),
            ("2025-12-31", "2028-12-31", "2028-12-30"),
            ("2026-01-01", "2029-01-01", "2028-12-31"),
        ];
        for &(decided, expiry, last_valid) in CASES {
            assert_eq!(expires_on(day(decided)), day(expiry), "decided {decided}: expires on");
            assert_eq!(valid_through(day(decided)), day(last_valid), "decided {decided}: valid through");
            let certificate = Certificate { decision_date: day(decided), revoked_on: None };
            assert_eq!(certificate.status(day(last_valid)), CertificateStatus::Expiring, "decided {decided}");
            assert_eq!(certificate.status(day(expiry)), CertificateStatus::Expired, "decided {decided}");
        }
        assert_eq!(expires_on(NaiveDate::MAX), NaiveDate::MAX, "saturates instead of panicking");
    }

    #[test]
    fn status_on_each_boundary_day() {
        use CertificateStatus::*;
        // (decided, revoked on, today, status). Decided 2023-06-15: expires 2026-06-15 and is
        // expiring from 2025-12-17 (180 days before). Decided 2025-06-15: expires 2028-06-15,
        // expiring from 2027-12-18 (the 180 days span 29 February 2028).
        const CASES: &[(&str, Option<&str>, &str, CertificateStatus)] = &[
            ("2023-06-15", None, "2023-06-15", Valid),
            ("2023-06-15", None, "2025-12-16", Valid),
            ("2023-06-15", None, "2025-12-17", Expiring),
            ("2023-06-15", None, "2026-06-14", Expiring),
            ("2023-06-15", None, "2026-06-15", Expired),
            ("2023-06-15", None, "2030-01-01", Expired),
            ("2025-06-15", None, "2027-12-17", Valid),
            ("2025-06-15", None, "2027-12-18", Expiring),
            ("2025-06-15", None, "2028-06-14", Expiring),
            ("2025-06-15", None, "2028-06-15", Expired),
            ("2024-02-29", None, "2026-08-31", Valid),
            ("2024-02-29", None, "2026-09-01", Expiring),
            ("2024-02-29", None, "2027-02-27", Expiring),
            ("2024-02-29", None, "2027-02-28", Expired),
            // Revocation: in effect from its own day, even while the certificate would be valid,
            // and it stays the status after the expiry date.
            ("2023-06-15", Some("2024-01-02"), "2024-01-01", Valid),
            ("2023-06-15", Some("2024-01-02"), "2024-01-02", Revoked),
            ("2023-06-15", Some("2024-01-02"), "2026-07-01", Revoked),
            ("2023-06-15", Some("2026-01-10"), "2026-01-09", Expiring),
            ("2023-06-15", Some("2026-01-10"), "2026-01-10", Revoked),
            ("2023-06-15", Some("2026-07-01"), "2026-06-30", Expired),
        ];
        for &(decided, revoked, today, expected) in CASES {
            assert_eq!(
                status(day(decided), revoked.map(day), day(today)),
                expected,
                "decided {decided}, revoked {revoked:?}, on {today}"
            );
        }
    }

    #[test]
    fn status_from_the_expiry_date() {
        use CertificateStatus::*;
        const CASES: &[(&str, &str, CertificateStatus)] = &[
            ("2026-06-15", "2025-12-16", Valid),
            ("2026-06-15", "2025-12-17", Expiring),
            ("2026-06-15", "2026-06-15", Expired),
        ];
        for &(expiry, today, expected) in CASES {
            assert_eq!(certificate_status_on(day(expiry), None, day(today)), expected, "expires {expiry}, on {today}");
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
    }

    #[test]
    fn rerating_window_is_180_to_120_days_before_expiry() {
        // (decided, today, Some(opens_on) if not yet open, Some(closes_on) if open); both None
        // means closed. Expiring 2026-06-15: opens 2025-12-17, closes 2026-02-15. Expiring
        // 2028-06-15: opens 2027-12-18, closes 2028-02-16 (across 29 February). Expiring
        // 2027-02-28 (decided on a leap day): opens 2026-09-01, closes 2026-10-31.
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
            assert_eq!(rerating_window_state(day(decided), day(today)), expected, "decided {decided}, on {today}");
        }
        assert_eq!(rerating_window(day("2023-06-15")), (day("2025-12-17"), day("2026-02-15")));
        assert_eq!(rerating_window(day("2025-06-15")), (day("2027-12-18"), day("2028-02-16")));
        // The window opens on the day the certificate starts showing as expiring.
        for decided in ["2023-06-15", "2024-02-29", "2025-06-15"] {
            let (opens, _) = rerating_window(day(decided));
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
            assert!(!ground.label_en().is_empty());
            assert_eq!(RevocationGround::from_code(code), Some(ground));
            assert_eq!(serde_json::to_string(&ground).unwrap(), format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<RevocationGround>(&format!("\"{code}\"")).unwrap(), ground);
        }
        assert_eq!(RevocationGround::from_code("Forged_Dossier"), None);
        assert_eq!(RevocationGround::from_code(""), None);
    }
}

//! Certificates: 36 months of validity from the decision date, the status a buyer sees, the
//! re-rating window (180 to 120 days before expiry) and the grounds for revocation.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const VALIDITY_MONTHS: u32 = 36;
/// A certificate this close to its expiry is shown as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 180;
pub const RERATING_OPENS_DAYS_BEFORE: i64 = 180;
pub const RERATING_CLOSES_DAYS_BEFORE: i64 = 120;

/// The first day the certificate is no longer valid: the decision date plus 36 calendar months
/// (a 29 February or a 31st falls back to the month's last day). It is valid the day before.
pub fn expires_on(decision_date: NaiveDate) -> NaiveDate {
    decision_date.checked_add_months(Months::new(VALIDITY_MONTHS)).unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    Valid,
    Expiring,
    Expired,
    Revoked,
}

impl CertificateStatus {
    pub fn label_vi(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "Còn hiệu lực",
            CertificateStatus::Expiring => "Sắp hết hạn",
            CertificateStatus::Expired => "Hết hạn",
            CertificateStatus::Revoked => "Đã thu hồi",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "Valid",
            CertificateStatus::Expiring => "Expiring",
            CertificateStatus::Expired => "Expired",
            CertificateStatus::Revoked => "Revoked",
        }
    }
}

/// The status on `today` of a certificate decided on `decision_date`.
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
    if revoked_on.is_some_and(|revoked| revoked <= today) {
        CertificateStatus::Revoked
    } else if today >= expires_on {
        CertificateStatus::Expired
    } else if (expires_on - today).num_days() <= EXPIRING_WITHIN_DAYS {
        CertificateStatus::Expiring
    } else {
        CertificateStatus::Valid
    }
}

/// The status when only the year of recognition is known (many published lists give no date):
/// 36 months from any day of year Y end by 31 December of Y+3, so after that year the
/// certificate has certainly expired; until then its validity is unknown (`None`).
pub fn status_from_year(
    recognized_year: i32,
    revoked_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<CertificateStatus> {
    use chrono::Datelike;
    if revoked_on.is_some_and(|revoked| revoked <= today) {
        Some(CertificateStatus::Revoked)
    } else if today.year() > recognized_year + 3 {
        Some(CertificateStatus::Expired)
    } else {
        None
    }
}

/// The first and last day (inclusive) on which a re-rating dossier may be filed.
pub fn rerating_window(decision_date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let expiry = expires_on(decision_date);
    (
        expiry - chrono::Duration::days(RERATING_OPENS_DAYS_BEFORE),
        expiry - chrono::Duration::days(RERATING_CLOSES_DAYS_BEFORE),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum WindowState {
    NotYetOpen { opens_on: NaiveDate },
    Open { closes_on: NaiveDate },
    Closed,
}

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

/// The six grounds on which a certificate is revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationGround {
    ForgedDossier,
    NoLongerMeetsCriteria,
    LegalViolation,
    MisuseOfMark,
    StoppedProduction,
    AuthorityConclusion,
}

impl RevocationGround {
    pub const ALL: [RevocationGround; 6] = [
        RevocationGround::ForgedDossier,
        RevocationGround::NoLongerMeetsCriteria,
        RevocationGround::LegalViolation,
        RevocationGround::MisuseOfMark,
        RevocationGround::StoppedProduction,
        RevocationGround::AuthorityConclusion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RevocationGround::ForgedDossier => "forged_dossier",
            RevocationGround::NoLongerMeetsCriteria => "no_longer_meets_criteria",
            RevocationGround::LegalViolation => "legal_violation",
            RevocationGround::MisuseOfMark => "misuse_of_mark",
            RevocationGround::StoppedProduction => "stopped_production",
            RevocationGround::AuthorityConclusion => "authority_conclusion",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|ground| ground.code() == code)
    }

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

    pub fn label_en(self) -> &'static str {
        match self {
            RevocationGround::ForgedDossier => "Forged dossier",
            RevocationGround::NoLongerMeetsCriteria => "No longer meets the criteria",
            RevocationGround::LegalViolation => "Violation of the law",
            RevocationGround::MisuseOfMark => "Misuse of the OCOP mark",
            RevocationGround::StoppedProduction => "Production stopped",
            RevocationGround::AuthorityConclusion => "Conclusion of a competent authority",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("ISO date")
    }

    #[test]
    fn validity_is_36_calendar_months() {
        let cases = [
            ("2023-06-15", "2026-06-15"),
            ("2024-02-29", "2027-02-28"),
            ("2023-01-31", "2026-01-31"),
            ("2023-05-31", "2026-05-31"),
            ("2025-12-31", "2028-12-31"),
            ("2021-03-01", "2024-03-01"),
        ];
        for (decided, expiry) in cases {
            assert_eq!(expires_on(day(decided)), day(expiry), "decided {decided}");
        }
    }

    #[test]
    fn status_on_each_boundary_day() {
        use CertificateStatus::*;
        // Decided 2023-06-15: expires 2026-06-15, expiring from 2025-12-17 (180 days before).
        let cases = [
            ("2023-06-15", None, Valid),
            ("2025-12-16", None, Valid),
            ("2025-12-17", None, Expiring),
            ("2026-06-14", None, Expiring),
            ("2026-06-15", None, Expired),
            ("2030-01-01", None, Expired),
            ("2024-01-01", Some("2024-01-02"), Valid),
            ("2024-01-02", Some("2024-01-02"), Revoked),
            ("2026-07-01", Some("2024-01-02"), Revoked),
        ];
        for (today, revoked, expected) in cases {
            assert_eq!(
                status(day("2023-06-15"), revoked.map(day), day(today)),
                expected,
                "on {today}, revoked {revoked:?}"
            );
        }
    }

    #[test]
    fn year_only_records_expire_for_certain_after_three_full_years() {
        use CertificateStatus::*;
        let cases = [
            (2021, "2024-12-31", None, None),
            (2021, "2025-01-01", None, Some(Expired)),
            (2023, "2026-11-24", None, None),
            (2022, "2026-11-24", None, Some(Expired)),
            (2025, "2026-11-24", Some("2026-01-10"), Some(Revoked)),
            (2025, "2026-01-09", Some("2026-01-10"), None),
        ];
        for (year, today, revoked, expected) in cases {
            assert_eq!(status_from_year(year, revoked.map(day), day(today)), expected, "{year} on {today}");
        }
    }

    #[test]
    fn rerating_window_is_180_to_120_days_before_expiry() {
        // Expires 2026-06-15: opens 2025-12-17, closes 2026-02-15.
        let decided = day("2023-06-15");
        assert_eq!(rerating_window(decided), (day("2025-12-17"), day("2026-02-15")));
        let cases = [
            ("2025-12-16", WindowState::NotYetOpen { opens_on: day("2025-12-17") }),
            ("2025-12-17", WindowState::Open { closes_on: day("2026-02-15") }),
            ("2026-02-15", WindowState::Open { closes_on: day("2026-02-15") }),
            ("2026-02-16", WindowState::Closed),
        ];
        for (today, expected) in cases {
            assert_eq!(rerating_window_state(decided, day(today)), expected, "on {today}");
        }
    }

    #[test]
    fn revocation_grounds_round_trip() {
        for ground in RevocationGround::ALL {
            assert_eq!(RevocationGround::from_code(ground.code()), Some(ground));
            assert_eq!(serde_json::to_string(&ground).unwrap(), format!("\"{}\"", ground.code()));
            assert!(!ground.label_vi().is_empty() && !ground.label_en().is_empty());
        }
        assert_eq!(RevocationGround::from_code("because"), None);
    }
}

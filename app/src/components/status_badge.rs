use leptos::prelude::*;

use crate::domain::{CertificateStatus, ValidUntil};
use crate::language::{use_language, Language};

/// The certificate's validity in words and colour, the same everywhere it appears.
#[component]
pub fn StatusBadge(
    status: Option<CertificateStatus>,
    valid_until: Option<ValidUntil>,
    /// Past `valid_until`, kept in force by a re-rating filed in time until this day.
    #[prop(default = None)]
    pending_rerating_until: Option<ValidUntil>,
) -> impl IntoView {
    let (class, text) = status_text(status, valid_until, pending_rerating_until, use_language());
    view! { <span class=class>{text}</span> }
}

/// The badge's class and words; the last valid day is written the Vietnamese way (day/month/year)
/// in both languages, after "hiệu lực đến" (valid until).
pub fn status_text(
    status: Option<CertificateStatus>,
    valid_until: Option<ValidUntil>,
    pending_rerating_until: Option<ValidUntil>,
    t: Language,
) -> (&'static str, String) {
    let until = valid_until.map(ValidUntil::vietnamese).unwrap_or_default();
    if let (Some(CertificateStatus::Expiring), Some(pending)) = (status, pending_rerating_until) {
        let pending = pending.vietnamese();
        return (
            "badge badge-expiring",
            t.tr_with("Còn hiệu lực chờ đánh giá lại đến {pending}", &[("pending", &pending)]),
        );
    }
    match (status, until.is_empty()) {
        (Some(CertificateStatus::Valid), false) => {
            ("badge badge-valid", t.tr_with("Còn hiệu lực đến {until}", &[("until", &until)]))
        }
        (Some(CertificateStatus::Expiring), false) => {
            ("badge badge-expiring", t.tr_with("Sắp hết hạn: hiệu lực đến {until}", &[("until", &until)]))
        }
        (Some(CertificateStatus::Expired), false) => {
            ("badge badge-expired", t.tr_with("Đã hết hạn (hiệu lực đến {until})", &[("until", &until)]))
        }
        (Some(CertificateStatus::Expired), true) => ("badge badge-expired", t.tr("Đã hết hạn").to_string()),
        (Some(CertificateStatus::Revoked), _) => ("badge badge-revoked", t.tr("Đã bị thu hồi").to_string()),
        _ => ("badge badge-unknown", t.tr("Chưa rõ thời hạn chứng nhận").to_string()),
    }
}

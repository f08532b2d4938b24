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
    language: Language,
) -> (&'static str, String) {
    let until = valid_until.map(ValidUntil::vietnamese).unwrap_or_default();
    let text = |vi: &str, en: &str| language.pick(vi, en).replace("{until}", &until);
    if let (Some(CertificateStatus::Expiring), Some(pending)) = (status, pending_rerating_until) {
        let pending = pending.vietnamese();
        return (
            "badge badge-expiring",
            text("Còn hiệu lực chờ đánh giá lại đến {pending}", "Valid pending re-rating until {pending}")
                .replace("{pending}", &pending),
        );
    }
    match (status, until.is_empty()) {
        (Some(CertificateStatus::Valid), false) => {
            ("badge badge-valid", text("Còn hiệu lực đến {until}", "Valid until {until}"))
        }
        (Some(CertificateStatus::Expiring), false) => {
            ("badge badge-expiring", text("Sắp hết hạn: hiệu lực đến {until}", "Expiring: valid until {until}"))
        }
        (Some(CertificateStatus::Expired), false) => {
            ("badge badge-expired", text("Đã hết hạn (hiệu lực đến {until})", "Expired (valid until {until})"))
        }
        (Some(CertificateStatus::Expired), true) => ("badge badge-expired", text("Đã hết hạn", "Expired")),
        (Some(CertificateStatus::Revoked), _) => ("badge badge-revoked", text("Đã bị thu hồi", "Revoked")),
        _ => ("badge badge-unknown", text("Chưa rõ thời hạn chứng nhận", "Certificate validity not known")),
    }
}

use leptos::prelude::*;

use crate::domain::CertificateStatus;
use crate::model::vietnamese_date;

/// The certificate's validity in words and colour, the same everywhere it appears.
#[component]
pub fn StatusBadge(status: Option<CertificateStatus>, valid_until: Option<String>) -> impl IntoView {
    let (class, text) = status_text(status, valid_until.as_deref());
    view! { <span class=class>{text}</span> }
}

pub fn status_text(status: Option<CertificateStatus>, valid_until: Option<&str>) -> (&'static str, String) {
    let until = valid_until.map(vietnamese_date).unwrap_or_default();
    match (status, until.is_empty()) {
        (Some(CertificateStatus::Valid), false) => ("badge badge-valid", format!("Còn hiệu lực đến {until}")),
        (Some(CertificateStatus::Expiring), false) => {
            ("badge badge-expiring", format!("Sắp hết hạn: hiệu lực đến {until}"))
        }
        (Some(CertificateStatus::Expired), false) => {
            ("badge badge-expired", format!("Đã hết hạn (hiệu lực đến {until})"))
        }
        (Some(CertificateStatus::Expired), true) => ("badge badge-expired", "Đã hết hạn".to_string()),
        (Some(CertificateStatus::Revoked), _) => ("badge badge-revoked", "Đã bị thu hồi".to_string()),
        _ => ("badge badge-unknown", "Chưa rõ thời hạn chứng nhận".to_string()),
    }
}

use leptos::prelude::*;

use crate::components::StarRating;
use crate::domain::CertificateStatus;
use crate::model::ProductSummary;

/// A catalog card: what the product is, who makes it, where, and whether its rating holds.
#[component]
pub fn ProductCard(product: ProductSummary) -> impl IntoView {
    let (badge_class, badge_text) = status_badge(product.status, product.valid_until.as_deref());
    view! {
        <article class="product-card">
            <h2 class="product-name">{product.name}</h2>
            <StarRating stars=product.stars/>
            <p class="producer">{product.producer_name}</p>
            <p class="place">
                {product.province_name}
                <span class="address">" · " {product.address_as_written}</span>
            </p>
            {product.subgroup_name.map(|name| view! { <p class="subgroup">{name}</p> })}
            <p class="meta">
                <span class=badge_class>{badge_text}</span>
                <span class="year">{format!(" Công nhận năm {}", product.recognized_year)}</span>
            </p>
        </article>
    }
}

fn status_badge(status: Option<CertificateStatus>, valid_until: Option<&str>) -> (&'static str, String) {
    let until = valid_until.map(vietnamese_date).unwrap_or_default();
    match status {
        Some(CertificateStatus::Valid) => ("badge badge-valid", format!("Còn hiệu lực đến {until}")),
        Some(CertificateStatus::Expiring) => ("badge badge-expiring", format!("Sắp hết hạn: hiệu lực đến {until}")),
        Some(CertificateStatus::Expired) => ("badge badge-expired", format!("Đã hết hạn (hiệu lực đến {until})")),
        Some(CertificateStatus::Revoked) => ("badge badge-revoked", "Đã bị thu hồi".to_string()),
        None => ("badge badge-unknown", "Chưa rõ thời hạn chứng nhận".to_string()),
    }
}

/// `2026-03-05` → `05/03/2026`, the way Vietnamese documents write dates.
fn vietnamese_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, day] => format!("{day}/{month}/{year}"),
        _ => iso.to_string(),
    }
}

use leptos::prelude::*;

use crate::components::StarRating;
use crate::model::{vietnamese_date, IssuedCertificate};

/// The certificate a decision issued: its numbers, validity, the public product page and the
/// stamp's verification page with its QR code; a revoked one says so first.
#[component]
pub fn CertificateCard(
    certificate: IssuedCertificate,
    /// Officers also get the link to the product's record.
    #[prop(optional)]
    record_link: bool,
) -> impl IntoView {
    let record = record_link.then(|| {
        view! { " · " <a href=format!("/can-bo/san-pham/{}", certificate.catalog_product_id)>"Sửa bản ghi sản phẩm"</a> }
    });
    let verify = format!("/xac-thuc/{}", certificate.stamp_code);
    let revoked = certificate.revoked_on.clone().map(|on| {
        let ground = certificate.revocation_ground.map(|g| g.label_vi()).unwrap_or_default();
        view! {
            <p class="form-error" role="alert">
                {format!("Giấy chứng nhận đã bị thu hồi từ ngày {}: {ground}.", vietnamese_date(&on))}
            </p>
        }
    });
    view! {
        <section class="certificate" aria-labelledby="giay-chung-nhan">
            <h2 id="giay-chung-nhan">"Giấy chứng nhận OCOP"</h2>
            {revoked}
            <dl class="facts">
                <dt>"Hạng"</dt>
                <dd><StarRating stars=certificate.stars/></dd>
                <dt>"Số giấy chứng nhận"</dt>
                <dd>{certificate.certificate_number.clone()}</dd>
                <dt>"Mã sản phẩm"</dt>
                <dd>{certificate.product_code.clone()}</dd>
                <dt>"Quyết định"</dt>
                <dd>{format!("Số {} ngày {}", certificate.decision_number, vietnamese_date(&certificate.decision_date))}</dd>
                <dt>"Hiệu lực đến"</dt>
                <dd>{certificate.valid_until.map(|until| until.vietnamese()).unwrap_or_default()}</dd>
            </dl>
            <p>
                <a href=certificate.catalog_href.clone()>"Trang sản phẩm trong danh mục công khai"</a>
                " · "
                <a href=verify.clone()>"Trang xác thực tem"</a>
                {record}
            </p>
            <img class="stamp-qr" src=format!("{verify}/qr.svg") width="120" height="120"
                alt=format!("Mã QR xác thực tem: {}", certificate.stamp_code)/>
        </section>
    }
}

use leptos::prelude::*;

use crate::components::StarRating;
use crate::language::use_language;
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
    let t = use_language();
    let record = record_link.then(|| {
        view! { " · " <a href=format!("/can-bo/san-pham/{}", certificate.catalog_product_id)>{t.tr("Sửa bản ghi sản phẩm")}</a> }
    });
    let verify = format!("/xac-thuc/{}", certificate.stamp_code);
    let revoked = certificate.revoked_on.clone().map(|on| {
        let ground = certificate.revocation_ground.map(|g| g.label(t)).unwrap_or_default();
        view! {
            <p class="form-error" role="alert">
                {t.tr_with("Giấy chứng nhận đã bị thu hồi từ ngày {date}: {ground}.", &[("date", &vietnamese_date(&on)), ("ground", &ground)])}
            </p>
        }
    });
    view! {
        <section class="certificate" aria-labelledby="giay-chung-nhan">
            <h2 id="giay-chung-nhan">{t.tr("Giấy chứng nhận OCOP")}</h2>
            {revoked}
            <dl class="facts">
                <dt>{t.tr("Hạng")}</dt>
                <dd><StarRating stars=certificate.stars/></dd>
                <dt>{t.tr("Số giấy chứng nhận")}</dt>
                <dd>{certificate.certificate_number.clone()}</dd>
                <dt>{t.tr("Mã sản phẩm")}</dt>
                <dd>{certificate.product_code.clone()}</dd>
                <dt>{t.tr("Quyết định")}</dt>
                <dd>{t.tr_with("Số {number} ngày {date}", &[("number", &certificate.decision_number), ("date", &vietnamese_date(&certificate.decision_date))])}</dd>
                <dt>{t.tr("Hiệu lực đến")}</dt>
                <dd>{certificate.valid_until.map(|until| until.vietnamese()).unwrap_or_default()}</dd>
            </dl>
            <p>
                <a href=certificate.catalog_href.clone()>{t.tr("Trang sản phẩm trong danh mục công khai")}</a>
                " · "
                <a href=verify.clone()>{t.tr("Trang xác thực tem")}</a>
                {record}
            </p>
            <img class="stamp-qr" src=format!("{verify}/qr.svg") width="120" height="120"
                alt=t.tr_with("Mã QR xác thực tem: {code}", &[("code", &certificate.stamp_code)])/>
        </section>
    }
}

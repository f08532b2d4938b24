use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::get_stamp_sheet;
use crate::components::{id_number, route_record, LoadedForCaller, PageTitle, StatusBadge};
use crate::error::AppError;
use crate::language::{use_language, Language};
use crate::model::StampSheet;

/// The catalog product named by the route's `id`, and what its certificate says, for the
/// people who may print its stamps and its certificate.
pub(super) fn certified_product_of_route() -> Resource<Result<StampSheet, AppError>> {
    route_record(id_number, || (), get_stamp_sheet)
}

/// Stamps printed per sheet (A4, 4 × 6).
const STAMPS_PER_SHEET: usize = 24;

/// A printable sheet of OCOP stamps for a certified product: each carries the stars, the
/// certificate and a QR code of its public verification page. Refused while the certificate
/// is not in force, so no stamp is printed for an expired or revoked product.
#[component]
pub fn StampSheetPage() -> impl IntoView {
    let sheet = certified_product_of_route();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("In tem OCOP")/>
        <Meta name="robots" content="noindex"/>
        <section class="stamp-sheet-page">
            <LoadedForCaller
                resource=sheet
                render=move |sheet| stamps(sheet, t)
                not_found=move || view! { <h1>{t.tr("Không tìm thấy sản phẩm của bạn")}</h1> }
            />
        </section>
    }
}

fn stamps(sheet: StampSheet, t: Language) -> impl IntoView {
    let in_force = sheet.status.is_in_force();
    let stars = "★".repeat(sheet.stars as usize);
    let qr = format!("/xac-thuc/{}/qr.svg", sheet.stamp_code);
    view! {
        <div class="no-print">
            <h1>{t.tr_with("Tem OCOP: {product}", &[("product", &sheet.product_name)])}</h1>
            <p>
                {t.tr_with("Giấy chứng nhận số {number} ", &[("number", &sheet.certificate_number)])}
                <StatusBadge status=Some(sheet.status) valid_until=Some(sheet.valid_until)/>
            </p>
            {if in_force {
                view! { <p class="muted">{t.tr("Dùng lệnh In của trình duyệt (Ctrl+P) để in tờ tem khổ A4. Mỗi tem có mã QR dẫn tới trang xác thực công khai.")}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert">{t.tr("Chứng nhận không còn hiệu lực: không được in tem OCOP cho sản phẩm này.")}</p> }.into_any()
            }}
        </div>
        {in_force.then(|| view! {
            <ul class="stamp-sheet" aria-label=t.tr("Tờ tem")>
                {(0..STAMPS_PER_SHEET).map(|_| view! {
                    <li class="stamp">
                        <strong>"OCOP " {stars.clone()}</strong>
                        <img src=qr.clone() width="96" height="96" alt=t.tr_with("Mã QR xác thực: {code}", &[("code", &sheet.stamp_code)])/>
                        <span class="stamp-code">{sheet.stamp_code.clone()}</span>
                        <span class="stamp-until">{t.tr_with("HL đến {date}", &[("date", &sheet.valid_until.vietnamese())])}</span>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}

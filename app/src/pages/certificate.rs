use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::{LoadedForCaller, PageTitle, StatusBadge};
use crate::language::{use_language, Language};
use crate::model::{vietnamese_date, StampSheet};

/// The printable OCOP certificate of a product, for the producer's people and the officers
/// keeping the record (the same reach as the stamp sheet). One that is no longer in force still
/// prints, for the records, but says so above everything else.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let sheet = super::stamp_sheet::certified_product_of_route();
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Giấy chứng nhận sản phẩm OCOP")/>
        <Meta name="robots" content="noindex"/>
        <LoadedForCaller
            resource=sheet
            render=move |sheet| certificate(sheet, t)
            not_found=move || view! { <h1>{t.tr("Không tìm thấy sản phẩm của bạn")}</h1> }
        />
    }
}

fn certificate(sheet: StampSheet, t: Language) -> impl IntoView {
    let in_force = sheet.status.is_in_force();
    let stars = format!("{} ({} sao)", "★".repeat(sheet.stars as usize), sheet.stars);
    let decision = match &sheet.decision_number {
        Some(number) => format!("Quyết định số {number} ngày {}", vietnamese_date(&sheet.decision_date)),
        None => format!("Quyết định ngày {}", vietnamese_date(&sheet.decision_date)),
    };
    let qr = format!("/xac-thuc/{}/qr.svg", sheet.stamp_code);
    // The certificate itself is the document the province issues, in Vietnamese whatever the
    // reader's language; only what is said around it is translated.
    view! {
        <p class="no-print muted">{t.tr("Dùng lệnh In của trình duyệt (Ctrl+P) để in giấy chứng nhận khổ A4.")}</p>
        {(!in_force).then(|| view! {
            <p class="status-warning" role="alert">
                {t.tr("Giấy chứng nhận này không còn hiệu lực: chỉ in để lưu hồ sơ, không dùng để chứng minh sản phẩm đạt OCOP.")}
            </p>
        })}
        <article class="certificate-print">
            <p class="certificate-motto">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" <br/> "Độc lập – Tự do – Hạnh phúc"</p>
            <h1>"GIẤY CHỨNG NHẬN SẢN PHẨM OCOP"</h1>
            <p class="certificate-number">{format!("Số: {}", sheet.certificate_number)}</p>
            <dl class="facts">
                <dt>"Sản phẩm"</dt>
                <dd><strong>{sheet.product_name.clone()}</strong></dd>
                {sheet.product_code.clone().map(|code| view! { <dt>"Mã sản phẩm"</dt><dd><code>{code}</code></dd> })}
                {sheet.subgroup_name.clone().map(|name| view! { <dt>"Phân nhóm"</dt><dd>{name}</dd> })}
                <dt>"Chủ thể sản xuất"</dt>
                <dd>{sheet.producer_name.clone()}</dd>
                <dt>"Địa chỉ"</dt>
                <dd>{format!("{}, {}", sheet.address_as_written, sheet.province_name)}</dd>
                <dt>"Hạng"</dt>
                <dd class="certificate-stars">{stars}</dd>
                <dt>"Căn cứ"</dt>
                <dd>{decision}</dd>
                <dt>"Hiệu lực"</dt>
                <dd>
                    {format!("36 tháng kể từ ngày ký, đến hết ngày {} ", sheet.valid_until.vietnamese())}
                    <StatusBadge status=Some(sheet.status) valid_until=Some(sheet.valid_until)/>
                </dd>
            </dl>
            <figure class="certificate-qr">
                <img src=qr width="120" height="120" alt=format!("Mã QR xác thực: {}", sheet.stamp_code)/>
                <figcaption>{format!("Quét để xác thực · mã {}", sheet.stamp_code)}</figcaption>
            </figure>
        </article>
    }
}

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verify_stamp;
use crate::components::{set_not_found_status, StarRating};
use crate::domain::CertificateStatus;
use crate::error::AppError;
use crate::model::{vietnamese_date, StampCheck};

/// The stamp check a buyer reaches by scanning the QR code: one look says whether the stamp
/// is genuine and whether the rating still holds. Codes can also be typed in.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || {
        params
            .read()
            .get("code")
            .or_else(|| query.read().get("ma"))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let check = Resource::new(code, |code| async move {
        match code {
            Some(code) => Some(verify_stamp(code).await),
            None => None,
        }
    });
    view! {
        <Title text="Xác thực tem OCOP"/>
        <Meta name="robots" content="noindex"/>
        <section class="verify">
            <h1>"Xác thực tem OCOP"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang kiểm tra…"</p> }>
                {move || Suspend::new(async move {
                    match check.await {
                        None => ().into_any(),
                        Some(Ok(found)) => view! { <Verdict check=found/> }.into_any(),
                        Some(Err(AppError::NotFound)) => {
                            set_not_found_status();
                            let typed = code().unwrap_or_default();
                            view! {
                                <div class="verdict verdict-bad" role="status">
                                    <p class="verdict-title">{format!("Không tìm thấy mã tem \"{}\"", typed.chars().take(40).collect::<String>())}</p>
                                    <p>"Mã này không do hệ thống OCOP cấp. Nếu mã in trên bao bì, tem có thể là giả: hãy kiểm tra lại từng ký tự hoặc báo cho cơ quan quản lý OCOP của tỉnh."</p>
                                </div>
                            }.into_any()
                        }
                        Some(Err(err)) => view! { <p class="error" role="alert">{err.message_vi()}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <form class="search" method="get" action="/xac-thuc">
                <label for="ma">"Nhập mã tem (12 ký tự in dưới mã QR)"</label>
                <div class="search-row">
                    <input id="ma" name="ma" type="text" inputmode="text" autocomplete="off" maxlength="40" spellcheck="false"/>
                    <button type="submit">"Kiểm tra"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Verdict(check: StampCheck) -> impl IntoView {
    let product = &check.product;
    let until = product.valid_until.as_deref().map(vietnamese_date);
    let (class, title, detail) = match product.status {
        Some(CertificateStatus::Valid | CertificateStatus::Expiring) => (
            "verdict verdict-good",
            "Tem thật: sản phẩm đang được công nhận OCOP".to_string(),
            format!("Hiệu lực đến {}.", until.unwrap_or_default()),
        ),
        Some(CertificateStatus::Expired) => (
            "verdict verdict-bad",
            "Tem thật, nhưng chứng nhận OCOP đã hết hạn".to_string(),
            match until {
                Some(until) => format!("Hiệu lực chỉ đến {until}. Sản phẩm không còn được dùng nhãn OCOP."),
                None => {
                    format!("Sản phẩm được công nhận năm {} và chứng nhận đã quá 36 tháng.", product.recognized_year)
                }
            },
        ),
        Some(CertificateStatus::Revoked) => (
            "verdict verdict-bad",
            format!(
                "Chứng nhận OCOP đã bị thu hồi{}",
                check.revoked_on.as_deref().map(|d| format!(" ngày {}", vietnamese_date(d))).unwrap_or_default()
            ),
            check.revocation_ground.clone().map(|g| format!("Lý do: {g}.")).unwrap_or_default(),
        ),
        None => (
            "verdict verdict-unknown",
            "Tem thật: sản phẩm có trong danh mục OCOP".to_string(),
            format!("Được công nhận năm {}; nguồn dữ liệu không ghi ngày hết hạn.", product.recognized_year),
        ),
    };
    view! {
        <div class=class role="status">
            <p class="verdict-title">{title}</p>
            <p>{detail}</p>
        </div>
        <dl class="facts">
            <dt>"Sản phẩm"</dt>
            <dd><a href=product.href()>{product.name.clone()}</a>" "<StarRating stars=product.stars/></dd>
            <dt>"Chủ thể"</dt>
            <dd>{product.producer_name.clone()}</dd>
            <dt>"Địa chỉ"</dt>
            <dd>{format!("{} ({})", product.address_as_written, product.province_name)}</dd>
            {check.certificate_number.clone().map(|n| view! { <dt>"Số giấy chứng nhận"</dt><dd>{n}</dd> })}
            <dt>"Mã tem"</dt>
            <dd><code>{check.code.clone()}</code></dd>
        </dl>
    }
}

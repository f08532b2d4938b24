use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::verify_stamp;
use crate::components::{set_not_found_status, PageTitle, StarRating};
use crate::domain::{CertificateStatus, ValidUntil};
use crate::error::AppError;
use crate::language::{use_language, Language};
use crate::model::{revocation_ground_text, vietnamese_date, StampCheck};

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
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Xác thực tem OCOP")/>
        <Meta name="robots" content="noindex"/>
        <section class="verify">
            <h1>{t.tr("Xác thực tem OCOP")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang kiểm tra…")}</p> }>
                {move || Suspend::new(async move {
                    match check.await {
                        None => ().into_any(),
                        Some(Ok(found)) => view! { <Verdict check=found/> }.into_any(),
                        Some(Err(AppError::NotFound)) => {
                            set_not_found_status();
                            let typed: String = code().unwrap_or_default().chars().take(40).collect();
                            view! {
                                <div class="verdict verdict-bad" role="status">
                                    <p class="verdict-title">
                                        {t.tr_with("Không tìm thấy mã tem \"{code}\"", &[("code", &typed)])}
                                    </p>
                                    <p>
                                        {t.tr(
                                            "Mã này không do hệ thống OCOP cấp. Nếu mã in trên bao bì, tem có thể là giả: hãy kiểm tra lại từng ký tự hoặc báo cho cơ quan quản lý OCOP của tỉnh.",
                                        )}
                                    </p>
                                </div>
                            }.into_any()
                        }
                        Some(Err(err)) => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <form class="search" method="get" action="/xac-thuc">
                <label for="ma">{t.tr("Nhập mã tem (12 ký tự in dưới mã QR)")}</label>
                <div class="search-row">
                    <input id="ma" name="ma" type="text" inputmode="text" autocomplete="off" maxlength="40" spellcheck="false"/>
                    <button type="submit">{t.tr("Kiểm tra")}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Verdict(check: StampCheck) -> impl IntoView {
    let product = &check.product;
    let t = use_language();
    let (class, title, detail) = verdict(&check, t);
    view! {
        <div class=class role="status">
            <p class="verdict-title">{title}</p>
            <p>{detail}</p>
        </div>
        <dl class="facts">
            <dt>{t.tr("Sản phẩm")}</dt>
            <dd><a href=product.href.clone()>{product.name.clone()}</a>" "<StarRating stars=product.stars/></dd>
            <dt>{t.tr("Chủ thể")}</dt>
            <dd>{product.producer_name.clone()}</dd>
            <dt>{t.tr("Địa chỉ")}</dt>
            <dd>{format!("{} ({})", product.address_as_written, product.province_name)}</dd>
            {check.certificate_number.clone().map(|n| view! { <dt>{t.tr("Số giấy chứng nhận")}</dt><dd>{n}</dd> })}
            <dt>{t.tr("Mã tem")}</dt>
            <dd><code>{check.code.clone()}</code></dd>
        </dl>
    }
}

/// The verdict's class, headline and detail. Dates are written day/month/year in both
/// languages.
fn verdict(check: &StampCheck, t: Language) -> (&'static str, String, String) {
    let product = &check.product;
    let until = product.valid_until.map(ValidUntil::vietnamese).unwrap_or_default();
    let year = product.recognized_year.to_string();
    let revoked_on = check.revoked_on.as_deref().map(vietnamese_date);
    let ground = revocation_ground_text(check.revocation_ground_code.as_deref(), check.revocation_ground.as_deref(), t)
        .unwrap_or_default();
    match product.status {
        // Art. 12.3: past its last valid day, in force while a re-rating filed in time is decided.
        Some(CertificateStatus::Expiring) if product.pending_rerating_until.is_some() => (
            "verdict verdict-good",
            t.tr("Tem thật: sản phẩm đang được công nhận OCOP").to_string(),
            t.tr_with(
                "Hiệu lực đến {until}; còn hiệu lực chờ đánh giá lại đến {pending} (hồ sơ đánh giá lại đã nộp đúng hạn).",
                &[
                    ("until", &until),
                    ("pending", &product.pending_rerating_until.map(ValidUntil::vietnamese).unwrap_or_default()),
                ],
            ),
        ),
        Some(CertificateStatus::Valid | CertificateStatus::Expiring) => (
            "verdict verdict-good",
            t.tr("Tem thật: sản phẩm đang được công nhận OCOP").to_string(),
            t.tr_with("Hiệu lực đến {until}.", &[("until", &until)]),
        ),
        Some(CertificateStatus::Expired) => (
            "verdict verdict-bad",
            t.tr("Tem thật, nhưng chứng nhận OCOP đã hết hạn").to_string(),
            if until.is_empty() {
                t.tr_with("Sản phẩm được công nhận năm {year} và chứng nhận đã quá 36 tháng.", &[("year", &year)])
            } else {
                t.tr_with("Hiệu lực chỉ đến {until}. Sản phẩm không còn được dùng nhãn OCOP.", &[("until", &until)])
            },
        ),
        Some(CertificateStatus::Revoked) => (
            "verdict verdict-bad",
            match revoked_on {
                Some(day) => t.tr_with("Chứng nhận OCOP đã bị thu hồi ngày {date}", &[("date", &day)]),
                None => t.tr("Chứng nhận OCOP đã bị thu hồi").to_string(),
            },
            if ground.is_empty() { String::new() } else { t.tr_with("Lý do: {ground}.", &[("ground", &ground)]) },
        ),
        None => (
            "verdict verdict-unknown",
            t.tr("Tem thật: sản phẩm có trong danh mục OCOP").to_string(),
            t.tr_with("Được công nhận năm {year}; nguồn dữ liệu không ghi ngày hết hạn.", &[("year", &year)]),
        ),
    }
}

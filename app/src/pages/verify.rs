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
    let language = use_language();
    let text = move |vi, en| language.pick(vi, en);
    view! {
        <PageTitle text=text("Xác thực tem OCOP", "Check an OCOP stamp")/>
        <Meta name="robots" content="noindex"/>
        <section class="verify">
            <h1>{text("Xác thực tem OCOP", "Check an OCOP stamp")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{text("Đang kiểm tra…", "Checking…")}</p> }>
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
                                        {format!("{} \"{typed}\"", text("Không tìm thấy mã tem", "No stamp has the code"))}
                                    </p>
                                    <p>
                                        {text(
                                            "Mã này không do hệ thống OCOP cấp. Nếu mã in trên bao bì, tem có thể là giả: hãy kiểm tra lại từng ký tự hoặc báo cho cơ quan quản lý OCOP của tỉnh.",
                                            "The OCOP system never issued this code. If it is printed on a package, the stamp may be fake: check each character, or tell the province's OCOP office.",
                                        )}
                                    </p>
                                </div>
                            }.into_any()
                        }
                        Some(Err(err)) => view! { <p class="error" role="alert">{err.message(language)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <form class="search" method="get" action="/xac-thuc">
                <label for="ma">{text("Nhập mã tem (12 ký tự in dưới mã QR)", "Type the stamp code (the 12 characters under the QR code)")}</label>
                <div class="search-row">
                    <input id="ma" name="ma" type="text" inputmode="text" autocomplete="off" maxlength="40" spellcheck="false"/>
                    <button type="submit">{text("Kiểm tra", "Check")}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Verdict(check: StampCheck) -> impl IntoView {
    let product = &check.product;
    let language = use_language();
    let text = move |vi, en| language.pick(vi, en);
    let (class, title, detail) = verdict(&check, language);
    view! {
        <div class=class role="status">
            <p class="verdict-title">{title}</p>
            <p>{detail}</p>
        </div>
        <dl class="facts">
            <dt>{text("Sản phẩm", "Product")}</dt>
            <dd><a href=product.href.clone()>{product.name.clone()}</a>" "<StarRating stars=product.stars/></dd>
            <dt>{text("Chủ thể", "Producer")}</dt>
            <dd>{product.producer_name.clone()}</dd>
            <dt>{text("Địa chỉ", "Address")}</dt>
            <dd>{format!("{} ({})", product.address_as_written, product.province_name)}</dd>
            {check.certificate_number.clone().map(|n| view! { <dt>{text("Số giấy chứng nhận", "Certificate number")}</dt><dd>{n}</dd> })}
            <dt>{text("Mã tem", "Stamp code")}</dt>
            <dd><code>{check.code.clone()}</code></dd>
        </dl>
    }
}

/// The verdict's class, headline and detail. Dates are written day/month/year in both
/// languages.
fn verdict(check: &StampCheck, language: Language) -> (&'static str, String, String) {
    let product = &check.product;
    let until = product.valid_until.map(ValidUntil::vietnamese).unwrap_or_default();
    let year = product.recognized_year.to_string();
    let revoked_on = check.revoked_on.as_deref().map(vietnamese_date);
    let ground =
        revocation_ground_text(check.revocation_ground_code.as_deref(), check.revocation_ground.as_deref(), language)
            .unwrap_or_default();
    let text = |vi: &str, en: &str| language.pick(vi, en).replace("{until}", &until).replace("{year}", &year);
    match product.status {
        // Art. 12.3: past its last valid day, in force while a re-rating filed in time is decided.
        Some(CertificateStatus::Expiring) if product.pending_rerating_until.is_some() => (
            "verdict verdict-good",
            text("Tem thật: sản phẩm đang được công nhận OCOP", "Genuine stamp: the product is certified OCOP"),
            text(
                "Hiệu lực đến {until}; còn hiệu lực chờ đánh giá lại đến {pending} (hồ sơ đánh giá lại đã nộp đúng hạn).",
                "Valid until {until}; valid pending re-rating until {pending} (re-rating filed in time).",
            )
            .replace("{pending}", &product.pending_rerating_until.map(ValidUntil::vietnamese).unwrap_or_default()),
        ),
        Some(CertificateStatus::Valid | CertificateStatus::Expiring) => (
            "verdict verdict-good",
            text("Tem thật: sản phẩm đang được công nhận OCOP", "Genuine stamp: the product is certified OCOP"),
            text("Hiệu lực đến {until}.", "Valid until {until}."),
        ),
        Some(CertificateStatus::Expired) => (
            "verdict verdict-bad",
            text("Tem thật, nhưng chứng nhận OCOP đã hết hạn", "Genuine stamp, but the OCOP certificate has expired"),
            if until.is_empty() {
                text(
                    "Sản phẩm được công nhận năm {year} và chứng nhận đã quá 36 tháng.",
                    "The product was certified in {year} and 36 months have passed.",
                )
            } else {
                text(
                    "Hiệu lực chỉ đến {until}. Sản phẩm không còn được dùng nhãn OCOP.",
                    "It was valid only until {until}. The product may no longer carry the OCOP label.",
                )
            },
        ),
        Some(CertificateStatus::Revoked) => (
            "verdict verdict-bad",
            match revoked_on {
                Some(day) => format!(
                    "{} {day}",
                    text("Chứng nhận OCOP đã bị thu hồi ngày", "The OCOP certificate was revoked on")
                ),
                None => text("Chứng nhận OCOP đã bị thu hồi", "The OCOP certificate was revoked"),
            },
            if ground.is_empty() { String::new() } else { format!("{} {ground}.", text("Lý do:", "Ground:")) },
        ),
        None => (
            "verdict verdict-unknown",
            text("Tem thật: sản phẩm có trong danh mục OCOP", "Genuine stamp: the product is in the OCOP catalog"),
            text(
                "Được công nhận năm {year}; nguồn dữ liệu không ghi ngày hết hạn.",
                "Certified in {year}; the source does not give the expiry date.",
            ),
        ),
    }
}

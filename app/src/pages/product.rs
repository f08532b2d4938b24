use leptos::prelude::*;
use leptos_meta::{Link, Meta};

use crate::api::get_product;
use crate::components::{route_record, LoadedOrNotFound, PageTitle, StarRating, StatusBadge};
use crate::domain::{CertificateStatus, ProductPhoto, ValidUntil};
use crate::language::use_language;
use crate::model::{
    id_from_segment, producer_kind_name, revocation_ground_text, stamp_href, vietnamese_date, ProductDetail,
};
use crate::site::absolute_url;

/// A product's public page: what it is, who makes it, where to find it, and whether its
/// OCOP rating still holds, said prominently when it does not.
#[component]
pub fn ProductPage() -> impl IntoView {
    let product = route_record(id_from_segment, || (), get_product);
    view! { <LoadedOrNotFound resource=product render=|product| view! { <ProductView product/> }/> }
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let summary = product.summary.clone();
    let t = use_language();
    let description = t.tr_with(
        "{name} – sản phẩm OCOP {stars} sao của {producer}, {province}.",
        &[
            ("stars", &summary.stars),
            ("producer", &summary.producer_name),
            ("province", &summary.province_name),
            ("name", &summary.name),
        ],
    );
    let revoked_on = product.revoked_on.as_deref().map(vietnamese_date);
    let expired_on = summary.valid_until.map(ValidUntil::vietnamese);
    let ground =
        revocation_ground_text(product.revocation_ground_code.as_deref(), product.revocation_ground.as_deref(), t);
    let warning = match summary.status {
        Some(CertificateStatus::Revoked) => Some(match (revoked_on, ground) {
            (Some(date), Some(ground)) => t.tr_with(
                "Chứng nhận OCOP của sản phẩm này đã bị thu hồi ngày {date} (lý do: {ground}).",
                &[("date", &date), ("ground", &ground)],
            ),
            (Some(date), None) => {
                t.tr_with("Chứng nhận OCOP của sản phẩm này đã bị thu hồi ngày {date}.", &[("date", &date)])
            }
            (None, Some(ground)) => t.tr_with(
                "Chứng nhận OCOP của sản phẩm này đã bị thu hồi (lý do: {ground}).",
                &[("ground", &ground)],
            ),
            (None, None) => t.tr("Chứng nhận OCOP của sản phẩm này đã bị thu hồi.").to_string(),
        }),
        Some(CertificateStatus::Expired) => Some(match expired_on {
            Some(date) => t.tr_with(
                "Chứng nhận OCOP của sản phẩm này đã hết hạn (hiệu lực đến {date}). Sản phẩm không còn được dùng nhãn OCOP cho đến khi được đánh giá lại.",
                &[("date", &date)],
            ),
            None => t
                .tr("Chứng nhận OCOP của sản phẩm này đã hết hạn. Sản phẩm không còn được dùng nhãn OCOP cho đến khi được đánh giá lại.")
                .to_string(),
        }),
        _ => None,
    };
    // Art. 12.3: past its last valid day, in force while a re-rating filed in time is decided.
    let pending = summary.pending_rerating_until.map(|pending| {
        let until = summary.valid_until.map(ValidUntil::vietnamese).unwrap_or_default();
        let pending = pending.vietnamese();
        t.tr_with(
            "Chứng nhận hiệu lực đến {until}; chủ thể đã nộp hồ sơ đánh giá lại đúng hạn nên chứng nhận còn hiệu lực trong khi chờ quyết định, chậm nhất đến {pending} (khoản 3 Điều 12 Quyết định 26/2026/QĐ-TTg).",
            &[("until", &until), ("pending", &pending)],
        )
    });
    let classification = [product.industry_name.clone(), product.group_name.clone(), summary.subgroup_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" › ");
    let decision = product.decision_number.clone().map(|number| match &product.decision_date {
        Some(date) => t.tr_with("{number}, ngày {date}", &[("date", &vietnamese_date(date)), ("number", &number)]),
        None => number,
    });
    let place = match &product.commune_name {
        Some(commune) => format!("{commune}, {}", summary.province_name),
        None => summary.province_name.clone(),
    };
    let json_ld = json_ld(&product);
    let stamp = stamp_href(&product.stamp_code);
    let qr = format!("{stamp}/qr.svg");
    view! {
        <PageTitle text=summary.name.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=summary.name.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:locale" content=t.tr("vi_VN")/>
        <Link rel="canonical" href=absolute_url(&summary.href)/>
        <Meta property="og:url" content=absolute_url(&summary.href)/>
        <script type="application/ld+json" inner_html=json_ld></script>
        <article class="product-page">
            {warning.map(|text| view! { <p class="status-warning">{text}</p> })}
            {pending.map(|text| view! { <p class="status-pending">{text}</p> })}
            <h1>{summary.name.clone()}</h1>
            <Gallery name=summary.name.clone() photos=product.photos.clone()/>
            <p class="rating">
                <StarRating stars=summary.stars/>
                {product.score.map(|score| {
                    let points = score.text(t);
                    view! { <span class="score">{format!(" {}", t.tr_with("{points}/100 điểm", &[("points", &points)]))}</span> }
                })}
                " "
                <StatusBadge
                    status=summary.status
                    valid_until=summary.valid_until
                    pending_rerating_until=summary.pending_rerating_until
                />
            </p>
            <dl class="facts">
                <dt>{t.tr("Chủ thể sản xuất")}</dt>
                <dd>
                    <a href=product.producer_href.clone()>{summary.producer_name.clone()}</a>
                    {product.producer_kind.as_deref().map(|kind| format!(" · {}", producer_kind_name(kind, t)))}
                </dd>
                {(!classification.is_empty()).then(|| view! { <dt>{t.tr_in("product page", "Phân nhóm")}</dt><dd>{classification}</dd> })}
                <dt>{t.tr("Địa chỉ")}</dt>
                <dd>
                    {summary.address_as_written.clone()}
                    <br/>
                    <span class="muted">{t.tr_with("Theo đơn vị hành chính 2025: {place}", &[("place", &place)])}</span>
                </dd>
                {product.certificate_number.clone().map(|n| view! { <dt>{t.tr("Số giấy chứng nhận")}</dt><dd>{n}</dd> })}
                {decision.map(|d| view! { <dt>{t.tr("Quyết định công nhận")}</dt><dd>{d}</dd> })}
                <dt>{t.tr("Năm công nhận")}</dt>
                <dd>{summary.recognized_year}</dd>
                <dt>{t.tr("Bộ tiêu chí")}</dt>
                <dd>{summary.criteria_set.clone()}</dd>
            </dl>
            {product.description.clone().map(|story| view! {
                <section><h2>{t.tr("Câu chuyện sản phẩm")}</h2><p>{story}</p></section>
            })}
            <section>
                <h2>{t.tr("Liên hệ và nơi mua")}</h2>
                {match (product.phone.clone(), product.website.clone()) {
                    (None, None) if product.points_of_sale.is_empty() => view! {
                        <p class="muted">{t.tr("Chủ thể chưa cung cấp thông tin liên hệ.")}</p>
                    }.into_any(),
                    (None, None) => ().into_any(),
                    (phone, website) => view! {
                        <ul class="contact">
                            {phone.map(|p| view! { <li>{t.tr("Điện thoại: ")}<a href=format!("tel:{p}")>{p.clone()}</a></li> })}
                            {website.map(|w| view! { <li>{t.tr("Trang web: ")}<a href=w.clone() rel="nofollow noopener">{w.clone()}</a></li> })}
                        </ul>
                    }.into_any(),
                }}
                {(!product.points_of_sale.is_empty()).then(|| view! {
                    <h3>{t.tr("Nơi bán")}</h3>
                    <ul class="points-of-sale">
                        {product.points_of_sale.clone().into_iter().map(|point| match point.link {
                            Some(link) => {
                                let words = if point.text.is_empty() { link.clone() } else { point.text };
                                view! { <li><a href=link rel="nofollow noopener">{words}</a></li> }.into_any()
                            }
                            None => view! { <li>{point.text}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section class="stamp">
                <h2>{t.tr("Tem OCOP")}</h2>
                <img
                    src=qr
                    width="160"
                    height="160"
                    loading="lazy"
                    alt=t.tr_with("Mã QR xác thực tem OCOP của {name}", &[("name", &summary.name)])
                />
                <p>
                    {t.tr("Quét mã QR trên bao bì hoặc mở ")}
                    <a href=stamp.clone()>{t.tr("trang xác thực tem")}</a>
                    {t.tr(" để kiểm tra tem là thật và còn hiệu lực. Mã tem: ")}
                    <code>{product.stamp_code.clone()}</code>
                </p>
            </section>
        </article>
    }
}

/// schema.org Product data for search engines. Stars are an award, not a review rating.
fn json_ld(product: &ProductDetail) -> String {
    let summary = &product.summary;
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": summary.name,
        "url": summary.href,
        "award": format!("OCOP {} sao ({})", summary.stars, summary.recognized_year),
        "manufacturer": { "@type": "Organization", "name": summary.producer_name, "address": summary.address_as_written },
        "countryOfOrigin": "VN",
    });
    if let Some(category) = &summary.subgroup_name {
        data["category"] = category.clone().into();
    }
    if let Some(description) = &product.description {
        data["description"] = description.clone().into();
    }
    // Inside a script element "</script" ends it and "<!--" changes how it is read: JSON may
    // write every "<" as an escape, so none is left.
    data.to_string().replace('<', "\\u003c")
}

/// The product's photos, each at the width the screen needs: the first at once (it is what
/// the page is about), the others as they are scrolled to.
#[component]
fn Gallery(name: String, photos: Vec<ProductPhoto>) -> impl IntoView {
    let t = use_language();
    (!photos.is_empty()).then(|| {
        let count = photos.len();
        let images = photos
            .into_iter()
            .enumerate()
            .map(|(i, photo)| {
                let shown = photo.widths.get(1).or(photo.widths.first()).copied().unwrap_or(photo.width);
                let alt = match count {
                    1 => name.clone(),
                    _ => t.tr_with("{name} – ảnh {i}/{count}", &[("i", &(i + 1)), ("count", &count), ("name", &name)]),
                };
                view! {
                    <img
                        src=photo.src(shown)
                        srcset=photo.srcset()
                        sizes="(max-width: 720px) 100vw, 640px"
                        width=photo.width
                        height=photo.height
                        loading=if i == 0 { "eager" } else { "lazy" }
                        decoding="async"
                        alt=alt
                    />
                }
            })
            .collect_view();
        view! { <div class="gallery">{images}</div> }
    })
}

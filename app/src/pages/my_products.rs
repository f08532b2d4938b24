use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{list_my_products, list_subgroups, OpenDossier, RegisterProduct};
use crate::components::{
    action_error, next_steps_view, portal_refusal, server_escaped, FormError, FormField, PageTitle, StarRating,
    StatusBadge,
};
use crate::domain::DossierKind;
use crate::language::{use_language, Language};
use crate::model::{vietnamese_date, PortalCertificate, PortalProduct, SubgroupChoice};

/// The producer's products and their dossiers, and registering a new product.
#[component]
pub fn MyProductsPage() -> impl IntoView {
    // The list is read again after each registration, which does not leave the page.
    let register = ServerAction::<RegisterProduct>::new();
    let products = Resource::new(move || register.version().get(), |_| list_my_products());
    let subgroups = Resource::new(|| (), |_| list_subgroups());
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Sản phẩm của tôi")/>
        <Meta name="robots" content="noindex"/>
        <section class="portal">
            <h1>{t.tr("Sản phẩm của tôi")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang tải…")}</p> }>
                {move || Suspend::new(async move {
                    match (products.await, subgroups.await) {
                        (Ok(products), Ok(subgroups)) => {
                            let steps = next_steps_view(true, &products, t);
                            view! { {steps} <ProductList products/> <RegisterForm subgroups action=register/> }.into_any()
                        }
                        (Err(err), _) | (_, Err(err)) => portal_refusal(err, "/san-pham-cua-toi"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProductList(products: Vec<PortalProduct>) -> impl IntoView {
    let open = ServerAction::<OpenDossier>::new();
    let open_error = action_error(open.value());
    let t = use_language();
    if products.is_empty() {
        return view! { <p>{t.tr("Chưa có sản phẩm nào. Đăng ký sản phẩm đầu tiên ở mẫu bên dưới.")}</p> }.into_any();
    }
    view! {
        <FormError error=open_error fields=&[]/>
        <ul class="portal-products">
            {products
                .into_iter()
                .map(|product| {
                    let in_progress = product.dossiers.iter().any(|d| !d.state.is_final());
                    view! {
                        <li class="portal-product">
                            <h2>{product.name.clone()}</h2>
                            <p class="subgroup">{product.subgroup_name.clone()}</p>
                            <ul class="dossiers">
                                {product
                                    .dossiers
                                    .iter()
                                    .map(|d| {
                                        view! {
                                            <li>
                                                <a href=format!("/ho-so-danh-gia/{}", d.id)>
                                                    {format!("{} · {}", d.kind.label(t), d.state.label(t))}
                                                </a>
                                                {t.tr_with(" (mở ngày {date})", &[("date", &vietnamese_date(&d.opened_on))])}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {product.certificate.clone().map(|certificate| certificate_view(certificate, t))}
                            {(!in_progress)
                                .then(|| {
                                    openable(product.certificate.as_ref(), t)
                                        .into_iter()
                                        .map(|(kind, label)| view! {
                                            <ActionForm action=open>
                                                <input type="hidden" name="product_id" value=product.id/>
                                                <input type="hidden" name="kind" value=kind.code()/>
                                                <button type="submit">{label}</button>
                                            </ActionForm>
                                        })
                                        .collect_view()
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The dossiers the product's certificate lets its producer open now, with their buttons.
fn openable(certificate: Option<&PortalCertificate>, t: Language) -> Vec<(DossierKind, &'static str)> {
    let Some(certificate) = certificate.filter(|c| c.status.is_in_force()) else {
        return vec![(DossierKind::FirstRating, t.tr("Mở hồ sơ đánh giá, phân hạng lần đầu"))];
    };
    let mut kinds = Vec::new();
    if certificate.stars < 5 {
        kinds.push((DossierKind::Upgrade, t.tr("Mở hồ sơ nâng hạng sao")));
    }
    if certificate.rerating_open {
        kinds.push((DossierKind::ReRating, t.tr("Mở hồ sơ đánh giá lại")));
    }
    kinds
}

/// The certificate, its validity, when re-rating may be filed, and the stamps.
fn certificate_view(certificate: PortalCertificate, t: Language) -> impl IntoView {
    let window = t.tr_with(
        "Hồ sơ đánh giá lại nộp từ ngày {opens} đến ngày {closes} (từ 180 đến 120 ngày trước ngày cuối cùng còn hiệu lực).",
        &[
            ("opens", &vietnamese_date(&certificate.rerating_opens_on)),
            ("closes", &vietnamese_date(&certificate.rerating_closes_on)),
        ],
    );
    let reminder = certificate.rerating_open.then(|| {
        view! { <p class="notice" role="status">{t.tr_with("Đã đến hạn nộp hồ sơ đánh giá lại. {window}", &[("window", &window)])}</p> }
    });
    view! {
        <div class="portal-certificate">
            <p>
                <StarRating stars=certificate.stars/>
                {t.tr_with(" Giấy chứng nhận số {number} ", &[("number", &certificate.certificate_number)])}
                <StatusBadge status=Some(certificate.status) valid_until=Some(certificate.valid_until)/>
            </p>
            {reminder}
            {(!certificate.rerating_open && certificate.status.is_in_force()).then(|| view! { <p class="muted">{window.clone()}</p> })}
            <p>
                <a href=format!("/giay-chung-nhan/{}", certificate.catalog_product_id)>{t.tr("In giấy chứng nhận")}</a>
                " · "
                <a href=format!("/tem/{}", certificate.catalog_product_id)>{t.tr("In tem OCOP có mã QR")}</a>
            </p>
        </div>
    }
}

#[component]
fn RegisterForm(subgroups: Vec<SubgroupChoice>, action: ServerAction<RegisterProduct>) -> impl IntoView {
    let error = action_error(action.value());
    let query = use_query_map();
    let registered = move || query.read().get("da_dang_ky").is_some();
    let chosen = error.get_untracked().and_then(|e| e.kept("subgroup_code").map(str::to_string)).unwrap_or_default();
    let description = error.get_untracked().and_then(|e| e.kept("description").map(str::to_string)).unwrap_or_default();
    let t = use_language();
    let subgroup_error = move || error.get().and_then(|e| e.message_about("subgroup_code", t));
    // Subgroups under their industry, as the classification prints them.
    let mut industries: Vec<(String, Vec<SubgroupChoice>)> = Vec::new();
    for subgroup in subgroups {
        match industries.last_mut() {
            Some((industry, list)) if *industry == subgroup.industry => list.push(subgroup),
            _ => industries.push((subgroup.industry.clone(), vec![subgroup])),
        }
    }
    view! {
        <h2>{t.tr("Đăng ký sản phẩm mới")}</h2>
        <Show when=registered>
            <p class="notice" role="status">{t.tr("Đã đăng ký sản phẩm. Bạn có thể mở hồ sơ đánh giá cho sản phẩm ở danh sách trên.")}</p>
        </Show>
        <FormError error fields=&["name", "subgroup_code", "description"]/>
        <ActionForm action>
            <FormField label=t.tr("Tên sản phẩm") name="name" error/>
            <div class="field">
                <label for="subgroup_code">{t.tr("Nhóm sản phẩm (quyết định phiếu đánh giá)")}</label>
                <select id="subgroup_code" name="subgroup_code" aria-invalid=move || subgroup_error().map(|_| "true")>
                    <option value="">{t.tr("Chọn nhóm sản phẩm")}</option>
                    {industries
                        .into_iter()
                        .map(|(industry, list)| {
                            view! {
                                <optgroup label=industry>
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            let selected = s.code == chosen;
                                            view! { <option value=s.code selected=selected>{s.name}</option> }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
                {move || subgroup_error().map(|text| view! { <p class="field-error">{text}</p> })}
            </div>
            <div class="field">
                <label for="description">{t.tr("Giới thiệu ngắn (không bắt buộc)")}</label>
                <textarea id="description" name="description" rows="3">{server_escaped(description)}</textarea>
            </div>
            <button type="submit" disabled=move || action.pending().get()>{t.tr("Đăng ký sản phẩm")}</button>
        </ActionForm>
    }
}

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{get_my_producer, list_provinces, AddProducerMember, SaveProducerProfile};
use crate::components::{action_error, portal_refusal, FormError, FormField, FormSelect, PageTitle, PlaceChooser};
use crate::domain::{ProducerKind, ProfileForm};
use crate::model::{Place, ProducerProfile};

/// The producer's profile: who files the dossiers, with the registration number and the
/// address in the 2025 provinces and communes.
#[component]
pub fn ProducerProfilePage() -> impl IntoView {
    let query = use_query_map();
    // Read again after a member is added, which comes back here with `da_them`.
    let producer = Resource::new(move || query.read().get("da_them"), |_| get_my_producer());
    let provinces = Resource::new(|| (), |_| list_provinces());
    view! {
        <PageTitle text="Hồ sơ chủ thể"/>
        <Meta name="robots" content="noindex"/>
        <section class="portal">
            <h1>"Hồ sơ chủ thể sản xuất"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match (producer.await, provinces.await) {
                        (Ok(saved), Ok(provinces)) => {
                            let filed = saved.is_some();
                            view! { <ProfileEditor saved provinces/> {filed.then(|| view! { <AddMember/> })} }.into_any()
                        }
                        (Err(err), _) | (_, Err(err)) => portal_refusal(err, "/ho-so"),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileEditor(saved: Option<ProducerProfile>, provinces: Vec<Place>) -> impl IntoView {
    let action = ServerAction::<SaveProducerProfile>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let saved_now = move || query.read().get("da_luu").is_some();
    let members = saved.as_ref().map(|p| p.members.join(", ")).filter(|m| !m.is_empty());
    // Without JavaScript, choosing a province reloads this page with the whole form in the
    // address, so nothing typed is lost on the way to the commune list.
    let start = query.with_untracked(|q| q.get("province_code").map(|_| ProfileForm::from_lookup(|name| q.get(name))));
    let start = start.or_else(|| saved.map(|p| p.form)).unwrap_or_default();
    let chosen = |name: &str, fallback: &str| {
        error.get_untracked().and_then(|e| e.kept(name).map(str::to_string)).unwrap_or_else(|| fallback.to_string())
    };
    let province = chosen("province_code", &start.province_code);
    let commune = chosen("commune_code", &start.commune_code);
    let kind = chosen("kind", &start.kind);
    let value = |text: &str| Signal::stored(text.to_string());
    let kinds: Vec<(String, String)> =
        ProducerKind::ALL.iter().map(|k| (k.code().to_string(), k.name_vi().to_string())).collect();

    view! {
        <Show when=saved_now>
            <p class="notice" role="status">"Đã lưu hồ sơ chủ thể."</p>
        </Show>
        {members.map(|names| view! { <p>"Người làm hồ sơ cho chủ thể: " {names}</p> })}
        <FormError error fields=&FIELDS/>
        <ActionForm action>
            <FormSelect label="Loại hình chủ thể" name="kind" error options=kinds selected=kind placeholder="Chọn loại hình"/>
            <FormField label="Tên chủ thể (theo đăng ký kinh doanh)" name="name" autocomplete="organization" value=value(&start.name) error/>
            <FormField
                label="Mã số doanh nghiệp / mã số thuế"
                name="tax_code"
                inputmode="numeric"
                hint="10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (đơn vị trực thuộc)."
                value=value(&start.tax_code)
                error
            />
            <FormField label="Người đại diện theo pháp luật" name="legal_representative" autocomplete="name"
                value=value(&start.legal_representative) error/>
            <PlaceChooser provinces province commune error reload_to="/ho-so"/>
            <FormField label="Địa chỉ (số nhà, thôn, ấp)" name="address" autocomplete="street-address"
                value=value(&start.address) error/>
            <FormField label="Số điện thoại" name="phone" kind="tel" autocomplete="tel" value=value(&start.phone) error/>
            <FormField label="Email (không bắt buộc)" name="email" kind="email" autocomplete="email"
                value=value(&start.email) error/>
            <FormField label="Trang web (không bắt buộc)" name="website" inputmode="url" autocomplete="url"
                value=value(&start.website) error/>
            <button type="submit" disabled=move || action.pending().get()>"Lưu hồ sơ chủ thể"</button>
        </ActionForm>
    }
}

/// Letting someone else (with an account) act for the producer too.
#[component]
fn AddMember() -> impl IntoView {
    let action = ServerAction::<AddProducerMember>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let added = move || query.read().get("da_them").is_some();
    view! {
        <section class="members" aria-labelledby="them-nguoi">
            <h2 id="them-nguoi">"Thêm người làm hồ sơ"</h2>
            <p>"Người được thêm xem và làm được mọi hồ sơ của chủ thể. Họ cần có tài khoản trước."</p>
            <Show when=added>
                <p class="notice" role="status">"Đã thêm người làm hồ sơ."</p>
            </Show>
            <FormError error fields=&["sign_in_name"]/>
            <ActionForm action>
                <FormField label="Email hoặc số điện thoại của người đó" name="sign_in_name" error/>
                <button type="submit" class="secondary">"Thêm người"</button>
            </ActionForm>
        </section>
    }
}

const FIELDS: [&str; 10] = [
    "kind",
    "name",
    "tax_code",
    "legal_representative",
    "province_code",
    "commune_code",
    "address",
    "phone",
    "email",
    "website",
];

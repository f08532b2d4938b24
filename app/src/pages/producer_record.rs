use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{get_producer_record, SaveProducerRecord};
use crate::components::{
    action_error, id_number, route_record, FormError, FormField, LoadedForCaller, PageTitle, RecordHistory,
};
use crate::language::use_language;
use crate::model::ProducerRecordView;

/// An officer's form for a producer from a provincial list: its name, address, phone and web
/// site, saved only from the version read (the later of two saves is refused with what the
/// first changed), each edit in the history. A producer that files in the portal keeps its own
/// profile there; its record is shown, not edited.
#[component]
pub fn ProducerRecordPage() -> impl IntoView {
    let save = ServerAction::<SaveProducerRecord>::new();
    let record = route_record(id_number, move || save.version().get(), get_producer_record);
    let t = use_language();
    view! {
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <LoadedForCaller
                resource=record
                render=move |view| view! { <ProducerEditor view save/> }
                not_found=move || view! {
                    <PageTitle text=t.tr("Không tìm thấy chủ thể")/>
                    <h1>{t.tr("Không tìm thấy chủ thể trong phạm vi của bạn")}</h1>
                }
            />
        </section>
    }
}

#[component]
fn ProducerEditor(view: ProducerRecordView, save: ServerAction<SaveProducerRecord>) -> impl IntoView {
    let error = action_error(save.value());
    let query = use_query_map();
    let saved = move || query.read().get("da_luu").is_some();
    let [name, address, phone, website] =
        [&view.record.name, &view.record.address, &view.record.phone, &view.record.website]
            .map(|text| Signal::stored(text.clone()));
    let t = use_language();
    view! {
        <PageTitle text=t.tr_with("Chủ thể: {name}", &[("name", &view.record.name)])/>
        <h1>{view.record.name.clone()}</h1>
        <p class="lead">{view.province_name.clone()}</p>
        <Show when=saved>
            <p class="notice" role="status">{t.tr("Đã lưu bản ghi chủ thể.")}</p>
        </Show>
        {if view.files_in_portal {
            view! {
                <p class="field-hint">
                    {t.tr("Chủ thể này tự cập nhật hồ sơ (tên, mã số thuế, địa chỉ, liên hệ) trên cổng; cán bộ không sửa thay. ")}
                    {t.tr_with("Địa chỉ: {address}.", &[("address", &view.record.address)])}
                </p>
            }
            .into_any()
        } else {
            view! {
                <FormError error fields=&["name", "address", "phone", "website"]/>
                <ActionForm action=save>
                    <input type="hidden" name="producer_id" value=view.id/>
                    <input type="hidden" name="version" value=view.version/>
                    <FormField label=t.tr("Tên chủ thể") name="name" value=name error/>
                    <FormField label=t.tr("Địa chỉ") name="address" value=address error/>
                    <FormField label=t.tr("Điện thoại") name="phone" kind="tel" value=phone error/>
                    <FormField label=t.tr("Trang web") name="website" inputmode="url" value=website error/>
                    <button type="submit" disabled=move || save.pending().get()>{t.tr("Lưu bản ghi chủ thể")}</button>
                </ActionForm>
            }
            .into_any()
        }}
        <section aria-labelledby="san-pham-cua-chu-the">
            <h2 id="san-pham-cua-chu-the">{t.tr("Sản phẩm trong danh mục")}</h2>
            <ul>
                {view.products.into_iter().map(|(id, name)| view! {
                    <li><a href=format!("/can-bo/san-pham/{id}")>{name}</a></li>
                }).collect_view()}
            </ul>
        </section>
        <RecordHistory history=view.history/>
    }
}

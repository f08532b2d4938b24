use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{get_council_sheet, SubmitCouncilSheet};
use crate::components::{
    action_error, id_number, route_record, FormError, LoadedForCaller, PageTitle, SheetEditor, SheetOwner,
};
use crate::language::use_language;
use crate::model::CouncilSheetView;

/// A council member's own score sheet for one dossier: the richest form of the platform. Saved
/// as the member goes and kept on the device while the connection is down (a council in a
/// rural hall may lose it), then sent when it returns; submitted once complete.
#[component]
pub fn CouncilSheetPage() -> impl IntoView {
    let submit = ServerAction::<SubmitCouncilSheet>::new();
    let sheet = route_record(id_number, move || submit.version().get(), get_council_sheet);
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Phiếu chấm điểm")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff council-sheet">
            <LoadedForCaller
                resource=sheet
                loading=t.tr("Đang tải phiếu chấm…")
                render=move |view| view! { <Sheet view submit/> }
                not_found=move || view! {
                    <h1>{t.tr("Không có phiếu chấm")}</h1>
                    <p>{t.tr("Bạn không chấm hồ sơ này, hoặc hồ sơ chưa được chuyển hội đồng.")}</p>
                }
            />
        </section>
    }
}

#[component]
fn Sheet(view: CouncilSheetView, submit: ServerAction<SubmitCouncilSheet>) -> impl IntoView {
    let dossier_id = view.dossier_id;
    let editable = !view.submitted && !view.closed;
    let version = RwSignal::new(view.version);
    let error = action_error(submit.value());
    let t = use_language();
    let status = if view.closed {
        t.tr("Hội đồng đã kết thúc chấm hồ sơ này; phiếu chỉ còn để xem.")
    } else if view.submitted {
        t.tr("Đã nộp phiếu. Phiếu chỉ còn để xem, trừ khi chủ tịch hội đồng mở lại để chấm lại.")
    } else {
        t.tr("Phiếu của bạn chỉ mình bạn thấy cho đến khi nộp.")
    };
    view! {
        <p><a href=format!("/can-bo/ho-so/{dossier_id}")>{t.tr("← Hồ sơ")}</a></p>
        <h1>{t.tr_with("Phiếu chấm: {product}", &[("product", &view.product_name)])}</h1>
        <p class="muted">
            {t.tr_with(
                "{round} · {seat} · Phiếu: {sheet}",
                &[("round", &view.round_name), ("seat", &view.seat.label(t)), ("sheet", &view.sheet.name)],
            )}
        </p>
        <p class="notice" role="status">{status}</p>
        <SheetEditor owner=SheetOwner::CouncilMember dossier_id sheet=view.sheet choices=view.choices
            notes=Some(view.notes) version editable summary_label=t.tr("Kết quả phiếu chấm")/>
        {editable.then(|| view! {
            <section class="submission" aria-labelledby="nop-phieu">
                <h2 id="nop-phieu">{t.tr("Nộp phiếu chấm")}</h2>
                <FormError error fields=&[]/>
                <ActionForm action=submit>
                    <input type="hidden" name="dossier_id" value=dossier_id/>
                    <input type="hidden" name="version" value=move || version.get()/>
                    <button type="submit" disabled=move || submit.pending().get()>{t.tr("Nộp phiếu chấm")}</button>
                </ActionForm>
            </section>
        })}
    }
}

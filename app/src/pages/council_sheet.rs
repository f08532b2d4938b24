use leptos::prelude::*;
use leptos_meta::Meta;

use crate::api::{get_council_sheet, SubmitCouncilSheet};
use crate::components::{
    action_error, id_number, route_record, FormError, LoadedForCaller, PageTitle, SheetEditor, SheetOwner,
};
use crate::model::CouncilSheetView;

/// A council member's own score sheet for one dossier: the richest form of the platform. Saved
/// as the member goes and kept on the device while the connection is down (a council in a
/// rural hall may lose it), then sent when it returns; submitted once complete.
#[component]
pub fn CouncilSheetPage() -> impl IntoView {
    let submit = ServerAction::<SubmitCouncilSheet>::new();
    let sheet = route_record(id_number, move || submit.version().get(), get_council_sheet);
    view! {
        <PageTitle text="Phiếu chấm điểm"/>
        <Meta name="robots" content="noindex"/>
        <section class="staff council-sheet">
            <LoadedForCaller
                resource=sheet
                loading="Đang tải phiếu chấm…"
                render=move |view| view! { <Sheet view submit/> }
                not_found=|| view! {
                    <h1>"Không có phiếu chấm"</h1>
                    <p>"Bạn không chấm hồ sơ này, hoặc hồ sơ chưa được chuyển hội đồng."</p>
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
    let status = if view.closed {
        "Hội đồng đã kết thúc chấm hồ sơ này; phiếu chỉ còn để xem."
    } else if view.submitted {
        "Đã nộp phiếu. Phiếu chỉ còn để xem, trừ khi chủ tịch hội đồng mở lại để chấm lại."
    } else {
        "Phiếu của bạn chỉ mình bạn thấy cho đến khi nộp."
    };
    view! {
        <p><a href=format!("/can-bo/ho-so/{dossier_id}")>"← Hồ sơ"</a></p>
        <h1>{format!("Phiếu chấm: {}", view.product_name)}</h1>
        <p class="muted">{format!("{} · {} · Phiếu: {}", view.round_name, view.seat.label_vi(), view.sheet.name)}</p>
        <p class="notice" role="status">{status}</p>
        <SheetEditor owner=SheetOwner::CouncilMember dossier_id sheet=view.sheet choices=view.choices
            notes=Some(view.notes) version editable summary_label="Kết quả phiếu chấm"/>
        {editable.then(|| view! {
            <section class="submission" aria-labelledby="nop-phieu">
                <h2 id="nop-phieu">"Nộp phiếu chấm"</h2>
                <FormError error fields=&[]/>
                <ActionForm action=submit>
                    <input type="hidden" name="dossier_id" value=dossier_id/>
                    <input type="hidden" name="version" value=move || version.get()/>
                    <button type="submit" disabled=move || submit.pending().get()>"Nộp phiếu chấm"</button>
                </ActionForm>
            </section>
        })}
    }
}

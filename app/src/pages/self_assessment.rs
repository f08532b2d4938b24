use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{get_dossier, SubmitDossier};
use crate::components::{
    action_error, id_number, route_record, CertificateCard, ConfirmButton, EvidenceList, FormError, LoadedForCaller,
    PageTitle, SheetEditor, SheetOwner, StarRating, Timeline,
};
use crate::domain::{DocumentKind, EvidenceRefusal, Score};
use crate::model::{DossierDetail, EvidenceItem};

/// The self-assessment (Mẫu 02): the product's whole score sheet, one choice per criterion,
/// with the total, the predicted stars and what blocks the next star computed as the producer
/// goes by the same engine the council's result uses. Saved to the server as they go, and
/// kept in the browser in case the connection drops.
#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let query = use_query_map();
    // Read again after a submission, which comes back to this page with `da_nop`.
    let dossier = route_record(id_number, move || query.read().get("da_nop"), get_dossier);
    view! {
        <PageTitle text="Tự đánh giá sản phẩm"/>
        <Meta name="robots" content="noindex"/>
        <section class="portal self-assessment">
            <LoadedForCaller
                resource=dossier
                loading="Đang tải phiếu đánh giá…"
                render=|detail| view! { <SheetForm detail/> }
                not_found=|| view! {
                    <h1>"Không tìm thấy hồ sơ"</h1>
                    <p>"Hồ sơ này không có, hoặc không thuộc chủ thể của bạn."</p>
                    <p><a href="/san-pham-cua-toi">"Về danh sách sản phẩm của tôi"</a></p>
                }
            />
        </section>
    }
}

#[component]
fn SheetForm(detail: DossierDetail) -> impl IntoView {
    let editable = detail.state.is_editable_by_producer();
    let dossier_id = detail.id;
    let version = RwSignal::new(detail.version);
    let part_labels: Vec<(String, String)> =
        detail.sheet.parts.iter().map(|part| (part.code.clone(), part.label.clone())).collect();
    // What the upload form offers to mark: each criterion of the sheet, by part.
    let criteria: Vec<(String, Vec<(String, String)>)> = detail
        .sheet
        .parts
        .iter()
        .map(|part| {
            let listed = part.all_criteria().map(|c| (c.code.clone(), format!("{} {}", c.code, c.label))).collect();
            (part.label.clone(), listed)
        })
        .collect();
    let heading = view! {
        <h1>{format!("Tự đánh giá: {}", detail.product_name)}</h1>
        <p class="muted">
            {format!("{} · {} · Phiếu: {}", detail.kind.label_vi(), detail.state.label_vi(), detail.sheet.name)}
        </p>
        {(!editable).then(|| view! {
            <p class="notice" role="status">"Hồ sơ đã nộp. Phiếu tự đánh giá chỉ còn để xem; theo dõi tiến trình ở cuối trang."</p>
        })}
    }
    .into_any();
    view! {
        {heading}
        <SheetEditor owner=SheetOwner::Producer dossier_id sheet=detail.sheet choices=detail.choices notes=None
            version editable summary_label="Kết quả tự đánh giá"/>
        {detail.council_result.map(|result| view! { <Outcome result part_labels/> })}
        {detail.certificate.map(|certificate| view! { <CertificateCard certificate/> })}
        <Evidence dossier_id items=detail.evidence editable criteria/>
        {editable.then(|| view! { <Submission dossier_id version/> })}
        <Timeline steps=detail.timeline state=detail.state/>
    }
}

/// The documents of the dossier, and a plain upload form (the same with or without JavaScript).
#[component]
fn Evidence(
    dossier_id: i64,
    items: Vec<EvidenceItem>,
    editable: bool,
    /// The sheet's criteria by part: (part label, [(code, code and label)]).
    criteria: Vec<(String, Vec<(String, String)>)>,
) -> impl IntoView {
    let query = use_query_map();
    let refusal = move || query.read().get("tai_lieu").and_then(|code| EvidenceRefusal::from_code(&code));
    let uploaded = move || query.read().get("da_tai_len").is_some();
    let removed = move || query.read().get("da_xoa").is_some();
    // What a refused upload had chosen, sent back with the refusal.
    let kept_kind = query.read_untracked().get("loai").unwrap_or_default();
    let kept_criteria: Vec<String> = query
        .read_untracked()
        .get("tieu_chi")
        .map(|list| list.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    view! {
        <section class="evidence" id="tai-lieu" aria-labelledby="tai-lieu-tieu-de">
            <h2 id="tai-lieu-tieu-de">"Tài liệu kèm theo"</h2>
            <EvidenceList items removable_from=editable.then_some(dossier_id)/>
            {editable.then(|| view! {
                <Show when=uploaded>
                    <p class="notice" role="status">"Đã tải lên tài liệu."</p>
                </Show>
                <Show when=removed>
                    <p class="notice" role="status">"Đã xoá tài liệu."</p>
                </Show>
                {move || refusal().map(|r| view! { <p class="form-error" role="alert" id="tep-loi">{r.message_vi()}</p> })}
                <form method="post" enctype="multipart/form-data" action=format!("/ho-so-danh-gia/{dossier_id}/tai-lieu") class="evidence-form">
                    <div class="field">
                        <label for="kind">"Loại tài liệu"</label>
                        <select id="kind" name="kind">
                            <option value="">"Chọn loại tài liệu"</option>
                            {DocumentKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code() selected=kept_kind == k.code()>{k.label_vi()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    // Before the file, so that the criteria reach the server even when the file
                    // is cut short for being too large, and come back ticked.
                    <details class="evidence-criteria" open=!kept_criteria.is_empty()>
                        <summary>"Tiêu chí mà tài liệu này chứng minh (không bắt buộc)"</summary>
                        {criteria.into_iter().map(|(part, listed)| view! {
                            <fieldset>
                                <legend>{part}</legend>
                                {listed.into_iter().map(|(code, text)| {
                                    let ticked = kept_criteria.contains(&code);
                                    view! { <label class="choice"><input type="checkbox" name="criteria" value=code checked=ticked/>" "{text}</label> }
                                }).collect_view()}
                            </fieldset>
                        }).collect_view()}
                    </details>
                    <div class="field">
                        <label for="file">"Tệp (PDF, JPEG, PNG hoặc WebP; tối đa 20 MB)"</label>
                        <input id="file" name="file" type="file"
                            accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
                            aria-describedby=move || refusal().map(|_| "tep-loi")/>
                    </div>
                    <button type="submit">"Tải lên"</button>
                </form>
            })}
        </section>
    }
    // Erased: the page's type is otherwise too deep for the compiler's query depth.
    .into_any()
}

/// Sending the dossier to the commune.
#[component]
fn Submission(dossier_id: i64, version: RwSignal<i64>) -> impl IntoView {
    let submit = ServerAction::<SubmitDossier>::new();
    let error = action_error(submit.value());
    view! {
        <section class="submission" aria-labelledby="nop-ho-so">
            <h2 id="nop-ho-so">"Nộp hồ sơ"</h2>
            <p>"Hồ sơ được gửi tới UBND cấp xã. Sau khi nộp, bạn không sửa được nữa, trừ khi hồ sơ được trả lại để bổ sung."</p>
            <FormError error fields=&[]/>
            <ActionForm action=submit>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=move || version.get()/>
                <ConfirmButton label="Nộp hồ sơ cho UBND cấp xã"
                    consequence="Hồ sơ, phiếu tự đánh giá và minh chứng được gửi tới UBND cấp xã như hiện có; bạn không sửa được nữa, trừ khi hồ sơ được trả lại để bổ sung."
                    pending=submit.pending()/>
            </ActionForm>
        </section>
    }
}

/// The council's result, once scoring has closed: the average and the stars it gives.
#[component]
fn Outcome(result: crate::domain::CouncilResult, part_labels: Vec<(String, String)>) -> impl IntoView {
    // Written as every score is (89,67, 90): parts are out of less than 100, so they fit one.
    let points = |hundredths: u32| Score::from_hundredths(hundredths).map(Score::text_vi).unwrap_or_default();
    let average = points(result.average_hundredths);
    let parts = (!result.part_averages.is_empty()).then(|| {
        let rows = result
            .part_averages
            .iter()
            .map(|(code, average, max)| {
                let label =
                    part_labels.iter().find(|(c, _)| c == code).map(|(_, label)| label.clone()).unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{format!("Phần {code}: {label}")}</th>
                        <td class="number">{format!("{} / {max}", points(*average))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="part-scores">
                <caption>"Điểm trung bình từng phần"</caption>
                <thead><tr><th scope="col">"Phần"</th><th scope="col" class="number">"Điểm"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section class="outcome" aria-labelledby="ket-qua">
            <h2 id="ket-qua">"Kết quả chấm điểm của Hội đồng"</h2>
            <p class="council-result">
                {format!("Điểm trung bình: {average}/100 · Hạng: ")}
                <StarRating stars=result.stars.get()/>
            </p>
            <p class="council-explained">{result.explained_vi()}</p>
            {parts}
            {result.referred_to_national.then(|| view! {
                <p>"Từ 90 điểm: sản phẩm được đề nghị Hội đồng cấp Trung ương đánh giá 5 sao."</p>
            })}
        </section>
    }
}

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{get_dossier, SubmitDossier};
use crate::components::{
    action_error, id_number, route_record, CertificateCard, ConfirmButton, EvidenceList, FormError, LoadedForCaller,
    PageTitle, SheetEditor, SheetOwner, StarRating, Timeline,
};
use crate::domain::{DocumentKind, EvidenceRefusal, Score};
use crate::language::use_language;
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
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Tự đánh giá sản phẩm")/>
        <Meta name="robots" content="noindex"/>
        <section class="portal self-assessment">
            <LoadedForCaller
                resource=dossier
                loading=t.tr("Đang tải phiếu đánh giá…")
                render=|detail| view! { <SheetForm detail/> }
                not_found=move || view! {
                    <h1>{t.tr("Không tìm thấy hồ sơ")}</h1>
                    <p>{t.tr("Hồ sơ này không có, hoặc không thuộc chủ thể của bạn.")}</p>
                    <p><a href="/san-pham-cua-toi">{t.tr("Về danh sách sản phẩm của tôi")}</a></p>
                }
            />
        </section>
    }
}

#[component]
fn SheetForm(detail: DossierDetail) -> impl IntoView {
    let t = use_language();
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
        <h1>{t.tr_with("Tự đánh giá: {product}", &[("product", &detail.product_name)])}</h1>
        <p class="muted">
            {t.tr_with(
                "{kind} · {state} · Phiếu: {sheet}",
                &[
                    ("kind", &detail.kind.label(t)),
                    ("state", &detail.state.label(t)),
                    ("sheet", &detail.sheet.name),
                ],
            )}
        </p>
        {(!editable).then(|| view! {
            <p class="notice" role="status">{t.tr("Hồ sơ đã nộp. Phiếu tự đánh giá chỉ còn để xem; theo dõi tiến trình ở cuối trang.")}</p>
        })}
    }
    .into_any();
    view! {
        {heading}
        <SheetEditor owner=SheetOwner::Producer dossier_id sheet=detail.sheet choices=detail.choices notes=None
            version editable summary_label=t.tr("Kết quả tự đánh giá")/>
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
    let t = use_language();
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
            <h2 id="tai-lieu-tieu-de">{t.tr("Tài liệu kèm theo")}</h2>
            <EvidenceList items removable_from=editable.then_some(dossier_id)/>
            {editable.then(|| view! {
                <Show when=uploaded>
                    <p class="notice" role="status">{t.tr("Đã tải lên tài liệu.")}</p>
                </Show>
                <Show when=removed>
                    <p class="notice" role="status">{t.tr("Đã xoá tài liệu.")}</p>
                </Show>
                {move || refusal().map(|r| view! { <p class="form-error" role="alert" id="tep-loi">{r.message(t)}</p> })}
                <form method="post" enctype="multipart/form-data" action=format!("/ho-so-danh-gia/{dossier_id}/tai-lieu") class="evidence-form">
                    <div class="field">
                        <label for="kind">{t.tr("Loại tài liệu")}</label>
                        <select id="kind" name="kind">
                            <option value="">{t.tr("Chọn loại tài liệu")}</option>
                            {DocumentKind::ALL.into_iter().map(|k| view! {
                                <option value=k.code() selected=kept_kind == k.code()>{k.label(t)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    // Before the file, so that the criteria reach the server even when the file
                    // is cut short for being too large, and come back ticked.
                    <details class="evidence-criteria" open=!kept_criteria.is_empty()>
                        <summary>{t.tr("Tiêu chí mà tài liệu này chứng minh (không bắt buộc)")}</summary>
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
                        <label for="file">{t.tr("Tệp (PDF, JPEG, PNG hoặc WebP; tối đa 20 MB)")}</label>
                        <input id="file" name="file" type="file"
                            accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
                            aria-describedby=move || refusal().map(|_| "tep-loi")/>
                    </div>
                    <button type="submit">{t.tr("Tải lên")}</button>
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
    let t = use_language();
    view! {
        <section class="submission" aria-labelledby="nop-ho-so">
            <h2 id="nop-ho-so">{t.tr("Nộp hồ sơ")}</h2>
            <p>{t.tr("Hồ sơ được gửi tới UBND cấp xã. Sau khi nộp, bạn không sửa được nữa, trừ khi hồ sơ được trả lại để bổ sung.")}</p>
            <FormError error fields=&[]/>
            <ActionForm action=submit>
                <input type="hidden" name="dossier_id" value=dossier_id/>
                <input type="hidden" name="version" value=move || version.get()/>
                <ConfirmButton label=t.tr("Nộp hồ sơ cho UBND cấp xã")
                    consequence=t.tr("Hồ sơ, phiếu tự đánh giá và minh chứng được gửi tới UBND cấp xã như hiện có; bạn không sửa được nữa, trừ khi hồ sơ được trả lại để bổ sung.")
                    pending=submit.pending()/>
            </ActionForm>
        </section>
    }
}

/// The council's result, once scoring has closed: the average and the stars it gives.
#[component]
fn Outcome(result: crate::domain::CouncilResult, part_labels: Vec<(String, String)>) -> impl IntoView {
    // Written as every score is (89,67, 90): parts are out of less than 100, so they fit one.
    let t = use_language();
    let points = |hundredths: u32| Score::from_hundredths(hundredths).map(|score| score.text(t)).unwrap_or_default();
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
                        <th scope="row">{t.tr_with("Phần {code}: {label}", &[("code", code), ("label", &label)])}</th>
                        <td class="number">{format!("{} / {max}", points(*average))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="part-scores">
                <caption>{t.tr("Điểm trung bình từng phần")}</caption>
                <thead><tr><th scope="col">{t.tr("Phần")}</th><th scope="col" class="number">{t.tr("Điểm")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section class="outcome" aria-labelledby="ket-qua">
            <h2 id="ket-qua">{t.tr("Kết quả chấm điểm của Hội đồng")}</h2>
            <p class="council-result">
                {t.tr_with("Điểm trung bình: {average}/100 · Hạng: ", &[("average", &average)])}
                <StarRating stars=result.stars.get()/>
            </p>
            <p class="council-explained">{result.explained(t)}</p>
            {parts}
            {result.referred_to_national.then(|| view! {
                <p>{t.tr("Từ 90 điểm: sản phẩm được đề nghị Hội đồng cấp Trung ương đánh giá 5 sao.")}</p>
            })}
        </section>
    }
}

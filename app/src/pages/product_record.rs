use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{
    get_product_record, DeleteProductRecord, RecordRevocationFinding, RestoreProductRecord, RevokeProductCertificate,
    SaveCertificateRecord, SaveProductRecord,
};
use crate::components::{
    action_error, action_succeeded, id_number, route_record, FormError, FormField, FormTextArea, GroundField,
    LoadedForCaller, PageTitle, RecordHistory, RevocationFields,
};
use crate::domain::{PhotoRefusal, ProductPhoto, ValidUntil, MAX_PHOTOS};
use crate::language::use_language;
use crate::model::ProductRecordView;

/// An officer's form for a catalog product's public facts, with the history of every edit. Two
/// officers editing at once never overwrite each other: the later save is refused with what the
/// first one changed, and keeps what was typed. A record made in error is deleted with a reason
/// (it leaves the catalog but stays here) and can be restored.
#[component]
pub fn ProductRecordPage() -> impl IntoView {
    let save = ServerAction::<SaveProductRecord>::new();
    let delete = ServerAction::<DeleteProductRecord>::new();
    let restore = ServerAction::<RestoreProductRecord>::new();
    let certify = ServerAction::<SaveCertificateRecord>::new();
    let revoke = ServerAction::<RevokeProductCertificate>::new();
    let find = ServerAction::<RecordRevocationFinding>::new();
    let record = route_record(
        id_number,
        move || {
            let changes = save.version().get() + delete.version().get() + restore.version().get();
            changes + certify.version().get() + revoke.version().get() + find.version().get()
        },
        get_product_record,
    );
    let t = use_language();
    view! {
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <LoadedForCaller
                resource=record
                render=move |view| match view.deletion_reason {
                    Some(_) => view! { <Deleted view restore/> }.into_any(),
                    None => view! { <Editor view save delete certify revoke find/> }.into_any(),
                }
                not_found=move || view! {
                    <PageTitle text=t.tr("Không tìm thấy sản phẩm")/>
                    <h1>{t.tr("Không tìm thấy sản phẩm trong phạm vi của bạn")}</h1>
                }
            />
        </section>
    }
}

#[component]
fn Editor(
    view: ProductRecordView,
    save: ServerAction<SaveProductRecord>,
    delete: ServerAction<DeleteProductRecord>,
    certify: ServerAction<SaveCertificateRecord>,
    revoke: ServerAction<RevokeProductCertificate>,
    find: ServerAction<RecordRevocationFinding>,
) -> impl IntoView {
    let error = action_error(save.value());
    let query = use_query_map();
    let saved = action_succeeded(save.value(), move || query.read().get("da_luu").is_some());
    let restored = move || query.read().get("khoi_phuc").is_some();
    let [name, phone, website] =
        ["name", "phone", "website"].map(|field| Signal::stored(view.record.get(field).to_string()));
    let description = view.record.description.clone();
    let where_to_buy = view.record.where_to_buy.clone();
    let history = view.history.clone();
    let t = use_language();
    view! {
        <PageTitle text=t.tr_with("Bản ghi: {name}", &[("name", &view.record.name)])/>
        <h1>{view.record.name.clone()}</h1>
        <p class="lead">
            <a href=format!("/can-bo/chu-the/{}", view.producer_id)>{view.producer_name.clone()}</a>
            {format!(" · {}", view.province_name)}
            {view.certificate_number.clone().map(|n| t.tr_with(" · Giấy chứng nhận số {n}", &[("n", &n)]))}
        </p>
        <p><a href=view.public_href.clone()>{t.tr("Xem trang công khai")}</a></p>
        {view.superseded_by.map(|newer| view! {
            <p class="field-hint">
                {t.tr("Quyết định đánh giá lại đã thay giấy chứng nhận này; danh mục hiển thị ")}
                <a href=format!("/can-bo/san-pham/{newer}")>{t.tr("bản ghi mới")}</a> "."
            </p>
        })}
        <Show when=move || saved.get()>
            <p class="notice" role="status">{t.tr("Đã lưu bản ghi.")}</p>
        </Show>
        <Show when=restored>
            <p class="notice" role="status">{t.tr("Đã khôi phục sản phẩm vào danh mục.")}</p>
        </Show>
        <FormError error fields=&["name", "description", "phone", "website", "where_to_buy"]/>
        <ActionForm action=save>
            <input type="hidden" name="product_id" value=view.id/>
            <input type="hidden" name="version" value=view.version/>
            <FormField label=t.tr("Tên sản phẩm") name="name" value=name error/>
            <FormTextArea label=t.tr("Câu chuyện, mô tả sản phẩm") name="description" value=description error/>
            <FormField label=t.tr("Điện thoại liên hệ") name="phone" kind="tel" value=phone error/>
            <FormField label=t.tr("Trang web") name="website" inputmode="url" value=website error/>
            <FormTextArea
                label=t.tr("Nơi bán")
                name="where_to_buy"
                hint=t.tr("Mỗi dòng một điểm bán: cửa hàng, quầy chợ, hoặc gian hàng trên sàn thương mại điện tử kèm đường dẫn.")
                value=where_to_buy
                error
            />
            <button type="submit" disabled=move || save.pending().get()>{t.tr("Lưu bản ghi")}</button>
        </ActionForm>
        {match view.revocation.as_ref() {
            Some(revoked) => view! { <p class="notice revoked" role="status">{revoked.describe(t)}</p> }.into_any(),
            None => view! { <CertificateForm view=view.clone() certify/> }.into_any(),
        }}
        {view.finding.map(|finding| {
            view! {
                <p class=if view.finding_overdue { "status-warning" } else { "status-pending" } role="status">
                    {finding.said(t, view.finding_overdue)}
                </p>
            }
        })}
        {view.caller_revokes.then(|| view! {
            <FindingForm id=view.id version=view.version find/>
            <RevokeForm id=view.id version=view.version revoke/>
        })}
        <Photos product_id=view.id name=view.record.name.clone() photos=view.photos.clone()/>
        <RecordHistory history/>
        <DeleteForm id=view.id version=view.version delete/>
    }
}

/// The certificate's facts as corrected from the paper decision. One the platform issued keeps
/// the council's stars and its number (shown, not editable) and its last valid day follows the
/// decision.
#[component]
fn CertificateForm(view: ProductRecordView, certify: ServerAction<SaveCertificateRecord>) -> impl IntoView {
    let error = action_error(certify.value());
    let query = use_query_map();
    let saved = move || query.read().get("da_luu_gcn").is_some();
    let certificate = view.certificate;
    let [score, decision_number, decision_date, certificate_number, expires_on] =
        ["score", "decision_number", "decision_date", "certificate_number", "expires_on"]
            .map(|field| Signal::stored(certificate.get(field)));
    let stars = certificate.stars.to_string();
    let t = use_language();
    // The saved last valid day, written as every other page writes it.
    let valid_until = ValidUntil::parse(&certificate.expires_on).map(|until| {
        view! { <p class="certificate-valid-until">{t.tr_with("Hiệu lực đến {date}", &[("date", &until.vietnamese())])}</p> }
    });
    let kept_stars = move || error.get().and_then(|e| e.kept("stars").map(str::to_string));
    view! {
        <section id="giay-chung-nhan" aria-labelledby="gcn">
            <h2 id="gcn">{t.tr("Giấy chứng nhận")}</h2>
            {valid_until}
            <Show when=saved>
                <p class="notice" role="status">{t.tr("Đã lưu giấy chứng nhận.")}</p>
            </Show>
            <FormError error fields=&["stars", "score", "decision_number", "decision_date", "certificate_number", "expires_on"]/>
            <ActionForm action=certify>
                <input type="hidden" name="product_id" value=view.id/>
                <input type="hidden" name="version" value=view.version/>
                {if view.issued_here {
                    view! {
                        <p class="field-hint">
                            {t.tr_count(
                                "Cấp trên hệ thống theo kết quả của Hội đồng: hạng {stars} sao{score}, giấy chứng nhận số {number}. Hiệu lực 36 tháng kể từ ngày quyết định.",
                                u64::from(certificate.stars),
                                &[
                                    ("stars", &certificate.stars),
                                    (
                                        "score",
                                        &certificate
                                            .score
                                            .map(|s| t.tr_with(", {points} điểm", &[("points", &s.text(t))]))
                                            .unwrap_or_default(),
                                    ),
                                    ("number", &certificate.certificate_number),
                                ],
                            )}
                        </p>
                        <input type="hidden" name="stars" value=stars.clone()/>
                        <input type="hidden" name="score" value=move || score.get()/>
                        <input type="hidden" name="certificate_number" value=certificate.certificate_number.clone()/>
                        <input type="hidden" name="expires_on" value=""/>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="stars">{t.tr("Hạng sao")}</label>
                            <select id="stars" name="stars">
                                {["3", "4", "5"].map(|n| {
                                    let chosen = stars.clone();
                                    view! {
                                        <option value=n selected=move || kept_stars().unwrap_or_else(|| chosen.clone()) == n>
                                            {t.tr_count("{n} sao", n.parse().unwrap_or(0), &[("n", &n)])}
                                        </option>
                                    }
                                })}
                            </select>
                        </div>
                        <FormField
                            label=t.tr("Điểm")
                            name="score"
                            inputmode="decimal"
                            hint=t.tr("Điểm ghi trong quyết định, đến hai chữ số thập phân (ví dụ 89,67). Để trống nếu không ghi.")
                            value=score
                            error
                        />
                        <FormField label=t.tr("Số giấy chứng nhận") name="certificate_number" value=certificate_number error/>
                    }
                    .into_any()
                }}
                <FormField label=t.tr("Số quyết định") name="decision_number" value=decision_number error/>
                <FormField label=t.tr("Ngày quyết định") name="decision_date" kind="date" value=decision_date error/>
                {(!view.issued_here).then(|| view! {
                    <FormField
                        label=t.tr("Hiệu lực đến ngày")
                        name="expires_on"
                        kind="date"
                        hint=t.tr("Ngày cuối cùng còn hiệu lực. Để trống: 36 tháng kể từ ngày ký quyết định.")
                        value=expires_on
                        error
                    />
                })}
                <button type="submit" disabled=move || certify.pending().get()>{t.tr("Lưu giấy chứng nhận")}</button>
            </ActionForm>
        </section>
    }
}

/// A deleted record: why, a button that puts it back, and its history.
#[component]
fn Deleted(view: ProductRecordView, restore: ServerAction<RestoreProductRecord>) -> impl IntoView {
    let error = action_error(restore.value());
    let query = use_query_map();
    let just_deleted = move || query.read().get("da_xoa").is_some();
    let t = use_language();
    view! {
        <PageTitle text=t.tr_with("Bản ghi đã xoá: {name}", &[("name", &view.record.name)])/>
        <h1>{view.record.name.clone()}</h1>
        <p class="lead">{format!("{} · {}", view.producer_name, view.province_name)}</p>
        <Show when=just_deleted>
            <p class="notice" role="status">{t.tr("Đã xoá khỏi danh mục. Có thể khôi phục bất cứ lúc nào.")}</p>
        </Show>
        <p class="error" role="alert">
            {t.tr_with(
                "Bản ghi này đã bị xoá khỏi danh mục công khai: không còn trong tìm kiếm, thống kê và tra cứu tem. Lý do: “{reason}”.",
                &[("reason", &view.deletion_reason.clone().unwrap_or_default())],
            )}
        </p>
        <FormError error fields=&[]/>
        <ActionForm action=restore>
            <input type="hidden" name="product_id" value=view.id/>
            <input type="hidden" name="version" value=view.version/>
            <button type="submit" disabled=move || restore.pending().get()>{t.tr("Khôi phục vào danh mục")}</button>
        </ActionForm>
        <RecordHistory history=view.history/>
    }
}

/// Recording what was found that grounds a revocation: the law's 15 days for the decision run
/// from the day found; folded away, as it is rarely needed.
#[component]
fn FindingForm(id: i64, version: i64, find: ServerAction<RecordRevocationFinding>) -> impl IntoView {
    let error = action_error(find.value());
    let t = use_language();
    view! {
        <DangerZone summary=t.tr("Ghi nhận phát hiện vi phạm") open=Signal::derive(move || error.get().is_some())>
            <p>
                {t.tr("Khi kiểm tra, phản ánh hoặc kết luận của cơ quan khác cho thấy có căn cứ thu hồi: ghi ngày phát hiện. ")}
                {t.tr("Quyết định thu hồi phải ban hành trong 15 ngày kể từ ngày đó (Điều 8 Quyết định 26/2026/QĐ-TTg); ")}
                {t.tr("bản ghi nhắc hạn cho đến khi quyết định được ghi.")}
            </p>
            <FormError error fields=&["finding_ground", "found_on"]/>
            <ActionForm action=find>
                <input type="hidden" name="product_id" value=id/>
                <input type="hidden" name="version" value=version/>
                <GroundField error name="finding_ground" label=t.tr("Căn cứ của phát hiện")/>
                <FormField label=t.tr("Ngày phát hiện") name="found_on" kind="date" error/>
                <button type="submit" class="secondary" disabled=move || find.pending().get()>{t.tr("Ghi nhận phát hiện")}</button>
            </ActionForm>
        </DangerZone>
    }
}

/// Revoking the certificate, by the authority that issued it, on one of the six grounds with
/// the decision; folded away, as it is rarely needed.
#[component]
fn RevokeForm(id: i64, version: i64, revoke: ServerAction<RevokeProductCertificate>) -> impl IntoView {
    let error = action_error(revoke.value());
    let t = use_language();
    view! {
        <DangerZone summary=t.tr("Thu hồi giấy chứng nhận") open=Signal::derive(move || error.get().is_some())>
            <p>
                {t.tr("Sản phẩm vẫn ở trong danh mục nhưng trang sản phẩm và tra cứu tem nói ngay là đã bị thu hồi; ")}
                {t.tr("người của chủ thể (nếu có tài khoản) được thông báo.")}
            </p>
            <FormError error fields=&["revocation_ground", "revocation_number", "revocation_date"]/>
            <ActionForm action=revoke>
                <input type="hidden" name="product_id" value=id/>
                <input type="hidden" name="version" value=version/>
                <RevocationFields error ground="revocation_ground" number="revocation_number" date="revocation_date"/>
                <button type="submit" class="danger" disabled=move || revoke.pending().get()>{t.tr("Thu hồi giấy chứng nhận")}</button>
            </ActionForm>
        </DangerZone>
    }
}

/// Taking the product out of the catalog, with the reason; folded away, as it is rarely needed.
#[component]
fn DeleteForm(id: i64, version: i64, delete: ServerAction<DeleteProductRecord>) -> impl IntoView {
    let error = action_error(delete.value());
    let t = use_language();
    view! {
        <DangerZone summary=t.tr("Xoá khỏi danh mục") open=Signal::derive(move || error.get().is_some())>
            <p>
                {t.tr("Dùng khi bản ghi bị trùng hoặc nhập nhầm. Sản phẩm rời khỏi danh mục công khai, thống kê và tra cứu tem, ")}
                {t.tr("nhưng bản ghi vẫn được giữ cùng lịch sử và có thể khôi phục.")}
            </p>
            <FormError error fields=&["reason"]/>
            <ActionForm action=delete>
                <input type="hidden" name="product_id" value=id/>
                <input type="hidden" name="version" value=version/>
                <FormTextArea label=t.tr("Lý do xoá") name="reason" value=String::new() error/>
                <button type="submit" class="danger" disabled=move || delete.pending().get()>{t.tr("Xoá khỏi danh mục")}</button>
            </ActionForm>
        </DangerZone>
    }
}

/// What is rarely needed and cannot be undone lightly, folded away; open when its form was refused.
#[component]
fn DangerZone(summary: &'static str, open: Signal<bool>, children: Children) -> impl IntoView {
    view! {
        <details class="danger-zone" open=open>
            <summary>{summary}</summary>
            {children()}
        </details>
    }
}

/// The product's photos as the catalog shows them, each with a button that removes it, and a
/// plain upload form (the same with or without JavaScript).
#[component]
fn Photos(product_id: i64, name: String, photos: Vec<ProductPhoto>) -> impl IntoView {
    let query = use_query_map();
    let outcome = move || query.read().get("anh");
    let refusal = move || outcome().and_then(|code| PhotoRefusal::from_code(&code));
    let full = photos.len() >= MAX_PHOTOS;
    let t = use_language();
    let list = photos
        .into_iter()
        .enumerate()
        .map(|(i, photo)| {
            let number = i + 1;
            view! {
                <li>
                    <img src=photo.smallest() width="160" height=photo.height_at(160) alt=t.tr_with("Ảnh {number} của {name}", &[("number", &number), ("name", &name)])/>
                    <form method="post" action=format!("/can-bo/san-pham/{product_id}/anh/{}/xoa", photo.id)>
                        <button type="submit" class="secondary" aria-label=t.tr_with("Xoá ảnh {number}", &[("number", &number)])>
                            {t.tr("Xoá ảnh")}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="photos" id="anh" aria-labelledby="anh-san-pham">
            <h2 id="anh-san-pham">{t.tr("Ảnh sản phẩm")}</h2>
            {move || match outcome().as_deref() {
                Some("da-them") => Some(view! { <p class="notice" role="status">{t.tr("Đã thêm ảnh.")}</p> }.into_any()),
                Some("da-xoa") => Some(view! { <p class="notice" role="status">{t.tr("Đã xoá ảnh.")}</p> }.into_any()),
                _ => refusal().map(|r| view! { <p class="form-error" role="alert" id="anh-loi">{r.message(t)}</p> }.into_any()),
            }}
            <ul class="photo-list">{list}</ul>
            {(!full).then(|| view! {
                <form method="post" enctype="multipart/form-data" action=format!("/can-bo/san-pham/{product_id}/anh")>
                    <div class="field">
                        <label for="photo">{t.tr_with("Thêm ảnh (JPEG, PNG hoặc WebP; tối đa 20 MB; tối đa {max} ảnh)", &[("max", &MAX_PHOTOS)])}</label>
                        <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp"
                            aria-describedby=move || refusal().map(|_| "anh-loi")/>
                    </div>
                    <button type="submit">{t.tr("Tải ảnh lên")}</button>
                </form>
            })}
        </section>
    }
}

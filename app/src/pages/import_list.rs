use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::api::{may_import_lists, preview_import, RunImport};
use crate::components::{action_error, portal_refusal, ColumnHeads, FormError, PageTitle, StaffTabs, StarRating};
use crate::error::AppError;
use crate::language::use_language;
use crate::model::{ImportOutcome, ImportRowError, ImportUploadRefusal, IMPORT_FIELDS};

const PAGE: &str = "/can-bo/nhap";

/// Importing a list of certified products from the browser, for those who keep the catalog:
/// upload a CSV or XLSX file, read its dry run (what would be added, what is already there,
/// each bad cell with its line), then import it, or only its good rows. Works without
/// JavaScript: the upload is a plain form and the import a server function's form.
#[component]
pub fn ImportListPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("tep").filter(|t| !t.is_empty());
    let refusal = move || query.read().get("loi").and_then(|code| ImportUploadRefusal::from_code(&code));
    let run = ServerAction::<RunImport>::new();
    let outcome = Resource::new(
        move || (token(), run.version().get()),
        |(token, _)| async move {
            match token {
                Some(token) => preview_import(token).await.map(Some),
                // Only those who may import are offered the upload.
                None => may_import_lists().await.map(|()| None),
            }
        },
    );
    let t = use_language();
    view! {
        <PageTitle text=t.tr("Nhập danh sách sản phẩm")/>
        <Meta name="robots" content="noindex"/>
        <section class="staff">
            <h1>{t.tr("Nhập danh sách sản phẩm OCOP")}</h1>
            <StaffTabs current=PAGE/>
            <Suspense fallback=move || view! { <p class="loading">{t.tr("Đang đọc tệp…")}</p> }>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(None) => view! { <UploadForm refusal=refusal()/> }.into_any(),
                        Ok(Some(outcome)) => view! {
                            <Outcome outcome token=token().unwrap_or_default() run refusal=refusal()/>
                        }
                        .into_any(),
                        Err(AppError::NotFound) => view! {
                            <p class="error" role="alert">
                                {t.tr("Không tìm thấy tệp đã tải lên: tệp chỉ được giữ một ngày và chỉ người tải lên mới dùng được. Hãy tải lại tệp.")}
                            </p>
                            <UploadForm refusal=None/>
                        }
                        .into_any(),
                        Err(err) => portal_refusal(err, PAGE),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The file chooser, with the columns the file must have.
#[component]
fn UploadForm(refusal: Option<ImportUploadRefusal>) -> impl IntoView {
    let t = use_language();
    view! {
        <form method="post" action=PAGE enctype="multipart/form-data" class="upload-form">
            <p>
                {t.tr("Tệp CSV (UTF-8) hoặc sổ tính Excel (.xlsx), để nguyên như danh sách tỉnh công bố: các dòng tên \
                 văn bản ở trên, dòng tiêu đề bằng tiếng Việt (“Tên sản phẩm”, “Tên chủ thể”, “Hạng sao”, \
                 “Điểm”, “Số quyết định”…), các dòng nhóm theo hạng sao, ô gộp, nhiều trang tính. Cần có tên sản \
                 phẩm, chủ thể, hạng sao, tỉnh (nếu không có, lấy theo tiêu đề hoặc tỉnh của bạn) và năm công \
                 nhận (hoặc ngày quyết định). Điểm ghi đến hai chữ số thập phân, dấu phẩy hay dấu chấm đều được \
                 (72,10 hoặc 72.1).")}
            </p>
            <p class="muted">
                {t.tr("Sau khi tải lên, bạn thấy từng cột được đọc là gì và sửa được nếu chưa đúng, rồi xem kết quả \
                 chạy thử trước khi nhập. Cách đọc cột đã chọn được nhớ cho các tệp cùng mẫu sau này.")}
            </p>
            <label for="tep">{t.tr("Tệp danh sách")}</label>
            <input id="tep" name="tep" type="file" required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-invalid=refusal.is_some().then_some("true")
                aria-describedby=refusal.is_some().then_some("tep-loi")/>
            {refusal.map(|refusal| view! { <p id="tep-loi" class="field-error" role="alert">{refusal.sentence(t)}</p> })}
            <button type="submit">{t.tr("Kiểm tra tệp (chưa nhập)")}</button>
        </form>
        <form method="get" action="/can-bo/nhap/danh-sach.xlsx" class="upload-form">
            <h2>{t.tr("Tải danh sách của tỉnh")}</h2>
            <p>
                {t.tr("Danh sách sản phẩm trong danh mục, theo mẫu các tỉnh công bố (tên Ủy ban, tiêu đề, cột tiếng Việt,                  nhóm theo hạng sao). Sửa trong Excel rồi tải lên lại: các sản phẩm đã có không bị nhập thêm.")}
            </p>
            <label for="tinh">{t.tr("Mã tỉnh (cán bộ cấp tỉnh: để trống, là tỉnh của bạn)")}</label>
            <input id="tinh" name="tinh" inputmode="numeric" autocomplete="off"/>
            <button type="submit" class="secondary">{t.tr("Tải danh sách (.xlsx)")}</button>
        </form>
    }
}

#[component]
fn Outcome(
    outcome: ImportOutcome,
    token: String,
    run: ServerAction<RunImport>,
    refusal: Option<ImportUploadRefusal>,
) -> impl IntoView {
    let t = use_language();
    let file = outcome.file_name.clone();
    if let Some(refused) = outcome.refusal.as_ref().map(|said| said.in_language(t).to_string()) {
        // Columns that could not be read as a list's are shown, for the officer to read them.
        let readable = !outcome.columns.is_empty();
        return view! {
            <p class="error" role="alert">{t.tr_with("Tệp “{file}”: {refused}", &[("file", &file), ("refused", &refused)])}</p>
            {readable.then(|| view! { <ColumnReading outcome=outcome.clone() token=token.clone() refusal/> })}
            <h2>{t.tr("Chọn tệp khác")}</h2>
            <UploadForm refusal=None/>
        }
        .into_any();
    }
    if outcome.written {
        return view! {
            <p class="notice" role="status">
                {t.tr_with(
                    "Đã nhập tệp “{file}”: thêm {added} sản phẩm vào danh mục, {present} sản phẩm đã có từ trước, bỏ qua {rejected} dòng lỗi.",
                    &[
                        ("file", &file),
                        ("added", &outcome.added),
                        ("present", &outcome.already_present),
                        ("rejected", &outcome.rejected_rows),
                    ],
                )}
            </p>
            <p><a href="/?status=all&sort=newest">{t.tr("Xem danh mục sản phẩm")}</a> " · " <a href=PAGE>{t.tr("Nhập tệp khác")}</a></p>
        }
        .into_any();
    }
    let error = action_error(run.value());
    let has_errors = outcome.rejected_rows > 0;
    view! {
        <ColumnReading outcome=outcome.clone() token=token.clone() refusal/>
        <h2>{t.tr("Kết quả chạy thử (chưa ghi gì)")}</h2>
        <p role="status">
            {t.tr_count(
                "Tệp “{file}” có {rows} dòng: sẽ thêm {added} sản phẩm, {present} sản phẩm đã có từ trước, {rejected} dòng có lỗi.",
                outcome.rows,
                &[
                    ("file", &file),
                    ("rows", &outcome.rows),
                    ("added", &outcome.added),
                    ("present", &outcome.already_present),
                    ("rejected", &outcome.rejected_rows),
                ],
            )}
        </p>
        {(!outcome.sheets.is_empty()).then(|| view! {
            <p>
                {t.tr_count(
                    "Đã đọc {n} trang tính có danh sách: {sheets}.",
                    outcome.sheets.len() as u64,
                    &[("n", &outcome.sheets.len()), ("sheets", &outcome.sheets.join(", "))],
                )}
            </p>
        })}
        {outcome.province_from_title.clone().map(|province| view! {
            <p class="status-pending">
                {t.tr_with(
                    "Tệp không có cột tỉnh: mọi dòng được nhận là của {province}, theo tiêu đề danh sách. Nếu không đúng, hãy thêm cột “Tỉnh” vào tệp rồi tải lại.",
                    &[("province", &province)],
                )}
            </p>
        })}
        {has_errors.then(|| view! {
            <CellsSaid
                caption=t.tr("Các ô có lỗi (sửa trong tệp rồi tải lại, hoặc bỏ qua các dòng này)")
                said=t.tr("Lỗi")
                cells=outcome.row_errors.clone()
            />
        })}
        {(!outcome.row_notes.is_empty()).then(|| view! {
            <CellsSaid
                caption=t.tr("Ghi chú (các dòng này vẫn được nhập)")
                said=t.tr("Ghi chú")
                cells=outcome.row_notes.clone()
            />
        })}
        {(!outcome.first_rows.is_empty()).then(|| view! { <FirstRows outcome=outcome.clone()/> })}
        <FormError error fields=&[]/>
        {if outcome.added == 0 {
            view! { <p>{t.tr("Không có sản phẩm mới nào để nhập từ tệp này.")}</p> }.into_any()
        } else {
            view! {
                <ActionForm action=run attr:class="import-form">
                    <input type="hidden" name="token" value=token/>
                    {has_errors.then(|| view! {
                        <label class="checkbox">
                            <input type="checkbox" name="good_rows_only" value="1" required/>
                            {t.tr_count(
                                " Bỏ qua {n} dòng lỗi, chỉ nhập các dòng hợp lệ",
                                outcome.rejected_rows,
                                &[("n", &outcome.rejected_rows)],
                            )}
                        </label>
                    })}
                    <button type="submit" disabled=move || run.pending().get()>
                        {t.tr_count("Nhập {n} sản phẩm", outcome.added, &[("n", &outcome.added)])}
                    </button>
                </ActionForm>
            }
            .into_any()
        }}
        <p><a href=PAGE>{t.tr("Chọn tệp khác")}</a></p>
    }
    .into_any()
}

/// The mapping step: each column of the list's header as written and what it is read as, which
/// the officer may change (or leave the column out), and the sheets to read when the workbook
/// holds several. A plain form, so it works without JavaScript; the dry run is read again so.
#[component]
fn ColumnReading(outcome: ImportOutcome, token: String, refusal: Option<ImportUploadRefusal>) -> impl IntoView {
    let no_sheet = refusal.filter(|refusal| *refusal == ImportUploadRefusal::NoSheet);
    let sheets = outcome.sheet_choices;
    let t = use_language();
    view! {
        <h2>{t.tr("Các cột trong tệp")}</h2>
        {outcome.layout_remembered.then(|| view! {
            <p class="notice">{t.tr("Các cột được đọc theo cách đã chọn lần trước cho danh sách cùng mẫu này.")}</p>
        })}
        <form method="post" action="/can-bo/nhap/cot" class="import-reading">
            <input type="hidden" name="tep" value=token/>
            <div class="table-scroll">
                <table>
                    <caption>{t.tr("Mỗi cột được đọc là (sửa nếu chưa đúng, hoặc chọn “Không dùng”)")}</caption>
                    <thead><tr><th scope="col">{t.tr("Cột trong tệp")}</th><th scope="col">{t.tr("Được đọc là")}</th></tr></thead>
                    <tbody>
                        {outcome.columns.into_iter().enumerate().map(|(i, column)| {
                            let id = format!("cot-{i}");
                            let field = column.field.clone();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <label for=id.clone()>{column.written.clone()}</label>
                                        {column.chosen.then(|| view! { <span class="muted">{t.tr(" (bạn đã chọn)")}</span> })}
                                    </th>
                                    <td>
                                        <input type="hidden" name="ten" value=column.written/>
                                        <select id=id name="cot">
                                            <option value="" selected=field.is_none()>{t.tr("Không dùng")}</option>
                                            {IMPORT_FIELDS.iter().map(|(code, label)| view! {
                                                <option value=*code selected=field.as_deref() == Some(*code)>{t.tr_in("import field", label)}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!sheets.is_empty()).then(|| view! {
                <fieldset aria-describedby=no_sheet.map(|_| "trang-loi")>
                    <legend>{t.tr("Trang tính được nhập")}</legend>
                    <input type="hidden" name="trang_hoi" value="1"/>
                    {sheets.into_iter().map(|sheet| view! {
                        <label class="checkbox">
                            <input type="checkbox" name="trang" value=sheet.name.clone() checked=sheet.read/>
                            {format!(" {}", sheet.name)}
                            {(!sheet.holds_list).then(|| view! {
                                <span class="muted">{t.tr(" (không thấy dòng tiêu đề của danh sách)")}</span>
                            })}
                        </label>
                    }).collect_view()}
                </fieldset>
            })}
            {no_sheet.map(|refusal| view! { <p id="trang-loi" class="field-error" role="alert">{refusal.sentence(t)}</p> })}
            <button type="submit" class="secondary">{t.tr("Đọc lại tệp theo các cột này")}</button>
        </form>
    }
}

/// Cells the dry run said something of (an error, or a note), with the line of the file each
/// is on, so it can be corrected there.
#[component]
fn CellsSaid(caption: &'static str, said: &'static str, cells: Vec<ImportRowError>) -> impl IntoView {
    let t = use_language();
    view! {
        <div class="table-scroll">
            <table class="import-errors">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">{t.tr("Dòng")}</th><th scope="col">{t.tr("Cột")}</th><th scope="col">{said}</th></tr>
                </thead>
                <tbody>
                    {cells.into_iter().map(|e| view! {
                        <tr><td class="number">{e.line}</td><td><code>{e.column.clone()}</code></td><td>{e.message.in_language(t).to_string()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The first good rows as the catalog will show them, to see the file was read as meant.
#[component]
fn FirstRows(outcome: ImportOutcome) -> impl IntoView {
    let t = use_language();
    view! {
        <div class="table-scroll">
            <table class="import-rows">
                <caption>{t.tr("Các dòng hợp lệ đầu tiên")}</caption>
                <ColumnHeads names=vec![t.tr("Dòng"), t.tr("Sản phẩm"), t.tr("Chủ thể"), t.tr("Tỉnh, thành phố"), t.tr("Hạng sao")]/>
                <tbody>
                    {outcome.first_rows.into_iter().map(|row| view! {
                        <tr>
                            <td class="number">{row.line}</td>
                            <td>{row.product}</td>
                            <td>{row.producer}</td>
                            <td>{row.province}</td>
                            <td><StarRating stars=row.stars/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

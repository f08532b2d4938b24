//! The upload of a list to import, over plain HTTP so it works without JavaScript: the file is
//! kept for its uploader, and the browser goes back to `/can-bo/nhap?tep=…`, where the page
//! previews the import (a dry run) and offers to run it. The officer's reading of the list's
//! columns (the mapping step) comes back the same way: a plain form, as many fields as the list
//! has columns, which a server function's fixed arguments cannot take.

use app::api::RECORD_KEEPERS;
use app::model::{import_field, ImportMapping, ImportUploadRefusal, MAX_IMPORT_BYTES};
use app::ports::AppState;
use axum::extract::{DefaultBodyLimit, Form, Multipart, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::callers::staff_in_role;

const PAGE: &str = "/can-bo/nhap";

pub fn routes<S: Clone + Send + Sync + 'static>(state: AppState) -> Router<S> {
    let list_state = state.clone();
    let reading_state = state.clone();
    Router::new()
        .route(READING, post(move |headers, form| choose_reading(reading_state.clone(), headers, form)))
        .route(
            PAGE,
            post(move |headers, form| upload(state.clone(), headers, form))
                .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES + 64 * 1024)),
        )
        .route(LIST, get(move |query, headers| provincial_list(list_state.clone(), query, headers)))
}

/// Where the mapping step's form goes.
const READING: &str = "/can-bo/nhap/cot";

/// The officer's reading of their upload's columns: `tep` (the upload), then for each column
/// `ten` (its header as written) followed by `cot` (a field's code, or empty to leave it out),
/// and `trang` for each sheet ticked (with `trang_hoi` when sheets were offered). Back to the
/// dry run, read so.
async fn choose_reading(
    state: AppState,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let refusal = "Tài khoản này không nhập được danh sách sản phẩm.";
    let caller = match staff_in_role(&state, &headers, &RECORD_KEEPERS, PAGE, refusal).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let bad = |sentence: &'static str| (StatusCode::BAD_REQUEST, sentence).into_response();
    let Ok(Form(fields)) = form else {
        return bad("Biểu mẫu đọc cột không đọc được: hãy mở lại trang nhập danh sách.");
    };
    let token = fields.iter().find(|(name, _)| name == "tep").map(|(_, value)| value.clone()).unwrap_or_default();
    if token.is_empty() || token.len() > 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return bad("Không rõ tệp nào: hãy mở lại trang nhập danh sách và tải tệp lên.");
    }
    let mut mapping = ImportMapping::default();
    let mut header: Option<&str> = None;
    let mut sheets_offered = false;
    for (name, value) in &fields {
        match name.as_str() {
            "ten" => header = Some(value.trim()),
            "cot" => {
                let Some(written) =
                    header.take().filter(|written| !written.is_empty() && written.chars().count() <= 200)
                else {
                    return bad("Biểu mẫu đọc cột thiếu tên cột: hãy mở lại trang nhập danh sách.");
                };
                let field = match value.as_str() {
                    "" => None,
                    code => match import_field(code) {
                        Some(field) => Some(field),
                        None => return bad("Có cột được đọc là một trường không có: hãy chọn trong danh sách."),
                    },
                };
                // Only what differs from the column's own name is the officer's choice.
                if field != crate::import::column_named(written) {
                    mapping.read_as(written, field);
                }
            }
            "trang" => mapping.sheets.push(value.clone()),
            "trang_hoi" => sheets_offered = true,
            _ => {}
        }
    }
    if mapping.columns.len() > crate::import::MAX_COLUMNS as usize {
        return bad("Biểu mẫu đọc cột có quá nhiều cột: hãy mở lại trang nhập danh sách.");
    }
    if sheets_offered && mapping.sheets.is_empty() {
        return Redirect::to(&format!("{PAGE}?tep={token}&loi={}", ImportUploadRefusal::NoSheet.code()))
            .into_response();
    }
    match state.imports.choose_reading(&caller, &token, mapping).await {
        Ok(_) => Redirect::to(&format!("{PAGE}?tep={token}")).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "keeping an import's reading failed");
            (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.").into_response()
        }
    }
}

/// The province's list as provinces publish theirs: `?tinh=CODE` for a national officer.
const LIST: &str = "/can-bo/nhap/danh-sach.xlsx";

async fn provincial_list(
    state: AppState,
    Query(query): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let refusal = "Tài khoản này không tải được danh sách sản phẩm của tỉnh.";
    let caller = match staff_in_role(&state, &headers, &RECORD_KEEPERS, PAGE, refusal).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let wanted = query.get("tinh").map(String::as_str).unwrap_or_default();
    match state.imports.provincial_list(&caller, wanted).await {
        Ok(Some(bytes)) => {
            let code = caller.post.province_code().unwrap_or(wanted);
            let name = format!("danh-sach-ocop-{code}-{}.xlsx", state.clock.today());
            (
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
                    ),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(None) => {
            (StatusCode::NOT_FOUND, "Không có tỉnh, thành phố với mã này: thêm ?tinh=48 (mã tỉnh) vào địa chỉ.")
                .into_response()
        }
        Err(err) => {
            tracing::error!(error = %err, "the provincial list could not be made");
            (StatusCode::SERVICE_UNAVAILABLE, "Chưa tạo được danh sách; hãy thử lại sau ít phút.").into_response()
        }
    }
}

async fn upload(
    state: AppState,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let back = |refusal: ImportUploadRefusal| Redirect::to(&format!("{PAGE}?loi={}", refusal.code())).into_response();
    let refusal = "Tài khoản này không nhập được danh sách sản phẩm.";
    let caller = match staff_in_role(&state, &headers, &RECORD_KEEPERS, PAGE, refusal).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let Ok(mut form) = form else { return back(ImportUploadRefusal::NoFile) };
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("tep") => {
                let name = field.file_name().unwrap_or("danh-sach").to_string();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    // The body limit cuts an oversize file short.
                    Err(_) => return back(ImportUploadRefusal::TooLarge),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back(ImportUploadRefusal::TooLarge),
        }
    }
    let Some((name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        return back(ImportUploadRefusal::NoFile);
    };
    match state.imports.keep_upload(&caller, &name, &bytes).await {
        Ok(token) => Redirect::to(&format!("{PAGE}?tep={token}")).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "keeping an import upload failed");
            (StatusCode::SERVICE_UNAVAILABLE, "Hệ thống đang tạm thời gián đoạn, vui lòng thử lại sau.").into_response()
        }
    }
}

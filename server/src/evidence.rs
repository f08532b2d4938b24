//! Evidence upload and download over plain HTTP: a multipart form posts the file (it works the
//! same with or without JavaScript, and on the cheapest phone), and files are served only to
//! the people of the producer whose dossier holds them and to staff whose post reaches it.

use app::domain::{DocumentKind, EvidenceRefusal, MAX_FILE_BYTES};
use app::ports::{AppState, EvidenceCopy, ProducerCaller, StaffCaller};
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::callers::{signed_in_account, staff_caller};

pub fn routes<S: Clone + Send + Sync + 'static>(state: AppState) -> Router<S> {
    let (upload_state, removal_state) = (state.clone(), state.clone());
    Router::new()
        .route(
            "/ho-so-danh-gia/{id}/tai-lieu",
            post(move |path, headers, form| upload(upload_state.clone(), path, headers, form))
                // A little over one file's limit, so the form's other fields fit beside it.
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES as usize + 64 * 1024)),
        )
        .route(
            "/ho-so-danh-gia/{id}/tai-lieu/{evidence}/xoa",
            post(move |path, headers| remove(removal_state.clone(), path, headers)),
        )
        .route("/tai-lieu/{id}", {
            let state = state.clone();
            get(move |path, headers| download(state.clone(), path, headers, EvidenceCopy::Original))
        })
        .route(
            "/tai-lieu/{id}/anh-nho",
            get(move |path, headers| download(state.clone(), path, headers, EvidenceCopy::Thumbnail)),
        )
}

/// Who may read evidence: the producer's people, or staff whose post reaches the dossier.
enum Reader {
    Producer(ProducerCaller),
    Staff(StaffCaller),
}

async fn reader(state: &AppState, headers: &HeaderMap) -> Result<Option<Reader>, StatusCode> {
    if let Some(caller) = caller(state, headers).await? {
        return Ok(Some(Reader::Producer(caller)));
    }
    Ok(staff_caller(state, headers).await?.map(Reader::Staff))
}

/// Who is calling, from the session cookie: `None` when nobody is signed in or they act for
/// no producer.
async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Option<ProducerCaller>, StatusCode> {
    let Some(account) = signed_in_account(state, headers).await? else { return Ok(None) };
    let producer = state.portal.producer_of(account.id).await.map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    Ok(producer.map(|p| ProducerCaller { account_id: account.id, producer_id: p.id, confirmed: account.confirmed }))
}

async fn upload(
    state: AppState,
    Path(id): Path<i64>,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let page = format!("/ho-so-danh-gia/{id}");
    // A refused upload goes back to the form with the kind and the criteria chosen, so only the
    // file (which no browser lets a page fill in) is chosen again.
    let back = |refusal: EvidenceRefusal, kind: Option<DocumentKind>, criteria: &[String]| {
        let mut address = format!("{page}?tai_lieu={}", refusal.code());
        if let Some(kind) = kind {
            address.push_str(&format!("&loai={}", kind.code()));
        }
        let plain = |code: &&String| code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let kept: Vec<&str> = criteria.iter().filter(plain).map(String::as_str).collect();
        if !kept.is_empty() {
            address.push_str(&format!("&tieu_chi={}", kept.join(",")));
        }
        Redirect::to(&format!("{address}#tai-lieu")).into_response()
    };
    let caller = match caller(&state, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(&format!("/dang-nhap?tiep={page}")).into_response(),
        Err(status) => return status.into_response(),
    };
    let Ok(mut form) = form else { return back(EvidenceRefusal::NoFile, None, &[]) };
    let (mut kind, mut file, mut criteria) = (None, None, Vec::new());
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("kind") => kind = field.text().await.ok().and_then(|code| DocumentKind::from_code(code.trim())),
                // One field per criterion ticked; a form never has more than the sheet's criteria.
                Some("criteria") if criteria.len() < 200 => {
                    if let Ok(code) = field.text().await {
                        criteria.push(code.trim().to_string());
                    }
                }
                Some("file") => {
                    let name = field.file_name().unwrap_or_default().to_string();
                    match field.bytes().await {
                        Ok(bytes) => file = Some((name, bytes.to_vec())),
                        // The body limit cuts an oversize file short.
                        Err(_) => return back(EvidenceRefusal::TooLarge, kind, &criteria),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back(EvidenceRefusal::TooLarge, kind, &criteria),
        }
    }
    let Some(kind) = kind else { return back(EvidenceRefusal::UnknownKind, None, &criteria) };
    let Some((name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        return back(EvidenceRefusal::NoFile, Some(kind), &criteria);
    };
    match state.portal.add_evidence(&caller, id, kind, &name, bytes, &criteria).await {
        Ok(_) => Redirect::to(&format!("{page}?da_tai_len=1#tai-lieu")).into_response(),
        Err(app::ports::PortalError::Evidence(refusal)) => back(refusal, Some(kind), &criteria),
        Err(app::ports::PortalError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "evidence upload failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// A plain form's post (one button per document): the document taken out, the page told so.
async fn remove(state: AppState, Path((id, evidence)): Path<(i64, i64)>, headers: HeaderMap) -> Response {
    let page = format!("/ho-so-danh-gia/{id}");
    let caller = match caller(&state, &headers).await {
        Ok(Some(caller)) => caller,
        Ok(None) => return Redirect::to(&format!("/dang-nhap?tiep={page}")).into_response(),
        Err(status) => return status.into_response(),
    };
    match state.portal.remove_evidence(&caller, id, evidence).await {
        Ok(()) => Redirect::to(&format!("{page}?da_xoa=1#tai-lieu")).into_response(),
        Err(app::ports::PortalError::Evidence(refusal)) => {
            Redirect::to(&format!("{page}?tai_lieu={}#tai-lieu", refusal.code())).into_response()
        }
        Err(app::ports::PortalError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "evidence removal failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn download(state: AppState, Path(id): Path<i64>, headers: HeaderMap, copy: EvidenceCopy) -> Response {
    let file = match reader(&state, &headers).await {
        Ok(Some(Reader::Producer(caller))) => state.portal.evidence_file(&caller, id, copy).await,
        Ok(Some(Reader::Staff(caller))) => state.back_office.evidence_file(&caller, id, copy).await,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(status) => return status.into_response(),
    };
    match file {
        Ok(Some((item, bytes))) => {
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            let content_type = match copy {
                EvidenceCopy::Original => item.content_type.as_str(),
                EvidenceCopy::Thumbnail => "image/jpeg",
            };
            if let Ok(value) = HeaderValue::from_str(content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            // Served as what its content is, never guessed again by the browser, never cached.
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
            // An image is shown in a sandbox of its own, never as the site with the reader's
            // session. A PDF is not: Chromium refuses to show a sandboxed PDF at all, and its
            // viewer runs apart from the site's origin anyway.
            if content_type.starts_with("image/") {
                headers
                    .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
            }
            response
        }
        // Another producer's file and a missing one look the same.
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "evidence download failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

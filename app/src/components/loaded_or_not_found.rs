use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::components::{portal_refusal, set_not_found_status};
use crate::error::AppError;
use crate::language::use_language;
use crate::pages::NotFound;

/// Shows a page's record once loaded; a record that does not exist is the 404 page, and any
/// other failure a sentence in place of the content.
#[component]
pub fn LoadedOrNotFound<T, V>(resource: Resource<Result<T, AppError>>, render: fn(T) -> V) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let t = use_language();
    loaded(resource, t.tr("Đang tải…"), render, move |err| match err {
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        err => view! { <p class="error" role="alert">{err.message(t)}</p> }.into_any(),
    })
}

/// The same for a page of the signed-in person's own work (portal, back office): a record
/// missing or outside their reach shows `not_found`, answered with 404, and any other refusal
/// is what `portal_refusal` makes of it (signing in and coming back to this page, filing the
/// producer profile first, or a sentence).
#[component]
pub fn LoadedForCaller<T, R, V>(
    resource: Resource<Result<T, AppError>>,
    render: R,
    #[prop(into)] not_found: ViewFn,
    /// What the reader sees while the record loads ("Đang tải…" when not given).
    #[prop(optional)]
    loading: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // This page's address, to come back to after signing in.
    let here = use_location().pathname;
    let loading = loading.unwrap_or_else(|| use_language().tr("Đang tải…"));
    loaded(resource, loading, render, move |err| match err {
        AppError::NotFound => {
            set_not_found_status();
            not_found.run()
        }
        err => portal_refusal(err, &here.get()),
    })
}

/// The Suspense both share: `render` once loaded, `refused` for a failure.
fn loaded<T, R, V, E>(
    resource: Resource<Result<T, AppError>>,
    loading: &'static str,
    render: R,
    refused: E,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    E: Fn(AppError) -> AnyView + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || {
                let (render, refused) = (render.clone(), refused.clone());
                Suspend::new(async move {
                    match resource.await {
                        Ok(found) => render(found).into_any(),
                        Err(err) => refused(err),
                    }
                })
            }}
        </Suspense>
    }
}

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::AppError;
use crate::pages::NotFound;

/// Shows a page's record once loaded; a record that does not exist is the 404 page, and any
/// other failure a sentence in place of the content.
#[component]
pub fn LoadedOrNotFound<T, V>(resource: Resource<Result<T, AppError>>, render: fn(T) -> V) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(found) => render(found).into_any(),
                    Err(AppError::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(err) => view! { <p class="error" role="alert">{err.message_vi()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

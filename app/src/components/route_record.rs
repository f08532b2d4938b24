use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::AppError;

/// The record a screen shows for its route's `id`, as `read_id` reads it, fetched again
/// whenever `reload` changes (a form on the screen was sent). An `id` that does not read as
/// one is not found, without asking the server.
pub fn route_record<T, K, Fut>(
    read_id: fn(&str) -> Option<i64>,
    reload: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(i64) -> Fut + Copy + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: Send + Sync + Serialize + DeserializeOwned + 'static,
    K: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = use_params_map();
    Resource::new(
        move || (params.read().get("id").and_then(|id| read_id(&id)), reload()),
        move |(id, _)| async move {
            match id {
                Some(id) => fetch(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// An `id` that is the record's number and nothing else (staff and portal screens).
pub fn id_number(segment: &str) -> Option<i64> {
    segment.parse().ok()
}

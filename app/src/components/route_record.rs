use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::AppError;
use crate::model::id_from_segment;

/// The record a screen shows for the number in its route's `id`, fetched again whenever
/// `reload` changes (a form on the screen was sent).
pub fn route_record<T, K, Fut>(
    reload: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(i64) -> Fut + Copy + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: Send + Sync + Serialize + DeserializeOwned + 'static,
    K: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    record_by_id(|id| id.parse().ok(), reload, fetch)
}

/// The record a public catalog page shows for the id its address segment starts with
/// (`/san-pham/12-mat-ong-rung`).
pub fn catalog_record<T, Fut>(
    fetch: impl Fn(i64) -> Fut + Copy + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
{
    record_by_id(id_from_segment, || (), fetch)
}

/// An address whose `id` does not read as one is not found, without asking the server.
fn record_by_id<T, K, Fut>(
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

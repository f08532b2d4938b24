use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{CatalogFilters, ProductPage};

/// Public catalog search: anyone may call it, so there is nothing to authorize; the filters
/// are checked again here because a request need not come from our page.
#[server(endpoint = "search_products")]
pub async fn search_products(filters: CatalogFilters) -> Result<ProductPage, AppError> {
    use crate::language::Said;
    use crate::model::MAX_QUERY_CHARS;
    use crate::ports::AppState;

    crate::error::answered(async move {
        if filters.q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::bad_input(
                "q",
                Said::with("Từ khóa dài quá {max} ký tự.", &[("max", &MAX_QUERY_CHARS)]),
            ));
        }
        if filters.stars.is_some_and(|s| !(3..=5).contains(&s)) {
            return Err(AppError::bad_input("stars", Said::text("Số sao phải từ 3 đến 5.")));
        }
        if filters.province.as_ref().is_some_and(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(AppError::bad_input("province", Said::text("Mã tỉnh gồm 2 chữ số.")));
        }
        if filters.subgroup.as_deref().is_some_and(|code| !crate::model::is_subgroup_code(code)) {
            return Err(AppError::bad_input("subgroup", Said::text("Mã nhóm sản phẩm không hợp lệ.")));
        }
        if !(1..=10_000).contains(&filters.page) {
            return Err(AppError::bad_input("page", Said::text("Số trang phải từ 1 đến 10.000.")));
        }
        let state = AppState::from_context()?;
        Ok(std::sync::Arc::unwrap_or_clone(state.catalog.search(&filters).await?))
    })
    .await
}

use leptos::prelude::*;

use crate::error::AppError;

/// Registers a product of the caller's producer under a subgroup, which fixes its score sheet.
#[server(endpoint = "register_product")]
pub async fn register_product(name: String, subgroup_code: String, description: String) -> Result<i64, AppError> {
    use crate::language::Said;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let keep = |err: AppError| {
            err.keeping(&[("name", &name), ("subgroup_code", &subgroup_code), ("description", &description)])
        };
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await.map_err(keep)?;
        let product_name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if !(1..=200).contains(&product_name.chars().count()) {
            return Err(keep(AppError::bad_input("name", Said::text("Tên sản phẩm cần có từ 1 đến 200 ký tự."))));
        }
        let description = description.trim();
        if description.chars().count() > 2000 {
            return Err(keep(AppError::bad_input("description", Said::text("Phần giới thiệu dài quá 2.000 ký tự."))));
        }
        let description = Some(description).filter(|d| !d.is_empty());
        let id = state
            .portal
            .register_product(&caller, &product_name, subgroup_code.trim(), description)
            .await
            .map_err(|e| keep(e.into()))?;
        leptos_axum::redirect("/san-pham-cua-toi?da_dang_ky=1");
        Ok(id)
    })
    .await
}

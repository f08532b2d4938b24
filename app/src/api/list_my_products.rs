use leptos::prelude::*;

use crate::error::AppError;
use crate::model::PortalProduct;

/// The products of the producer the signed-in person acts for, with their dossiers.
#[server(endpoint = "list_my_products")]
pub async fn list_my_products() -> Result<Vec<PortalProduct>, AppError> {
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_producer(&state).await?;
        Ok(state.portal.products_of(&caller).await?)
    })
    .await
}

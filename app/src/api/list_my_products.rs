use leptos::prelude::*;

use crate::error::AppError;
use crate::model::PortalProduct;

/// The products of the producer the signed-in person acts for, with their dossiers.
#[server(endpoint = "list_my_products")]
pub async fn list_my_products() -> Result<Vec<PortalProduct>, AppError> {
    use crate::error::with_status;
    use crate::ports::AppState;

    let state = AppState::from_context().map_err(with_status)?;
    let caller = crate::session::require_producer(&state).await.map_err(with_status)?;
    state.portal.products_of(&caller).await.map_err(|e| with_status(e.into()))
}

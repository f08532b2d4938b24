use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Suggestions;

/// What the catalog's search box offers while someone types: public, nothing to authorize.
#[server(endpoint = "suggest")]
pub async fn suggest(q: String) -> Result<Suggestions, AppError> {
    use crate::language::Said;
    use crate::model::MAX_QUERY_CHARS;
    use crate::ports::AppState;

    crate::error::answered(async move {
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::bad_input(
                "q",
                Said::with("Từ khóa dài quá {max} ký tự.", &[("max", &MAX_QUERY_CHARS)]),
            ));
        }
        let state = AppState::from_context()?;
        Ok(state.catalog.suggest(&q).await?)
    })
    .await
}

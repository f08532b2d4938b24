use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ProductPage;

/// Longest query we read; anything longer is cut, and the page says so.
pub const MAX_QUERY_CHARS: usize = 200;

/// Public catalog search: anyone may call it, so there is nothing to authorize.
#[server(endpoint = "search_products")]
pub async fn search_products(query: String) -> Result<ProductPage, AppError> {
    use crate::domain::fold_words;
    use crate::ports::{AppState, CatalogQuery};

    const PAGE_SIZE: u32 = 48;

    let state = AppState::from_context()?;
    let (query, shortened) = match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => (&query[..cut], true),
        None => (query.as_str(), false),
    };
    let catalog_query = CatalogQuery { words: fold_words(query), limit: PAGE_SIZE };
    let mut page = state.catalog.search(&catalog_query).await?;
    if shortened {
        page.note_vi = Some(format!(
            "Từ khóa quá dài nên chỉ {MAX_QUERY_CHARS} ký tự đầu được dùng để tìm kiếm."
        ));
    }
    Ok(page)
}

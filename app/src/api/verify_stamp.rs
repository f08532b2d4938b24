use leptos::prelude::*;

use crate::error::AppError;
use crate::model::StampCheck;

/// Stamp codes are 12 hexadecimal digits; anything else cannot be ours.
pub fn normalize_stamp_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_lowercase();
    (code.len() == 12 && code.bytes().all(|b| b.is_ascii_hexdigit())).then_some(code)
}

/// The public stamp check: anyone may ask whether a stamp is genuine and valid.
#[server(endpoint = "verify_stamp")]
pub async fn verify_stamp(code: String) -> Result<StampCheck, AppError> {
    crate::error::answered(async move {
        let code = normalize_stamp_code(&code).ok_or(AppError::NotFound)?;
        let state = crate::ports::AppState::from_context()?;
        state.catalog.stamp(&code).await?.ok_or(AppError::NotFound)
    })
    .await
}

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Reports;

/// The reports for the caller's reach: certified products by stars, subgroup, commune and year,
/// dossiers at each step (overdue ones counted), and certificates ending within `expiring_days`.
#[server(endpoint = "get_reports")]
pub async fn get_reports(expiring_days: u32) -> Result<Reports, AppError> {
    use crate::language::Said;
    use crate::model::MAX_EXPIRING_DAYS;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &crate::api::REVIEWERS).await?;
        if !(1..=MAX_EXPIRING_DAYS).contains(&expiring_days) {
            return Err(AppError::bad_input(
                "expiring_days",
                Said::with("Số ngày phải từ 1 đến {max}.", &[("max", &MAX_EXPIRING_DAYS)]),
            ));
        }
        Ok(state.back_office.reports(&caller, expiring_days).await?)
    })
    .await
}

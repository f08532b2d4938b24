use leptos::prelude::*;

use crate::error::AppError;

/// Closes an evaluation round once none of its dossiers awaits scoring (its chair or the
/// province officer).
#[server(endpoint = "close_round")]
pub async fn close_round(round_id: i64) -> Result<(), AppError> {
    use crate::domain::Role;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller =
            crate::session::require_staff(&state, &[Role::ProvinceOfficer, Role::NationalOfficer, Role::CouncilChair])
                .await?;
        state.council.close_round(&caller, round_id).await?;
        leptos_axum::redirect(&format!("/can-bo/dot-danh-gia/{round_id}"));
        Ok(())
    })
    .await
}

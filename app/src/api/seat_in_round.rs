use leptos::prelude::*;

use crate::error::AppError;

/// Seats a council staff member of the province in a round as chair, member or advisor, or
/// frees their seat (`seat` empty). Province officers only, while the round is open.
#[server(endpoint = "seat_in_round")]
pub async fn seat_in_round(round_id: i64, account_id: i64, seat: String) -> Result<(), AppError> {
    use crate::domain::Seat;
    use crate::language::Said;
    use crate::ports::AppState;

    crate::error::answered(async move {
        let state = AppState::from_context()?;
        let caller = crate::session::require_staff(&state, &super::ROUND_OFFICERS).await?;
        let seat = match seat.as_str() {
            "" => None,
            code => Some(
                Seat::from_code(code)
                    .ok_or_else(|| AppError::bad_input("seat", Said::text("Hãy chọn ghế trong danh sách.")))?,
            ),
        };
        state.council.seat(&caller, round_id, account_id, seat).await?;
        leptos_axum::redirect(&format!("/can-bo/dot-danh-gia/{round_id}"));
        Ok(())
    })
    .await
}

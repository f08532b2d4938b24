//! Notifications in the app: one row per person told, written in the transaction of the step
//! they are told of.

use app::language::Language;
use app::ports::PortError;

use super::port_error;

/// What a person is told: made in every language, the page shows the reader's.
pub(crate) use app::language::Said;

/// Puts `said` in the notifications of each of `members` (account id, sign-in name), within
/// `tx`, tied to the dossier it is about if there is one.
pub(crate) async fn notify(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    members: &[(i64, String)],
    dossier_id: Option<i64>,
    said: &Said,
    at: i64,
) -> Result<(), PortError> {
    for (account_id, _) in members {
        sqlx::query(
            "INSERT INTO notifications (account_id, dossier_id, message, message_en, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(account_id)
        .bind(dossier_id)
        // Kept as the table has always kept them: the Vietnamese, and the English beside it.
        .bind(said.in_language(Language::Vi))
        .bind(said.in_language(Language::En))
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
    }
    Ok(())
}

//! Notifications in the app: one row per person told, written in the transaction of the step
//! they are told of.

use app::ports::PortError;

use super::port_error;

/// Puts `message` in the notifications of each of `members` (account id, sign-in name), within
/// `tx`, tied to the dossier it is about if there is one.
pub(crate) async fn notify(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    members: &[(i64, String)],
    dossier_id: Option<i64>,
    message: &str,
    at: i64,
) -> Result<(), PortError> {
    for (account_id, _) in members {
        sqlx::query("INSERT INTO notifications (account_id, dossier_id, message, created_at) VALUES ($1, $2, $3, $4)")
            .bind(account_id)
            .bind(dossier_id)
            .bind(message)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(port_error)?;
    }
    Ok(())
}

//! Notifications in the app: one row per person told, written in the transaction of the step
//! they are told of.

use app::language::Language;
use app::ports::PortError;

use super::port_error;

/// What a person is told, in each language the site speaks: the page shows the reader's.
pub(crate) struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    /// The same words in each language, as `say` writes them in it.
    pub fn each(say: impl Fn(Language) -> String) -> Self {
        Said { vi: say(Language::Vi), en: say(Language::En) }
    }

    /// Words a person typed: the same in every language.
    pub fn typed(text: &str) -> Self {
        Said { vi: text.to_string(), en: text.to_string() }
    }

    pub fn in_language(&self, language: Language) -> &str {
        language.pick(&self.vi, &self.en)
    }
}

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
        .bind(&said.vi)
        .bind(&said.en)
        .bind(at)
        .execute(&mut **tx)
        .await
        .map_err(port_error)?;
    }
    Ok(())
}

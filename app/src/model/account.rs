use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// The signed-in person, as screens see them: never a password hash or a session token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    /// The e-mail address or phone number they sign in with.
    pub sign_in_name: String,
    /// When the account was made, as `YYYY-MM-DD`.
    pub created_on: String,
    /// The staff role held, for an active staff account.
    pub staff_role: Option<Role>,
    /// Notifications not yet read.
    pub unread_notifications: i64,
    /// Whether its holder proved the address by a link sent to it. Until then the account
    /// keeps drafts only: it submits nothing and acts for nobody else.
    pub confirmed: bool,
}

/// A message about one of the person's dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub dossier_id: Option<i64>,
    pub message: crate::language::Said,
    /// Vietnam time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub read: bool,
}

impl Notification {
    /// What it says, in the reader's language where it was written in it.
    pub fn said(&self, language: crate::language::Language) -> &str {
        self.message.in_language(language)
    }
}

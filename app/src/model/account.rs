use serde::{Deserialize, Serialize};

/// The signed-in person, as screens see them: never a password hash or a session token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    /// The e-mail address or phone number they sign in with.
    pub sign_in_name: String,
    /// When the account was made, as `YYYY-MM-DD`.
    pub created_on: String,
}

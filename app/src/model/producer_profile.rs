use serde::{Deserialize, Serialize};

use crate::domain::ProfileForm;

/// The producer a signed-in person acts for, as the profile form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerProfile {
    pub id: i64,
    pub form: ProfileForm,
    /// The people who may act for the producer, by display name.
    pub members: Vec<String>,
}

/// A province or commune in a chooser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub code: String,
    pub name: String,
}

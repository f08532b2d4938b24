use serde::{Deserialize, Serialize};

use crate::domain::ProfileForm;

/// The producer a signed-in person acts for, as the profile form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerProfile {
    pub id: i64,
    pub form: ProfileForm,
}

/// Who acts for a producer, and whom it has asked to, as its members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerMembers {
    pub members: Vec<Member>,
    /// Sign-in names asked to act for the producer who have not yet answered.
    pub invited: Vec<String>,
    /// Whether the person looking filed the profile, and so may remove others.
    pub you_own: bool,
    /// The person looking.
    pub you: i64,
}

/// A person acting for a producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub account_id: i64,
    pub display_name: String,
    /// The person who filed the profile: they cannot leave it, and may remove others.
    pub owner: bool,
}

/// A producer's request that the person act for it too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub producer_name: String,
    pub invited_by: String,
}

/// A province or commune in a chooser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub code: String,
    pub name: String,
}

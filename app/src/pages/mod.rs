//! Screens, one file each.

mod account;
mod forgot_password;
mod home;
mod my_products;
mod not_found;
mod notifications;
mod producer;
mod producer_profile;
mod product;
mod reset_password;
mod self_assessment;
mod sign_in;
mod sign_up;
mod staff_admin;
mod staff_dossier;
mod staff_inbox;
mod statistics;
mod verify;

pub use account::AccountPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use my_products::MyProductsPage;
pub use not_found::NotFound;
pub use notifications::NotificationsPage;
pub use producer::ProducerPage;
pub use producer_profile::ProducerProfilePage;
pub use product::ProductPage;
pub use reset_password::ResetPasswordPage;
pub use self_assessment::SelfAssessmentPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
pub use staff_admin::StaffAdminPage;
pub use staff_dossier::StaffDossierPage;
pub use staff_inbox::StaffInboxPage;
pub use statistics::StatisticsPage;
pub use verify::VerifyPage;

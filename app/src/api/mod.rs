//! Server functions, one file each: who is calling, may they, call a port, map the error.

mod act_on_dossier;
mod add_producer_member;
mod appoint_staff;
mod assign_to_round;
mod certify_dossier;
mod create_round;
mod current_account;
mod get_council_sheet;
mod get_dossier;
mod get_my_producer;
mod get_producer;
mod get_product;
mod get_product_record;
mod get_round;
mod get_staff_dossier;
mod get_staff_inbox;
mod get_stamp_sheet;
mod get_statistics;
mod list_communes;
mod list_my_products;
mod list_notifications;
mod list_provinces;
mod list_rounds;
mod list_staff;
mod list_subgroups;
mod open_dossier;
mod register_product;
mod reopen_council_sheet;
mod request_password_reset;
mod reset_password;
mod revoke_certificate;
mod save_commune_review;
mod save_council_sheet;
mod save_producer_profile;
mod save_product_record;
mod save_self_assessment;
mod search_products;
mod seat_in_round;
mod set_staff_active;
mod sign_in;
mod sign_out;
mod sign_up;
mod submit_council_sheet;
mod submit_dossier;
mod verify_stamp;

pub use act_on_dossier::*;
pub use add_producer_member::*;
pub use appoint_staff::*;
pub use assign_to_round::*;
pub use certify_dossier::*;
pub use create_round::*;
pub use current_account::*;
pub use get_council_sheet::*;
pub use get_dossier::*;
pub use get_my_producer::*;
pub use get_producer::*;
pub use get_product::*;
pub use get_product_record::*;
pub use get_round::*;
pub use get_staff_dossier::*;
pub use get_staff_inbox::*;
pub use get_stamp_sheet::*;
pub use get_statistics::*;
pub use list_communes::*;
pub use list_my_products::*;
pub use list_notifications::*;
pub use list_provinces::*;
pub use list_rounds::*;
pub use list_staff::*;
pub use list_subgroups::*;
pub use open_dossier::*;
pub use register_product::*;
pub use reopen_council_sheet::*;
pub use request_password_reset::*;
pub use reset_password::*;
pub use revoke_certificate::*;
pub use save_commune_review::*;
pub use save_council_sheet::*;
pub use save_producer_profile::*;
pub use save_product_record::*;
pub use save_self_assessment::*;
pub use search_products::*;
pub use seat_in_round::*;
pub use set_staff_active::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_up::*;
pub use submit_council_sheet::*;
pub use submit_dossier::*;
pub use verify_stamp::*;

/// Today in Vietnam (UTC+7): decisions cannot be dated after it.
#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

//! Server functions, one file each: who is calling, may they, call a port, map the error.

mod current_account;
mod get_my_producer;
mod get_producer;
mod get_product;
mod get_statistics;
mod list_communes;
mod list_provinces;
mod request_password_reset;
mod reset_password;
mod save_producer_profile;
mod search_products;
mod sign_in;
mod sign_out;
mod sign_up;
mod verify_stamp;

pub use current_account::*;
pub use get_my_producer::*;
pub use get_producer::*;
pub use get_product::*;
pub use get_statistics::*;
pub use list_communes::*;
pub use list_provinces::*;
pub use request_password_reset::*;
pub use reset_password::*;
pub use save_producer_profile::*;
pub use search_products::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_up::*;
pub use verify_stamp::*;

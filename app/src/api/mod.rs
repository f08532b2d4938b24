//! Server functions, one file each: who is calling, may they, call a port, map the error.

mod current_account;
mod get_producer;
mod get_product;
mod get_statistics;
mod request_password_reset;
mod reset_password;
mod search_products;
mod sign_in;
mod sign_out;
mod sign_up;
mod verify_stamp;

pub use current_account::*;
pub use get_producer::*;
pub use get_product::*;
pub use get_statistics::*;
pub use request_password_reset::*;
pub use reset_password::*;
pub use search_products::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_up::*;
pub use verify_stamp::*;

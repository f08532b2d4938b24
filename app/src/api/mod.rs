//! Server functions, one file each: who is calling, may they, call a port, map the error.

mod get_producer;
mod get_product;
mod get_statistics;
mod search_products;
mod verify_stamp;

pub use get_producer::*;
pub use get_product::*;
pub use get_statistics::*;
pub use search_products::*;
pub use verify_stamp::*;
